#include "writer/stream_tags_builder.h"

#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <set>
#include <thread>
#include <utility>

#include "format/record_header.h"
#include "vrsx/record_format.h"

namespace vrsx::writing {

namespace {

Status Invalid(const std::string& what) {
  return {ErrorCode::kInvalidArgument, what};
}

uint64_t RandomBits() {
  thread_local std::mt19937_64 engine = [] {
    std::random_device device;
    std::seed_seq seed{
        uint64_t(device()), uint64_t(device()),
        uint64_t(std::chrono::high_resolution_clock::now().time_since_epoch().count()),
        uint64_t(std::hash<std::thread::id>()(std::this_thread::get_id()))};
    return std::mt19937_64(seed);
  }();
  return engine();
}

bool IsRecordableClass(uint16_t type_id) {
  return type_id >= 200 && type_id <= 999;
}

// Adds the RF:/DL: tags of one record format (spec 02 §10 items 1 and 2).
Status AddRecordFormatTags(const StreamRecordFormat& definition, TagMap& vrs) {
  RecordFormat format = definition.format;
  std::vector<ContentBlock> blocks = format.blocks();
  std::string where = std::string(RecordTypeName(definition.type)) + " v" +
                      std::to_string(definition.format_version) + " record format: ";
  for (const auto& [index, layout] : definition.layouts) {
    if (index >= blocks.size()) {
      return Invalid(where + "layout for block " + std::to_string(index) + ", which is not there");
    }
  }
  for (size_t i = 0; i < blocks.size(); ++i) {
    ContentBlock& block = blocks[i];
    auto layout = definition.layouts.find(i);
    if (block.type != ContentType::kDataLayout) {
      if (layout != definition.layouts.end()) {
        return Invalid(where + "layout for block " + std::to_string(i) + ", a " +
                       ContentTypeName(block.type) + " block");
      }
      continue;
    }
    if (layout == definition.layouts.end()) {
      return Invalid(where + "data_layout block " + std::to_string(i) + " has no layout");
    }
    // `/size=F` iff the layout has no variable-size piece.
    std::optional<size_t> size;
    if (layout->second.variable_piece_count() == 0) size = layout->second.fixed_size();
    if (block.size.has_value() && block.size != size) {
      return Invalid(where + "block " + std::to_string(i) + " claims /size=" +
                     std::to_string(*block.size) + ", its layout says otherwise");
    }
    block.size = size;
    vrs[DataLayoutTagName(definition.type, definition.format_version, i)] = layout->second.ToJson();
  }
  vrs[RecordFormatTagName(definition.type, definition.format_version)] =
      RecordFormat(std::move(blocks)).Text();
  return Status::Ok();
}

}  // namespace

Status BuildStreamTags(const StreamDefinition& definition, StreamTags& tags) {
  uint16_t type_id = definition.type_id;
  if (type_id == 0xffff || type_id == format::kIndexTypeId ||
      type_id == format::kDescriptionTypeId) {
    return Invalid("stream type id " + std::to_string(type_id) + " is reserved");
  }
  bool copied = definition.copied_vrs_tags.has_value();
  if (IsRecordableClass(type_id) && definition.flavor.empty() && !copied) {
    return Invalid("stream type id " + std::to_string(type_id) +
                   " is a Recordable Class id: it needs a flavor");
  }
  tags = {};
  tags.user = definition.user_tags;
  if (copied) {
    tags.vrs = *definition.copied_vrs_tags;
  } else {
    tags.vrs[kTagOriginalName] = RecordableTypeName(type_id);
    tags.vrs[kTagSerialNumber] = RandomUuid();
  }
  if (!definition.flavor.empty()) tags.vrs[kTagFlavor] = definition.flavor;

  std::set<std::pair<RecordType, uint32_t>> declared;
  for (const StreamRecordFormat& format : definition.record_formats) {
    if (format.type != RecordType::kState && format.type != RecordType::kConfiguration &&
        format.type != RecordType::kData) {
      return Invalid(std::string("record formats are for State, Configuration and Data records, "
                                 "not ") +
                     RecordTypeName(format.type));
    }
    if (!declared.insert({format.type, format.format_version}).second) {
      return Invalid(std::string(RecordTypeName(format.type)) + " v" +
                     std::to_string(format.format_version) + " record format declared twice");
    }
    if (Status status = AddRecordFormatTags(format, tags.vrs); !status.ok()) return status;
  }
  return Status::Ok();
}

std::string RandomUuid() {
  uint64_t high = RandomBits();
  uint64_t low = RandomBits();
  high = (high & ~uint64_t(0xf000)) | 0x4000;                  // version 4
  low = (low & ~(uint64_t(0xc) << 60)) | (uint64_t(8) << 60);  // variant 10xx
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", unsigned(high >> 32),
                unsigned((high >> 16) & 0xffff), unsigned(high & 0xffff), unsigned(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

uint64_t NewCreationId() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  uint64_t nanoseconds =
      uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
  constexpr uint64_t kRandomMask = (uint64_t(1) << 30) - 1;
  return (nanoseconds & ~kRandomMask) | (RandomBits() & kRandomMask);
}

}  // namespace vrsx::writing
