// RecordFormat text: the tokenizer, the canonical text, static block sizes (spec 02 §1, §2).
//
// The reference parses with a forgiving tokenizer rather than a grammar, and files written by
// it are read back by it: we reproduce its quirks (unknown names become `custom`, unknown tokens
// are skipped, the first empty piece or token ends the list) rather than reject texts.
#include <array>
#include <charconv>
#include <cstdio>
#include <initializer_list>

#include "vrsx/record_format.h"

namespace vrsx {

namespace {

constexpr std::array<const char*, 5> kContentTypeNames = {"custom", "empty", "data_layout", "image",
                                                          "audio"};
constexpr std::array<const char*, 7> kImageFormatNames = {"undefined", "raw", "jpg",         "png",
                                                          "video",     "jxl", "custom_codec"};

// The reference limits the codec token to a fixed-size buffer.
constexpr size_t kMaxCodecTokenLength = 200;

// Appends pieces one by one: g++ 12 warns falsely (-Wrestrict) on `"literal" + std::string`.
void Append(std::string& text, std::initializer_list<std::string_view> pieces) {
  for (std::string_view piece : pieces) text += piece;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      pieces.push_back(text.substr(start));
      return pieces;
    }
    pieces.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// Spec tokens end at the first empty one: "image/raw//640x480" is "image/raw".
std::vector<std::string_view> SpecTokens(const std::vector<std::string_view>& tokens,
                                         size_t first) {
  std::vector<std::string_view> spec;
  for (size_t i = first; i < tokens.size() && !tokens[i].empty(); ++i) spec.push_back(tokens[i]);
  return spec;
}

// The value of a `key=value` token, when the token has that key.
std::optional<std::string_view> Value(std::string_view token, std::string_view key_equal) {
  if (!token.starts_with(key_equal)) return std::nullopt;
  return token.substr(key_equal.size());
}

// Plain decimal digits filling the whole text, within range.
template <typename T>
std::optional<T> ParseNumber(std::string_view text) {
  T value{};
  if (text.empty() || text.front() == '+') return std::nullopt;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<uint8_t> ParseU8(std::string_view text) {
  std::optional<uint32_t> value = ParseNumber<uint32_t>(text);
  if (!value || *value > 255) return std::nullopt;
  return static_cast<uint8_t>(*value);
}

bool IsDefined(ImageFormat format) {
  return format != ImageFormat::kUndefined &&
         static_cast<size_t>(format) < kImageFormatNames.size();
}

bool IsDefined(PixelFormat format) {
  return format != PixelFormat::kUndefined && static_cast<uint32_t>(format) < kPixelFormatCount;
}

bool IsDefined(AudioSampleFormat format) {
  return format != AudioSampleFormat::kUndefined &&
         static_cast<uint32_t>(format) < kAudioSampleFormatCount;
}

// "<W>x<H>"
bool ParseDimensions(std::string_view token, uint32_t& width, uint32_t& height) {
  size_t x = token.find('x');
  if (x == std::string_view::npos) return false;
  std::optional<uint32_t> w = ParseNumber<uint32_t>(token.substr(0, x));
  std::optional<uint32_t> h = ParseNumber<uint32_t>(token.substr(x + 1));
  if (!w || !h) return false;
  width = *w;
  height = *h;
  return true;
}

ImageSpec ParseImageTokens(const std::vector<std::string_view>& tokens) {
  ImageSpec spec;
  // An unknown format makes the whole spec undefined: the rest is not looked at.
  std::optional<ImageFormat> format =
      tokens.empty() ? std::nullopt : ImageFormatFromName(tokens[0]);
  if (!format) return spec;
  spec.format = *format;
  for (size_t i = 1; i < tokens.size(); ++i) {
    std::string_view token = tokens[i];
    std::optional<std::string_view> value;
    if (token.front() >= '0' && token.front() <= '9') {
      if (spec.width == 0) ParseDimensions(token, spec.width, spec.height);
    } else if ((value = Value(token, "pixel="))) {
      if (spec.pixel_format == PixelFormat::kUndefined) {
        spec.pixel_format = PixelFormatFromName(*value).value_or(PixelFormat::kUndefined);
      }
    } else if ((value = Value(token, "stride="))) {
      if (spec.stride == 0) spec.stride = ParseNumber<uint32_t>(*value).value_or(0);
    } else if ((value = Value(token, "stride_2="))) {
      if (spec.stride_2 == 0) spec.stride_2 = ParseNumber<uint32_t>(*value).value_or(0);
    } else if ((value = Value(token, "codec="))) {
      if (spec.codec_name.empty() && token.size() < kMaxCodecTokenLength) {
        spec.codec_name = UnescapeCodecName(*value);
      }
    } else if ((value = Value(token, "codec_quality="))) {
      if (std::optional<int64_t> quality = ParseNumber<int64_t>(*value)) {
        spec.codec_quality =
            *quality >= 0 && *quality <= 100 ? static_cast<uint8_t>(*quality) : 255;
      }
    } else if ((value = Value(token, "keyframe_timestamp="))) {
      if (std::optional<double> t = ParseNumber<double>(*value)) spec.key_frame_timestamp = t;
    } else if ((value = Value(token, "keyframe_index="))) {
      if (std::optional<uint32_t> index = ParseNumber<uint32_t>(*value)) {
        spec.key_frame_index = *index;
      }
    }
    // Anything else is ignored (the reference only logs it).
  }
  return spec;
}

AudioSpec ParseAudioTokens(const std::vector<std::string_view>& tokens) {
  AudioSpec spec;
  std::optional<AudioFormat> format =
      tokens.empty() ? std::nullopt : AudioFormatFromName(tokens[0]);
  if (!format) return spec;
  spec.format = *format;
  for (size_t i = 1; i < tokens.size(); ++i) {
    std::string_view token = tokens[i];
    std::optional<std::string_view> value;
    char first = token.front();
    if (first == 'i' || first == 'u' || first == 'f') {
      // Sample format names are the only tokens starting with these letters.
      if (spec.sample_format == AudioSampleFormat::kUndefined) {
        spec.sample_format =
            AudioSampleFormatFromName(token).value_or(AudioSampleFormat::kUndefined);
      }
    } else if ((value = Value(token, "channels="))) {
      if (spec.channels == 0) spec.channels = ParseU8(*value).value_or(0);
    } else if ((value = Value(token, "rate="))) {
      if (spec.sample_rate == 0) spec.sample_rate = ParseNumber<uint32_t>(*value).value_or(0);
    } else if ((value = Value(token, "samples="))) {
      if (spec.sample_count == 0) spec.sample_count = ParseNumber<uint32_t>(*value).value_or(0);
    } else if ((value = Value(token, "stride="))) {
      if (spec.frame_stride == 0) spec.frame_stride = ParseU8(*value).value_or(0);
    }
  }
  return spec;
}

bool IsAllowedInCustomName(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("_-*.,;:!@~#&|[]{}'").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

const char* ContentTypeName(ContentType type) {
  auto value = static_cast<size_t>(type);
  return kContentTypeNames[value < kContentTypeNames.size() ? value : 0];
}

std::optional<ContentType> ContentTypeFromName(std::string_view name) {
  for (size_t i = 0; i < kContentTypeNames.size(); ++i) {
    if (name == kContentTypeNames[i]) return static_cast<ContentType>(i);
  }
  return std::nullopt;
}

const char* ImageFormatName(ImageFormat format) {
  auto value = static_cast<size_t>(format);
  return kImageFormatNames[value < kImageFormatNames.size() ? value : 0];
}

std::optional<ImageFormat> ImageFormatFromName(std::string_view name) {
  for (size_t i = 1; i < kImageFormatNames.size(); ++i) {
    if (name == kImageFormatNames[i]) return static_cast<ImageFormat>(i);
  }
  return std::nullopt;
}

std::string EscapeCodecName(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string text;
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    // '+' and '/' separate blocks and tokens; '%' is the escape itself.
    if (byte < 32 || byte >= 127 || std::string_view("+/\\% \"'").find(c) != std::string::npos) {
      text += '%';
      text += kHex[byte >> 4];
      text += kHex[byte & 0xf];
    } else {
      text += c;
    }
  }
  return text;
}

std::string UnescapeCodecName(std::string_view text) {
  std::string name;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexDigit(text[i + 1]) >= 0 &&
        HexDigit(text[i + 2]) >= 0) {
      name += static_cast<char>(HexDigit(text[i + 1]) * 16 + HexDigit(text[i + 2]));
      i += 2;
    } else {
      name += text[i];
    }
  }
  return name;
}

std::string SanitizeCustomFormatName(std::string_view name) {
  std::string sanitized(name);
  for (char& c : sanitized) {
    if (!IsAllowedInCustomName(static_cast<unsigned char>(c))) c = '_';
  }
  return sanitized;
}

ImageSpec ImageSpec::Parse(std::string_view spec_text) {
  return ParseImageTokens(SpecTokens(Split(spec_text, '/'), 0));
}

std::string ImageSpec::Text() const {
  if (!IsDefined(format)) return {};
  std::string text = ImageFormatName(format);
  if (width > 0 && height > 0)
    Append(text, {"/", std::to_string(width), "x", std::to_string(height)});
  if (IsDefined(pixel_format)) Append(text, {"/pixel=", PixelFormatName(pixel_format)});
  // Strides only matter to formats whose pixels end up raw in memory: jpg/png/jxl ignore them.
  bool raw_pixels = format == ImageFormat::kRaw || format == ImageFormat::kVideo ||
                    format == ImageFormat::kCustomCodec;
  if (raw_pixels && stride > 0) Append(text, {"/stride=", std::to_string(stride)});
  if (raw_pixels && stride_2 > 0) Append(text, {"/stride_2=", std::to_string(stride_2)});
  if (format == ImageFormat::kVideo || format == ImageFormat::kCustomCodec) {
    if (!codec_name.empty()) Append(text, {"/codec=", EscapeCodecName(codec_name)});
    if (codec_quality <= 100) Append(text, {"/codec_quality=", std::to_string(codec_quality)});
  }
  if (format == ImageFormat::kVideo && key_frame_timestamp) {
    char number[64];
    std::snprintf(number, sizeof(number), "%.9f", *key_frame_timestamp);
    Append(text,
           {"/keyframe_timestamp=", number, "/keyframe_index=", std::to_string(key_frame_index)});
  }
  return text;
}

AudioSpec AudioSpec::Parse(std::string_view spec_text) {
  return ParseAudioTokens(SpecTokens(Split(spec_text, '/'), 0));
}

std::string AudioSpec::Text() const {
  if (format != AudioFormat::kPcm && format != AudioFormat::kOpus) return {};
  std::string text = AudioFormatName(format);
  if (IsDefined(sample_format)) Append(text, {"/", AudioSampleFormatName(sample_format)});
  if (channels != 0) Append(text, {"/channels=", std::to_string(channels)});
  if (sample_rate != 0) Append(text, {"/rate=", std::to_string(sample_rate)});
  if (sample_count != 0) Append(text, {"/samples=", std::to_string(sample_count)});
  // The stride is printed only when it is not the packed one.
  if (FrameStride() != channels * AudioSampleFormatBits(sample_format) / 8) {
    Append(text, {"/stride=", std::to_string(FrameStride())});
  }
  return text;
}

ContentBlock ContentBlock::Parse(std::string_view text) {
  std::vector<std::string_view> tokens = Split(text, '/');
  ContentBlock block;
  block.type = ContentTypeFromName(tokens[0]).value_or(ContentType::kCustom);
  size_t first_spec = 1;
  if (tokens.size() > 1) {
    // `size=` is recognised right after the type name only.
    if (std::optional<std::string_view> size = Value(tokens[1], "size=")) {
      if (std::optional<uint32_t> n = ParseNumber<uint32_t>(*size)) {
        block.size = *n;
        first_spec = 2;
      }
    }
  }
  std::vector<std::string_view> spec = SpecTokens(tokens, first_spec);
  switch (block.type) {
    case ContentType::kImage:
      block.image = ParseImageTokens(spec);
      break;
    case ContentType::kAudio:
      block.audio = ParseAudioTokens(spec);
      break;
    case ContentType::kCustom:
      if (!spec.empty()) {
        if (std::optional<std::string_view> name = Value(spec[0], "format=")) {
          block.custom_format = SanitizeCustomFormatName(*name);
        }
      }
      break;
    case ContentType::kEmpty:
    case ContentType::kDataLayout:
      break;
  }
  return block;
}

std::string ContentBlock::Text() const {
  std::string text = ContentTypeName(type);
  if (size) Append(text, {"/size=", std::to_string(*size)});
  std::string spec;
  if (type == ContentType::kImage) {
    spec = image.Text();
  } else if (type == ContentType::kAudio) {
    spec = audio.Text();
  } else if (type == ContentType::kCustom && !custom_format.empty()) {
    Append(spec, {"format=", SanitizeCustomFormatName(custom_format)});
  }
  if (!spec.empty()) Append(text, {"/", spec});
  return text;
}

std::optional<size_t> ContentBlock::StaticSize() const {
  if (size) return size;  // an explicit size wins, even over an image spec
  switch (type) {
    case ContentType::kEmpty:
      return 0;
    case ContentType::kImage:
      if (image.format == ImageFormat::kRaw) return image.RawImageSize();
      return std::nullopt;
    case ContentType::kAudio:
      return audio.BlockSize();
    case ContentType::kCustom:
    case ContentType::kDataLayout:
      break;
  }
  return std::nullopt;
}

RecordFormat RecordFormat::Parse(std::string_view text) {
  RecordFormat format;
  std::vector<std::string_view> pieces = Split(text, '+');
  // The first piece always makes a block; a later empty piece ends the list.
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0 && pieces[i].empty()) break;
    format.blocks_.push_back(ContentBlock::Parse(pieces[i]));
  }
  return format;
}

std::string RecordFormat::Text() const {
  if (blocks_.empty()) return "empty";
  std::string text;
  for (const ContentBlock& block : blocks_) {
    if (!text.empty()) text += '+';
    text += block.Text();
  }
  return text;
}

size_t RecordFormat::UsedBlocks() const {
  size_t used = blocks_.size();
  while (used > 0 && blocks_[used - 1].type == ContentType::kEmpty) --used;
  return used;
}

std::optional<size_t> RecordFormat::BlockSize(size_t index, size_t remaining) const {
  if (index >= blocks_.size()) return std::nullopt;
  if (std::optional<size_t> size = blocks_[index].StaticSize()) {
    if (*size <= remaining) return size;
    return std::nullopt;
  }
  // Only one block of unknown size can be inferred: all those after it must be known.
  size_t after = 0;
  for (size_t i = index + 1; i < blocks_.size(); ++i) {
    std::optional<size_t> size = blocks_[i].StaticSize();
    if (!size) return std::nullopt;
    after += *size;
    if (after > remaining) return std::nullopt;
  }
  return remaining - after;
}

std::string RecordFormatTagName(RecordType type, uint32_t format_version) {
  std::string name;
  Append(name, {"RF:", RecordTypeName(type), ":", std::to_string(format_version)});
  return name;
}

std::string DataLayoutTagName(RecordType type, uint32_t format_version, size_t block_index) {
  std::string name;
  Append(name, {"DL:", RecordTypeName(type), ":", std::to_string(format_version), ":",
                std::to_string(block_index)});
  return name;
}

std::optional<RecordFormatTag> ParseRecordFormatTagName(std::string_view tag_name) {
  if (!tag_name.starts_with("RF:")) return std::nullopt;
  tag_name.remove_prefix(3);
  for (RecordType type : {RecordType::kState, RecordType::kConfiguration, RecordType::kData}) {
    std::string prefix;
    Append(prefix, {RecordTypeName(type), ":"});
    if (!tag_name.starts_with(prefix)) continue;
    std::optional<uint32_t> version = ParseNumber<uint32_t>(tag_name.substr(prefix.size()));
    if (!version) return std::nullopt;
    return RecordFormatTag{type, *version};
  }
  return std::nullopt;
}

}  // namespace vrsx
