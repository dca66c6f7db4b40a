#include "tools/rendering/text_fit.h"

#include <algorithm>

#include "tools/rendering/printable.h"

namespace vrsx::cli {

namespace {

struct Cut {
  size_t front = 6;
  size_t tail = 2;
};

// `overhead`: the characters of the line that are not kept text, kCutMark included.
Cut CutFor(size_t overhead, size_t width) {
  Cut cut;
  if (overhead + 8 < width) {
    size_t room = width - overhead;
    cut.front = room / 4 * 3;
    cut.tail = room - cut.front;
  }
  return cut;
}

std::string_view Front(std::string_view text, size_t count) {
  return text.substr(0, std::min(count, text.size()));
}

std::string_view Tail(std::string_view text, size_t count) {
  return text.substr(text.size() - std::min(count, text.size()));
}

}  // namespace

std::string FitText(std::string_view prefix, std::string_view text, std::string_view suffix,
                    size_t width) {
  std::string line(prefix);
  if (prefix.size() + text.size() + suffix.size() <= width) {
    line += text;
  } else {
    Cut cut = CutFor(prefix.size() + suffix.size() + kCutMark.size(), width);
    line += Front(text, cut.front);
    line += kCutMark;
    line += Tail(text, cut.tail);
  }
  line += suffix;
  return line;
}

std::string FitString(std::string_view prefix, std::string_view raw, std::string_view suffix,
                      size_t width) {
  std::string line(prefix);
  line += '"';
  std::string printable = MakePrintable(raw);
  size_t quoted = prefix.size() + suffix.size() + 2;
  if (quoted + raw.size() <= width && quoted + printable.size() <= width) {
    line += printable;
  } else {
    Cut cut = CutFor(quoted + kCutMark.size(), width);
    line += Front(MakePrintable(Front(raw, cut.front)), cut.front);
    line += kCutMark;
    line += Tail(MakePrintable(Tail(raw, cut.tail)), cut.tail);
  }
  line += '"';
  line += suffix;
  return line;
}

std::string WrapText(std::string_view prefix, std::string_view text, std::string_view indent,
                     size_t width) {
  width = std::max(width, prefix.size() + 20);
  std::string lines(prefix);
  if (prefix.size() + text.size() <= width) {
    lines += text;
    return lines;
  }
  size_t first = width - prefix.size();
  lines += text.substr(0, first);
  text.remove_prefix(first);
  // An indent too wide for the width still moves on by one character per line.
  size_t step = width > indent.size() ? width - indent.size() : 1;
  while (!text.empty()) {
    lines += '\n';
    lines += indent;
    size_t count = std::min(step, text.size());
    lines += text.substr(0, count);
    text.remove_prefix(count);
  }
  return lines;
}

std::string QuotedVectorString(std::string_view raw) {
  std::string text = "\"";
  if (raw.size() >= 80) {
    text += MakePrintable(raw.substr(0, 64));
    text += kCutMark;
    text += MakePrintable(raw.substr(raw.size() - 16));
  } else {
    text += MakePrintable(raw);
  }
  text += '"';
  return text;
}

}  // namespace vrsx::cli
