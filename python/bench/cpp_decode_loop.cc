// The C++ side of python/bench/bench_python.py: every record of a file read and decoded with
// RecordContentDecoder (what vrsx.SyncVRSReader does per record before making Python objects),
// one byte of every block touched. Prints "<records> <seconds>".
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "vrsx/reader.h"
#include "vrsx/record_content.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s file.vrs\n", argv[0]);
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  vrsx::Reader reader;
  if (vrsx::Status s = reader.Open(argv[1]); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  vrsx::StreamFormats formats(reader);
  vrsx::RecordContentDecoder decoder(formats);
  vrsx::RecordContent content;
  std::vector<uint8_t> payload;
  uint64_t touched = 0;
  for (size_t pos = 0; pos < reader.index().size(); ++pos) {
    if (!decoder.ReadAndDecode(reader, pos, payload, content).ok()) return 1;
    for (const vrsx::DecodedBlock& block : content.blocks) {
      if (!block.data.empty()) touched += block.data[block.data.size() / 2];
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu %.6f %llu\n", reader.index().size(), seconds,
              static_cast<unsigned long long>(touched));
  return 0;
}
