// The native module `vrsx._vrsx`; the package vrsx/ re-exports it with pyvrs's names.
#include <pybind11/pybind11.h>

#include "py_checksum.h"
#include "py_reader.h"
#include "py_writer.h"

namespace py = pybind11;

PYBIND11_MODULE(_vrsx, m) {
  m.doc() = "vrsx: read and write VRS files";
  // Library errors that are neither a missing file nor a bad argument (corrupt files, I/O).
  py::object vrs_error = py::reinterpret_steal<py::object>(
      PyErr_NewException("vrsx.VrsError", PyExc_OSError, nullptr));
  m.attr("VrsError") = vrs_error;
  m.attr("StreamNotFoundError") = py::reinterpret_steal<py::object>(
      PyErr_NewException("vrsx.StreamNotFoundError", PyExc_ValueError, nullptr));
  m.attr("TimestampNotFoundError") = py::reinterpret_steal<py::object>(
      PyErr_NewException("vrsx.TimestampNotFoundError", PyExc_ValueError, nullptr));
  vrsx::python::RegisterReader(m);
  vrsx::python::RegisterWriter(m);
  vrsx::python::RegisterFunctions(m);
}
