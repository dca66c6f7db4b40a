// Commands that show record contents (spec 03 §4.4-§4.6): print, print-details, print-json,
// print-json-pretty, record-formats and rage.
//
// Records are decoded with their stream's RecordFormat and DataLayout definitions. Pre-roll
// records are decoded silently, only to give later records their configuration. A record whose
// content cannot be decoded completely prints what could be read, then one error on stderr naming
// the stream, the record's index position and what is wrong; the next records print as usual. A
// record that cannot even be read prints nothing on stdout: it is reported on stderr and skipped.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tools/commands/cli_filter.h"
#include "tools/commands/commands.h"
#include "tools/rendering/human_format.h"
#include "tools/rendering/json_out.h"
#include "tools/rendering/layout_printer.h"
#include "tools/rendering/overview.h"
#include "vrsx/record_content.h"

namespace vrsx::cli {

namespace {

// The terminal's width when `out` is the process's stdout on a terminal (40 to 1000 columns),
// else the reference's default.
size_t PrintWidth(const std::ostream& out) {
  if (out.rdbuf() != std::cout.rdbuf() || isatty(STDOUT_FILENO) != 1) return kDefaultPrintWidth;
  struct winsize size = {};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) return kDefaultPrintWidth;
  if (size.ws_col < 40 || size.ws_col > 1000) return kDefaultPrintWidth;
  return size.ws_col;
}

// The endings of a decoding that stopped at a block: that block is the last one decoded.
bool StoppedAtLastBlock(ContentEnd end) {
  switch (end) {
    case ContentEnd::kMissingDataLayout:
    case ContentEnd::kDataLayoutTruncated:
    case ContentEnd::kSizeUnknown:
    case ContentEnd::kImageTooLarge:
    case ContentEnd::kBlockTooLarge:
      return true;
    case ContentEnd::kComplete:
    case ContentEnd::kBytesLeft:
    case ContentEnd::kNoRecordFormat:
    case ContentEnd::kReadFailed:
      break;
  }
  return false;
}

// Blocks that print nothing in any style: empty ones, and a layout that could not be bound to
// its bytes.
bool ShowsNothing(const DecodedBlock& block, bool stopped) {
  switch (block.kind) {
    case BlockKind::kEmpty:
      return true;
    case BlockKind::kDataLayout:
      return stopped;
    case BlockKind::kImage:
    case BlockKind::kAudio:
    case BlockKind::kCustom:
    case BlockKind::kUnsupported:
      break;
  }
  return false;
}

const char* JsonBlockKey(BlockKind kind) {
  switch (kind) {
    case BlockKind::kImage:
      return "image";
    case BlockKind::kAudio:
      return "audio";
    case BlockKind::kCustom:
      return "custom";
    case BlockKind::kEmpty:
    case BlockKind::kDataLayout:
    case BlockKind::kUnsupported:
      break;
  }
  return "unsupported";
}

uint32_t LoadU32(const uint8_t* bytes) {
  return uint32_t(bytes[0]) | (uint32_t(bytes[1]) << 8) | (uint32_t(bytes[2]) << 16) |
         (uint32_t(bytes[3]) << 24);
}

// Why a piece of a completely bound DataLayout block is not available.
std::string UnavailableReason(const DecodedBlock& block, const PieceDefinition& piece) {
  if (piece.is_fixed()) return "is outside the block";
  const DataLayoutDefinition& layout = *block.layout.file_layout();
  size_t at = layout.fixed_values_size() + 8 * size_t(piece.position);
  std::string reason = "has var-size index entry " + std::to_string(piece.position);
  if (at + 8 > block.data.size()) return reason + " outside the block";
  uint64_t offset = LoadU32(block.data.data() + at);
  uint64_t length = LoadU32(block.data.data() + at + 4);
  size_t var_size = block.layout.variable_size();
  reason += " (offset " + std::to_string(offset) + ", length " + std::to_string(length) + ")";
  if (offset + length > var_size) {
    return reason + " pointing outside the " + std::to_string(var_size) + " bytes of var-size data";
  }
  return reason + " holding malformed data";
}

// What a definition's tags hold that its reading ignores (spec 02 §2.1, §5.2): content types and
// pixel formats with unknown names, DataLayout pieces of unknown types. Empty when nothing.
std::vector<std::string> DefinitionProblems(const RecordFormatDefinition& definition,
                                            const TagMap& vrs_tags) {
  std::vector<std::string> problems;
  auto rf = vrs_tags.find(definition.tag_name);
  std::string_view text = rf == vrs_tags.end() ? std::string_view() : std::string_view(rf->second);
  // Blocks end at the first empty one; a block's tokens at its first empty token (§2.1).
  for (bool first = true; !text.empty(); first = false) {
    size_t plus = text.find('+');
    std::string_view block = text.substr(0, plus);
    text = plus == std::string_view::npos ? std::string_view() : text.substr(plus + 1);
    if (block.empty() && !first) break;
    block = block.substr(0, block.find("//"));
    std::string_view name = block.substr(0, block.find('/'));
    if (!name.empty() && name != "empty" && name != "data_layout" && name != "image" &&
        name != "audio" && name != "custom") {
      problems.push_back(definition.tag_name + ": unknown content type '" + std::string(name) +
                         "', read as a custom block");
    }
    if (name != "image") continue;
    for (size_t at = block.find("/pixel="); at != std::string_view::npos;
         at = block.find("/pixel=", at + 1)) {
      std::string_view pixel = block.substr(at + 7);
      pixel = pixel.substr(0, pixel.find('/'));
      if (ImageSpec::Parse("raw/pixel=" + std::string(pixel)).pixel_format ==
          PixelFormat::kUndefined) {
        problems.push_back(definition.tag_name + ": unknown pixel format '" + std::string(pixel) +
                           "'");
      }
    }
  }
  for (const DataLayoutSlot& slot : definition.layouts) {
    if (!slot.layout) continue;
    auto dl = vrs_tags.find(slot.tag_name);
    if (dl == vrs_tags.end()) continue;
    nlohmann::json json = nlohmann::json::parse(dl->second, nullptr, false);
    if (!json.is_object() || !json.contains("data_layout") || !json["data_layout"].is_array()) {
      continue;
    }
    for (const nlohmann::json& piece : json["data_layout"]) {
      if (!piece.is_object() || !piece.contains("name") || !piece.contains("type") ||
          !piece["name"].is_string() || !piece["type"].is_string()) {
        continue;
      }
      std::string label = piece["name"].get<std::string>();
      std::string type = piece["type"].get<std::string>();
      bool known = false;
      for (size_t i = 0; i < slot.layout->size() && !known; ++i) {
        known = slot.layout->piece(i).label == label && slot.layout->piece(i).type_name() == type;
      }
      if (!known) {
        problems.push_back(slot.tag_name + ": piece '" + label + "' has an unknown type '" + type +
                           "' and is skipped");
      }
    }
  }
  return problems;
}

// Prints records one after the other, keeping what the reference keeps from record to record:
// the streams' latest configurations, and the property number format of print-details.
class RecordPrinter {
 public:
  RecordPrinter(const Reader& reader, PrintStyle style, Console console)
      : reader_(reader),
        style_(style),
        console_(console),
        formats_(reader),
        decoder_(formats_),
        width_(PrintWidth(console.out)) {
    decoder_.set_auto_read_configuration_records(false);  // the reference decodes what it visits
  }

  RecordPrinter(const RecordPrinter&) = delete;
  RecordPrinter& operator=(const RecordPrinter&) = delete;

  // Decodes a record without printing anything: a read failure just leaves it out.
  void Preroll(size_t pos) { decoder_.ReadAndDecode(reader_, pos, payload_, content_); }

  void Print(size_t pos) {
    RecordDetails details;
    Status status = reader_.ReadRecord(pos, payload_, &details);
    if (!status.ok()) {
      console_.err << "  *** Failed to read content: " << status.message() << " ***\n";
      return;
    }
    decoder_.Decode(reader_, pos, details, payload_, content_);
    const RecordInfo& record = reader_.index()[pos];
    if (json()) {
      PrintJsonHeader(record);
    } else {
      PrintTextHeader(record);
    }
    for (size_t i = 0; i < content_.blocks.size(); ++i) {
      bool stopped = i + 1 == content_.blocks.size() && StoppedAtLastBlock(content_.end);
      if (ShowsNothing(content_.blocks[i], stopped)) continue;
      if (json()) {
        PrintJsonBlock(content_.blocks[i]);
      } else {
        PrintTextBlock(content_.blocks[i], stopped);
      }
    }
    ReportDefinitionProblems(pos);
    ReportProblem();
    ReportUnavailablePieces(pos);
  }

 private:
  bool json() const { return style_ == PrintStyle::kJson || style_ == PrintStyle::kJsonPretty; }

  void PrintTextHeader(const RecordInfo& record) {
    console_.out << FixedTimestamp(record.timestamp) << ' ' << record.stream.Name() << " ["
                 << record.stream.NumericName() << "], " << RecordTypeName(record.type)
                 << " record, " << content_.format_text() << " = " << payload_.size()
                 << " bytes total.\n";
  }

  void PrintJsonHeader(const RecordInfo& record) {
    console_.out << "{\"record\":{\"timestamp\":" << FixedTimestamp(record.timestamp)
                 << ",\"device\":\"" << record.stream.NumericName() << "\",\"type\":\""
                 << RecordTypeName(record.type) << "\",\"size\":" << payload_.size() << "}}\n";
  }

  void PrintTextBlock(const DecodedBlock& block, bool stopped) {
    std::ostream& out = console_.out;
    if (block.kind == BlockKind::kDataLayout) {
      out << " - DataLayout:\n";
      if (style_ == PrintStyle::kDetailed) {
        PrintLayoutDetailed(block.layout, out, width_, &properties_);
      } else {
        PrintLayoutCompact(block.layout, out, width_);
      }
      return;
    }
    out << " - " << BlockKindName(block.kind) << " block, " << block.Text();
    if (block.size) {
      out << ", " << *block.size << " bytes.\n";
    } else {
      out << ", size unknown.\n";
    }
    if (stopped && content_.end == ContentEnd::kImageTooLarge) {
      out << "   Warning! There are only " << block.data.size()
          << " bytes left in this record, not enough for this image. Recording bug?\n";
    }
  }

  void PrintJsonBlock(const DecodedBlock& block) {
    std::ostream& out = console_.out;
    if (block.kind == BlockKind::kDataLayout) {
      json_.clear();  // reused between blocks
      AppendLayoutJson(json_, block.layout, LayoutJsonProfile::kPrint,
                       style_ == PrintStyle::kJsonPretty);
      json_ += '\n';
      out << json_;
      return;
    }
    out << "{\"" << JsonBlockKey(block.kind) << "\":" << JsonString(block.Text()) << "}\n";
  }

  // Errors go to stderr: content_.message names the stream, the record and what is wrong.
  void ReportProblem() {
    std::ostream& err = console_.err;
    switch (content_.end) {
      case ContentEnd::kComplete:
        return;
      case ContentEnd::kNoRecordFormat:
        // An empty record needs no definition.
        if (payload_.empty()) return;
        err << "  *** " << content_.message << " ***\n";
        return;
      case ContentEnd::kSizeUnknown:
        err << "  *** Content block size unknown! ***\n";
        err << "  *** " << content_.message << SizeUnknownDetail() << " ***\n";
        return;
      case ContentEnd::kBytesLeft:
        err << "  *** " << content_.message << " ***\n";
        return;
      case ContentEnd::kMissingDataLayout:
      case ContentEnd::kDataLayoutTruncated:
      case ContentEnd::kImageTooLarge:
      case ContentEnd::kBlockTooLarge:
      case ContentEnd::kReadFailed:
        break;
    }
    err << "  *** Failed to read content: " << content_.message << " ***\n";
  }

  // Why the size of the block decoding stopped at is unknown, when it declares one that does
  // not fit in what is left of the record.
  std::string SizeUnknownDetail() const {
    if (content_.format == nullptr || content_.blocks.empty()) return {};
    const DecodedBlock& block = content_.blocks.back();
    const std::vector<ContentBlock>& blocks = content_.format->format.blocks();
    if (block.block_index >= blocks.size()) return {};
    std::optional<size_t> declared = blocks[block.block_index].StaticSize();
    size_t left = payload_.size() - std::min(block.offset, payload_.size());
    if (!declared || *declared <= left) return {};
    return " (the block's " + std::to_string(*declared) + " bytes do not fit in the " +
           std::to_string(left) + " bytes left in the record)";
  }

  // Once per definition, at the first record that uses it: what its tags hold that is ignored.
  void ReportDefinitionProblems(size_t pos) {
    const RecordFormatDefinition* definition = content_.format;
    if (definition == nullptr) return;
    if (!checked_definitions_.insert(definition).second) return;
    const RecordInfo& record = reader_.index()[pos];
    for (const std::string& problem :
         DefinitionProblems(*definition, reader_.stream_tags(definition->stream).vrs)) {
      console_.err << "  *** " << record.stream.NumericName() << ' ' << RecordTypeName(record.type)
                   << " record #" << pos << " at " << FixedTimestamp(record.timestamp) << ": "
                   << problem << " ***\n";
    }
  }

  // A complete DataLayout block whose var-size index points some pieces outside its var-size
  // data (or holds a malformed string vector) reads them as their defaults, as the reference
  // does; say which on stderr.
  void ReportUnavailablePieces(size_t pos) {
    for (size_t i = 0; i < content_.blocks.size(); ++i) {
      const DecodedBlock& block = content_.blocks[i];
      if (block.kind != BlockKind::kDataLayout || !block.complete() ||
          (i + 1 == content_.blocks.size() && StoppedAtLastBlock(content_.end))) {
        continue;
      }
      for (size_t piece = 0; piece < block.layout.size(); ++piece) {
        if (block.layout.available(piece)) continue;
        const PieceDefinition& definition = block.layout.piece(piece);
        const RecordInfo& record = reader_.index()[pos];
        console_.err << "  *** " << record.stream.NumericName() << ' '
                     << RecordTypeName(record.type) << " record #" << pos << " at "
                     << FixedTimestamp(record.timestamp) << ": block " << block.block_index << " ("
                     << block.Text() << "): piece '" << definition.label << "' ("
                     << definition.type_name() << ") ";
        console_.err << UnavailableReason(block, definition)
                     << "; its default value is shown ***\n";
      }
    }
  }

  const Reader& reader_;
  PrintStyle style_;
  Console console_;
  std::string json_;  // PrintJsonBlock's text
  StreamFormats formats_;
  RecordContentDecoder decoder_;  // uses formats_
  size_t width_;
  PropertyTextState properties_;  // one for the whole run, as in the reference
  RecordContent content_;
  std::vector<uint8_t> payload_;
  std::set<const RecordFormatDefinition*> checked_definitions_;
};

void PrintRecords(const Reader& reader, const FilteredRecords& plan, PrintStyle style,
                  Console console) {
  RecordPrinter printer(reader, style, console);
  for (size_t pos : plan.preroll) printer.Preroll(pos);
  for (size_t pos : plan.records) printer.Print(pos);
}

}  // namespace

int RunPrint(const Reader& reader, const CliOptions& options, PrintStyle style, Console console) {
  FilteredRecords plan = PlanRecords(reader, options.filters, console.err);
  PrintRecords(reader, plan, style, console);
  return 0;
}

int RunRecordFormats(const Reader& reader, const CliOptions& options, Console console) {
  RecordSelection selection = SelectRecords(reader, options.filters, console.err);
  StreamFormats formats(reader);
  std::ostream& out = console.out;
  for (StreamId stream : selection.streams) {
    // By record type (State, Configuration, Data), then format version.
    for (const RecordFormatDefinition* definition : formats.StreamDefinitions(stream)) {
      if (!selection.Includes(definition->type)) continue;
      out << stream.NumericName() << ' ' << stream.Name() << ' ' << RecordTypeName(definition->type)
          << " v" << definition->format_version << ": " << definition->text << '\n';
      const std::vector<ContentBlock>& blocks = definition->format.blocks();
      for (size_t i = 0; i < blocks.size(); ++i) {
        if (blocks[i].type != ContentType::kDataLayout) continue;
        out << "Content block " << i << ": ";
        const DataLayoutSlot& slot = definition->layouts[i];
        if (slot.layout) {
          out << LayoutDefinitionJson(*slot.layout) << '\n';
        } else {
          out << "<no DataLayout>\n";
        }
      }
    }
  }
  out << '\n';
  return 0;
}

int RunRage(const Reader& reader, const CliOptions& options, Console console) {
  FilterOptions filters = options.filters;
  filters.first_records = true;
  FilteredRecords plan = PlanRecords(reader, filters, console.err);
  PrintOverview(reader, plan.selection.streams, DetailLevel::kEverything, console.out);
  console.out << "\nFirst records:\n";
  PrintRecords(reader, plan, PrintStyle::kDetailed, console);
  return 0;
}

}  // namespace vrsx::cli
