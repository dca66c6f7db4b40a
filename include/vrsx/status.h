// Outcome of an operation that can fail on bad input or I/O: never an exception.
#pragma once

#include <string>
#include <utility>

namespace vrsx {

enum class ErrorCode {
  kOk = 0,
  kNotFound,            // a file or chunk that does not exist
  kIoError,             // the OS refused a read or write
  kNotVrsFile,          // bad magic numbers or header sizes
  kUnsupportedVersion,  // a file format version newer than we know
  kCorrupt,             // a structure whose fields contradict each other or the file
  kTruncated,           // a structure that runs past the end of the file
  kUnsupported,         // a valid feature we do not implement (unknown compression...)
  kInvalidArgument,     // the caller asked for something that does not exist
  kTooLarge,            // a size beyond the reader's limits (decompression bombs...)
};

class Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  // A failed OS call: `os_error` is its errno.
  Status(ErrorCode code, std::string message, int os_error)
      : code_(code), message_(std::move(message)), os_error_(os_error) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  // Says what is wrong and where (file, offset, record), ready to show to a person.
  const std::string& message() const { return message_; }
  // The errno of the OS call that failed (ENOSPC, EFBIG...), or 0 when the OS did not refuse
  // anything (bad input, misuse).
  int os_error() const { return os_error_; }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  int os_error_ = 0;
};

}  // namespace vrsx
