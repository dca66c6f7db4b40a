#include "writer/front_index.h"

#include <optional>

#include "compression/compressor.h"
#include "format/file_header.h"
#include "format/little_endian.h"
#include "format/record_header.h"

namespace vrsx::writing {

namespace {

// Below this many entries the reference stores a preliminary index raw, and tries raw first.
constexpr size_t kCompressFromEntries = 100;

int PresetLevel(CompressionPreset preset) {
  return compression::GetPresetInfo(preset).level;
}

bool FollowsReference(size_t entries) {
  return entries <= kReferenceLadderMaxEntries;
}

}  // namespace

void SetReferencePreliminarySizes(std::vector<RecordInfo>& entries) {
  uint64_t previous_offset = 0;
  for (RecordInfo& entry : entries) {
    entry.disk_size = uint32_t(entry.offset - previous_offset);  // modulo 2^32, like the reference
    previous_offset = entry.offset;
  }
}

std::vector<uint8_t> BuildFrontIndexReservation(const std::vector<StreamId>& streams,
                                                const index::ClassicIndexWriter& preliminary,
                                                uint32_t previous_record_size) {
  size_t count = preliminary.size();
  if (count < kCompressFromEntries)
    return preliminary.BuildRecord(streams, previous_record_size, std::nullopt);
  if (FollowsReference(count)) {
    return preliminary.BuildRecord(streams, previous_record_size,
                                   PresetLevel(CompressionPreset::kZstdHigh));
  }
  std::vector<uint8_t> record = preliminary.BuildRecord(
      streams, previous_record_size, PresetLevel(CompressionPreset::kZstdMedium));
  // Record sizes are estimates: the real entries may compress a little less well.
  size_t headroom = (record.size() - format::kRecordHeaderSize) / 8;
  record.resize(record.size() + headroom, 0);
  format::StoreU32(record.data(), uint32_t(record.size()));
  return record;
}

std::vector<uint8_t> FitFrontIndex(const std::vector<StreamId>& streams,
                                   const index::ClassicIndexWriter& index,
                                   uint32_t previous_record_size, uint32_t reserved_size) {
  size_t count = index.size();
  std::vector<std::optional<int>> ladder;
  if (FollowsReference(count)) {
    if (count < kCompressFromEntries) ladder.push_back(std::nullopt);
    ladder.push_back(PresetLevel(CompressionPreset::kZstdHigh));
    ladder.push_back(PresetLevel(CompressionPreset::kZstdTight));
  } else {
    ladder.push_back(PresetLevel(CompressionPreset::kZstdMedium));
  }
  for (const std::optional<int>& level : ladder) {
    std::vector<uint8_t> record = index.BuildRecord(streams, previous_record_size, level);
    if (record.size() <= reserved_size) {
      format::StoreU32(record.data(), reserved_size);  // the reservation keeps its size
      return record;
    }
  }
  return {};
}

}  // namespace vrsx::writing
