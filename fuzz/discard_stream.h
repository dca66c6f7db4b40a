// An output stream that formats everything and keeps nothing: the fuzz targets run the printing
// code in full without paying for the text.
#pragma once

#include <ostream>
#include <streambuf>

namespace vrsx::fuzz {

class DiscardBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char_type*, std::streamsize count) override { return count; }
};

class DiscardStream : public std::ostream {
 public:
  DiscardStream() : std::ostream(&buffer_) {}

 private:
  DiscardBuffer buffer_;
};

}  // namespace vrsx::fuzz
