// The RF: tags of the golden files: canonical texts round-trip, and they are the RecordFormats
// the reference's `record-formats` command printed (expected/<file>/record-formats.txt).
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "golden/cli_runner.h"
#include "golden/golden_files.h"
#include "golden/open_or_fail.h"
#include "vrsx/reader.h"
#include "vrsx/record_format.h"

namespace {

using vrsx::RecordFormat;
using vrsx::RecordFormatTag;
using vrsx::StreamId;

// (stream "T-I", record type name, version, RecordFormat text)
using FormatLine = std::tuple<std::string, std::string, uint32_t, std::string>;

// Lines "<T-I> <Name #inst> <Type> v<version>: <RecordFormat text>"; the DataLayout JSON lines
// between them are skipped.
std::set<FormatLine> ExpectedFormats(const std::string& file) {
  static const std::regex kLine(R"(^(\d+-\d+) .* (State|Configuration|Data) v(\d+): (.*)$)");
  std::set<FormatLine> lines;
  std::istringstream text(
      vrsx::testing::ReadTextFile(vrsx::testing::ExpectedDir(file) + "/record-formats.txt"));
  std::string line;
  std::smatch match;
  while (std::getline(text, line)) {
    if (!std::regex_match(line, match, kLine)) continue;
    lines.emplace(match[1], match[2], static_cast<uint32_t>(std::stoul(match[3])), match[4]);
  }
  return lines;
}

}  // namespace

TEST_CASE("record_format: RF: tags of the golden files round-trip and match record-formats") {
  for (const std::string& file : vrsx::testing::GoldenRecordings()) {
    INFO(file);
    vrsx::Reader reader;
    vrsx::testing::OpenOrFail(reader, vrsx::testing::GoldenFile(file));

    std::set<FormatLine> found;
    size_t rf_tags = 0;
    for (StreamId stream : reader.streams()) {
      const vrsx::TagMap& tags = reader.stream_tags(stream).vrs;
      for (const auto& [name, value] : tags) {
        if (!name.starts_with("RF:")) continue;
        INFO(stream.NumericName() << " " << name << " = " << value);
        ++rf_tags;
        RecordFormat format = RecordFormat::Parse(value);
        CHECK(format.Text() == value);
        std::optional<RecordFormatTag> tag = vrsx::ParseRecordFormatTagName(name);
        REQUIRE(tag);
        CHECK(vrsx::RecordFormatTagName(tag->type, tag->format_version) == name);
        // Every data_layout block has its DL: description.
        for (size_t i = 0; i < format.blocks().size(); ++i) {
          if (format.blocks()[i].type != vrsx::ContentType::kDataLayout) continue;
          std::string dl = vrsx::DataLayoutTagName(tag->type, tag->format_version, i);
          INFO(dl);
          CHECK(tags.count(dl) == 1);
        }
        found.emplace(stream.NumericName(), vrsx::RecordTypeName(tag->type), tag->format_version,
                      format.Text());
      }
    }
    CHECK(rf_tags > 0);
    CHECK(found == ExpectedFormats(file));
  }
}

TEST_CASE("record_format: RF: tags of the golden files: block sizes") {
  vrsx::Reader reader;
  REQUIRE(reader.Open(vrsx::testing::GoldenFile("sample_file.vrs")).ok());
  const vrsx::TagMap& camera = reader.stream_tags(StreamId{200, 1}).vrs;
  REQUIRE(camera.count("RF:Data:1") == 1);
  RecordFormat format = RecordFormat::Parse(camera.at("RF:Data:1"));
  // The image needs the configuration record; its size follows from the last-block rule.
  CHECK(format.UsedBlocks() == 2);
  CHECK(format.BlockSize(0, 307224) == 24u);
  CHECK(format.BlockSize(1, 307200) == 307200u);

  const vrsx::TagMap& audio = reader.stream_tags(StreamId{101, 1}).vrs;
  REQUIRE(audio.count("RF:Data:1") == 1);
  RecordFormat pcm = RecordFormat::Parse(audio.at("RF:Data:1"));
  const vrsx::AudioSpec& spec = pcm.blocks()[0].audio;
  CHECK(spec.format == vrsx::AudioFormat::kPcm);
  CHECK(spec.sample_format == vrsx::AudioSampleFormat::kInt16Le);
  CHECK(spec.channels == 1);
  CHECK(spec.sample_rate == 44100);
  CHECK(spec.FrameStride() == 2);
  CHECK(pcm.BlockSize(0, 512) == 512u);
}
