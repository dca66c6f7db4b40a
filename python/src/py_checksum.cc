#include "py_checksum.h"

#include <pybind11/stl.h>

#include <string>

#include "status_exception.h"
#include "vrsx/checksum.h"
#include "vrsx/reader.h"
#include "vrsx/stream_id.h"

namespace py = pybind11;

namespace vrsx::python {

namespace {

std::string RecordsChecksumOf(const std::string& path, bool /*show_progress*/) {
  ChecksumResult result;
  Status status;
  {
    py::gil_scoped_release release;
    Reader reader;
    status = reader.Open(path);
    if (status.ok()) status = RecordsChecksum(reader, nullptr, result);
  }
  ThrowIfError(status);
  return result.checksum;
}

std::string VerbatimChecksumOf(const std::string& path, bool /*show_progress*/) {
  std::string sum;
  Status status;
  {
    py::gil_scoped_release release;
    status = VerbatimChecksum(path, sum);
  }
  ThrowIfError(status);
  return sum;
}

}  // namespace

void RegisterFunctions(py::module_& m) {
  m.def("records_checksum", &RecordsChecksumOf, py::arg("path"), py::arg("show_progress") = false,
        "Checksum of a file's records (what `vrsx checksum` prints): 16 hex digits.");
  m.def("verbatim_checksum", &VerbatimChecksumOf, py::arg("path"), py::arg("show_progress") = false,
        "Checksum of a file's bytes, chunks included.");
  m.def("recordable_type_id_name", [](int type_id) {
    if (type_id < 0 || type_id > 0xffff) ThrowValueError("a recordable type id is 0..65535");
    return RecordableTypeName(uint16_t(type_id));
  });
  m.def(
      "extract_audio_track",
      [](const std::string& /*path*/, const std::string& /*wav_path*/) -> py::object {
        PyErr_SetString(PyExc_NotImplementedError,
                        "extract_audio_track is not yet supported by vrsx (audio extraction "
                        "is being added to the library)");
        throw py::error_already_set();
      },
      py::arg("path"), py::arg("wav_path"));
}

}  // namespace vrsx::python
