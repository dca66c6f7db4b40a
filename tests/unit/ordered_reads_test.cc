// Records read ahead on other threads reach the consumer in the order asked, with the bytes a
// plain read gives, and a damaged record stops the walk exactly where a plain loop stops.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <new>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "reader/ordered_reads.h"
#include "support/vrs_file_builder.h"
#include "vrsx/file_source.h"
#include "vrsx/reader.h"

namespace {

namespace vt = vrsx::testing;

// 40 frames of 200 KB, half noise: over 64 KB each once compressed, so read ahead on threads;
// with `small_between` IMU-like records of 64 bytes after each frame, on a second stream.
vt::VrsFileBuilder& BuildFrames(vt::VrsFileBuilder& builder, int small_between = 0) {
  builder.AddStream({200, 1}, {}, {});
  if (small_between > 0) builder.AddStream({241, 1}, {}, {});
  for (int i = 0; i < 40; ++i) {
    std::vector<uint8_t> frame(200'000);
    uint32_t noise = uint32_t(i) + 1;
    for (size_t p = 0; p < frame.size(); ++p) {
      noise = noise * 1103515245 + 12345;
      frame[p] = p % 64 < 32 ? uint8_t(noise >> 16) : uint8_t(p / 64);
    }
    builder.AddRecord({200, 1}, vt::RecordKind::kData, 1.0 + i * 0.1, frame,
                      {.codec = i % 2 ? vt::Codec::kLz4 : vt::Codec::kZstd});
    for (int k = 0; k < small_between; ++k) {
      std::vector<uint8_t> sample(64, uint8_t(i * small_between + k));
      builder.AddRecord({241, 1}, vt::RecordKind::kData, 1.0 + i * 0.1 + (k + 1) * 0.001, sample);
    }
  }
  builder.Finish();
  return builder;
}

std::vector<std::vector<uint8_t>> PlainReads(const vrsx::Reader& reader,
                                             const std::vector<size_t>& positions) {
  std::vector<std::vector<uint8_t>> out;
  std::vector<uint8_t> payload;
  for (size_t pos : positions) {
    if (!reader.ReadRecord(pos, payload).ok()) break;
    out.push_back(payload);
  }
  return out;
}

// ReadInOrder hands every record of `positions` over in that order, with the bytes and details
// plain reads give.
void CheckMatchesPlainReads(const vrsx::Reader& reader, const std::vector<size_t>& positions,
                            const vrsx::reading::OrderedReadProgress& progress = nullptr) {
  std::vector<std::vector<uint8_t>> expected = PlainReads(reader, positions);
  REQUIRE(expected.size() == positions.size());
  std::vector<size_t> seen;
  std::vector<std::vector<uint8_t>> got;
  vrsx::reading::OrderedReadResult result = vrsx::reading::ReadInOrder(
      reader, positions,
      [&](size_t pos, const vrsx::RecordDetails& details, const std::vector<uint8_t>& payload) {
        seen.push_back(pos);
        got.push_back(payload);
        CHECK(details.payload_size == payload.size());
      },
      progress);
  CHECK(result.status.ok());
  CHECK(result.consumed == positions.size());
  CHECK(seen == positions);
  CHECK(got == expected);
}

// Every record of the file, in file order.
std::vector<size_t> AllPositions(const vrsx::Reader& reader) {
  std::vector<size_t> positions(reader.index().size());
  for (size_t i = 0; i < positions.size(); ++i) positions[i] = i;
  return positions;
}

// Reading every record in file order stops at `victim`, as a plain loop does, after handing
// over exactly the records before it.
void CheckStopsAt(const vrsx::Reader& reader, size_t victim) {
  const std::vector<size_t> positions = AllPositions(reader);
  REQUIRE(PlainReads(reader, positions).size() == victim);
  size_t consumed = 0;
  vrsx::reading::OrderedReadResult result = vrsx::reading::ReadInOrder(
      reader, positions, [&](size_t pos, const vrsx::RecordDetails&, const std::vector<uint8_t>&) {
        CHECK(pos == consumed++);
      });
  CHECK_FALSE(result.status.ok());
  CHECK(result.consumed == victim);
  CHECK(consumed == victim);
}

// BuildFrames' frames with 10 small records after each, opened from memory.
struct FramesAmongSmall {
  vt::VrsFileBuilder builder;
  vrsx::Reader reader;
  FramesAmongSmall() {
    BuildFrames(builder, 10);
    REQUIRE(reader.OpenMemory(builder.bytes().data(), builder.bytes().size()).ok());
  }
};

// A source that runs out of memory reading the bytes of one record, once armed: as a read of a
// record too large for the memory left would.
class OutOfMemoryAt : public vrsx::FileSource {
 public:
  OutOfMemoryAt(const std::vector<uint8_t>& bytes, const vrsx::RecordInfo& victim)
      : inner_(vrsx::MemoryFileSource(bytes.data(), bytes.size(), "frames")),
        begin_(victim.offset),
        end_(victim.offset + victim.disk_size) {}
  const std::string& name() const override { return inner_->name(); }
  uint64_t size() const override { return inner_->size(); }
  vrsx::Status ReadAt(uint64_t offset, std::span<uint8_t> out, size_t& got) const override {
    if (armed && offset < end_ && offset + out.size() > begin_) throw std::bad_alloc();
    return inner_->ReadAt(offset, out, got);
  }
  std::atomic<bool> armed{false};

 private:
  std::shared_ptr<const vrsx::FileSource> inner_;
  uint64_t begin_;
  uint64_t end_;
};

}  // namespace

TEST_CASE("ReadInOrder hands records over in the order asked, as plain reads give them") {
  vt::VrsFileBuilder builder;
  BuildFrames(builder);
  vrsx::Reader reader;
  REQUIRE(reader.OpenMemory(builder.bytes().data(), builder.bytes().size()).ok());
  for (const vrsx::RecordInfo& record : reader.index()) REQUIRE(record.disk_size > 64 * 1024);
  std::vector<size_t> positions;
  for (size_t i = 0; i < reader.index().size(); ++i) positions.push_back((i * 7) % 40);
  size_t progress_calls = 0;
  CheckMatchesPlainReads(reader, positions, [&](size_t done, size_t total) {
    CHECK(done == progress_calls++);
    CHECK(total == 40);
  });
  CHECK(progress_calls == 40);
}

TEST_CASE("ReadInOrder stops at the first record that can't be read, after those before it") {
  vt::VrsFileBuilder builder;
  BuildFrames(builder);
  std::vector<uint8_t> bytes = builder.bytes();
  // The first compressed record from the 21st on, overwritten: it no longer decompresses.
  size_t victim_number = 20;
  {
    vrsx::Reader intact;
    REQUIRE(intact.OpenMemory(bytes.data(), bytes.size()).ok());
    vrsx::RecordDetails details;
    while (intact.ReadRecordDetails(victim_number, details).ok() && details.compression == 0) {
      ++victim_number;
    }
    REQUIRE(victim_number < 40);
    const vrsx::RecordInfo& victim = intact.index()[victim_number];
    for (uint32_t i = 40; i < victim.disk_size; ++i) bytes[victim.offset + i] = 0xFF;
  }
  vrsx::Reader reader;
  REQUIRE(reader.OpenMemory(bytes.data(), bytes.size()).ok());
  CheckStopsAt(reader, victim_number);
}

TEST_CASE("ReadInOrder reads the small records between large ones in the loop, in order") {
  vt::VrsFileBuilder builder;
  BuildFrames(builder, 10);
  vrsx::Reader reader;
  REQUIRE(reader.OpenMemory(builder.bytes().data(), builder.bytes().size()).ok());
  REQUIRE(reader.index().size() == 440);
  const std::vector<size_t> in_file_order = AllPositions(reader);
  std::vector<size_t> shuffled;
  for (size_t i = 0; i < in_file_order.size(); ++i) shuffled.push_back((i * 7) % 440);
  std::vector<size_t> preroll_then_all = {5, 0};  // a record asked twice, out of order
  preroll_then_all.insert(preroll_then_all.end(), in_file_order.begin(), in_file_order.end());
  for (const std::vector<size_t>& positions : {in_file_order, shuffled, preroll_then_all}) {
    CheckMatchesPlainReads(reader, positions);
  }
}

TEST_CASE("ReadInOrder stops at a damaged small record between large ones") {
  vt::VrsFileBuilder builder;
  BuildFrames(builder, 10);
  std::vector<uint8_t> bytes = builder.bytes();
  size_t victim_number = 0;
  {
    vrsx::Reader intact;
    REQUIRE(intact.OpenMemory(bytes.data(), bytes.size()).ok());
    // A 64-byte record past the middle: its header's record size made impossible.
    for (victim_number = 250; intact.index()[victim_number].disk_size > 1000; ++victim_number) {
    }
    const vrsx::RecordInfo& victim = intact.index()[victim_number];
    for (uint32_t i = 0; i < 4; ++i) bytes[victim.offset + i] = 0xFF;
  }
  vrsx::Reader reader;
  REQUIRE(reader.OpenMemory(bytes.data(), bytes.size()).ok());
  CheckStopsAt(reader, victim_number);
}

TEST_CASE("ReadInOrder calls the consumer one record at a time, whichever thread reads it") {
  FramesAmongSmall file;
  vrsx::Reader& reader = file.reader;
  const std::vector<size_t> positions = AllPositions(reader);
  std::atomic<int> inside{0};
  int most_inside = 0;
  size_t calls = 0;  // not atomic: each call must see the previous one's writes
  vrsx::reading::OrderedReadResult result = vrsx::reading::ReadInOrder(
      reader, positions, [&](size_t pos, const vrsx::RecordDetails&, const std::vector<uint8_t>&) {
        most_inside = std::max(most_inside, ++inside);
        CHECK(pos == calls++);
        std::this_thread::sleep_for(std::chrono::microseconds(pos % 3 == 0 ? 200 : 0));
        --inside;
      });
  CHECK(result.status.ok());
  CHECK(calls == positions.size());
  CHECK(most_inside == 1);
}

TEST_CASE("ReadInOrder stops at a consumer's exception and rethrows it") {
  FramesAmongSmall file;
  vrsx::Reader& reader = file.reader;
  const std::vector<size_t> positions = AllPositions(reader);
  // A large record (read ahead on a worker) and a small one (read by the consumer's thread).
  for (size_t victim : {size_t(22), size_t(23)}) {
    REQUIRE((reader.index()[victim].disk_size > 64 * 1024) == (victim == 22));
    size_t calls = 0;
    CHECK_THROWS_AS(vrsx::reading::ReadInOrder(
                        reader, positions,
                        [&](size_t pos, const vrsx::RecordDetails&, const std::vector<uint8_t>&) {
                          ++calls;
                          if (pos == victim) throw std::runtime_error("consumer failed");
                        }),
                    std::runtime_error);
    CHECK(calls == victim + 1);
  }
}

TEST_CASE("ReadInOrder reports a large record it runs out of memory for as that record's error") {
  vt::VrsFileBuilder builder;
  BuildFrames(builder);
  const size_t victim = 20;
  vrsx::Reader intact;
  REQUIRE(intact.OpenMemory(builder.bytes().data(), builder.bytes().size()).ok());
  auto source = std::make_shared<OutOfMemoryAt>(builder.bytes(), intact.index()[victim]);
  vrsx::Reader reader;
  REQUIRE(reader.Open(source).ok());
  source->armed = true;
  // Read ahead on whichever thread: an exception there would end the process.
  size_t consumed = 0;
  vrsx::reading::OrderedReadResult result =
      vrsx::reading::ReadInOrder(reader, AllPositions(reader),
                                 [&](size_t pos, const vrsx::RecordDetails&,
                                     const std::vector<uint8_t>&) { CHECK(pos == consumed++); });
  CHECK(result.status.code() == vrsx::ErrorCode::kTooLarge);
  CHECK_THAT(result.status.message(), Catch::Contains("out of memory reading record #20"));
  CHECK(result.consumed == victim);
  CHECK(consumed == victim);
}

TEST_CASE("ReadInOrder rethrows running out of memory for a small record, on the calling thread") {
  vt::VrsFileBuilder builder;
  BuildFrames(builder, 10);
  const size_t victim = 23;  // a small record, read by the thread holding the consumer's turn
  vrsx::Reader intact;
  REQUIRE(intact.OpenMemory(builder.bytes().data(), builder.bytes().size()).ok());
  REQUIRE(intact.index()[victim].disk_size < 64 * 1024);
  auto source = std::make_shared<OutOfMemoryAt>(builder.bytes(), intact.index()[victim]);
  vrsx::Reader reader;
  REQUIRE(reader.Open(source).ok());
  source->armed = true;
  size_t consumed = 0;
  CHECK_THROWS_AS(vrsx::reading::ReadInOrder(reader, AllPositions(reader),
                                             [&](size_t, const vrsx::RecordDetails&,
                                                 const std::vector<uint8_t>&) { ++consumed; }),
                  std::bad_alloc);
  CHECK(consumed == victim);
}
