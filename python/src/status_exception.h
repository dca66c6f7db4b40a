// Library errors as Python exceptions carrying the library's message.
#pragma once

#include <string>

#include "vrsx/status.h"

namespace vrsx::python {

// Raises (as a C++ exception pybind11 translates) when `status` is not ok: the OSError subclass
// of the errno when the OS refused something (FileNotFoundError, PermissionError...),
// FileNotFoundError for a missing file, ValueError for bad arguments, vrsx.VrsError (an OSError)
// otherwise (corrupt or unsupported files).
void ThrowIfError(const Status& status);
// Raises ValueError / TypeError / KeyError with `message`.
[[noreturn]] void ThrowValueError(const std::string& message);
[[noreturn]] void ThrowTypeError(const std::string& message);
[[noreturn]] void ThrowKeyError(const std::string& message);

}  // namespace vrsx::python
