// The benchmark harness: every measurement runs in a forked child, so that its peak memory
// (ru_maxrss) is its own and one measurement's caches and heap do not help the next; the best
// of N runs is reported, as a markdown table row or as one JSON object per line.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace vrsx::bench {

using Clock = std::chrono::steady_clock;

inline double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// What one run of a measurement delivered. Plain data: it crosses a pipe from the child.
struct Result {
  double seconds = 0;
  double cpu_seconds = 0;  // of every thread of the process: less noisy than `seconds` when
                           // other jobs share the cores
  uint64_t records = 0;
  uint64_t bytes = 0;  // payload bytes delivered or handled, uncompressed
  // Latency rows only (random access): per operation, in microseconds.
  double mean_us = 0;
  double p99_us = 0;
};

// Wall-clock and CPU time since construction.
class Stopwatch {
 public:
  Stopwatch() : wall_(Clock::now()), cpu_(CpuSeconds()) {}
  // Sets result.seconds and result.cpu_seconds.
  void Stop(Result& result) const {
    result.seconds = SecondsSince(wall_);
    result.cpu_seconds = CpuSeconds() - cpu_;
  }

 private:
  static double CpuSeconds();

  Clock::time_point wall_;
  double cpu_;
};

// Mean and 99th percentile of per-operation durations (seconds), in microseconds.
void SetLatencies(std::vector<double> seconds, Result& result);

// Exits with a message when `ok` is false: a benchmark that measured a failure is worthless.
void Require(bool ok, const std::string& what);

class Table {
 public:
  Table(bool json, int repeats, std::string only)
      : json_(json), repeats_(repeats), only_(std::move(only)) {}

  void PrintHeader() const;
  // Runs `measure` `repeats` times (the table's default when 0), each in a child, and prints
  // the fastest run with the largest peak memory seen. Skipped unless its name contains the
  // table's --only filter.
  void Report(const std::string& name, const std::function<Result()>& measure,
              int repeats = 0) const;

 private:
  // Whether a row of that name runs under --only.
  bool Selected(const std::string& name) const;

  bool json_;
  int repeats_;
  std::string only_;
};

}  // namespace vrsx::bench
