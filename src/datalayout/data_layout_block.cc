// Reading DataLayout blocks (spec 02 §4.2, §4.4) and the §5.4 table of what a read returns when a
// piece is missing or its data is not in the block.
#include <algorithm>

#include "vrsx/data_layout.h"

namespace vrsx {

namespace {

uint32_t LoadU32(const uint8_t* p) {
  return LoadElement<uint32_t>(p);
}

std::string_view AsText(std::span<const uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace

std::vector<RawMapEntry> DecodeStringMap(std::span<const uint8_t> data, ElementType type) {
  std::map<std::string_view, std::span<const uint8_t>> entries;  // sorted by key bytes
  if (size_t(type) >= kElementTypeCount) return {};
  size_t size = data.size();
  size_t pos = 0;
  // No entry count: entries run to the end; a truncated one ends the map.
  while (size - pos >= 4) {
    size_t key_size = LoadU32(data.data() + pos);
    pos += 4;
    if (key_size > size - pos) break;
    std::string_view key = AsText(data.subspan(pos, key_size));
    pos += key_size;
    size_t value_size = ElementTypeSize(type);
    if (type == ElementType::kString) {
      if (size - pos < 4) break;
      value_size = LoadU32(data.data() + pos);
      pos += 4;
    }
    if (value_size > size - pos) break;
    entries.insert_or_assign(key, data.subspan(pos, value_size));  // the later entry wins
    pos += value_size;
  }
  std::vector<RawMapEntry> out;
  out.reserve(entries.size());
  for (const auto& [key, value] : entries) out.push_back({key, value});
  return out;
}

std::optional<std::vector<std::string_view>> DecodeStringVector(std::span<const uint8_t> data) {
  size_t size = data.size();
  if (size < 4) return std::nullopt;
  uint64_t count = LoadU32(data.data());
  // Each string takes at least its 4-byte length: rejects absurd counts before allocating.
  if ((count + 1) * 4 > size) return std::nullopt;
  std::vector<std::string_view> strings;
  strings.reserve(size_t(count));
  size_t pos = 4;
  for (uint64_t i = 0; i < count; ++i) {
    if (size - pos < 4) return std::nullopt;
    size_t length = LoadU32(data.data() + pos);
    pos += 4;
    if (length > size - pos) return std::nullopt;
    strings.push_back(AsText(data.subspan(pos, length)));
    pos += length;
  }
  return strings;
}

DataLayoutBlock::DataLayoutBlock(const DataLayoutDefinition& layout)
    : layout_(&layout), file_(&layout) {}

DataLayoutBlock::DataLayoutBlock(const LayoutMapping& mapping)
    : layout_(mapping.expected()),
      file_(mapping.file()),
      mapped_(true),
      matches_(mapping.matches()) {}

void DataLayoutBlock::Unbind() {
  data_ = nullptr;
  fixed_available_ = 0;
  index_present_ = false;
  var_data_ = nullptr;
  var_size_ = 0;
  var_available_ = 0;
  block_size_ = 0;
}

Status DataLayoutBlock::Bind(const uint8_t* data, size_t available, size_t* block_size) {
  Unbind();
  if (file_ == nullptr) return Status(ErrorCode::kInvalidArgument, "DataLayout block: no layout");
  if (data == nullptr) available = 0;
  data_ = data;
  size_t fixed_values = file_->fixed_values_size();
  size_t fixed = file_->fixed_size();
  fixed_available_ = std::min(available, fixed_values);
  if (available < fixed) {
    return Status(ErrorCode::kTruncated,
                  "DataLayout block of " + std::to_string(available) +
                      " bytes is shorter than its fixed part (" + std::to_string(fixed) +
                      " bytes: " + std::to_string(fixed_values) + " of values and " +
                      std::to_string(file_->variable_piece_count()) + " var-size index entries)");
  }
  index_present_ = true;
  var_data_ = data + fixed;
  // V is where the last piece's data ends (§4.2): not a sum, and not checked against the others.
  uint64_t var_size = 0;
  if (size_t count = file_->variable_piece_count(); count > 0) {
    const uint8_t* last = data + fixed_values + 8 * (count - 1);
    var_size = uint64_t(LoadU32(last)) + LoadU32(last + 4);
  }
  size_t after = available - fixed;
  var_size_ = size_t(var_size);
  var_available_ = size_t(std::min<uint64_t>(var_size, after));
  block_size_ = fixed + var_size_;
  if (var_size > after) {
    return Status(ErrorCode::kTruncated, "DataLayout block needs " + std::to_string(var_size) +
                                             " bytes of var-size data after its " +
                                             std::to_string(fixed) + "-byte fixed part, only " +
                                             std::to_string(after) + " are left");
  }
  if (block_size != nullptr) *block_size = block_size_;
  return Status::Ok();
}

const PieceDefinition* DataLayoutBlock::FilePiece(size_t index) const {
  if (layout_ == nullptr || index >= layout_->size()) return nullptr;
  if (!mapped_) return &file_->piece(index);
  int32_t match = matches_[index];
  return match < 0 ? nullptr : &file_->piece(size_t(match));
}

std::optional<std::span<const uint8_t>> DataLayoutBlock::FileData(
    const PieceDefinition& piece) const {
  if (piece.is_fixed()) {
    uint64_t end = uint64_t(piece.position) + piece.fixed_size();
    if (end > fixed_available_) return std::nullopt;
    return std::span<const uint8_t>(data_ + piece.position, size_t(piece.fixed_size()));
  }
  if (!index_present_) return std::nullopt;
  const uint8_t* entry = data_ + file_->fixed_values_size() + 8 * size_t(piece.position);
  uint64_t offset = LoadU32(entry);
  uint64_t length = LoadU32(entry + 4);
  // An entry pointing outside the var data makes the piece unavailable, not the block bad.
  if (offset + length > var_available_) return std::nullopt;
  return std::span<const uint8_t>(var_data_ + offset, size_t(length));
}

std::optional<uint32_t> DataLayoutBlock::file_position(size_t index) const {
  const PieceDefinition* piece = FilePiece(index);
  if (piece == nullptr) return std::nullopt;
  return piece->position;
}

bool DataLayoutBlock::available(size_t index) const {
  const PieceDefinition* piece = FilePiece(index);
  if (piece == nullptr) return false;
  std::optional<std::span<const uint8_t>> data = FileData(*piece);
  if (!data) return false;
  if (piece->kind == PieceKind::kVector && piece->type == ElementType::kString) {
    return DecodeStringVector(*data).has_value();
  }
  return true;
}

std::span<const uint8_t> DataLayoutBlock::data(size_t index) const {
  const PieceDefinition* piece = FilePiece(index);
  if (piece == nullptr) return {};
  return FileData(*piece).value_or(std::span<const uint8_t>());
}

bool DataLayoutBlock::Is(size_t index, PieceKind kind, ElementType type) const {
  if (layout_ == nullptr || index >= layout_->size()) return false;
  const PieceDefinition& piece = layout_->piece(index);
  return piece.kind == kind && piece.type == type;
}

const uint8_t* DataLayoutBlock::ValueBytes(size_t index, ElementType type) const {
  if (!Is(index, PieceKind::kValue, type)) return nullptr;
  if (const PieceDefinition* file_piece = FilePiece(index)) {
    if (auto data = FileData(*file_piece)) return data->data();
  }
  return layout_->piece(index).default_bytes.data();  // always one element (Add ensures it)
}

std::span<const uint8_t> DataLayoutBlock::Resolve(size_t index, PieceKind kind,
                                                  ElementType type) const {
  if (!Is(index, kind, type)) return {};
  if (const PieceDefinition* file_piece = FilePiece(index)) {
    if (auto data = FileData(*file_piece)) return *data;
    // Matched but not in the block: fixed pieces read as their default, variable ones as empty.
    if (!IsFixedSize(kind)) return {};
  }
  return layout_->piece(index).default_bytes;
}

std::string DataLayoutBlock::string(size_t index) const {
  std::span<const uint8_t> bytes = Resolve(index, PieceKind::kString, ElementType::kString);
  return std::string(AsText(bytes));
}

std::vector<std::string> DataLayoutBlock::string_vector(size_t index) const {
  if (!Is(index, PieceKind::kVector, ElementType::kString)) return {};
  const PieceDefinition& piece = layout_->piece(index);
  if (const PieceDefinition* file_piece = FilePiece(index)) {
    std::optional<std::span<const uint8_t>> data = FileData(*file_piece);
    if (!data) return {};
    // Malformed content reads as the default (§4.4).
    if (auto strings = DecodeStringVector(*data)) {
      return std::vector<std::string>(strings->begin(), strings->end());
    }
  }
  return piece.default_strings;
}

std::vector<RawMapEntry> DataLayoutBlock::RawStringMap(size_t index, ElementType type) const {
  if (!Is(index, PieceKind::kStringMap, type)) return {};
  if (const PieceDefinition* file_piece = FilePiece(index)) {
    if (auto data = FileData(*file_piece)) return DecodeStringMap(*data, type);
    return {};
  }
  std::vector<RawMapEntry> entries;
  for (const auto& [key, value] : layout_->piece(index).default_map)
    entries.push_back({key, value});
  return entries;
}

}  // namespace vrsx
