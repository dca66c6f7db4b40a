// The parts of record content decoding that read from a Reader.
#include <string>

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

Status RecordContentDecoder::ReadAndDecode(const Reader& reader, size_t pos,
                                           std::vector<uint8_t>& payload, RecordContent& out) {
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
