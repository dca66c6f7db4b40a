// The text forms of DataLayout blocks: compact (`print`, spec 02 §9.3) and detailed
// (`print-details`, §9.4).
#include <string>
#include <string_view>

#include "tools/rendering/layout_printer.h"
#include "tools/rendering/piece_values.h"
#include "tools/rendering/printable.h"
#include "tools/rendering/text_fit.h"

namespace vrsx::cli {

namespace {

constexpr std::string_view kIndent = "     ";               // piece lines
constexpr std::string_view kEntryIndent = "         ";      // map entries, continuation lines
constexpr std::string_view kUnavailable = "<unavailable>";  // no data in the block
constexpr size_t kMaxVectorValues = 400;                    // compact form

std::string Line(std::string_view indent, std::string_view label) {
  std::string line(indent);
  line += label;
  return line;
}

std::string AsText(std::span<const uint8_t> bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

std::string Count(size_t count) {
  std::string text = "[";
  text += std::to_string(count);
  text += ']';
  return text;
}

// `"<key>": ` of a map entry line; keys are printed as they are.
std::string EntryPrefix(std::string_view key) {
  std::string prefix(kEntryIndent);
  prefix += '"';
  prefix += key;
  prefix += "\": ";
  return prefix;
}

// A map entry's value: enum labels apply, strings are quoted by the caller.
std::string EntryValueText(const PieceDefinition& piece, const RawMapEntry& entry) {
  if (entry.value.size() < ElementTypeSize(piece.type)) return {};
  return LabeledElementText(piece.label, piece.type, entry.value.data());
}

// "vector<T>", "stringMap<T>"
std::string Generic(std::string_view name, std::string_view type) {
  std::string text(name);
  text += '<';
  text += type;
  text += '>';
  return text;
}

std::string QuotedPrintable(std::string_view raw) {
  std::string text = "\"";
  text += MakePrintable(raw);
  text += '"';
  return text;
}

// ---- Compact form

void CompactVector(const PieceDefinition& piece, const PieceValues& values, std::ostream& out,
                   size_t width) {
  if (!values.available) {
    out << Line(kIndent, piece.label) << ": " << kUnavailable << '\n';
    return;
  }
  bool strings = piece.type == ElementType::kString;
  size_t count = strings ? values.strings.size() : ElementCount(piece.type, values.bytes);
  std::string text;
  if (strings) {
    for (size_t i = 0; i < count && i < kMaxVectorValues; ++i) {
      if (i > 0) text += ", ";
      text += QuotedVectorString(values.strings[i]);
    }
  } else {
    text = ElementListText(piece.type, values.bytes, kMaxVectorValues, true);
  }
  out << WrapText(Line(kIndent, piece.label) + Count(count) + ": ", text, kEntryIndent, width)
      << '\n';
  if (count > kMaxVectorValues) {
    out << kEntryIndent << "...and " << count - kMaxVectorValues << " more values.\n";
  }
}

void CompactMap(const PieceDefinition& piece, const PieceValues& values, std::ostream& out,
                size_t width) {
  out << Line(kIndent, piece.label) << Count(values.map.size())
      << (values.available ? ":" : " default:") << '\n';
  for (const RawMapEntry& entry : values.map) {
    std::string prefix = EntryPrefix(entry.key);
    if (piece.type == ElementType::kString) {
      out << FitString(prefix, AsText(entry.value), "", width) << '\n';
    } else {
      out << FitText(prefix, EntryValueText(piece, entry), "", width) << '\n';
    }
  }
}

void CompactPiece(const PieceDefinition& piece, const PieceValues& values, std::ostream& out,
                  size_t width) {
  std::string_view missing = values.available ? "" : " *";
  switch (piece.kind) {
    case PieceKind::kValue:
      out << FitText(Line(kIndent, piece.label) + ": ",
                     LabeledElementText(piece.label, piece.type, values.bytes.data()), missing,
                     width)
          << '\n';
      return;
    case PieceKind::kArray:
      out << FitText(Line(kIndent, piece.label) + Count(piece.array_size) + ": ",
                     ElementListText(piece.type, values.bytes, SIZE_MAX, true), missing, width)
          << '\n';
      return;
    case PieceKind::kString:
      out << FitString(Line(kIndent, piece.label) + ": ", AsText(values.bytes),
                       values.available ? "" : kUnavailable, width)
          << '\n';
      return;
    case PieceKind::kVector:
      return CompactVector(piece, values, out, width);
    case PieceKind::kStringMap:
      return CompactMap(piece, values, out, width);
  }
}

// ---- Detailed form

// "<label> (<type>) @ <where>[ required]"
std::string DetailsHead(const DataLayoutBlock& block, size_t index, const PieceValues& values,
                        std::string_view type, bool with_count, size_t count) {
  const PieceDefinition& piece = block.piece(index);
  std::string head = Line(kIndent, piece.label);
  head += " (";
  head += type;
  head += ") @ ";
  if (values.available) {
    head += std::to_string(block.file_position(index).value_or(0));
    if (with_count) {
      head += 'x';
      head += std::to_string(count);
    }
  } else {
    head += kUnavailable;
  }
  if (piece.is_fixed()) {
    head += '+';
    head += std::to_string(piece.fixed_size());
  }
  if (piece.required) head += " required";
  return head;
}

void DetailsProperties(const PieceDefinition& piece, std::ostream& out,
                       PropertyTextState& properties) {
  for (const auto& [name, bytes] : piece.properties) {
    if (bytes.size() < ElementTypeSize(piece.type)) continue;
    out << kIndent << "  " << name << ": " << PropertyText(piece.type, bytes.data(), properties)
        << '\n';
  }
}

void DetailedPiece(const DataLayoutBlock& block, size_t index, std::ostream& out, size_t width,
                   PropertyTextState& properties) {
  const PieceDefinition& piece = block.piece(index);
  PieceValues values = GetPieceValues(block, index);
  std::string type(ElementTypeName(piece.type));
  std::string colon = values.available ? ": " : " (default): ";
  switch (piece.kind) {
    case PieceKind::kValue: {
      std::string head = DetailsHead(block, index, values, type, false, 0);
      out << WrapText(head + colon,
                      LabeledElementText(piece.label, piece.type, values.bytes.data()),
                      kEntryIndent, width)
          << '\n';
      DetailsProperties(piece, out, properties);
      return;
    }
    case PieceKind::kArray: {
      std::string head =
          DetailsHead(block, index, values, type + Count(piece.array_size), false, 0);
      // An unavailable array shows no values, default or not.
      if (values.available) {
        out << WrapText(head + ": ", ElementListText(piece.type, values.bytes), kEntryIndent,
                        width);
      } else {
        out << head << (piece.default_bytes.empty() ? ": " : " (default): ");
      }
      out << '\n';
      DetailsProperties(piece, out, properties);
      return;
    }
    case PieceKind::kString: {
      std::string head = DetailsHead(block, index, values, "string", false, 0);
      if (!values.available) head += " (default)";
      out << WrapText(head + " = ", QuotedPrintable(AsText(values.bytes)), kEntryIndent, width)
          << '\n';
      return;
    }
    case PieceKind::kVector: {
      std::string vector_type = Generic("vector", type);
      if (piece.type == ElementType::kString) {
        std::string head =
            DetailsHead(block, index, values, vector_type, true, values.strings.size());
        out << head << (values.available ? ":" : " (default):") << '\n';
        if (values.strings.empty()) return;
        std::string text;
        for (size_t i = 0; i < values.strings.size(); ++i) {
          if (i > 0) text += ", ";
          text += QuotedPrintable(values.strings[i]);
        }
        out << WrapText(kEntryIndent, text, kEntryIndent, width) << '\n';
        return;
      }
      size_t count = ElementCount(piece.type, values.bytes);
      std::string head = DetailsHead(block, index, values, vector_type, true, count);
      out << WrapText(head + colon, ElementListText(piece.type, values.bytes), kEntryIndent, width)
          << '\n';
      return;
    }
    case PieceKind::kStringMap: {
      std::string head =
          DetailsHead(block, index, values, Generic("stringMap", type), true, values.map.size());
      if (!values.map.empty()) head += values.available ? ":" : " (default):";
      out << head << '\n';
      for (const RawMapEntry& entry : values.map) {
        std::string text = piece.type == ElementType::kString ? QuotedPrintable(AsText(entry.value))
                                                              : EntryValueText(piece, entry);
        out << WrapText(EntryPrefix(entry.key), text, kEntryIndent, width) << '\n';
      }
      return;
    }
  }
}

}  // namespace

void PrintLayoutCompact(const DataLayoutBlock& block, std::ostream& out, size_t width) {
  if (block.layout() == nullptr) return;
  for (size_t index : PrintOrder(*block.layout())) {
    CompactPiece(block.piece(index), GetPieceValues(block, index), out, width);
  }
}

void PrintLayoutDetailed(const DataLayoutBlock& block, std::ostream& out, size_t width,
                         PropertyTextState* properties) {
  const DataLayoutDefinition* layout = block.layout();
  if (layout == nullptr) return;
  PropertyTextState fresh;
  PropertyTextState& state = properties != nullptr ? *properties : fresh;
  bool fixed_header = false;
  bool variable_header = false;
  for (size_t index : PrintOrder(*layout)) {
    if (block.piece(index).is_fixed() && !fixed_header) {
      fixed_header = true;
      out << "   " << layout->fixed_piece_count() << " fixed size pieces, total "
          << layout->fixed_size() << " bytes.\n";
    } else if (!block.piece(index).is_fixed() && !variable_header) {
      variable_header = true;
      out << "   " << layout->variable_piece_count() << " variable size pieces, total "
          << block.variable_size() << " bytes.\n";
    }
    DetailedPiece(block, index, out, width, state);
  }
}

}  // namespace vrsx::cli
