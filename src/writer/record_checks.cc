// Writer misuse caught when a stream or a record is added, not when the file is read.
#include "writer/record_checks.h"

#include <cstdio>
#include <set>
#include <string_view>

#include "vrsx/conventions.h"
#include "vrsx/record_content.h"

namespace vrsx::writing {

namespace {

Status Invalid(const std::string& what) {
  return {ErrorCode::kInvalidArgument, what};
}

std::string FormatName(RecordType type, uint32_t version) {
  return std::string(RecordTypeName(type)) + " v" + std::to_string(version);
}

// The layouts of the data_layout blocks before block `end`, nearest first.
std::vector<const DataLayoutDefinition*> LayoutsBefore(const StreamRecordFormat& format,
                                                       size_t end) {
  std::vector<const DataLayoutDefinition*> layouts;
  for (size_t i = end; i-- > 0;) {
    auto found = format.layouts.find(i);
    if (format.format.blocks()[i].type == ContentType::kDataLayout &&
        found != format.layouts.end()) {
      layouts.push_back(&found->second);
    }
  }
  return layouts;
}

// A layout whose fields can complete an image block of this base format (spec 02 §6.3). Field
// presence is all a definition tells; the values are the producer's business.
bool CanCompleteImage(const DataLayoutDefinition& layout, ImageFormat base) {
  ConventionFields f = ConventionFields::Locate(layout);
  bool minimal_raw =
      f.image_width && f.image_height &&
      (f.image_pixel_format || f.image_bytes_per_pixel || f.image_bytes_per_pixel_u8);
  return minimal_raw || (base == ImageFormat::kCustomCodec && f.image_codec_name);
}

bool CanCompleteAudio(const DataLayoutDefinition& layout) {
  ConventionFields f = ConventionFields::Locate(layout);
  return f.audio_sample_format && f.audio_channel_count && f.audio_sample_rate;
}

// Block `i` is an image or audio block that its record's own layouts leave incomplete: only a
// Configuration record can complete it (§6.4 step 3, §6.5 step 1).
bool NeedsConfiguration(const StreamRecordFormat& format, size_t i) {
  const ContentBlock& block = format.format.blocks()[i];
  if (block.type == ContentType::kImage) {
    ImageFormat base = block.image.format;
    if (base != ImageFormat::kRaw && base != ImageFormat::kVideo &&
        base != ImageFormat::kCustomCodec) {
      return false;
    }
    if (base == ImageFormat::kRaw && block.StaticSize()) return false;
    for (const DataLayoutDefinition* layout : LayoutsBefore(format, i)) {
      if (CanCompleteImage(*layout, base)) return false;
    }
    return true;
  }
  if (block.type == ContentType::kAudio) {
    const AudioSpec& audio = block.audio;
    if (audio.format == AudioFormat::kPcm && audio.sample_format != AudioSampleFormat::kUndefined &&
        audio.channels != 0) {
      return false;
    }
    // Only the nearest data_layout block counts.
    std::vector<const DataLayoutDefinition*> layouts = LayoutsBefore(format, i);
    return layouts.empty() || !CanCompleteAudio(*layouts.front());
  }
  return false;
}

}  // namespace

Status RecordChecks::Prepare(const StreamDefinition& definition) {
  flavor_ = definition.flavor;
  formats_.clear();
  std::string stream = "stream " + std::to_string(definition.type_id) +
                       (flavor_.empty() ? std::string() : " \"" + flavor_ + "\"");
  for (const StreamRecordFormat& format : definition.record_formats) {
    std::string where =
        stream + ", " + FormatName(format.type, format.format_version) + " record format, block ";
    for (const auto& [index, layout] : format.layouts) {
      if (Status status = conventions::CheckConventionFields(layout); !status.ok()) {
        return Invalid(where + std::to_string(index) + ": " + status.message());
      }
      std::set<std::string_view> labels;
      for (const PieceDefinition& piece : layout.pieces()) {
        if (!labels.insert(piece.label).second) {
          return Invalid(where + std::to_string(index) + ": two DataLayout fields are labelled \"" +
                         piece.label + "\"");
        }
      }
    }
    bool needs = false;
    if (format.type != RecordType::kConfiguration) {
      for (size_t i = 0; i < format.format.blocks().size() && !needs; ++i) {
        needs = NeedsConfiguration(format, i);
      }
    }
    formats_.push_back({format.type, format.format_version, needs});
  }
  // A format that needs a configuration, and no Configuration format to give it one: no record
  // of that format could ever be read.
  bool configurable = false;
  for (const Format& f : formats_) configurable |= f.type == RecordType::kConfiguration;
  for (const Format& f : formats_) {
    if (f.needs_configuration && !configurable) {
      return Invalid(stream + ", " + FormatName(f.type, f.version) +
                     " record format: its image or audio block gets its format from the "
                     "stream's configuration, and the stream declares no Configuration record "
                     "format (spec 02 §6.4, §6.5)");
    }
  }
  return Status::Ok();
}

std::string RecordChecks::What(StreamId stream, const RecordSpec& record) const {
  char time[48];
  std::snprintf(time, sizeof time, "%.6f", record.timestamp);
  return "stream " + stream.NumericName() + (flavor_.empty() ? "" : " \"" + flavor_ + "\"") + ": " +
         FormatName(record.type, record.format_version) + " record at " + time;
}

Status RecordChecks::Check(StreamId stream, const RecordSpec& record) const {
  const Format* format = nullptr;
  bool type_declared = false;
  for (const Format& f : formats_) {
    type_declared |= f.type == record.type;
    if (f.type == record.type && f.version == record.format_version) format = &f;
  }
  if (!type_declared) return Status::Ok();
  if (format == nullptr) {
    std::string declared;
    for (const Format& f : formats_) {
      if (f.type != record.type) continue;
      declared += (declared.empty() ? "v" : ", v") + std::to_string(f.version);
    }
    return Invalid(What(stream, record) + ": unknown format version (the stream declares " +
                   RecordTypeName(record.type) + " " + declared + ")");
  }
  if (format->needs_configuration &&
      record.timestamp < earliest_configuration_.load(std::memory_order_relaxed)) {
    return Invalid(What(stream, record) +
                   ": no Configuration record at or before it, and its image or audio block "
                   "gets its format from the stream's configuration (spec 02 §6.4, §6.5)");
  }
  return Status::Ok();
}

void RecordChecks::Accepted(const RecordSpec& record) {
  if (record.type != RecordType::kConfiguration) return;
  double seen = earliest_configuration_.load(std::memory_order_relaxed);
  while (record.timestamp < seen && !earliest_configuration_.compare_exchange_weak(
                                        seen, record.timestamp, std::memory_order_relaxed)) {
  }
}

}  // namespace vrsx::writing
