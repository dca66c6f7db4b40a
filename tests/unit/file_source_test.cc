// A user's own FileSource: the Reader reads every byte through it, tolerates short reads, and
// reports its errors.
#include <atomic>
#include <catch2/catch.hpp>
#include <cstring>

#include "support/two_stream_sample.h"
#include "support/vrs_file_builder.h"
#include "vrsx/file_source.h"
#include "vrsx/reader.h"
#include "vrsx/url_source.h"

namespace {

// Serves a buffer at most `max_read` bytes per call, counts what is read, and fails reads at or
// after `fail_from`.
class TestSource : public vrsx::FileSource {
 public:
  TestSource(std::vector<uint8_t> bytes, size_t max_read, uint64_t fail_from = UINT64_MAX)
      : bytes_(std::move(bytes)), max_read_(max_read), fail_from_(fail_from) {}
  const std::string& name() const override { return name_; }
  uint64_t size() const override { return bytes_.size(); }
  vrsx::Status ReadAt(uint64_t offset, std::span<uint8_t> out, size_t& got) const override {
    got = 0;
    if (offset + out.size() > fail_from_) return {vrsx::ErrorCode::kIoError, "test failure"};
    if (offset >= bytes_.size()) return vrsx::Status::Ok();
    got = std::min({out.size(), max_read_, size_t(bytes_.size() - offset)});
    std::memcpy(out.data(), bytes_.data() + offset, got);
    bytes_read += got;
    return vrsx::Status::Ok();
  }
  mutable std::atomic<uint64_t> bytes_read{0};

 private:
  std::vector<uint8_t> bytes_;
  size_t max_read_;
  uint64_t fail_from_;
  std::string name_ = "test-source";
};

std::vector<uint8_t> SampleBytes() {
  vrsx::testing::VrsFileBuilder builder;
  vrsx::testing::AddTwoStreamSample(builder);
  builder.Finish();
  return builder.bytes();
}

}  // namespace

TEST_CASE("file source: a plugged source gives the records of OpenMemory, short reads or not") {
  std::vector<uint8_t> bytes = SampleBytes();
  vrsx::Reader expected;
  REQUIRE(expected.OpenMemory(bytes.data(), bytes.size()).ok());
  for (size_t max_read : {size_t(1), size_t(7), size_t(1) << 30}) {
    auto source = std::make_shared<TestSource>(bytes, max_read);
    vrsx::Reader reader;
    vrsx::Status status = reader.Open(source);
    INFO(status.message());
    REQUIRE(status.ok());
    CHECK(source->bytes_read > 0);
    CHECK(reader.chunks().size() == 1);
    CHECK(reader.chunks()[0].path == "test-source");
    REQUIRE(reader.index().size() == expected.index().size());
    REQUIRE(reader.index().size() == 12);
    std::vector<uint8_t> a, b;
    for (size_t i = 0; i < reader.index().size(); ++i) {
      REQUIRE(reader.ReadRecord(i, a).ok());
      REQUIRE(expected.ReadRecord(i, b).ok());
      CHECK(a == b);
    }
  }
}

TEST_CASE("file source: its read errors reach the caller") {
  std::vector<uint8_t> bytes = SampleBytes();
  vrsx::Reader reader;
  CHECK(reader.Open(std::make_shared<TestSource>(bytes, 1 << 20, 0)).code() ==
        vrsx::ErrorCode::kIoError);
  CHECK(reader.Open(std::shared_ptr<const vrsx::FileSource>()).code() ==
        vrsx::ErrorCode::kInvalidArgument);
}

TEST_CASE("file source: memory and local factories, URL names") {
  std::vector<uint8_t> bytes = SampleBytes();
  auto memory = vrsx::MemoryFileSource(bytes.data(), bytes.size(), "mem");
  CHECK(memory->size() == bytes.size());
  std::vector<uint8_t> head(8);
  size_t got = 0;
  REQUIRE(memory->ReadAt(bytes.size() - 4, head, got).ok());
  CHECK(got == 4);
  std::shared_ptr<const vrsx::FileSource> missing;
  CHECK(vrsx::OpenFileSource("/nonexistent/x.vrs", missing).code() == vrsx::ErrorCode::kNotFound);
  CHECK(vrsx::IsUrl("https://example.org/a.vrs"));
  CHECK(vrsx::IsUrl("s3://bucket/a.vrs"));
  CHECK_FALSE(vrsx::IsUrl("/data/http://x.vrs"));
}
