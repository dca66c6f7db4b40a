// vrsx-demo-record: runs the built program, then reads what it wrote with vrsx::Reader.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "vrsx/reader.h"
#include "vrsx/record_format.h"

using namespace vrsx;
namespace fs = std::filesystem;

namespace {

using vrsx::testing::TempDir;

// The program's exit code (output discarded), -1 if it did not exit normally.
int RunProgram(const std::string& program, const std::string& args) {
  std::string command = "'" + program + "' " + args + " >/dev/null 2>&1";
  int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

int RunDemo(const std::string& args) {
  return RunProgram(VRSX_DEMO_RECORD_PATH, args);
}

// Every record reads back, with the payload size the index promises.
void ReadEverything(const Reader& reader) {
  std::vector<uint8_t> payload;
  RecordDetails details;
  for (size_t i = 0; i < reader.index().size(); ++i) {
    INFO("record " << i);
    REQUIRE(reader.ReadRecord(i, payload, &details).ok());
    CHECK(payload.size() == details.payload_size);
  }
}

void CheckCounts(const Reader& reader, uint32_t frames, uint32_t imu) {
  REQUIRE(reader.streams().size() == 3);
  std::vector<StreamId> camera = reader.FindStreams(214, "demo/camera");
  std::vector<StreamId> imu_stream = reader.FindStreams(241, "demo/imu");
  std::vector<StreamId> audio = reader.FindStreams(101, "demo/audio");
  REQUIRE(camera.size() == 1);
  REQUIRE(imu_stream.size() == 1);
  REQUIRE(audio.size() == 1);
  for (StreamId id : {camera[0], imu_stream[0], audio[0]}) {
    CHECK(reader.record_count(id, RecordType::kConfiguration) == 1);
    CHECK(reader.record_count(id, RecordType::kState) == 1);
  }
  CHECK(reader.record_count(camera[0], RecordType::kData) == frames);
  CHECK(reader.record_count(imu_stream[0], RecordType::kData) == frames * imu);
  CHECK(reader.record_count(audio[0], RecordType::kData) == frames);
  CHECK(reader.index().size() == 6 + frames * (2 + imu));
}

// What a run wrote at `path`: the streams and record counts asked for, every record reads back,
// and the CLI's check agrees.
void CheckRecording(const Reader& reader, const std::string& path, uint32_t frames, uint32_t imu) {
  CheckCounts(reader, frames, imu);
  ReadEverything(reader);
  CHECK(RunProgram(VRSX_CLI_PATH, "check '" + path + "'") == 0);
}

}  // namespace

TEST_CASE("vrsx-demo-record writes a camera, an IMU and an audio stream", "[demo_record]") {
  TempDir dir;
  std::string path = dir.File("demo.vrs");
  REQUIRE(RunDemo("--out '" + path + "' --frames 12 --width 64 --height 48 --imu 3") == 0);

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.had_complete_index());
  CheckRecording(reader, path, 12, 3);

  // Camera data: a 24-byte DataLayout block, then 64 x 48 grey8 pixels.
  StreamId camera = reader.FindStreams(214, "demo/camera")[0];
  std::vector<size_t> frames = reader.FindRecords({{camera}, {RecordType::kData}});
  REQUIRE(frames.size() == 12);
  std::vector<uint8_t> payload;
  REQUIRE(reader.ReadRecord(frames[0], payload).ok());
  CHECK(payload.size() == 24 + 64 * 48);
  // Audio: 1600 stereo int16 sample frames per video frame, 30 frames per second.
  StreamId audio = reader.FindStreams(101, "demo/audio")[0];
  std::vector<size_t> blocks = reader.FindRecords({{audio}, {RecordType::kData}});
  REQUIRE(blocks.size() == 12);
  REQUIRE(reader.ReadRecord(blocks[1], payload).ok());
  CHECK(payload.size() == 1600 * 2 * 2);
  CHECK(reader.index()[blocks[1]].timestamp == Approx(1.0 / 30));
}

TEST_CASE("vrsx-demo-record splits the file into chunks", "[demo_record]") {
  TempDir dir;
  std::string path = dir.File("chunked.vrs");
  // 40 uncompressed frames of 320 x 240: about 3 MB in chunks of 1 MB.
  REQUIRE(RunDemo("--out '" + path +
                  "' --frames 40 --width 320 --height 240 --imu 2 --compression none "
                  "--chunk-mb 1") == 0);
  CHECK(fs::exists(dir.File("chunked.vrs_1")));
  CHECK(fs::exists(dir.File("chunked.vrs_2")));

  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CHECK(reader.chunks().size() >= 3);
  CheckRecording(reader, path, 40, 2);
}

TEST_CASE("vrsx-demo-record writes frames larger than its queue", "[demo_record]") {
  TempDir dir;
  std::string path = dir.File("queue.vrs");
  // 1280 x 1024 grey frames (1.25 MiB) through a 1 MiB queue: each is queued alone.
  REQUIRE(RunDemo("--out '" + path +
                  "' --frames 6 --width 1280 --height 1024 --imu 2 --compression fast "
                  "--queue-mb 1") == 0);
  Reader reader;
  REQUIRE(reader.Open(path).ok());
  CheckRecording(reader, path, 6, 2);
}

TEST_CASE("vrsx-demo-record refuses bad arguments", "[demo_record]") {
  TempDir dir;
  std::string out = "--out '" + dir.File("x.vrs") + "'";
  CHECK(RunDemo("") == 2);
  CHECK(RunDemo(out + " --frames") == 2);
  CHECK(RunDemo(out + " --frames abc") == 2);
  CHECK(RunDemo(out + " --width 0") == 2);
  CHECK(RunDemo(out + " --compression zbest") == 2);
  CHECK(RunDemo(out + " --bogus 1") == 2);
  CHECK(RunDemo(out + " --queue-mb 0") == 2);
  CHECK(RunDemo("--out '" + dir.File("missing/x.vrs") + "' --frames 2") == 1);
}
