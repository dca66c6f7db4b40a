// Fuzz target: a whole VRS file held in memory. Opens it, reads and decodes every record through
// the public API, then runs the CLI's printing commands on it (print, print-details, print-json or
// print-json-pretty, record-formats, list, check or checksums, and the overview) into a discard
// sink.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "discard_stream.h"
#include "tools/commands/cli_options.h"
#include "tools/commands/commands.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"

namespace {

// Every record through the public API: header details, payload, decoded content blocks.
void WalkRecords(const vrsx::Reader& reader) {
  vrsx::StreamFormats formats(reader);
  vrsx::RecordContentDecoder decoder(formats);
  vrsx::RecordContent content;
  std::vector<uint8_t> payload;
  for (size_t pos = 0; pos < reader.index().size(); ++pos) {
    vrsx::RecordDetails details;
    reader.ReadRecordDetails(pos, details);
    if (!decoder.ReadAndDecode(reader, pos, payload, content).ok()) continue;
    for (const vrsx::DecodedBlock& block : content.blocks) {
      block.Text();
      block.complete();
    }
    reader.NextInStream(pos);
    reader.PreviousInStream(pos);
  }
  for (vrsx::StreamId stream : reader.streams()) {
    reader.EstimatedFrameRate(stream);
    reader.NearestRecord(0.0, stream);
    reader.FirstRecordAtOrAfter(0.0, stream);
  }
}

// One print style per input (chosen by its size, so mutations visit all four): printing a file
// four times would make every run four times slower for little more coverage.
void RunPrintingCommands(const vrsx::Reader& reader, size_t input_size) {
  using vrsx::cli::PrintStyle;
  static constexpr PrintStyle kStyles[] = {PrintStyle::kCompact, PrintStyle::kDetailed,
                                           PrintStyle::kJson, PrintStyle::kJsonPretty};
  vrsx::fuzz::DiscardStream out;
  vrsx::fuzz::DiscardStream err;
  vrsx::cli::Console console{out, err};
  vrsx::cli::CliOptions options;
  vrsx::cli::RunDetails(reader, options, console);
  vrsx::cli::RunJsonDescription(reader, options, /*pretty=*/false, console);
  vrsx::cli::RunList(reader, options, console);
  vrsx::cli::RunRecordFormats(reader, options, console);
  vrsx::cli::RunPrint(reader, options, kStyles[input_size % 4], console);
  if (input_size % 4 == 0) {
    vrsx::cli::RunCheck(reader, options, console);
  } else if (input_size % 4 == 1) {
    vrsx::cli::RunChecksum(reader, options, /*details=*/true, console);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vrsx::Reader reader;
  if (!reader.OpenMemory(data, size, "fuzz.vrs").ok()) return 0;
  WalkRecords(reader);
  RunPrintingCommands(reader, size);
  return 0;
}
