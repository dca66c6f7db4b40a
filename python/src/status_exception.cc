#include "status_exception.h"

#include <pybind11/pybind11.h>

namespace py = pybind11;

namespace vrsx::python {

namespace {

[[noreturn]] void Raise(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

PyObject* VrsErrorType() {
  py::object module = py::module_::import("vrsx._vrsx");
  return module.attr("VrsError").ptr();
}

}  // namespace

void ThrowIfError(const Status& status) {
  if (status.ok()) return;
  if (status.os_error() != 0) {
    // OSError(errno, message) is FileNotFoundError, PermissionError... after the errno.
    py::object error = py::handle(PyExc_OSError)(status.os_error(), status.message());
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
    throw py::error_already_set();
  }
  switch (status.code()) {
    case ErrorCode::kNotFound:
      Raise(PyExc_FileNotFoundError, status.message());
    case ErrorCode::kInvalidArgument:
      Raise(PyExc_ValueError, status.message());
    default:
      Raise(VrsErrorType(), status.message());
  }
}

void ThrowValueError(const std::string& message) {
  Raise(PyExc_ValueError, message);
}
void ThrowTypeError(const std::string& message) {
  Raise(PyExc_TypeError, message);
}
void ThrowKeyError(const std::string& message) {
  Raise(PyExc_KeyError, message);
}

}  // namespace vrsx::python
