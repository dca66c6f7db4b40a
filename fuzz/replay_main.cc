// Runs a fuzz target's LLVMFuzzerTestOneInput on every file of the given files and folders,
// without libFuzzer: the normal build replays the corpora as a test, so fixed crashes stay fixed.
//
//   replay_fuzz_index fuzz/corpus/fuzz_index build/fuzz/seeds/fuzz_index
//
// Missing folders are skipped (the golden files may be absent); an empty run is not an error.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::vector<std::filesystem::path> InputsOf(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> inputs;
  std::error_code ec;
  if (std::filesystem::is_regular_file(root, ec)) {
    inputs.push_back(root);
    return inputs;
  }
  if (!std::filesystem::is_directory(root, ec)) return inputs;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
    if (entry.is_regular_file(ec)) inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());  // the same order on every run
  return inputs;
}

bool ReadWholeFile(const std::filesystem::path& path, std::vector<uint8_t>& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  size_t replayed = 0;
  std::vector<uint8_t> bytes;
  for (int i = 1; i < argc; ++i) {
    std::vector<std::filesystem::path> inputs = InputsOf(argv[i]);
    if (inputs.empty()) std::printf("nothing to replay in %s\n", argv[i]);
    for (const std::filesystem::path& input : inputs) {
      if (!ReadWholeFile(input, bytes)) {
        std::fprintf(stderr, "can't read %s\n", input.c_str());
        return 1;
      }
      std::printf("%s\n", input.c_str());
      std::fflush(stdout);  // so that a crash names its input
      LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
      ++replayed;
    }
  }
  std::printf("replayed %zu inputs\n", replayed);
  return 0;
}
