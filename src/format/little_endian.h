// Field-by-field little-endian encoding of on-disk structures, with bounds checks on reads.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace vrsx::format {

inline uint16_t LoadU16(const uint8_t* p) {
  return uint16_t(p[0] | (p[1] << 8));
}
inline uint32_t LoadU32(const uint8_t* p) {
  return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}
inline uint64_t LoadU64(const uint8_t* p) {
  return uint64_t(LoadU32(p)) | (uint64_t(LoadU32(p + 4)) << 32);
}
inline double LoadF64(const uint8_t* p) {
  uint64_t bits = LoadU64(p);
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

inline void StoreU16(uint8_t* p, uint16_t v) {
  p[0] = uint8_t(v);
  p[1] = uint8_t(v >> 8);
}
inline void StoreU32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = uint8_t(v >> (8 * i));
}
inline void StoreU64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = uint8_t(v >> (8 * i));
}
inline void StoreF64(uint8_t* p, double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  StoreU64(p, bits);
}

// Reads fields in sequence from a buffer; any read past the end sets failed() and yields zeros.
class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  bool failed() const { return failed_; }
  size_t position() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }

  uint8_t U8() { return Has(1) ? data_[pos_++] : 0; }
  uint16_t U16() { return Take(2) ? LoadU16(data_ + pos_ - 2) : 0; }
  uint32_t U32() { return Take(4) ? LoadU32(data_ + pos_ - 4) : 0; }
  int32_t I32() { return int32_t(U32()); }
  uint64_t U64() { return Take(8) ? LoadU64(data_ + pos_ - 8) : 0; }
  double F64() { return Take(8) ? LoadF64(data_ + pos_ - 8) : 0.0; }
  // A u32 length then that many bytes; the length is checked against what is left.
  std::string String() {
    uint32_t length = U32();
    if (failed_ || length > remaining()) {
      failed_ = true;
      return {};
    }
    std::string text(reinterpret_cast<const char*>(data_ + pos_), length);
    pos_ += length;
    return text;
  }

 private:
  bool Has(size_t n) {
    if (failed_ || n > size_ - pos_) failed_ = true;
    return !failed_;
  }
  bool Take(size_t n) {
    if (!Has(n)) return false;
    pos_ += n;
    return true;
  }

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  bool failed_ = false;
};

// Appends fields to a growing buffer.
class ByteWriter {
 public:
  explicit ByteWriter(std::vector<uint8_t>& out) : out_(out) {}
  void U8(uint8_t v) { out_.push_back(v); }
  void U16(uint16_t v) { Little(v, 2); }
  void U32(uint32_t v) { Little(v, 4); }
  void I32(int32_t v) { U32(uint32_t(v)); }
  void U64(uint64_t v) { Little(v, 8); }
  void F64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    U64(bits);
  }
  void Bytes(std::string_view bytes) { out_.insert(out_.end(), bytes.begin(), bytes.end()); }
  void String(std::string_view text) {
    U32(uint32_t(text.size()));
    Bytes(text);
  }

 private:
  void Little(uint64_t v, int size) {
    for (int i = 0; i < size; ++i) out_.push_back(uint8_t(v >> (8 * i)));
  }
  std::vector<uint8_t>& out_;
};

}  // namespace vrsx::format
