// extract-images, extract-audio, extract-all (spec 03 §8): images to PNG (or as stored), audio to
// WAV, and, for extract-all, the metadata of every decoded record to metadata.jsons.
//
// Records are visited like the other commands (filters, pre-roll of configuration and state) and
// decoded in that order, so image and audio blocks described by a configuration record are
// resolved as `print` resolves them. PNG files are written by this thread, in record order.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "media/png_layout_conversion.h"
#include "media/wav_writer.h"
#include "tools/commands/cli_filter.h"
#include "tools/commands/commands.h"
#include "tools/commands/progress.h"
#include "tools/media/png_writer.h"
#include "tools/rendering/human_format.h"
#include "tools/rendering/json_out.h"
#include "tools/rendering/layout_printer.h"
#include "tools/rendering/overview.h"
#include "vrsx/audio.h"
#include "vrsx/image.h"
#include "vrsx/image_reader.h"
#include "vrsx/record_content.h"

namespace vrsx::cli {

namespace {

namespace fs = std::filesystem;
using media::WavCompatible;
using media::WavDetailsLine;
using media::WavWriter;

std::string JoinPath(const std::string& folder, const std::string& name) {
  if (folder.empty()) return name;
  if (folder.back() == '/') return folder + name;
  return folder + '/' + name;
}

// The `--to` folder, "." by default.
std::string OutputFolder(const CliOptions& options) {
  return options.output && !options.output->empty() ? *options.output : std::string(".");
}

// Creates `folder` with its parents. False, with a message on `err`, when it is not possible or
// something that is not a folder is in the way.
bool PrepareFolder(const std::string& folder, std::ostream& err) {
  std::error_code error;
  if (fs::exists(folder, error) && !fs::is_directory(folder, error)) {
    err << "Error: can't extract to '" << folder << "': it exists and is not a folder.\n";
    return false;
  }
  fs::create_directories(folder, error);
  if (error || !fs::is_directory(folder)) {
    err << "Error: can't create the folder '" << folder
        << "': " << (error ? error.message() : std::string("not a folder")) << ".\n";
    return false;
  }
  return true;
}

Status WriteBytes(const std::string& path, std::span<const uint8_t> bytes) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return Status(ErrorCode::kIoError, path + ": " + std::strerror(errno));
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  if (std::fclose(file) != 0) ok = false;
  if (!ok) return Status(ErrorCode::kIoError, path + ": write failed");
  return Status::Ok();
}

// Selected streams declaring a block of `type` in one of their RecordFormats, and having data
// records (§8.1, §8.2).
std::set<StreamId> StreamsWith(const Reader& reader, const StreamFormats& formats,
                               const std::vector<StreamId>& selected, ContentType type) {
  std::set<StreamId> streams;
  for (StreamId stream : selected) {
    if (reader.record_count(stream, RecordType::kData) == 0) continue;
    for (const RecordFormatDefinition* definition : formats.StreamDefinitions(stream)) {
      bool declares = false;
      for (size_t i = 0; i < definition->used_blocks; ++i) {
        if (definition->format.blocks()[i].type == type) declares = true;
      }
      if (declares) {
        streams.insert(stream);
        break;
      }
    }
  }
  return streams;
}

// Every visited record of `streams` (pre-roll first), read and decoded in order.
template <typename OnRecord>
void DecodeRecords(const Reader& reader, const std::vector<size_t>& positions,
                   const std::set<StreamId>* streams, bool show_progress, Console console,
                   OnRecord on_record) {
  StreamFormats formats(reader);
  RecordContentDecoder decoder(formats);
  decoder.set_auto_read_configuration_records(false);  // the reference decodes what it visits
  RecordContent content;
  std::vector<uint8_t> payload;
  Progress progress(show_progress, "Reading");
  size_t done = 0;
  for (size_t pos : positions) {
    progress.Update(done++, positions.size());
    const RecordInfo& record = reader.index()[pos];
    if (streams != nullptr && streams->count(record.stream) == 0) continue;
    Status status = decoder.ReadAndDecode(reader, pos, payload, content);
    if (!status.ok()) {
      console.err << "Error: " << status.message() << '\n';
      continue;
    }
    on_record(pos, record, content);
  }
}

// The walk extract-images and extract-audio share (§8.1, §8.2): every `kind` block of the
// visited records of the selected streams declaring `type` blocks, in record order, handed to
// `on_block` with the record's index position, the block's rank among the record's `kind`
// blocks and the output folder. Returns how many streams were walked, or nullopt when the
// output folder can't be made (nothing is walked then).
template <typename OnBlock>
std::optional<size_t> ExtractBlocksOfKind(const Reader& reader, const CliOptions& options,
                                          Console console, ContentType type, BlockKind kind,
                                          OnBlock on_block) {
  const std::string folder = OutputFolder(options);
  FilteredRecords plan = PlanRecords(reader, options.filters, console.err);
  StreamFormats formats(reader);
  std::set<StreamId> streams = StreamsWith(reader, formats, plan.selection.streams, type);
  if (!PrepareFolder(folder, console.err)) return std::nullopt;
  DecodeRecords(reader, plan.AllWithPreroll(), &streams, !options.no_progress, console,
                [&](size_t pos, const RecordInfo& record, const RecordContent& content) {
                  size_t rank = 0;
                  for (const DecodedBlock& block : content.blocks) {
                    if (block.kind == kind) on_block(block, record, pos, rank++, folder);
                  }
                });
  return streams.size();
}

std::string BlockBaseName(const RecordInfo& record, uint32_t counter) {
  char number[16];
  std::snprintf(number, sizeof number, "%05u", counter);
  return record.stream.NumericName() + '-' + number + '-' + FixedTimestamp(record.timestamp);
}

// Codec names come from the file: keep them from naming other folders.
std::string SafeExtension(std::string name) {
  for (char& c : name) {
    if (c == '/' || c == '\\' || c == '\0') c = '_';
  }
  return name;
}

// --to-png: an image block decoded to pixels a PNG file holds (grey8, grey16, rgb8, rgba8).
using PngDecode = std::function<Status(const DecodedBlock&, Pixels&)>;

// Decoded pixels (grey8, grey16, rgb8, rgba8) as a PNG file holds them.
Status ToPngLayout(Pixels& pixels, ConvertedImage& image) {
  switch (pixels.format) {
    case PixelFormat::kGrey8:
      image.layout = PngLayout::kGrey8;
      break;
    case PixelFormat::kGrey16:
      image.layout = PngLayout::kGrey16;
      break;
    case PixelFormat::kRgb8:
      image.layout = PngLayout::kRgb8;
      break;
    case PixelFormat::kRgba8:
      image.layout = PngLayout::kRgba8;
      break;
    default:
      return Status(ErrorCode::kUnsupported,
                    std::string("no PNG for pixel format ") + PixelFormatName(pixels.format));
  }
  image.width = pixels.width;
  image.height = pixels.height;
  image.significant_bits = image.layout == PngLayout::kGrey16 ? 16 : 8;
  image.pixels = std::move(pixels.bytes);
  return Status::Ok();
}

// Extracts image block `block` of `record` to `folder` as the `counter`-th image of its stream.
// With `to_png`, jpg, png, jxl images and video frames are decoded by it and written as PNG files
// too. Returns the name of the file written; on failure, writes why on `err`.
std::optional<std::string> ExtractImage(const DecodedBlock& block, const RecordInfo& record,
                                        uint32_t counter, const std::string& folder,
                                        bool raw_images, Console console,
                                        const PngDecode* to_png = nullptr) {
  const std::string base = BlockBaseName(record, counter);
  auto fail = [&](const std::string& why) -> std::optional<std::string> {
    console.err << "Warning: " << record.stream.NumericName() << ' ' << RecordTypeName(record.type)
                << " record at " << FixedTimestamp(record.timestamp) << ": image " << counter
                << " (" << block.Text() << ") could not be extracted: " << why << '\n';
    return std::nullopt;
  };
  if (!block.complete()) {
    return fail("the record has " + std::to_string(block.data.size()) + " of its " +
                (block.size ? std::to_string(*block.size) : std::string("?")) + " bytes");
  }
  const ImageSpec& spec = block.spec.image;
  std::string name;
  std::optional<ConvertedImage> converted;
  switch (spec.format) {
    case ImageFormat::kRaw:
      if (raw_images) {
        name = base + '-' + PixelFormatName(spec.pixel_format) + '-' + std::to_string(spec.width) +
               'x' + std::to_string(spec.height);
        if (spec.stride != 0) name += "-stride_" + std::to_string(spec.stride);
        name += ".raw";
      } else {
        converted.emplace();
        if (Status status = ConvertRawImage(spec, block.data, *converted); !status.ok()) {
          return fail(status.message());
        }
        name = base + ".png";
      }
      break;
    case ImageFormat::kVideo:
      if (to_png == nullptr) {
        if (!raw_images) return fail("video frames can't be decoded (try --raw-images)");
        name = base + '#' + std::to_string(spec.key_frame_index) + '.' +
               SafeExtension(spec.codec_name);
        break;
      }
      [[fallthrough]];
    case ImageFormat::kJpg:
    case ImageFormat::kPng:
    case ImageFormat::kJxl:
      if (to_png != nullptr) {
        Pixels pixels;
        Status status = (*to_png)(block, pixels);
        converted.emplace();
        if (status.ok()) status = ToPngLayout(pixels, *converted);
        if (!status.ok()) return fail(status.message());
        name = base + ".png";
        break;
      }
      [[fallthrough]];
    case ImageFormat::kCustomCodec:
      name = base + '.' + ImageFormatName(spec.format);
      break;
    case ImageFormat::kUndefined:
      return fail("undefined image format");
  }
  const std::string path = JoinPath(folder, name);
  console.out << "Writing " << path << '\n';
  Status status = converted ? WritePng(path, *converted) : WriteBytes(path, block.data);
  if (!status.ok()) return fail(status.message());
  return name;
}

// One stream's WAV files.
struct AudioStream {
  WavWriter wav;
  uint32_t files = 0;
  AudioDecoder decoder;  // opus packets decode to int16le PCM
  AudioSamples decoded;
};

// Appends a PCM audio block (opus decoded to PCM first) to the stream's current WAV file, or to a
// new one (first block, format change, 4 GiB). Returns true when a file was started.
bool ExtractAudio(const DecodedBlock& block, const RecordInfo& record, AudioStream& stream,
                  const std::string& folder, Console console) {
  AudioSpec spec = block.spec.audio;
  std::span<const uint8_t> data = block.data;
  if (spec.format == AudioFormat::kOpus && block.complete()) {
    if (Status status = stream.decoder.Decode(block, stream.decoded); !status.ok()) {
      console.err << "Error: " << status.message() << '\n';
      return false;
    }
    spec = stream.decoded.spec();
    data = stream.decoded.bytes;
  }
  if (spec.format != AudioFormat::kPcm) {
    console.out << "Skipping non-PCM audio block\n";
    return false;
  }
  size_t needed = size_t(spec.FrameStride()) * spec.sample_count;
  if ((data.data() == block.data.data() && !block.complete()) || data.size() < needed) {
    console.out << "Malformed audio block encountered, read past end of audio block\n";
    return false;
  }
  bool started = false;
  if (!stream.wav.is_open() || !WavCompatible(stream.wav.spec(), spec) ||
      stream.wav.WouldOverflow(spec)) {
    if (Status status = stream.wav.Close(); !status.ok()) {
      console.err << "Error: " << status.message() << '\n';
    }
    char number[16];
    std::snprintf(number, sizeof number, "%04u", stream.files);
    std::string path = JoinPath(folder, record.stream.NumericName() + '-' + number + '-' +
                                            FixedTimestamp(record.timestamp) + ".wav");
    console.out << "Writing " << path << '\n' << WavDetailsLine(spec) << '\n';
    ++stream.files;
    started = true;
    if (Status status = stream.wav.Open(path, spec); !status.ok()) {
      console.err << "Error: " << status.message() << '\n';
      stream.wav.Close();
      return started;
    }
  }
  if (!stream.wav.is_open()) return started;
  if (Status status = stream.wav.Append(spec, data); !status.ok()) {
    console.err << "Error: " << status.message() << '\n';
  }
  return started;
}

void CloseAll(std::map<StreamId, AudioStream>& streams, Console console) {
  for (auto& [id, stream] : streams) {
    if (Status status = stream.wav.Close(); !status.ok()) {
      console.err << "Error: " << status.message() << '\n';
    }
  }
}

constexpr const char* kReadMe =
    R"(# VRS File Extraction Data Format

This folder holds the content of a VRS file, extracted by `vrsx extract-all`.

## Folder layout

- `ReadMe.md`: this file.
- `metadata.jsons`: the file's description and the metadata of its records, one JSON object per
  line (see below).
- `<stream id>/`: one folder per stream with images or audio, named after the stream's id, for
  instance `200-1`.

## Images

Images are saved in their stream's folder, one file per image, named
`<stream id>-<image counter>-<record timestamp>.<extension>`: the counter counts the stream's
images from 1, with 5 digits; the timestamp is in seconds with 3 decimals. Raw images are
converted to PNG: images with several color channels become RGB 8-bit images, single-channel
images deeper than 8 bits become 16-bit greyscale images, and other single-channel images 8-bit
greyscale images. JPEG, PNG, JPEG XL and custom codec images are saved as they are stored
(extensions `jpg`, `png`, `jxl`, `custom_codec`).

## Audio

Audio blocks are saved in their stream's folder as WAV files, named
`<stream id>-<file counter>-<timestamp of the first block>.wav`: the counter counts the stream's
WAV files from 0, with 4 digits. A new file starts whenever the audio format changes, or before a
file would reach 4 GiB.

## Metadata

The first line of `metadata.jsons` describes the file: its tags, and each stream's tags and
counters. Then each record whose content is described (by a RecordFormat) gives two lines:

1. `{"stream":"<stream id>","type":"<record type>","timestamp":<timestamp>}`
2. `{"content":[...]}`: the record's content blocks, in order. Metadata blocks are
   `{"metadata":[{"value":<value>,"name":"<name>"},...]}`; images are `{"image":"<file name>"}`
   (the file in the stream's folder); custom blocks are `{"custom":{"size":<bytes>}}`; blocks
   that could not be read are `{"unsupported_block":"<block description>"}`. Audio blocks go to
   the WAV files and add nothing here.

Records without a content description add no lines.

## VRS File Metadata (human readable form)
)";

}  // namespace

int RunExtractImages(const Reader& reader, const CliOptions& options, Console console) {
  std::map<StreamId, uint32_t> counters;
  // --to-png: jpg, png and jxl blocks decoded as they come, one decoder per stream; video frames
  // through an ImageReader, which decodes a frame's group from its key frame when the filters
  // skipped records (one frame a record otherwise). It reads the record again, with the
  // stream's configuration as random access sees it.
  std::map<StreamId, ImageDecoder> decoders;
  std::optional<ImageReader> frames;  // made for the first video frame
  uint64_t found = 0;
  std::optional<size_t> streams = ExtractBlocksOfKind(
      reader, options, console, ContentType::kImage, BlockKind::kImage,
      [&](const DecodedBlock& block, const RecordInfo& record, size_t pos, size_t rank,
          const std::string& folder) {
        ++found;
        const PngDecode to_png = [&](const DecodedBlock& image, Pixels& pixels) {
          if (image.spec.image.format == ImageFormat::kVideo) {
            if (!frames) frames.emplace(reader);
            return frames->ReadImage(pos, ImageConversion::kNormalize, pixels, rank);
          }
          return decoders[record.stream].Decode(image, ImageConversion::kDecompress, pixels);
        };
        ExtractImage(block, record, ++counters[record.stream], folder, options.raw_images, console,
                     options.to_png ? &to_png : nullptr);
      });
  if (!streams) return 0;
  console.out << "Found " << found << " image(s).\n";
  return 0;
}

int RunExtractAudio(const Reader& reader, const CliOptions& options, Console console) {
  std::map<StreamId, AudioStream> audio;
  uint64_t files = 0;
  std::optional<size_t> streams =
      ExtractBlocksOfKind(reader, options, console, ContentType::kAudio, BlockKind::kAudio,
                          [&](const DecodedBlock& block, const RecordInfo& record, size_t, size_t,
                              const std::string& folder) {
                            if (ExtractAudio(block, record, audio[record.stream], folder, console))
                              ++files;
                          });
  if (!streams) return 0;
  CloseAll(audio, console);
  console.out << "Wrote " << files << " audio file(s) from " << *streams << " stream(s).\n";
  return 0;
}

int RunExtractAll(const Reader& reader, const CliOptions& options, Console console) {
  const std::string folder = OutputFolder(options);
  FilteredRecords plan = PlanRecords(reader, options.filters, console.err);
  if (!PrepareFolder(folder, console.err)) return 0;

  std::ostringstream overview;
  PrintOverview(reader, plan.selection.streams, DetailLevel::kEverything, overview);
  const std::string readme_path = JoinPath(folder, "ReadMe.md");
  {
    std::ofstream readme(readme_path, std::ios::binary | std::ios::trunc);
    readme << kReadMe << "\n```\n" << overview.str() << "\n```\n";
    if (!readme) console.err << "Error: can't write '" << readme_path << "'.\n";
  }

  const std::string metadata_path = JoinPath(folder, "metadata.jsons");
  std::ofstream metadata(metadata_path, std::ios::binary | std::ios::trunc);
  metadata << JsonDescription(reader, plan.selection.streams, false, JsonNames::kPublic) << '\n';

  std::map<StreamId, uint32_t> image_counters;
  std::map<StreamId, AudioStream> audio;
  std::set<StreamId> stream_folders;  // created
  auto stream_folder = [&](StreamId stream) -> std::optional<std::string> {
    std::string path = JoinPath(folder, stream.NumericName());
    if (stream_folders.count(stream) == 0) {
      if (!PrepareFolder(path, console.err)) return std::nullopt;
      stream_folders.insert(stream);
    }
    return path;
  };
  auto unsupported = [](const DecodedBlock& block) {
    nlohmann::ordered_json value;
    value["unsupported_block"] = block.Text();
    return value;
  };

  DecodeRecords(
      reader, plan.AllWithPreroll(), nullptr, !options.no_progress, console,
      [&](size_t, const RecordInfo& record, const RecordContent& content) {
        if (content.format == nullptr || content.format->opaque()) return;
        nlohmann::ordered_json header;
        header["stream"] = record.stream.NumericName();
        header["type"] = RecordTypeName(record.type);
        header["timestamp"] = record.timestamp;
        nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
        for (const DecodedBlock& block : content.blocks) {
          switch (block.kind) {
            case BlockKind::kEmpty:
              break;
            case BlockKind::kDataLayout:
              if (block.complete() && block.layout_slot != nullptr && block.layout_slot->layout) {
                blocks.push_back(LayoutJsonValue(block.layout, LayoutJsonProfile::kPublic));
              } else {
                blocks.push_back(unsupported(block));
              }
              break;
            case BlockKind::kImage: {
              uint32_t counter = ++image_counters[record.stream];
              std::optional<std::string> name;
              if (std::optional<std::string> path = stream_folder(record.stream)) {
                name = ExtractImage(block, record, counter, *path, false, console);
              }
              if (name) {
                nlohmann::ordered_json value;
                value["image"] = *name;
                blocks.push_back(std::move(value));
              } else {
                blocks.push_back(unsupported(block));
              }
              break;
            }
            case BlockKind::kAudio:
              if (std::optional<std::string> path = stream_folder(record.stream)) {
                ExtractAudio(block, record, audio[record.stream], *path, console);
              }
              break;
            case BlockKind::kCustom: {
              nlohmann::ordered_json value;
              value["custom"]["size"] = block.data.size();
              blocks.push_back(std::move(value));
              break;
            }
            case BlockKind::kUnsupported:
              blocks.push_back(unsupported(block));
              break;
          }
        }
        nlohmann::ordered_json line;
        line["content"] = std::move(blocks);
        metadata << JsonCompact(header) << '\n' << JsonCompact(line) << '\n';
      });
  CloseAll(audio, console);
  metadata.close();
  if (!metadata) console.err << "Error: can't write '" << metadata_path << "'.\n";
  return 0;
}

}  // namespace vrsx::cli
