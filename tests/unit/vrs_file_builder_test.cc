// Checks VrsFileBuilder's output structurally, against spec/01-container.md, with a small parser
// written here (not the vrsx reader), and checks that parser on the golden sample_file.vrs.
#include "support/vrs_file_builder.h"
#include "support/temp_dir.h"

#include <lz4frame.h>
#include <zstd.h>
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <set>

namespace vrsx::testing {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

constexpr double kMax = std::numeric_limits<double>::max();

// ---- A minimal independent parser ----------------------------------------------------------

struct FileHeaderView {
  uint32_t magic1, magic2;
  uint64_t creation_id;
  uint32_t file_header_size, record_header_size;
  int64_t index_offset, description_offset, first_user_offset;
  uint64_t future2, future3, future4;
  uint32_t magic3, version;
};

FileHeaderView ParseFileHeader(const Bytes& b) {
  REQUIRE(b.size() >= 80);
  const uint8_t* p = b.data();
  return {le::U32(p),      le::U32(p + 4),  le::U64(p + 8),  le::U32(p + 16), le::U32(p + 20),
          le::I64(p + 24), le::I64(p + 32), le::I64(p + 40), le::U64(p + 48), le::U64(p + 56),
          le::U64(p + 64), le::U32(p + 72), le::U32(p + 76)};
}

struct RecordHeaderView {
  uint32_t size, prev;
  int32_t type_id;
  uint32_t format;
  double timestamp;
  uint16_t instance;
  uint8_t record_type, compression;
  uint32_t uncompressed_size;
};

RecordHeaderView ParseRecordHeader(const Bytes& b, uint64_t offset) {
  REQUIRE(offset + 32 <= b.size());
  const uint8_t* p = b.data() + offset;
  return {le::U32(p),      le::U32(p + 4), le::I32(p + 8), le::U32(p + 12), le::F64(p + 16),
          le::U16(p + 24), p[26],          p[27],          le::U32(p + 28)};
}

Bytes Payload(const Bytes& b, uint64_t offset) {
  RecordHeaderView h = ParseRecordHeader(b, offset);
  REQUIRE(h.size >= 32);
  REQUIRE(offset + h.size <= b.size());
  return Bytes(b.begin() + static_cast<std::ptrdiff_t>(offset + 32),
               b.begin() + static_cast<std::ptrdiff_t>(offset + h.size));
}

Bytes ZstdDecode(std::span<const uint8_t> frame, size_t expected_size) {
  unsigned long long content = ZSTD_getFrameContentSize(frame.data(), frame.size());
  REQUIRE(content == expected_size);  // the frame header carries the content size
  Bytes out(expected_size);
  size_t n = ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size());
  REQUIRE_FALSE(ZSTD_isError(n));
  REQUIRE(n == expected_size);
  return out;
}

Bytes Lz4Decode(std::span<const uint8_t> frame, size_t expected_size) {
  LZ4F_dctx* dctx = nullptr;
  REQUIRE_FALSE(LZ4F_isError(LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION)));
  Bytes out(expected_size + 1);
  size_t produced = 0, consumed = 0, hint = 1;
  while (consumed < frame.size() && hint != 0) {
    size_t dst = out.size() - produced, src = frame.size() - consumed;
    hint =
        LZ4F_decompress(dctx, out.data() + produced, &dst, frame.data() + consumed, &src, nullptr);
    REQUIRE_FALSE(LZ4F_isError(hint));
    produced += dst;
    consumed += src;
  }
  LZ4F_freeDecompressionContext(dctx);
  CHECK(hint == 0);  // frame complete
  CHECK(consumed == frame.size());
  REQUIRE(produced == expected_size);
  out.resize(produced);
  return out;
}

// The decoded payload of a user record (§4.3).
Bytes DecodedPayload(const Bytes& b, uint64_t offset) {
  RecordHeaderView h = ParseRecordHeader(b, offset);
  Bytes payload = Payload(b, offset);
  if (h.compression == 0) {
    CHECK(h.uncompressed_size == 0);
    return payload;
  }
  if (h.compression == 1) {
    REQUIRE(payload.size() >= 4);
    CHECK(le::U32(payload.data()) == 0x184D2204);
    return Lz4Decode(payload, h.uncompressed_size);
  }
  REQUIRE(h.compression == 2);
  CHECK(le::U32(payload.data()) == 0xFD2FB528);
  return ZstdDecode(payload, h.uncompressed_size);
}

// Follows the daisy chain (§3.4) from `start` to `end`; returns the record offsets.
std::vector<uint64_t> WalkChain(const Bytes& b, uint64_t start, uint64_t end,
                                uint32_t first_prev = 0) {
  std::vector<uint64_t> offsets;
  uint32_t expected_prev = first_prev;
  uint64_t offset = start;
  while (offset < end) {
    RecordHeaderView h = ParseRecordHeader(b, offset);
    INFO("record at " << offset);
    REQUIRE(h.prev == expected_prev);
    REQUIRE(h.size >= 32);
    REQUIRE(offset + h.size <= end);
    REQUIRE(h.record_type >= 1);
    REQUIRE(h.record_type <= 4);
    offsets.push_back(offset);
    expected_prev = h.size;
    offset += h.size;
  }
  CHECK(offset == end);
  return offsets;
}

struct Entry {
  double timestamp;
  uint32_t size;
  uint8_t type;
  int32_t type_id;
  uint16_t instance;
};

std::vector<Entry> ParseEntries(std::span<const uint8_t> raw) {
  REQUIRE(raw.size() % 19 == 0);
  std::vector<Entry> out;
  for (size_t i = 0; i < raw.size(); i += 19) {
    const uint8_t* p = raw.data() + i;
    out.push_back({le::F64(p), le::U32(p + 8), p[12], le::I32(p + 13), le::U16(p + 17)});
  }
  return out;
}

struct ClassicIndex {
  std::vector<std::pair<int32_t, uint16_t>> streams;
  std::vector<Entry> entries;
};

// §7.3
ClassicIndex ParseClassicIndex(const Bytes& b, uint64_t offset) {
  RecordHeaderView h = ParseRecordHeader(b, offset);
  CHECK(h.type_id == 1);
  CHECK(h.instance == 0);
  CHECK(h.format == 2);
  CHECK(h.record_type == 3);
  CHECK(h.timestamp == kMax);
  Bytes payload = Payload(b, offset);
  REQUIRE(payload.size() >= 8);
  ClassicIndex index;
  uint32_t stream_count = le::U32(payload.data());
  REQUIRE(payload.size() >= 8 + 6 * uint64_t{stream_count});
  size_t pos = 4;
  for (uint32_t i = 0; i < stream_count; ++i, pos += 6) {
    index.streams.emplace_back(le::I32(&payload[pos]), le::U16(&payload[pos + 4]));
  }
  uint32_t count = le::U32(&payload[pos]);
  pos += 4;
  std::span<const uint8_t> rest(payload.data() + pos, payload.size() - pos);
  if (h.uncompressed_size > 0) {
    CHECK(h.compression == 2);
    CHECK(h.uncompressed_size == 8 + 6 * stream_count + 19 * count);
    // One zstd frame, possibly followed by slack in a preallocated index.
    size_t frame_size = ZSTD_findFrameCompressedSize(rest.data(), rest.size());
    REQUIRE_FALSE(ZSTD_isError(frame_size));
    index.entries = ParseEntries(ZstdDecode(rest.first(frame_size), 19 * size_t{count}));
  } else {
    CHECK(h.compression == 0);
    REQUIRE(rest.size() >= 19 * size_t{count});
    index.entries = ParseEntries(rest.first(19 * size_t{count}));
  }
  return index;
}

// §7.4: concatenated zstd frames (or raw entries).
std::vector<Entry> ParseSplitIndex(const Bytes& b, uint64_t offset) {
  RecordHeaderView h = ParseRecordHeader(b, offset);
  CHECK(h.type_id == 1);
  CHECK(h.format == 3);
  Bytes payload = Payload(b, offset);
  if (h.uncompressed_size == 0) return ParseEntries(payload);
  CHECK(h.compression == 2);
  Bytes raw;
  std::span<const uint8_t> rest(payload);
  while (!rest.empty()) {
    size_t frame_size = ZSTD_findFrameCompressedSize(rest.data(), rest.size());
    REQUIRE_FALSE(ZSTD_isError(frame_size));
    unsigned long long content = ZSTD_getFrameContentSize(rest.data(), frame_size);
    REQUIRE(content % 19 == 0);
    Bytes part = ZstdDecode(rest.first(frame_size), content);
    raw.insert(raw.end(), part.begin(), part.end());
    rest = rest.subspan(frame_size);
  }
  CHECK(raw.size() == h.uncompressed_size);
  return ParseEntries(raw);
}

// §7.5.4: every entry lands on a header with the same fields; returns the offsets.
std::vector<uint64_t> CheckEntriesMatchHeaders(const Bytes& b, const std::vector<Entry>& entries,
                                               uint64_t start) {
  std::vector<uint64_t> offsets;
  uint64_t offset = start;
  for (const Entry& e : entries) {
    RecordHeaderView h = ParseRecordHeader(b, offset);
    INFO("entry at " << offset);
    CHECK(h.size == e.size);
    CHECK(h.timestamp == e.timestamp);
    CHECK(h.record_type == e.type);
    CHECK(h.type_id == e.type_id);
    CHECK(h.instance == e.instance);
    offsets.push_back(offset);
    offset += e.size;
  }
  return offsets;
}

struct StreamDescription {
  int32_t type_id;
  uint16_t instance;
  Tags user, vrs;
};

struct Description {
  std::vector<StreamDescription> streams;
  Tags file_tags;
};

class Cursor {
 public:
  explicit Cursor(std::span<const uint8_t> data) : data_(data) {}
  uint32_t U32() {
    REQUIRE(pos_ + 4 <= data_.size());
    pos_ += 4;
    return le::U32(data_.data() + pos_ - 4);
  }
  uint16_t U16() {
    REQUIRE(pos_ + 2 <= data_.size());
    pos_ += 2;
    return le::U16(data_.data() + pos_ - 2);
  }
  std::string String() {
    uint32_t n = U32();
    REQUIRE(pos_ + n <= data_.size());
    pos_ += n;
    return std::string(data_.begin() + static_cast<std::ptrdiff_t>(pos_ - n),
                       data_.begin() + static_cast<std::ptrdiff_t>(pos_));
  }
  Tags StringMap() {  // §6.2, checks strictly ascending unsigned byte-wise keys
    Tags tags;
    uint32_t count = U32();
    std::string previous;
    for (uint32_t i = 0; i < count; ++i) {
      std::string key = String();
      if (i > 0) {
        CHECK(std::lexicographical_compare(previous.begin(), previous.end(), key.begin(), key.end(),
                                           [](char a, char b) { return uint8_t(a) < uint8_t(b); }));
      }
      tags[key] = String();
      previous = key;
    }
    return tags;
  }
  size_t left() const { return data_.size() - pos_; }

 private:
  std::span<const uint8_t> data_;
  size_t pos_ = 0;
};

Description ParseDescriptionV2(const Bytes& payload) {  // §6.3
  Cursor c(payload);
  Description d;
  uint32_t count = c.U32();
  for (uint32_t i = 0; i < count; ++i) {
    StreamDescription s;
    s.type_id = static_cast<int32_t>(c.U32());
    s.instance = c.U16();
    s.user = c.StringMap();
    s.vrs = c.StringMap();
    d.streams.push_back(std::move(s));
  }
  d.file_tags = c.StringMap();
  CHECK(c.left() == 0);
  return d;
}

Bytes ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Chunks path, path_1, path_2... concatenated (§8 discovery).
Bytes ReadChunks(const std::string& path, std::vector<uint64_t>* sizes = nullptr) {
  Bytes all;
  for (size_t k = 0; fs::exists(ChunkPath(path, k)); ++k) {
    Bytes chunk = ReadFile(ChunkPath(path, k));
    if (sizes != nullptr) sizes->push_back(chunk.size());
    all.insert(all.end(), chunk.begin(), chunk.end());
  }
  return all;
}

using vrsx::testing::TempDir;

Bytes Pattern(size_t size, uint32_t seed) {  // compressible
  Bytes out(size);
  for (size_t i = 0; i < size; ++i) out[i] = static_cast<uint8_t>((i / 7 + seed) % 13);
  return out;
}

Bytes Random(size_t size, uint32_t seed) {  // incompressible
  std::mt19937 gen(seed);
  Bytes out(size);
  for (auto& v : out) v = static_cast<uint8_t>(gen());
  return out;
}

// A small file with two declared streams, one undeclared, various records.
void Populate(VrsFileBuilder& b, int count = 20) {
  b.SetFileTag("purpose", "unit test");
  b.SetFileTag("capture_time_epoch", "1636165950");
  b.AddStream({100, 1}, {{"zz", "last"}, {"a", "first"}},
              {{"VRS_Original_Recordable_Name", "Generic Image Stream"}});
  b.AddStream({200, 1}, {}, {{"VRS_Recordable_Flavor", "test/flavor"}});
  b.AddRecord({100, 1}, RecordKind::kConfiguration, 0.0, Pattern(12, 1));
  b.AddRecord({100, 1}, RecordKind::kState, 0.0, {});
  for (int i = 0; i < count; ++i) {
    double t = 1.0 + 0.5 * (count - i);  // deliberately not in time order
    Codec codec = i % 3 == 0 ? Codec::kNone : i % 3 == 1 ? Codec::kLz4 : Codec::kZstd;
    b.AddRecord({static_cast<uint16_t>(i % 2 ? 100 : 200), 1}, RecordKind::kData, t,
                Pattern(100 + 50 * static_cast<size_t>(i), static_cast<uint32_t>(i)),
                {.format_version = 2, .codec = codec});
  }
  b.AddRecord({300, 2}, RecordKind::kData, 2.0, Random(300, 5), {.codec = Codec::kZstd});
}

// Checks everything the spec lets us check on a finished, complete, non-split file.
void CheckWholeFile(const VrsFileBuilder& b, const Bytes& bytes) {
  FileHeaderView fh = ParseFileHeader(bytes);
  REQUIRE(bytes.size() == b.total_size());
  std::vector<uint64_t> chain = WalkChain(bytes, fh.file_header_size, bytes.size());
  std::set<uint64_t> chain_set(chain.begin(), chain.end());
  for (const BuiltRecord& r : b.Records()) {
    REQUIRE(chain_set.count(r.offset) == 1);
    RecordHeaderView h = ParseRecordHeader(bytes, r.offset);
    CHECK(h.size == r.record_size);
    CHECK(h.prev == r.previous_record_size);
    CHECK(h.type_id == r.disk_type_id);
    CHECK(h.instance == r.stream.instance_id);
    CHECK(h.record_type == r.record_type);
    CHECK(h.compression == r.compression_type);
    CHECK(h.uncompressed_size == r.uncompressed_size);
    CHECK(h.format == r.format_version);
    if (r.record_type != 4) {
      CHECK((h.timestamp == r.timestamp));
    }
  }
  if (fh.index_offset != 0) {
    ClassicIndex index = ParseClassicIndex(bytes, static_cast<uint64_t>(fh.index_offset));
    uint64_t start = fh.first_user_offset != 0
                         ? static_cast<uint64_t>(fh.first_user_offset)
                         : fh.file_header_size + ParseRecordHeader(bytes, 80).size;
    CHECK(start == b.user_records_offset());
    std::vector<uint64_t> offsets = CheckEntriesMatchHeaders(bytes, index.entries, start);
    REQUIRE(offsets.size() == b.Records().size());
    for (size_t i = 0; i < offsets.size(); ++i) CHECK(offsets[i] == b.Records()[i].offset);
    std::vector<StreamKey> streams = b.IndexStreams();
    REQUIRE(index.streams.size() == streams.size());
    for (size_t i = 0; i < streams.size(); ++i) {
      CHECK(index.streams[i].first == streams[i].type_id);
      CHECK(index.streams[i].second == streams[i].instance_id);
    }
  }
}

// ---- Tests ------------------------------------------------------------------------------------

TEST_CASE("builder: file header and description record", "[builder]") {
  VrsFileBuilder b({.creation_id = 0x0123456789ABCDEF});
  Populate(b);
  b.Finish();
  const Bytes& bytes = b.bytes();
  FileHeaderView fh = ParseFileHeader(bytes);
  CHECK(std::string(bytes.begin(), bytes.begin() + 8) == "VisionRe");
  CHECK(std::string(bytes.begin() + 72, bytes.begin() + 76) == "cord");
  CHECK(std::string(bytes.begin() + 76, bytes.begin() + 80) == "VRS1");
  CHECK(fh.magic1 == kMagic1);
  CHECK(fh.magic2 == kMagic2);
  CHECK(fh.magic3 == kMagic3);
  CHECK(fh.creation_id == 0x0123456789ABCDEF);
  CHECK(fh.file_header_size == 80);
  CHECK(fh.record_header_size == 32);
  CHECK(fh.description_offset == 80);
  CHECK(fh.first_user_offset == 0);
  CHECK(fh.future2 == 0);
  CHECK(fh.future3 == 0);
  CHECK(fh.future4 == 0);
  CHECK(fh.version == kVersionVrs1);
  CHECK(fh.index_offset == static_cast<int64_t>(b.index_offset()));
  CHECK(b.index_offset() + ParseRecordHeader(bytes, b.index_offset()).size == bytes.size());

  RecordHeaderView dh = ParseRecordHeader(bytes, 80);
  CHECK(dh.size == b.description_size());
  CHECK(dh.prev == 0);
  CHECK(dh.type_id == 2);
  CHECK(dh.instance == 0);
  CHECK(dh.format == 2);
  CHECK(dh.timestamp == kMax);
  CHECK(dh.record_type == 3);
  CHECK(dh.compression == 0);
  CHECK(dh.uncompressed_size == 0);
  Description d = ParseDescriptionV2(Payload(bytes, 80));
  REQUIRE(d.streams.size() == 2);  // 300-2 was never declared
  CHECK(d.streams[0].type_id == 100);
  CHECK(d.streams[0].instance == 1);
  CHECK(d.streams[0].user == Tags{{"a", "first"}, {"zz", "last"}});
  CHECK(d.streams[0].vrs == Tags{{"VRS_Original_Recordable_Name", "Generic Image Stream"}});
  CHECK(d.streams[1].type_id == 200);
  CHECK(d.streams[1].user.empty());
  CHECK(d.streams[1].vrs == Tags{{"VRS_Recordable_Flavor", "test/flavor"}});
  CHECK(d.file_tags == Tags{{"capture_time_epoch", "1636165950"}, {"purpose", "unit test"}});

  // The description payload, byte by byte for the file tags at its end.
  Bytes payload = Payload(bytes, 80);
  Bytes expected_tail;
  le::Put32(expected_tail, 2);
  for (std::string s : {"capture_time_epoch", "1636165950", "purpose", "unit test"}) {
    le::Put32(expected_tail, static_cast<uint32_t>(s.size()));
    expected_tail.insert(expected_tail.end(), s.begin(), s.end());
  }
  REQUIRE(payload.size() > expected_tail.size());
  CHECK(Bytes(payload.end() - static_cast<std::ptrdiff_t>(expected_tail.size()), payload.end()) ==
        expected_tail);
  CheckWholeFile(b, bytes);
}

TEST_CASE("builder: string map keys use unsigned byte order", "[builder]") {
  VrsFileBuilder b;
  b.SetFileTag("\xc3\xa9", "e-acute");
  b.SetFileTag("z", "");
  b.SetFileTag("", "empty key");
  b.SetFileTag("za", "x");
  b.Finish();
  Description d = ParseDescriptionV2(Payload(b.bytes(), 80));
  CHECK(d.file_tags.size() == 4);
  Bytes payload = Payload(b.bytes(), 80);
  // stream count (0), entry count (4), then the first key: the empty one.
  CHECK(le::U32(&payload[0]) == 0);
  CHECK(le::U32(&payload[4]) == 4);
  CHECK(le::U32(&payload[8]) == 0);
  // The last key is the one with a byte >= 0x80.
  std::string tail(payload.end() - 7 - 4 - 2, payload.end() - 7 - 4);
  CHECK(tail == "\xc3\xa9");
}

TEST_CASE("builder: record compression", "[builder]") {
  VrsFileBuilder b;
  Bytes compressible = Pattern(5000, 3);
  Bytes small = Pattern(249, 3);
  Bytes random = Random(1000, 9);
  size_t lz4 = b.AddRecord({100, 1}, RecordKind::kData, 1, compressible, {.codec = Codec::kLz4});
  size_t lz4_tight =
      b.AddRecord({100, 1}, RecordKind::kData, 2, compressible, {.codec = Codec::kLz4, .level = 4});
  size_t zstd = b.AddRecord({100, 1}, RecordKind::kData, 3, compressible,
                            {.codec = Codec::kZstd, .level = 18});
  size_t too_small = b.AddRecord({100, 1}, RecordKind::kData, 4, small, {.codec = Codec::kZstd});
  size_t forced_small = b.AddRecord({100, 1}, RecordKind::kData, 5, small,
                                    {.codec = Codec::kLz4, .policy = CompressPolicy::kAlways});
  size_t incompressible =
      b.AddRecord({100, 1}, RecordKind::kData, 6, random, {.codec = Codec::kZstd});
  size_t forced_random = b.AddRecord({100, 1}, RecordKind::kData, 7, random,
                                     {.codec = Codec::kZstd, .policy = CompressPolicy::kAlways});
  size_t raw = b.AddRecord({100, 1}, RecordKind::kData, 8, compressible);
  b.Finish();
  const Bytes& bytes = b.bytes();
  const auto& r = b.Records();
  auto decoded = [&](size_t i) { return DecodedPayload(bytes, r[i].offset); };

  CHECK(r[lz4].compression_type == 1);
  CHECK(r[lz4].uncompressed_size == 5000);
  CHECK(r[lz4].record_size < 32 + 5000);
  CHECK(decoded(lz4) == compressible);
  // lz4 frame descriptor FLG: no content size (bit 3), no content checksum (bit 2), no block
  // checksum (bit 4).
  CHECK((bytes[r[lz4].offset + 32 + 4] & 0x1C) == 0);
  CHECK(r[lz4_tight].compression_type == 1);
  CHECK(decoded(lz4_tight) == compressible);
  CHECK(r[zstd].compression_type == 2);
  CHECK(r[zstd].uncompressed_size == 5000);
  CHECK(decoded(zstd) == compressible);
  // zstd frame header descriptor: no checksum (bit 2).
  CHECK((bytes[r[zstd].offset + 32 + 4] & 0x04) == 0);
  CHECK(r[too_small].compression_type == 0);
  CHECK(r[too_small].uncompressed_size == 0);
  CHECK(r[too_small].record_size == 32 + 249);
  CHECK(decoded(too_small) == small);
  CHECK(r[forced_small].compression_type == 1);
  CHECK(decoded(forced_small) == small);
  CHECK(r[incompressible].compression_type == 0);
  CHECK(r[incompressible].record_size == 32 + 1000);
  CHECK(r[forced_random].compression_type == 2);
  CHECK(r[forced_random].record_size >= 32 + 1000);
  CHECK(decoded(forced_random) == random);
  CHECK(r[raw].compression_type == 0);
  CHECK(decoded(raw) == compressible);
  CheckWholeFile(b, bytes);
}

TEST_CASE("builder: classic index at end, raw and compressed", "[builder]") {
  for (bool compress : {false, true}) {
    VrsFileBuilder b({.compress_index = compress});
    Populate(b);
    b.Finish();
    const Bytes& bytes = b.bytes();
    RecordHeaderView ih = ParseRecordHeader(bytes, b.index_offset());
    CHECK(ih.compression == (compress ? 2 : 0));
    CHECK(ih.uncompressed_size == (compress ? 8 + 6 * 3 + 19 * b.Records().size() : 0));
    CHECK(ih.prev == b.Records().back().record_size);
    CheckWholeFile(b, bytes);
    std::vector<uint64_t> chain = WalkChain(bytes, 80, bytes.size());
    CHECK(chain.size() == b.Records().size() + 2);
    CHECK(chain.back() == b.index_offset());
  }
}

TEST_CASE("builder: empty files", "[builder]") {
  for (IndexLayout layout : {IndexLayout::kClassicAtEnd, IndexLayout::kFrontPreallocated,
                             IndexLayout::kSplitHead, IndexLayout::kNone}) {
    VrsFileBuilder b({.index = layout});
    b.Finish();
    const Bytes& bytes = b.bytes();
    FileHeaderView fh = ParseFileHeader(bytes);
    CHECK(WalkChain(bytes, 80, bytes.size()).size() == (layout == IndexLayout::kNone ? 1 : 2));
    CHECK(Payload(bytes, 80) == Bytes(8, 0));  // 0 streams, 0 file tags
    if (layout == IndexLayout::kClassicAtEnd || layout == IndexLayout::kFrontPreallocated) {
      ClassicIndex index = ParseClassicIndex(bytes, static_cast<uint64_t>(fh.index_offset));
      CHECK(index.streams.empty());
      CHECK(index.entries.empty());
    }
  }
}

TEST_CASE("builder: front preallocated index", "[builder]") {
  SECTION("exact fit, with and without slack, raw and compressed") {
    for (uint32_t slack : {0u, 100u}) {
      for (bool compress : {false, true}) {
        VrsFileBuilder b({.index = IndexLayout::kFrontPreallocated,
                          .compress_index = compress,
                          .front_index_slack = slack});
        Populate(b);
        b.Finish();
        const Bytes& bytes = b.bytes();
        FileHeaderView fh = ParseFileHeader(bytes);
        CHECK(fh.version == kVersionVrs2);
        uint64_t index_offset = 80 + b.description_size();
        CHECK(fh.index_offset == static_cast<int64_t>(index_offset));
        RecordHeaderView ih = ParseRecordHeader(bytes, index_offset);
        CHECK(ih.prev == b.description_size());
        CHECK(fh.first_user_offset == static_cast<int64_t>(index_offset + ih.size));
        CHECK(b.Records().front().previous_record_size == ih.size);
        // slack: the unused tail of the record is zeros.
        uint32_t entries_size = compress ? 0 : 19 * static_cast<uint32_t>(b.Records().size());
        if (!compress) CHECK(ih.size == 32 + 8 + 6 * 3 + entries_size + slack);
        CHECK(b.stale_index_offset() == 0);
        CheckWholeFile(b, bytes);
        // The last record is a user record: no index at the end.
        CHECK(WalkChain(bytes, 80, bytes.size()).back() == b.Records().back().offset);
      }
    }
  }
  SECTION("capacity too small: stale index stays, real one at the end") {
    VrsFileBuilder b({.index = IndexLayout::kFrontPreallocated,
                      .compress_index = false,
                      .front_index_capacity = 3});
    Populate(b);
    b.Finish();
    const Bytes& bytes = b.bytes();
    FileHeaderView fh = ParseFileHeader(bytes);
    CHECK(fh.version == kVersionVrs2);
    uint64_t stale = 80 + b.description_size();
    CHECK(b.stale_index_offset() == stale);
    RecordHeaderView sh = ParseRecordHeader(bytes, stale);
    CHECK(sh.type_id == 1);
    CHECK(sh.size == 32 + 8 + 6 * 2 + 19 * 3);  // 2 streams known at creation
    CHECK(fh.first_user_offset == static_cast<int64_t>(stale + sh.size));
    CHECK(fh.index_offset == static_cast<int64_t>(b.index_offset()));
    CHECK(b.index_offset() > stale);
    std::vector<uint64_t> chain = WalkChain(bytes, 80, bytes.size());
    CHECK(chain[1] == stale);
    CHECK(chain.back() == b.index_offset());
    CheckWholeFile(b, bytes);
  }
  SECTION("capacity large enough: written in place") {
    VrsFileBuilder b({.index = IndexLayout::kFrontPreallocated,
                      .compress_index = false,
                      .front_index_capacity = 1000,
                      .front_index_slack = 7});
    Populate(b);
    b.Finish();
    CHECK(ParseRecordHeader(b.bytes(), 80 + b.description_size()).size ==
          32 + 8 + 6 * 2 + 19 * 1000 + 7);
    CHECK(b.index_offset() == 80 + b.description_size());
    CheckWholeFile(b, b.bytes());
  }
}

TEST_CASE("builder: interrupted recordings", "[builder]") {
  SECTION("no index") {
    VrsFileBuilder b({.index = IndexLayout::kNone});
    Populate(b);
    b.Finish();
    FileHeaderView fh = ParseFileHeader(b.bytes());
    CHECK(fh.index_offset == 0);
    CHECK(fh.first_user_offset == 0);
    CHECK(fh.version == kVersionVrs1);
    CHECK(b.index_offset() == 0);
    std::vector<uint64_t> chain = WalkChain(b.bytes(), 80, b.bytes().size());
    CHECK(chain.size() == b.Records().size() + 1);
    CheckWholeFile(b, b.bytes());
  }
  SECTION("front index") {
    VrsFileBuilder b({.index = IndexLayout::kFrontPreallocated, .interrupted = true});
    Populate(b);
    b.Finish();
    FileHeaderView fh = ParseFileHeader(b.bytes());
    CHECK(fh.index_offset == 0);
    CHECK(fh.version == kVersionVrs2);
    CHECK(fh.first_user_offset == static_cast<int64_t>(b.user_records_offset()));
    RecordHeaderView ih = ParseRecordHeader(b.bytes(), 80 + b.description_size());
    CHECK(ih.type_id == 1);
    CHECK(ih.compression == 0);
    CHECK(ih.uncompressed_size == 0);
    CheckWholeFile(b, b.bytes());
  }
  SECTION("split head") {
    VrsFileBuilder b(
        {.index = IndexLayout::kSplitHead, .interrupted = true, .split_index_frame_entries = 10});
    Populate(b);
    b.Finish();
    const Bytes& bytes = b.bytes();
    FileHeaderView fh = ParseFileHeader(bytes);
    uint64_t index_offset = 80 + b.description_size();
    CHECK(fh.index_offset == static_cast<int64_t>(index_offset));
    CHECK(fh.first_user_offset == 0);
    RecordHeaderView ih = ParseRecordHeader(bytes, index_offset);
    CHECK(ih.size == 32);
    CHECK(ih.compression == 2);
    CHECK(ih.uncompressed_size == 0);
    CHECK(ih.format == 3);
    // Two frames of 10 entries were flushed (23 records): they fill the rest of chunk 0.
    std::span<const uint8_t> frames(bytes.data() + index_offset + 32,
                                    b.head_size() - index_offset - 32);
    size_t first = ZSTD_findFrameCompressedSize(frames.data(), frames.size());
    REQUIRE_FALSE(ZSTD_isError(first));
    CHECK(ZSTD_getFrameContentSize(frames.data(), first) == 190);
    CHECK(ZSTD_findFrameCompressedSize(frames.data() + first, frames.size() - first) ==
          frames.size() - first);
    WalkChain(bytes, b.head_size(), bytes.size(), 32);
  }
}

TEST_CASE("builder: split head", "[builder]") {
  TempDir dir;
  for (bool compress : {true, false}) {
    VrsFileBuilder b({.index = IndexLayout::kSplitHead,
                      .compress_index = compress,
                      .split_index_frame_entries = 7});
    Populate(b);
    b.Finish();
    const Bytes& bytes = b.bytes();
    FileHeaderView fh = ParseFileHeader(bytes);
    uint64_t index_offset = 80 + b.description_size();
    CHECK(fh.version == kVersionVrs1);
    CHECK(fh.index_offset == static_cast<int64_t>(index_offset));
    CHECK(fh.first_user_offset == static_cast<int64_t>(b.head_size()));
    RecordHeaderView ih = ParseRecordHeader(bytes, index_offset);
    CHECK(ih.format == 3);
    CHECK(ih.prev == b.description_size());
    CHECK(index_offset + ih.size == b.head_size());
    CHECK(ih.compression == (compress ? 2 : 0));
    CHECK(ih.uncompressed_size == (compress ? 19 * b.Records().size() : 0));
    // Head chain, then the body chain whose first record says previousRecordSize = 32.
    CHECK(WalkChain(bytes, 80, b.head_size()).size() == 2);
    std::vector<uint64_t> body = WalkChain(bytes, b.head_size(), bytes.size(), 32);
    CHECK(body.size() == b.Records().size());
    std::vector<Entry> entries = ParseSplitIndex(bytes, index_offset);
    CHECK(entries.size() == b.Records().size());
    CHECK(CheckEntriesMatchHeaders(bytes, entries, b.head_size()) == body);

    // On disk: chunk 0 is the head, whatever cuts are asked for the body.
    std::string path = dir.File("split.vrs");
    std::vector<std::string> paths = b.WriteChunks(path, {b.head_size() + 100});
    REQUIRE(paths.size() == 3);
    std::vector<uint64_t> sizes;
    CHECK(ReadChunks(path, &sizes) == bytes);
    CHECK(sizes[0] == b.head_size());
    CHECK(sizes[1] == 100);
  }
}

TEST_CASE("builder: tags records for late streams", "[builder]") {
  VrsFileBuilder b;
  b.AddStream({100, 1});
  b.AddRecord({100, 1}, RecordKind::kData, 1.0, Pattern(10, 0));
  b.AddStream({101, 3}, {{"u2", "b"}, {"u1", "a"}}, {{"VRS_Original_Recordable_Name", "Audio"}});
  b.AddRecord({101, 3}, RecordKind::kData, 0.5, Pattern(10, 0));
  CHECK_THROWS(b.SetFileTag("late", "tag"));
  CHECK_THROWS(b.AddStream({101, 3}));
  b.Finish();
  const Bytes& bytes = b.bytes();
  CHECK(ParseDescriptionV2(Payload(bytes, 80)).streams.size() == 1);
  const BuiltRecord& tags = b.Records()[1];
  RecordHeaderView h = ParseRecordHeader(bytes, tags.offset);
  CHECK(h.record_type == 4);
  CHECK(h.format == 1);
  CHECK(h.timestamp == -kMax);
  CHECK(h.type_id == 101);
  CHECK(h.instance == 3);
  CHECK(h.compression == 0);
  // DataLayout block: 2 var-index entries (offset, length), then vrs_tags then user_tags.
  Bytes payload = Payload(bytes, tags.offset);
  REQUIRE(payload.size() >= 16);
  uint32_t vrs_offset = le::U32(&payload[0]), vrs_length = le::U32(&payload[4]);
  uint32_t user_offset = le::U32(&payload[8]), user_length = le::U32(&payload[12]);
  CHECK(vrs_offset == 0);
  CHECK(user_offset == vrs_length);
  CHECK(16 + user_offset + user_length == payload.size());
  std::string name = "VRS_Original_Recordable_Name";
  CHECK(vrs_length == 4 + name.size() + 4 + 5);
  CHECK(std::string(payload.begin() + 20, payload.begin() + 20 + 28) == name);
  Bytes user(payload.begin() + 16 + user_offset, payload.end());
  Bytes expected;
  for (std::string s : {"u1", "a", "u2", "b"}) {
    le::Put32(expected, static_cast<uint32_t>(s.size()));
    expected.insert(expected.end(), s.begin(), s.end());
  }
  CHECK(user == expected);
  // Tags records are in the index but not in the reader's record list.
  CHECK(ParseClassicIndex(bytes, b.index_offset()).entries.size() == 3);
  CHECK(b.ExpectedIndex().size() == 2);
  CheckWholeFile(b, bytes);
}

TEST_CASE("builder: legacy description format 1", "[builder]") {
  VrsFileBuilder b({.description_format = 1});
  b.SetFileTag("k\"ey", "v\\al\n");
  b.AddStream({100, 2}, {{"a", "1"}}, {{"VRS_Original_Recordable_Name", "Generic Image Stream"}});
  b.AddStream({101, 1});
  b.Finish();
  RecordHeaderView dh = ParseRecordHeader(b.bytes(), 80);
  CHECK(dh.format == 1);
  Bytes payload = Payload(b.bytes(), 80);
  Cursor c(payload);
  CHECK(c.U32() == 2);
  CHECK(c.U32() == 100);
  CHECK(c.U16() == 2);
  CHECK(c.String() == R"({"name":"Generic Image Stream #2","tags":{"a":"1"}})");
  CHECK(c.U32() == 101);
  CHECK(c.U16() == 1);
  CHECK(c.String() == R"({"tags":{}})");
  CHECK(c.String() == R"({"k\"ey":"v\\al\u000a"})");
  CHECK(c.left() == 0);
}

TEST_CASE("builder: expected index order", "[builder]") {
  VrsFileBuilder b;
  b.AddRecord({200, 1}, RecordKind::kData, 2.0, {});
  b.AddRecord({100, 2}, RecordKind::kData, 2.0, {});
  b.AddRecord({100, 1}, RecordKind::kData, 2.0, {});
  b.AddRecord({100, 1}, RecordKind::kData, 1.0, {});
  b.AddRecord({100, 1}, RecordKind::kData, 2.0, {});
  b.AddStream({300, 1});  // late: a tags record, removed from the reader's index
  b.Finish();
  const auto& r = b.Records();
  std::vector<ExpectedEntry> index = b.ExpectedIndex();
  REQUIRE(index.size() == 5);
  std::vector<uint64_t> order;
  for (const auto& e : index) order.push_back(e.offset);
  CHECK(order ==
        std::vector<uint64_t>{r[3].offset, r[2].offset, r[4].offset, r[1].offset, r[0].offset});
  CHECK(index[0] == ExpectedEntry{1.0, {100, 1}, r[3].offset, 3, 32});
}

TEST_CASE("builder: raw records", "[builder]") {
  VrsFileBuilder b;
  Bytes junk = Pattern(20, 1);
  b.AddRawRecord({.disk_type_id = 100005,
                  .instance_id = 7,
                  .record_type = 1,
                  .timestamp = 3.0,
                  .compression_type = 2,
                  .uncompressed_size = 1000,
                  .payload = junk});
  b.Finish();
  RecordHeaderView h = ParseRecordHeader(b.bytes(), b.Records()[0].offset);
  CHECK(h.type_id == 100005);
  CHECK(h.compression == 2);
  CHECK(h.uncompressed_size == 1000);
  CHECK(h.size == 52);
  CHECK(b.Records()[0].stream == StreamKey{65505, 7});
  CHECK(b.ExpectedIndex()[0].stream == StreamKey{65505, 7});
  CHECK(ParseClassicIndex(b.bytes(), b.index_offset()).entries[0].type_id == 100005);
}

TEST_CASE("builder: chunks", "[builder]") {
  TempDir dir;
  VrsFileBuilder b;
  Populate(b, 40);
  b.Finish();
  const Bytes& bytes = b.bytes();
  std::string path = dir.File("f.vrs");
  SECTION("arbitrary cuts, records straddle chunks") {
    std::vector<std::string> paths = b.WriteChunks(path, {1000, 37, 5000, 1000});
    CHECK(paths == std::vector<std::string>{path, path + "_1", path + "_2", path + "_3"});
    std::vector<uint64_t> sizes;
    CHECK(ReadChunks(path, &sizes) == bytes);
    CHECK(sizes == std::vector<uint64_t>{37, 963, 4000, bytes.size() - 5000});
    // Fewer chunks at the same path: stale ones are removed.
    b.WriteFile(path);
    CHECK_FALSE(fs::exists(path + "_1"));
    CHECK(ReadFile(path) == bytes);
  }
  SECTION("at record boundaries") {
    const uint64_t max = 2000;
    std::vector<uint64_t> cuts = b.RecordBoundaryCuts(max);
    REQUIRE(cuts.size() > 3);
    std::vector<uint64_t> chain = WalkChain(bytes, 80, bytes.size());
    std::set<uint64_t> chain_set(chain.begin(), chain.end());
    uint64_t start = 0;
    for (uint64_t cut : cuts) {
      CHECK(chain_set.count(cut) == 1);
      RecordHeaderView h = ParseRecordHeader(bytes, cut);
      CHECK(cut - start + h.size >= max);  // the record did not fit in the previous chunk
      start = cut;
    }
    b.WriteChunks(path, cuts);
    CHECK(ReadChunks(path) == bytes);
  }
  SECTION("truncated") {
    Bytes cut(bytes.begin(), bytes.begin() + 1234);
    WriteBytesAsChunks(path, cut, {1000});
    CHECK(ReadChunks(path) == cut);
  }
}

TEST_CASE("builder: streaming output equals the in-memory output", "[builder]") {
  TempDir dir;
  struct Case {
    BuilderOptions options;
    uint64_t max_chunk_size;
  };
  std::vector<Case> cases = {
      {{}, 0},
      {{}, 3000},
      {{.index = IndexLayout::kNone}, 0},
      {{.index = IndexLayout::kFrontPreallocated, .front_index_capacity = 100}, 0},
      {{.index = IndexLayout::kFrontPreallocated, .front_index_capacity = 2}, 0},
      {{.index = IndexLayout::kFrontPreallocated, .front_index_capacity = 100}, 1000},
      {{.index = IndexLayout::kSplitHead, .split_index_frame_entries = 5}, 0},
      {{.index = IndexLayout::kSplitHead}, 2500},
      {{.index = IndexLayout::kSplitHead, .interrupted = true}, 0},
  };
  int n = 0;
  for (const Case& c : cases) {
    INFO("case " << n);
    std::string name = "s";  // appended, not "s" + ...: g++ 12 -O2 warns falsely (-Wrestrict)
    name += std::to_string(n++);
    name += ".vrs";
    std::string path = dir.File(name);
    VrsFileBuilder memory(c.options);
    Populate(memory, 30);
    memory.Finish();
    BuilderOptions streaming_options = c.options;
    streaming_options.max_chunk_size = c.max_chunk_size;
    VrsFileBuilder streaming(streaming_options, path);
    Populate(streaming, 30);
    streaming.Finish();
    CHECK(streaming.bytes().empty());
    CHECK(streaming.total_size() == memory.total_size());
    CHECK(streaming.index_offset() == memory.index_offset());
    std::vector<uint64_t> sizes;
    CHECK(ReadChunks(path, &sizes) == memory.bytes());
    std::vector<uint64_t> expected_starts = memory.RecordBoundaryCuts(c.max_chunk_size);
    std::vector<uint64_t> starts;
    uint64_t start = 0;
    for (size_t k = 0; k + 1 < sizes.size(); ++k) starts.push_back(start += sizes[k]);
    CHECK(starts == expected_starts);
    REQUIRE(streaming.Records().size() == memory.Records().size());
    for (size_t i = 0; i < memory.Records().size(); ++i) {
      CHECK(streaming.Records()[i].offset == memory.Records()[i].offset);
    }
  }
  CHECK_THROWS(VrsFileBuilder({.index = IndexLayout::kFrontPreallocated}, dir.File("x.vrs")));
}

TEST_CASE("builder: streaming without Finish leaves an interrupted recording", "[builder]") {
  TempDir dir;
  std::vector<BuilderOptions> cases = {
      {.index = IndexLayout::kClassicAtEnd},
      {.index = IndexLayout::kFrontPreallocated, .front_index_capacity = 10},
      {.index = IndexLayout::kSplitHead},
  };
  for (size_t n = 0; n < cases.size(); ++n) {
    INFO("case " << n);
    std::string path = dir.File("crash" + std::to_string(n) + ".vrs");
    {
      VrsFileBuilder streaming(cases[n], path);
      Populate(streaming);
    }
    BuilderOptions crashed = cases[n];
    crashed.interrupted = true;
    VrsFileBuilder memory(crashed);
    Populate(memory);
    memory.Finish();
    CHECK(ReadChunks(path) == memory.bytes());
    FileHeaderView fh = ParseFileHeader(memory.bytes());
    if (cases[n].index == IndexLayout::kSplitHead) {
      CHECK(fh.first_user_offset == 0);
      WalkChain(memory.bytes(), memory.head_size(), memory.total_size(), 32);
    } else {
      CHECK(fh.index_offset == 0);
      WalkChain(memory.bytes(), 80, memory.total_size());
    }
  }
}

TEST_CASE("builder: many records", "[builder]") {
  VrsFileBuilder b({.index = IndexLayout::kSplitHead});
  Bytes payload(8, 1);
  const size_t count = 250000;
  for (size_t i = 0; i < count; ++i) {
    b.AddRecord({static_cast<uint16_t>(100 + i % 3), 1}, RecordKind::kData,
                static_cast<double>(i / 3), payload);
  }
  b.Finish();
  CHECK(b.Records().size() == count);
  CHECK(b.Records().back().offset + 40 == b.total_size());
  std::vector<Entry> entries = ParseSplitIndex(b.bytes(), 80 + b.description_size());
  REQUIRE(entries.size() == count);
  CHECK(entries[count - 1].type_id == 100 + (count - 1) % 3);
  std::vector<ExpectedEntry> index = b.ExpectedIndex();
  CHECK(index.size() == count);
  CHECK(index[1].stream == StreamKey{101, 1});
}

// The same parser on a real file: shows the field layout matches reality (spec §11).
TEST_CASE("builder: parser agrees with golden sample_file.vrs", "[builder][golden]") {
  fs::path path = fs::path(__FILE__).parent_path() / "../../../shared/golden/files/sample_file.vrs";
#ifdef VRSX_GOLDEN_DIR
  path = fs::path(VRSX_GOLDEN_DIR) / "files/sample_file.vrs";
#endif
  if (!fs::exists(path)) path = "/work/shared/golden/files/sample_file.vrs";
  if (!fs::exists(path)) return;  // no golden files here
  Bytes bytes = ReadFile(path);
  FileHeaderView fh = ParseFileHeader(bytes);
  CHECK(fh.magic1 == kMagic1);
  CHECK(fh.magic2 == kMagic2);
  CHECK(fh.magic3 == kMagic3);
  CHECK(fh.version == kVersionVrs1);
  CHECK(fh.creation_id == 0x16B4D4434B414DE8);
  CHECK(fh.file_header_size == 80);
  CHECK(fh.record_header_size == 32);
  CHECK(fh.description_offset == 80);
  CHECK(fh.first_user_offset == 0);
  CHECK(fh.index_offset == 81584);

  RecordHeaderView dh = ParseRecordHeader(bytes, 80);
  CHECK(dh.type_id == 2);
  CHECK(dh.format == 2);
  CHECK(dh.prev == 0);
  CHECK(dh.timestamp == kMax);
  CHECK(dh.record_type == 3);
  CHECK(dh.compression == 0);
  Description d = ParseDescriptionV2(Payload(bytes, 80));
  REQUIRE(d.streams.size() == 3);
  CHECK(d.streams[0].type_id == 101);
  CHECK(d.streams[1].type_id == 200);
  CHECK(d.streams[2].type_id == 372);
  for (const auto& s : d.streams) CHECK(s.instance == 1);
  CHECK(d.file_tags.count("capture_time_epoch") == 1);

  std::vector<uint64_t> chain = WalkChain(bytes, 80, bytes.size());
  CHECK(chain.size() == 307 + 2);
  CHECK(chain.back() == 81584);
  RecordHeaderView ih = ParseRecordHeader(bytes, 81584);
  CHECK(ih.uncompressed_size == 5859);
  CHECK(ih.compression == 2);
  ClassicIndex index = ParseClassicIndex(bytes, 81584);
  CHECK(index.streams.size() == 3);
  REQUIRE(index.entries.size() == 307);
  std::vector<uint64_t> offsets = CheckEntriesMatchHeaders(bytes, index.entries, 80 + dh.size);
  CHECK(offsets == std::vector<uint64_t>(chain.begin() + 1, chain.end() - 1));
  size_t data = 0;
  double first = kMax, last = -kMax;
  for (const Entry& e : index.entries) {
    if (e.type != 3) continue;
    ++data;
    first = std::min(first, e.timestamp);
    last = std::max(last, e.timestamp);
  }
  CHECK(data == 301);
  CHECK(first == Approx(1493865.291).margin(0.001));
  CHECK(last == Approx(1493866.378).margin(0.001));
  // Every compressed record decodes to its uncompressedSize (zstd, content size in the frame).
  for (uint64_t offset : offsets) {
    RecordHeaderView h = ParseRecordHeader(bytes, offset);
    if (h.compression != 0) CHECK(DecodedPayload(bytes, offset).size() == h.uncompressed_size);
    uint32_t payload_size = h.compression != 0 ? h.uncompressed_size : h.size - 32;
    CHECK((h.compression == 2) == (payload_size >= 250));  // §11
  }
}

}  // namespace
}  // namespace vrsx::testing
