// Reading records at random and from several threads gives what reading in order gives: the
// configuration a record needs is read automatically, and reads from one Reader may overlap.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "golden/golden_files.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"

namespace {

// Every record's decoded block texts and how decoding ended, reading in index order.
std::vector<std::string> DecodeInOrder(const vrsx::Reader& reader) {
  vrsx::StreamFormats formats(reader);
  vrsx::RecordContentDecoder decoder(formats);
  vrsx::RecordContent content;
  std::vector<uint8_t> payload;
  std::vector<std::string> out;
  for (size_t pos = 0; pos < reader.index().size(); ++pos) {
    decoder.ReadAndDecode(reader, pos, payload, content);
    std::string text = vrsx::ContentEndName(content.end);
    for (const vrsx::DecodedBlock& block : content.blocks) text += " " + block.Text();
    out.push_back(text);
  }
  return out;
}

}  // namespace

TEST_CASE("records read at random decode as in order: their configuration is read first",
          "[reader][random-access]") {
  for (const std::string& name : vrsx::testing::GoldenRecordings()) {
    vrsx::Reader reader;
    REQUIRE(reader.Open(vrsx::testing::GoldenFile(name)).ok());
    const std::vector<std::string> in_order = DecodeInOrder(reader);
    vrsx::StreamFormats formats(reader);
    vrsx::RecordContentDecoder decoder(formats);
    vrsx::RecordContent content;
    std::vector<uint8_t> payload;
    // Backwards, then by stride: every record sees a decoder that held another configuration.
    std::vector<size_t> order;
    for (size_t pos = reader.index().size(); pos-- > 0;) order.push_back(pos);
    for (size_t pos = 0; pos < reader.index().size(); pos += 7) order.push_back(pos);
    for (size_t pos : order) {
      decoder.ReadAndDecode(reader, pos, payload, content);
      std::string text = vrsx::ContentEndName(content.end);
      for (const vrsx::DecodedBlock& block : content.blocks) text += " " + block.Text();
      INFO(name << " record #" << pos);
      CHECK(text == in_order[pos]);
    }
  }
}

TEST_CASE("without automatic configuration reading, a lone image record lacks its spec",
          "[reader][random-access]") {
  vrsx::Reader reader;
  REQUIRE(reader.Open(vrsx::testing::GoldenFile("gen-lz4fast.vrs")).ok());
  vrsx::StreamFormats formats(reader);
  size_t data_pos = reader.index().size();
  for (size_t pos = 0; pos < reader.index().size(); ++pos) {
    if (reader.index()[pos].type == vrsx::RecordType::kData &&
        reader.PreviousInStream(pos, vrsx::RecordType::kConfiguration)) {
      vrsx::RecordContentDecoder probe(formats);
      probe.set_auto_read_configuration_records(false);
      vrsx::RecordContent content;
      std::vector<uint8_t> payload;
      probe.ReadAndDecode(reader, pos, payload, content);
      if (!content.ok()) {
        data_pos = pos;
        break;
      }
    }
  }
  REQUIRE(data_pos < reader.index().size());  // a data record that needs its configuration
  vrsx::RecordContentDecoder decoder(formats);
  vrsx::RecordContent content;
  std::vector<uint8_t> payload;
  REQUIRE(decoder.ReadAndDecode(reader, data_pos, payload, content).ok());
  CHECK(content.ok());
}

TEST_CASE("concurrent reads from one Reader return the bytes sequential reads do",
          "[reader][threads]") {
  for (const std::string& name : vrsx::testing::GoldenRecordings()) {
    vrsx::Reader reader;
    REQUIRE(reader.Open(vrsx::testing::GoldenFile(name)).ok());
    const size_t count = reader.index().size();
    std::vector<std::vector<uint8_t>> expected(count);
    for (size_t pos = 0; pos < count; ++pos) (void)reader.ReadRecord(pos, expected[pos]);
    constexpr int kThreads = 4;
    std::vector<int> mismatches(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        std::vector<uint8_t> payload;
        for (int pass = 0; pass < 3; ++pass) {
          for (size_t i = 0; i < count; ++i) {
            size_t pos = (i * 7 + size_t(t) * 13) % count;  // each thread its own order
            (void)reader.ReadRecord(pos, payload);
            if (payload != expected[pos]) mismatches[t]++;
          }
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    INFO(name);
    for (int t = 0; t < kThreads; ++t) CHECK(mismatches[t] == 0);
  }
}

// Each thread keeps the read context it used last, keyed by its Reader: readers that come and go
// and readers read in turn on one thread must each get their own bytes.
TEST_CASE("readers read in turn, closed and reopened on one thread return their own bytes",
          "[reader][threads]") {
  std::vector<std::string> names = vrsx::testing::GoldenRecordings();
  auto all_payloads = [](const vrsx::Reader& reader) {
    std::vector<std::vector<uint8_t>> out(reader.index().size());
    for (size_t pos = 0; pos < out.size(); ++pos) REQUIRE(reader.ReadRecord(pos, out[pos]).ok());
    return out;
  };
  for (size_t k = 0; k + 1 < names.size(); ++k) {
    INFO(names[k] << " and " << names[k + 1]);
    std::vector<std::vector<uint8_t>> first;
    std::vector<std::vector<uint8_t>> second;
    {
      vrsx::Reader a;
      REQUIRE(a.Open(vrsx::testing::GoldenFile(names[k])).ok());
      first = all_payloads(a);
    }  // `a` is gone while this thread still keeps its context
    vrsx::Reader a;
    vrsx::Reader b;
    REQUIRE(a.Open(vrsx::testing::GoldenFile(names[k])).ok());
    REQUIRE(b.Open(vrsx::testing::GoldenFile(names[k + 1])).ok());
    second = all_payloads(b);
    std::vector<uint8_t> payload;
    size_t mismatches = 0;
    for (size_t i = 0; i < std::max(first.size(), second.size()); ++i) {
      if (i < first.size() && (!a.ReadRecord(i, payload).ok() || payload != first[i])) ++mismatches;
      if (i < second.size() && (!b.ReadRecord(i, payload).ok() || payload != second[i])) {
        ++mismatches;
      }
    }
    CHECK(mismatches == 0);
    std::thread other([&] {
      for (size_t i = 0; i < second.size(); ++i) {
        if (!b.ReadRecord(i, payload).ok() || payload != second[i]) ++mismatches;
      }
    });
    other.join();  // its context is freed as the thread ends
    CHECK(mismatches == 0);
  }
}

TEST_CASE("NearestRecord takes a record type and an epsilon", "[reader][time]") {
  vrsx::Reader reader;
  REQUIRE(reader.Open(vrsx::testing::GoldenFile("gen-lz4fast.vrs")).ok());
  const std::vector<vrsx::RecordInfo>& index = reader.index();
  for (vrsx::StreamId stream : reader.streams()) {
    for (uint32_t pos : reader.stream_index(stream)) {
      const vrsx::RecordInfo& record = index[pos];
      // Exactly at a record's time: that record's type finds it (or an earlier one at that time).
      std::optional<size_t> found =
          reader.NearestRecord(record.timestamp, stream, {.type = record.type, .epsilon = 0});
      REQUIRE(found.has_value());
      CHECK(index[*found].timestamp == record.timestamp);
      CHECK(index[*found].type == record.type);
      CHECK(*found <= pos);
      // Far from every record, with a small epsilon: nothing.
      CHECK_FALSE(reader.NearestRecord(record.timestamp + 1e6, stream, {.epsilon = 1}));
    }
  }
}
