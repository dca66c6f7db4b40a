// vrsx_http_bench: what reading over HTTP costs. nginx on loopback serves the bench's inputs
// (generated into --dir like vrsx_bench's); we count the requests and bytes that opening the
// 1M-record file and reading 100 random records of it take, against its size and its index's,
// and compare a sequential checksum over HTTP with the same on the local file.
//
//   vrsx_http_bench [--dir DIR] [--records N] [--image-mb M]
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "format/chunked_file.h"
#include "format/file_head.h"
#include "format/record_header.h"
#include "inputs.h"
#include "support/loopback_http.h"
#include "vrsx/checksum.h"
#include "vrsx/reader.h"
#include "vrsx/url_source.h"

namespace {

using Clock = std::chrono::steady_clock;

// The size of the index record (header included) of a local file, 0 without one.
uint64_t IndexSize(const std::string& path) {
  vrsx::format::ChunkedFile file;
  vrsx::format::FileHeader header;
  if (!file.OpenPath(path).ok() || !vrsx::format::ReadFileHeader(file, header).ok() ||
      header.index_record_offset <= 0) {
    return 0;
  }
  uint8_t bytes[vrsx::format::kMaxRecordHeaderSize] = {};
  if (!file.ReadExactly(uint64_t(header.index_record_offset), bytes, header.record_header_size)
           .ok()) {
    return 0;
  }
  return vrsx::format::RecordHeader::Decode(bytes).record_size;
}

struct Counts {
  uint64_t requests = 0;
  uint64_t bytes = 0;
};

Counts Snapshot(const vrsx::UrlCounters& counters) {
  return {counters.requests.load(), counters.bytes_fetched.load()};
}

// Seconds for the checksum of every record of `reader`.
double ChecksumSeconds(const vrsx::Reader& reader, std::string& checksum) {
  auto start = Clock::now();
  vrsx::ChecksumResult result;
  if (!vrsx::RecordsChecksum(reader, nullptr, result).ok()) return -1;
  checksum = result.checksum;
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Seconds to read every byte of `source` in order, 4 MiB at a time (no parsing: the transfer
// rate alone).
double ReadAllSeconds(const vrsx::FileSource& source) {
  auto start = Clock::now();
  std::vector<uint8_t> buffer(4 << 20);
  for (uint64_t offset = 0; offset < source.size();) {
    size_t got = 0;
    if (!source.ReadAt(offset, buffer, got).ok() || got == 0) return -1;
    offset += got;
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double Mib(uint64_t bytes) {
  return double(bytes) / (1 << 20);
}

int Fail(const std::string& what) {
  std::fprintf(stderr, "vrsx_http_bench: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char* argv[]) {
  vrsx::bench::Options options;
  options.image_mb = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string arg = argv[i];
    if (arg == "--dir") options.dir = argv[i + 1];
    if (arg == "--records") options.records = std::stoull(argv[i + 1]);
    if (arg == "--image-mb") options.image_mb = std::stoull(argv[i + 1]);
  }
  vrsx::bench::Inputs inputs = vrsx::bench::MakeInputs(options);
  vrsx::testing::NginxServer nginx({{"bench", options.dir}});
  if (!nginx.ok()) return Fail("can't start nginx");
  auto url_of = [&](const std::string& path) {
    return nginx.Url("bench/" + path.substr(path.rfind('/') + 1));
  };

  // Open the 1M-record file, then read 100 random records.
  vrsx::UrlOptions url_options;
  url_options.counters = std::make_shared<vrsx::UrlCounters>();
  std::shared_ptr<const vrsx::FileSource> source;
  if (vrsx::Status s = vrsx::OpenUrl(url_of(inputs.small), url_options, source); !s.ok()) {
    return Fail(s.message());
  }
  vrsx::Reader reader;
  if (vrsx::Status s = reader.Open(source); !s.ok()) return Fail(s.message());
  Counts open = Snapshot(*url_options.counters);
  std::mt19937_64 random(42);
  std::vector<uint8_t> payload;
  for (int i = 0; i < 100; ++i) {
    size_t pos = size_t(random() % reader.index().size());
    if (vrsx::Status s = reader.ReadRecord(pos, payload); !s.ok()) return Fail(s.message());
  }
  Counts after = Snapshot(*url_options.counters);
  uint64_t index_size = IndexSize(inputs.small);
  std::printf("file: %s, %.1f MiB, %zu records, index record %.2f MiB\n", inputs.small.c_str(),
              Mib(reader.total_size()), reader.index().size(), Mib(index_size));
  std::printf("open: %llu requests, %.2f MiB fetched (%.2fx the index, %.2f%% of the file)\n",
              (unsigned long long)open.requests, Mib(open.bytes),
              index_size ? double(open.bytes) / double(index_size) : 0.0,
              100.0 * double(open.bytes) / double(reader.total_size()));
  std::printf("100 random records: %llu requests, %.2f MiB fetched\n",
              (unsigned long long)(after.requests - open.requests), Mib(after.bytes - open.bytes));

  // Sequential checksums, local and over loopback (the second run of each: warm page cache).
  for (const std::string& path : {inputs.small, inputs.images_zstd, inputs.images_none}) {
    vrsx::Reader local, remote;
    if (!local.Open(path).ok() || !remote.Open(url_of(path)).ok())
      return Fail("can't open " + path);
    std::string local_sum, remote_sum;
    ChecksumSeconds(local, local_sum);
    double local_seconds = ChecksumSeconds(local, local_sum);
    vrsx::UrlOptions counted;
    counted.counters = std::make_shared<vrsx::UrlCounters>();
    std::shared_ptr<const vrsx::FileSource> remote2_source;
    vrsx::Reader remote2;
    if (!vrsx::OpenUrl(url_of(path), counted, remote2_source).ok() ||
        !remote2.Open(remote2_source).ok()) {
      return Fail("can't open " + url_of(path));
    }
    ChecksumSeconds(remote, remote_sum);
    std::shared_ptr<const vrsx::FileSource> raw_source;
    if (!vrsx::OpenUrl(url_of(path), {}, raw_source).ok()) return Fail("can't open " + path);
    double raw_seconds = ReadAllSeconds(*raw_source);
    Counts before = Snapshot(*counted.counters);
    double remote_seconds = ChecksumSeconds(remote2, remote_sum);
    Counts during = Snapshot(*counted.counters);
    double size = Mib(local.total_size());
    std::printf(
        "check %s: local %.0f MiB/s, http %.0f MiB/s (%.0f%%), %llu requests, %.1f MiB%s;"
        " reading the bytes alone over http: %.0f MiB/s\n",
        path.substr(path.rfind('/') + 1).c_str(), size / local_seconds, size / remote_seconds,
        100.0 * local_seconds / remote_seconds,
        (unsigned long long)(during.requests - before.requests), Mib(during.bytes - before.bytes),
        local_sum == remote_sum ? "" : " CHECKSUMS DIFFER", size / raw_seconds);
  }
  return 0;
}
