// pybind11 registration of `vrsx.Writer`.
#pragma once

#include <pybind11/pybind11.h>

namespace vrsx::python {

void RegisterWriter(pybind11::module_& module);

}  // namespace vrsx::python
