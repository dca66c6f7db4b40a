// Runs the real `vrsx` binary as a child process, and prepares scratch folders for it.
//
//   vrsx::testing::GoldenScratch scratch;  // a mkdtemp folder with copies of the golden files
//   vrsx::testing::CliResult r = vrsx::testing::RunCli({"list", "sample_file.vrs"},
//   scratch.path()); CHECK(r.exit_code == 0); CHECK(r.out == expected);
//
// Arguments are passed as an argv array (no shell); stdout and stderr are captured separately;
// the child runs with TZ=UTC and is killed if it outlives the timeout.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vrsx::testing {

struct CliResult {
  int exit_code = -1;   // exit status when the child exited normally, else -1
  int term_signal = 0;  // the signal that ended the child, 0 if it exited
  bool timed_out = false;
  std::string out;
  std::string err;

  bool exited() const { return term_signal == 0 && !timed_out && exit_code >= 0; }
  // "exit 0", "signal 11", "timeout"... for test messages.
  std::string Describe() const;
};

// The `vrsx` binary under test.
std::string CliPath();

// Runs `CliPath() args...` in `working_dir` (the current folder when empty), with the current
// environment plus TZ=UTC and `extra_env` ("NAME=value" entries, overriding).
CliResult RunCli(const std::vector<std::string>& args, const std::string& working_dir = {},
                 const std::vector<std::string>& extra_env = {}, int timeout_seconds = 120);
// The same for any program (an absolute path).
CliResult RunProgram(const std::string& program, const std::vector<std::string>& args,
                     const std::string& working_dir = {},
                     const std::vector<std::string>& extra_env = {}, int timeout_seconds = 120);

// Removes the progress redraws of the reference tool ("\r\x1b[2K\r" then text up to the next
// redraw) from a stdout, as was done for the golden outputs.
std::string StripProgress(const std::string& text);

// A fresh folder made with mkdtemp, removed with everything in it by the destructor.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix = "vrsx-test-");
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  // Writes `bytes` to File(name) and returns that path.
  std::string Write(const std::string& name, const std::vector<uint8_t>& bytes) const;
  std::string Write(const std::string& name, const std::string& text) const;

 private:
  std::string path_;
};

// A scratch folder like the one the golden cli-cases ran in: copies of every file of
// golden/files (writable), plus `not-a-vrs.bin`, 4096 bytes of text.
class GoldenScratch : public ScratchDir {
 public:
  GoldenScratch();
};

// The GoldenScratch shared by the tests of this process (made on first use, removed at exit).
const GoldenScratch& SharedGoldenScratch();

// Whole-file helpers.
std::vector<uint8_t> ReadBytes(const std::string& path);
std::string ReadTextFile(const std::string& path);

}  // namespace vrsx::testing
