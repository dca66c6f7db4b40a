// Module functions: records_checksum, verbatim_checksum, recordable_type_id_name,
// extract_audio_track.
#pragma once

#include <pybind11/pybind11.h>

namespace vrsx::python {

void RegisterFunctions(pybind11::module_& module);

}  // namespace vrsx::python
