// The parts of record content decoding that read from a Reader.
#include <optional>
#include <string>
#include <vector>

#include "vrsx/reader.h"
#include "vrsx/record_content.h"

namespace vrsx {

StreamFormats::StreamFormats(const Reader& reader) {
  for (StreamId stream : reader.streams()) AddStream(stream, reader.stream_tags(stream).vrs);
}

void RecordContentDecoder::Decode(const Reader& reader, size_t pos, const RecordDetails& details,
                                  std::span<const uint8_t> payload, RecordContent& out) {
  if (pos >= reader.index().size()) {
    out.Clear();
    out.end = ContentEnd::kReadFailed;
    out.message = "no record #";
    out.message += std::to_string(pos);
    out.message += " in the index (";
    out.message += std::to_string(reader.index().size());
    out.message += " records)";
    return;
  }
  Decode(reader.index()[pos], details, payload, out, pos);
}

void RecordContentDecoder::ReadLatestConfiguration(const Reader& reader, size_t pos) {
  const RecordInfo& record = reader.index()[pos];
  if (record.type == RecordType::kConfiguration) return;
  std::optional<size_t> latest = reader.PreviousInStream(pos, RecordType::kConfiguration);
  const Configuration* held = configuration(record.stream);
  if (!latest) {
    if (held != nullptr) ForgetStream(record.stream);  // one from after pos: not this record's
    return;
  }
  if (held != nullptr && held->index_position == *latest) return;
  std::vector<uint8_t> payload;
  RecordContent content;
  RecordDetails details;
  // A configuration that can't be read leaves the record to decode as it can without it.
  if (reader.ReadRecord(*latest, payload, &details).ok()) {
    Decode(reader, *latest, details, payload, content);
  } else {
    ForgetStream(record.stream);
  }
}

Status RecordContentDecoder::ReadAndDecode(const Reader& reader, size_t pos,
                                           std::vector<uint8_t>& payload, RecordContent& out) {
  if (auto_read_configuration_ && pos < reader.index().size()) ReadLatestConfiguration(reader, pos);
  RecordDetails details;
  Status status = reader.ReadRecord(pos, payload, &details);
  if (!status.ok()) {
    out.Clear();
    out.end = ContentEnd::kReadFailed;
    out.message = status.message();
    return status;
  }
  Decode(reader, pos, details, payload, out);
  return Status::Ok();
}

}  // namespace vrsx
