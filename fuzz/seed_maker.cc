// Writes the seed corpora of the fuzz targets into OUT/<target>/:
//   - small files written by the independent builder (tests/support/vrs_file_builder): every
//     index layout, codec and description format, with image, audio and DataLayout records;
//   - hostile files that break each limit of docs/limits.md (bombs, corrupted frames, counts);
//   - the golden files, chunks joined into one file (read in place, written to OUT only);
//   - cut out of all these files: their `RF:` tags, their `DL:` tags, and DataLayout blocks of
//     their records paired with their definition (`DL json`, a zero byte, the block's bytes).
//
//   vrsx_fuzz_seed_maker OUT [GOLDEN_FILES_DIR]
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "format/chunked_file.h"
#include "support/vrs_file_builder.h"
#include "vrsx/data_layout.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"

namespace {

namespace fs = std::filesystem;
using vrsx::testing::BuilderOptions;
using vrsx::testing::Codec;
using vrsx::testing::IndexLayout;
using vrsx::testing::RecordKind;
using vrsx::testing::VrsFileBuilder;

// Blocks kept per DataLayout definition: a few records show the variations.
constexpr int kBlocksPerDefinition = 3;

class SeedWriter {
 public:
  explicit SeedWriter(fs::path root) : root_(std::move(root)) {}

  void Write(const std::string& target, const std::string& name,
             const std::vector<uint8_t>& bytes) {
    fs::path folder = root_ / target;
    fs::create_directories(folder);
    std::ofstream out(folder / name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    if (!out) failed_ = true;
  }
  void Write(const std::string& target, const std::string& name, const std::string& text) {
    Write(target, name, std::vector<uint8_t>(text.begin(), text.end()));
  }
  bool failed() const { return failed_; }

 private:
  fs::path root_;
  bool failed_ = false;
};

std::vector<uint8_t> Bytes(const std::string& text) {
  return std::vector<uint8_t>(text.begin(), text.end());
}

// ---- Builder files ----------------------------------------------------------------------------

struct Layouts {
  vrsx::DataLayoutDefinition camera;  // image spec of the camera's data records
  vrsx::DataLayoutDefinition sensor;  // one piece of every kind
};

Layouts MakeLayouts() {
  using vrsx::PieceDefinition;
  Layouts layouts;
  layouts.camera.Add(PieceDefinition::Value<uint32_t>("image_width"));
  layouts.camera.Add(PieceDefinition::Value<uint32_t>("image_height"));
  layouts.camera.Add(PieceDefinition::Value<uint32_t>("image_pixel_format"));
  layouts.camera.Add(PieceDefinition::Value<uint32_t>("image_stride"));
  PieceDefinition temperature = PieceDefinition::Value<double>("temperature");
  temperature.SetDefault(20.5);
  temperature.SetProperty("min", -40.0);
  temperature.tags["unit"] = "C";
  layouts.sensor.Add(temperature);
  layouts.sensor.Add(PieceDefinition::Array<float>("accel", 3));
  layouts.sensor.Add(PieceDefinition::Value<vrsx::Matrix3Df>("rotation"));
  layouts.sensor.Add(PieceDefinition::Vector<int32_t>("counts"));
  layouts.sensor.Add(PieceDefinition::Vector<std::string>("labels"));
  layouts.sensor.Add(PieceDefinition::String("note"));
  layouts.sensor.Add(PieceDefinition::StringMap<int32_t>("levels"));
  return layouts;
}

std::vector<uint8_t> CameraConfiguration(const Layouts& layouts, uint32_t width, uint32_t height) {
  vrsx::DataLayoutEncoder encoder(layouts.camera);
  encoder.SetValue<uint32_t>(0, width);
  encoder.SetValue<uint32_t>(1, height);
  encoder.SetValue<uint32_t>(2, uint32_t(vrsx::PixelFormat::kGrey8));
  encoder.SetValue<uint32_t>(3, width);
  return encoder.Encode();
}

std::vector<uint8_t> SensorBlock(const Layouts& layouts, int i) {
  vrsx::DataLayoutEncoder encoder(layouts.sensor);
  encoder.SetValue<double>(0, 21.0 + i);
  encoder.SetArray<float>(1, {0.5f, -1.0f, 9.81f});
  encoder.SetValue<vrsx::Matrix3Df>(2, {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}});
  encoder.SetVector<int32_t>(3, {i, -i, 1 << 20});
  encoder.SetVector<std::string>(4, {"left", "right"});
  encoder.SetString(5, "seed " + std::to_string(i));
  encoder.SetStringMap<int32_t>(6, {{"a", i}, {"b", -1}});
  return encoder.Encode();
}

std::vector<uint8_t> BuildFile(const BuilderOptions& options, Codec codec, bool late_stream) {
  static const Layouts layouts = MakeLayouts();
  VrsFileBuilder b(options);
  b.SetFileTag("purpose", "fuzz seed");
  b.AddStream({200, 1}, {{"position", "front"}},
              {{"VRS_Original_Recordable_Name", "Camera"},
               {"RF:Configuration:1", "data_layout"},
               {"DL:Configuration:1:0", layouts.camera.ToJson()},
               {"RF:Data:1", "image/raw"}});
  b.AddStream({241, 1}, {},
              {{"VRS_Original_Recordable_Name", "Sensor"},
               {"RF:Data:1", "data_layout"},
               {"DL:Data:1:0", layouts.sensor.ToJson()}});
  b.AddStream({100, 1}, {},
              {{"RF:Data:1", "audio/pcm/int16le/channels=1/rate=8000"},
               {"VRS_Recordable_Flavor", "test/audio"}});
  vrsx::testing::RecordOptions record_options{.codec = codec};
  b.AddRecord({200, 1}, RecordKind::kConfiguration, 0.5, CameraConfiguration(layouts, 8, 4),
              record_options);
  for (int i = 0; i < 3; ++i) {
    std::vector<uint8_t> image(8 * 4, uint8_t(i * 40));
    b.AddRecord({200, 1}, RecordKind::kData, 1.0 + i, image, record_options);
    b.AddRecord({241, 1}, RecordKind::kData, 1.1 + i, SensorBlock(layouts, i), record_options);
    std::vector<uint8_t> samples(2 * 16, uint8_t(i));
    b.AddRecord({100, 1}, RecordKind::kData, 1.2 + i, samples, record_options);
  }
  if (late_stream) {
    b.AddStream({300, 2}, {{"late", "yes"}}, {{"RF:State:1", "custom/format=blob"}});
    b.AddRecord({300, 2}, RecordKind::kState, 5.0, Bytes("state"), record_options);
  }
  b.Finish();
  return b.bytes();
}

void WriteBuilderFiles(std::map<std::string, std::vector<uint8_t>>& files) {
  struct Variant {
    const char* name;
    BuilderOptions options;
    Codec codec;
    bool late_stream;
  };
  std::vector<Variant> variants = {
      {"classic-none", {}, Codec::kNone, false},
      {"classic-zstd", {}, Codec::kZstd, true},
      {"classic-lz4-raw-index", {.compress_index = false}, Codec::kLz4, false},
      {"front-index", {.index = IndexLayout::kFrontPreallocated}, Codec::kZstd, false},
      {"front-interrupted",
       {.index = IndexLayout::kFrontPreallocated, .interrupted = true},
       Codec::kNone,
       false},
      {"split-head", {.index = IndexLayout::kSplitHead}, Codec::kZstd, true},
      {"split-head-raw",
       {.index = IndexLayout::kSplitHead, .compress_index = false, .split_index_frame_entries = 4},
       Codec::kNone,
       false},
      {"no-index", {.index = IndexLayout::kNone}, Codec::kLz4, true},
      {"legacy-description", {.description_format = 1}, Codec::kNone, false},
  };
  for (const Variant& variant : variants) {
    std::string name = std::string("builder-") + variant.name + ".vrs";
    files[name] = BuildFile(variant.options, variant.codec, variant.late_stream);
  }
}

// ---- Hostile files (docs/limits.md) -----------------------------------------------------------

namespace le = vrsx::testing::le;

std::vector<uint8_t> ZstdFrame(const std::vector<uint8_t>& data) {
  std::vector<uint8_t> frame(ZSTD_compressBound(data.size()));
  size_t size = ZSTD_compress(frame.data(), frame.size(), data.data(), data.size(), 3);
  frame.resize(ZSTD_isError(size) ? 0 : size);
  return frame;
}

// Two good records around one stored exactly as given.
std::vector<uint8_t> AroundRawRecord(vrsx::testing::RawRecord middle) {
  VrsFileBuilder b;
  b.AddStream({100, 1});
  std::vector<uint8_t> good(300, 7);
  b.AddRecord({100, 1}, RecordKind::kData, 1.0, good, {.codec = Codec::kZstd});
  middle.disk_type_id = 100;
  middle.instance_id = 1;
  middle.timestamp = 2.0;
  b.AddRawRecord(middle);
  b.AddRecord({100, 1}, RecordKind::kData, 3.0, good, {.codec = Codec::kZstd});
  b.Finish();
  return b.bytes();
}

void WriteHostileFiles(std::map<std::string, std::vector<uint8_t>>& files) {
  std::vector<uint8_t> data(1000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i % 13);
  const std::vector<uint8_t> frame = ZstdFrame(data);
  auto zstd_record = [&](const std::vector<uint8_t>& stored, uint32_t claim) {
    return AroundRawRecord({.compression_type = 2, .uncompressed_size = claim, .payload = stored});
  };
  std::vector<uint8_t> reserved_block = frame;
  for (size_t i = 7; i < 10 && i < reserved_block.size(); ++i) reserved_block[i] = 0xFF;
  files["hostile-zstd-reserved-block.vrs"] = zstd_record(reserved_block, 1000);
  std::vector<uint8_t> cut(frame.begin(), frame.end() - 6);
  files["hostile-zstd-cut.vrs"] = zstd_record(cut, 1000);
  files["hostile-zstd-claims-more.vrs"] = zstd_record(frame, uint32_t(frame.size() * 60000));
  files["hostile-zstd-claims-4gib.vrs"] = zstd_record(frame, 0xFFFFFFFF);
  std::vector<uint8_t> junk(100, 0x5A);
  files["hostile-lz4-bomb.vrs"] =
      AroundRawRecord({.compression_type = 1, .uncompressed_size = 100'000, .payload = junk});

  // A classic index of 100 000 entries of size 0 (they would all "fit" at one offset).
  VrsFileBuilder b(BuilderOptions{.compress_index = false});
  b.AddStream({100, 1});
  b.AddRecord({100, 1}, RecordKind::kData, 1.0, data);
  b.Finish();
  std::vector<uint8_t> bytes = b.bytes();
  const size_t index = b.index_offset();
  const size_t count_at = index + 32 + 4 + 6;  // record header, stream count, one stream
  std::vector<uint8_t> entries;
  for (int i = 0; i < 100'000; ++i) {
    le::PutF64(entries, 1.0);
    le::Put32(entries, 0);
    le::Put8(entries, 3);
    le::PutI32(entries, 100);
    le::Put16(entries, 1);
  }
  std::vector<uint8_t> entries_frame = ZstdFrame(entries);
  bytes.resize(count_at);
  le::Put32(bytes, 100'000);
  bytes.insert(bytes.end(), entries_frame.begin(), entries_frame.end());
  le::Set32(bytes.data() + index, uint32_t(bytes.size() - index));  // record size
  le::Set32(bytes.data() + index + 28, uint32_t(entries.size()));   // uncompressed size
  bytes[index + 27] = 2;                                            // zstd
  files["hostile-index-zero-size-entries.vrs"] = bytes;

  // A description record listing 5001 streams.
  std::vector<uint8_t> streams = b.bytes();
  le::Set32(streams.data() + b.description_offset() + 32, 5001);
  files["hostile-description-5001-streams.vrs"] = streams;
}

// ---- Golden files -----------------------------------------------------------------------------

std::vector<uint8_t> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every golden file, named by its first chunk, with its chunks joined.
void ReadGoldenFiles(const fs::path& folder, std::map<std::string, std::vector<uint8_t>>& files) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".vrs")) continue;  // later chunks come with their first one
    std::vector<uint8_t> joined;
    for (const std::string& chunk : vrsx::format::DiscoverChunks(entry.path().string())) {
      std::vector<uint8_t> bytes = ReadWholeFile(chunk);
      joined.insert(joined.end(), bytes.begin(), bytes.end());
    }
    files["golden-" + name] = std::move(joined);
  }
}

// ---- Seeds cut out of files -------------------------------------------------------------------

void WriteCutSeeds(SeedWriter& seeds, const std::string& file_name,
                   const std::vector<uint8_t>& bytes) {
  vrsx::Reader reader;
  if (!reader.OpenMemory(bytes.data(), bytes.size(), file_name).ok()) return;
  int tag_number = 0;
  for (vrsx::StreamId stream : reader.streams()) {
    for (const auto& [name, value] : reader.stream_tags(stream).vrs) {
      std::string seed_name = file_name + "-" + std::to_string(tag_number++);
      if (name.starts_with("RF:")) seeds.Write("fuzz_record_format", seed_name, value);
      if (name.starts_with("DL:")) seeds.Write("fuzz_data_layout_json", seed_name, value);
    }
  }
  vrsx::StreamFormats formats(reader);
  vrsx::RecordContentDecoder decoder(formats);
  vrsx::RecordContent content;
  std::vector<uint8_t> payload;
  std::map<const vrsx::DataLayoutSlot*, int> kept;
  int block_number = 0;
  for (size_t pos = 0; pos < reader.index().size(); ++pos) {
    if (!decoder.ReadAndDecode(reader, pos, payload, content).ok()) continue;
    for (const vrsx::DecodedBlock& block : content.blocks) {
      const vrsx::DataLayoutSlot* slot = block.layout_slot;
      if (block.kind != vrsx::BlockKind::kDataLayout || slot == nullptr || !slot->layout) continue;
      if (kept[slot]++ >= kBlocksPerDefinition) continue;
      std::vector<uint8_t> seed = Bytes(slot->layout->ToJson());
      seed.push_back(0);
      seed.insert(seed.end(), block.data.begin(), block.data.end());
      seeds.Write("fuzz_data_layout_block", file_name + "-block" + std::to_string(block_number++),
                  seed);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s OUT_DIR [GOLDEN_FILES_DIR]\n", argv[0]);
    return 2;
  }
  SeedWriter seeds(argv[1]);
  std::map<std::string, std::vector<uint8_t>> files;
  WriteBuilderFiles(files);
  WriteHostileFiles(files);
  if (argc == 3) ReadGoldenFiles(argv[2], files);
  for (const auto& [name, bytes] : files) {
    seeds.Write("fuzz_open_file", name, bytes);
    seeds.Write("fuzz_index", name, bytes);
    WriteCutSeeds(seeds, name, bytes);
  }
  if (seeds.failed()) {
    std::fprintf(stderr, "%s: could not write every seed\n", argv[0]);
    return 1;
  }
  std::printf("wrote the seeds of %zu files into %s\n", files.size(), argv[1]);
  return 0;
}
