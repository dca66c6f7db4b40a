// DataLayout definitions and blocks of the golden files (spec 02 §1, §4.5, §5.2, §11): every
// `DL:` tag re-serialises byte for byte, and the DataLayout blocks that start records decode and
// re-encode to the same bytes.
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "golden/golden_files.h"
#include "golden/open_or_fail.h"
#include "vrsx/data_layout.h"
#include "vrsx/reader.h"

namespace {

using vrsx::DataLayoutBlock;
using vrsx::DataLayoutDefinition;
using vrsx::DataLayoutEncoder;
using vrsx::Reader;
using vrsx::RecordDetails;
using vrsx::RecordType;
using vrsx::Status;
using vrsx::StreamId;
using vrsx::testing::GoldenFile;
using vrsx::testing::GoldenRecordings;
using vrsx::testing::OpenOrFail;

// The RecordFormat's first block is a data_layout block ("data_layout", "data_layout/size=24+...").
bool StartsWithDataLayout(const std::string& record_format) {
  std::string first = record_format.substr(0, record_format.find_first_of("+/"));
  return first == "data_layout";
}

}  // namespace

TEST_CASE("data_layout: every DL tag of the golden files re-serialises byte for byte",
          "[data_layout][golden]") {
  size_t tags = 0;
  for (const std::string& name : GoldenRecordings()) {
    Reader reader;
    OpenOrFail(reader, GoldenFile(name));
    for (StreamId stream : reader.streams()) {
      for (const auto& [tag, json] : reader.stream_tags(stream).vrs) {
        if (!tag.starts_with("DL:")) continue;
        INFO(name << " " << stream.NumericName() << " " << tag);
        DataLayoutDefinition layout;
        Status status = DataLayoutDefinition::Parse(json, layout);
        INFO(status.message());
        REQUIRE(status.ok());
        CHECK(layout.warnings().empty());
        CHECK_FALSE(layout.empty());
        CHECK(layout.ToJson() == json);
        ++tags;
      }
    }
  }
  CHECK(tags > 20);
}

TEST_CASE("data_layout: sample_file.vrs 200-1 first configuration record (§4.5)",
          "[data_layout][golden]") {
  Reader reader;
  OpenOrFail(reader, GoldenFile("sample_file.vrs"));
  StreamId stream = *StreamId::FromNumericName("200-1");
  const vrsx::StreamTags& tags = reader.stream_tags(stream);
  REQUIRE(tags.vrs.count("RF:Configuration:1") == 1);
  CHECK(tags.vrs.at("RF:Configuration:1") == "data_layout");
  DataLayoutDefinition layout;
  REQUIRE(DataLayoutDefinition::Parse(tags.vrs.at("DL:Configuration:1:0"), layout).ok());

  std::optional<size_t> first;
  for (uint32_t pos : reader.stream_index(stream)) {
    if (reader.index()[pos].type == RecordType::kConfiguration) {
      first = pos;
      break;
    }
  }
  REQUIRE(first.has_value());
  std::vector<uint8_t> payload;
  RecordDetails details;
  REQUIRE(reader.ReadRecord(*first, payload, &details).ok());
  CHECK(details.format_version == 1);
  CHECK(payload.size() == 44);

  DataLayoutBlock block(layout);
  size_t block_size = 0;
  REQUIRE(block.Bind(payload.data(), payload.size(), &block_size).ok());
  CHECK(block_size == 44);
  std::optional<size_t> width = layout.FindValue<uint32_t>("image_width");
  std::optional<size_t> height = layout.FindValue<uint32_t>("image_height");
  std::optional<size_t> pixel_format = layout.FindValue<uint32_t>("image_pixel_format");
  std::optional<size_t> calibration =
      layout.Find("camera_calibration", vrsx::PieceKind::kVector, vrsx::ElementType::kFloat);
  REQUIRE((width && height && pixel_format && calibration));
  CHECK(block.value<uint32_t>(*width) == 640);
  CHECK(block.value<uint32_t>(*height) == 480);
  CHECK(block.value<uint32_t>(*pixel_format) == 1);
  CHECK(block.vector<float>(*calibration) == std::vector<float>{23, 53, 343, 3, 12, 8});
}

TEST_CASE("data_layout: golden DataLayout blocks decode and re-encode byte for byte",
          "[data_layout][golden]") {
  size_t blocks = 0;
  for (const std::string& name : GoldenRecordings()) {
    Reader reader;
    OpenOrFail(reader, GoldenFile(name));
    // One parsed layout per tag, reused for every record (as a reader would).
    std::map<std::pair<StreamId, std::string>, DataLayoutDefinition> layouts;
    std::vector<uint8_t> payload;
    for (size_t pos = 0; pos < reader.index().size(); ++pos) {
      const vrsx::RecordInfo& record = reader.index()[pos];
      if (record.type == RecordType::kTags || record.type == RecordType::kUndefined) continue;
      RecordDetails details;
      if (!reader.ReadRecordDetails(pos, details).ok()) continue;
      std::string type_version = std::string(vrsx::RecordTypeName(record.type)) + ":" +
                                 std::to_string(details.format_version);
      const vrsx::TagMap& vrs_tags = reader.stream_tags(record.stream).vrs;
      auto rf = vrs_tags.find("RF:" + type_version);
      if (rf == vrs_tags.end() || !StartsWithDataLayout(rf->second)) continue;
      auto dl = vrs_tags.find("DL:" + type_version + ":0");
      REQUIRE(dl != vrs_tags.end());
      auto [it, added] = layouts.try_emplace({record.stream, dl->first});
      if (added) REQUIRE(DataLayoutDefinition::Parse(dl->second, it->second).ok());
      const DataLayoutDefinition& layout = it->second;

      INFO(name << " record #" << pos << " " << record.stream.NumericName() << " " << type_version);
      REQUIRE(reader.ReadRecord(pos, payload).ok());
      DataLayoutBlock block(layout);
      size_t block_size = 0;
      Status status = block.Bind(payload.data(), payload.size(), &block_size);
      INFO(status.message());
      REQUIRE(status.ok());
      // A layout without variable pieces is exactly its RecordFormat /size=.
      if (layout.variable_piece_count() == 0) CHECK(block_size == layout.fixed_size());
      DataLayoutEncoder encoder(layout);
      for (size_t i = 0; i < layout.size(); ++i) {
        CHECK(block.available(i));
        CHECK(encoder.SetData(i, block.data(i)).ok());
      }
      CHECK(encoder.Encode() ==
            std::vector<uint8_t>(payload.begin(), payload.begin() + long(block_size)));
      ++blocks;
    }
  }
  CHECK(blocks > 400);
}
