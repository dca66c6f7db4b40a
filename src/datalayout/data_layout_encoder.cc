// Building DataLayout blocks for writers (spec 02 §4.4, §10.3), laid out exactly as the reference
// writes them so that files can be compared byte for byte.
#include <algorithm>
#include <cstring>

#include "vrsx/data_layout.h"

namespace vrsx {

DataLayoutEncoder::DataLayoutEncoder(const DataLayoutDefinition& layout)
    : layout_(&layout),
      fixed_(layout.fixed_values_size()),
      var_data_(layout.variable_piece_count()) {
  Clear();
}

void DataLayoutEncoder::AppendU32(std::vector<uint8_t>& out, size_t value) {
  uint8_t bytes[4];
  StoreElement(uint32_t(value), bytes);
  out.insert(out.end(), bytes, bytes + 4);
}

void DataLayoutEncoder::Clear() {
  // Defaults are not initial values (§5.4): fixed values start as zero bytes.
  std::fill(fixed_.begin(), fixed_.end(), 0);
  for (size_t k = 0; k < var_data_.size(); ++k) {
    var_data_[k].clear();
    // An empty Vector<string> is still its 4-byte count.
    const PieceDefinition& piece = layout_->piece(layout_->variable_piece(k));
    if (piece.kind == PieceKind::kVector && piece.type == ElementType::kString) {
      AppendU32(var_data_[k], 0);
    }
  }
}

Status DataLayoutEncoder::SetBytes(size_t index, PieceKind kind, ElementType type,
                                   const uint8_t* bytes, size_t size) {
  if (index >= layout_->size()) {
    return Status(ErrorCode::kInvalidArgument,
                  "DataLayout encoder: no piece #" + std::to_string(index));
  }
  const PieceDefinition& piece = layout_->piece(index);
  if (piece.kind != kind || piece.type != type) {
    return Status(ErrorCode::kInvalidArgument, "DataLayout encoder: \"" + piece.label + "\" is a " +
                                                   ShortPieceTypeName(piece.kind, piece.type) +
                                                   ", not a " + ShortPieceTypeName(kind, type));
  }
  if (piece.is_fixed()) {
    // Arrays take at most their count of elements; missing ones are zeros.
    size_t room = size_t(piece.fixed_size());
    uint8_t* at = fixed_.data() + piece.position;
    size_t n = std::min(room, size);
    if (n > 0) std::memcpy(at, bytes, n);
    std::fill(at + n, at + room, 0);
  } else {
    var_data_[piece.position].assign(bytes, bytes + size);
  }
  return Status::Ok();
}

Status DataLayoutEncoder::SetString(size_t index, std::string_view value) {
  return SetBytes(index, PieceKind::kString, ElementType::kString,
                  reinterpret_cast<const uint8_t*>(value.data()), value.size());
}

Status DataLayoutEncoder::SetStringVector(size_t index, const std::vector<std::string>& values) {
  std::vector<uint8_t> bytes;
  AppendU32(bytes, values.size());
  for (const std::string& value : values) {
    AppendU32(bytes, value.size());
    bytes.insert(bytes.end(), value.begin(), value.end());
  }
  return SetBytes(index, PieceKind::kVector, ElementType::kString, bytes.data(), bytes.size());
}

Status DataLayoutEncoder::SetData(size_t index, std::span<const uint8_t> data) {
  if (index >= layout_->size()) {
    return Status(ErrorCode::kInvalidArgument,
                  "DataLayout encoder: no piece #" + std::to_string(index));
  }
  const PieceDefinition& piece = layout_->piece(index);
  if (piece.is_fixed() && data.size() != piece.fixed_size()) {
    return Status(ErrorCode::kInvalidArgument, "DataLayout encoder: \"" + piece.label +
                                                   "\" takes " +
                                                   std::to_string(piece.fixed_size()) +
                                                   " bytes, not " + std::to_string(data.size()));
  }
  return SetBytes(index, piece.kind, piece.type, data.data(), data.size());
}

void DataLayoutEncoder::EncodeTo(std::vector<uint8_t>& out) const {
  size_t var_size = 0;
  for (const std::vector<uint8_t>& data : var_data_) var_size += data.size();
  out.reserve(out.size() + layout_->fixed_size() + var_size);
  out.insert(out.end(), fixed_.begin(), fixed_.end());
  // Index entries contiguous from 0, in piece order (§4.2).
  size_t offset = 0;
  for (const std::vector<uint8_t>& data : var_data_) {
    AppendU32(out, offset);
    AppendU32(out, data.size());
    offset += data.size();
  }
  for (const std::vector<uint8_t>& data : var_data_)
    out.insert(out.end(), data.begin(), data.end());
}

std::vector<uint8_t> DataLayoutEncoder::Encode() const {
  std::vector<uint8_t> out;
  EncodeTo(out);
  return out;
}

}  // namespace vrsx
