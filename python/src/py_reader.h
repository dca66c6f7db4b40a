// pybind11 registration of the native reader (`_vrsx.NativeReader`) and `VRSRecord`.
#pragma once

#include <pybind11/pybind11.h>

namespace vrsx::python {

void RegisterReader(pybind11::module_& module);

}  // namespace vrsx::python
