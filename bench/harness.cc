#include "harness.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <sstream>

namespace vrsx::bench {
namespace {

// Runs `measure` in a child process; returns its result and peak memory in KiB.
Result InChild(const std::function<Result()>& measure, long* peak_kib) {
  int fds[2];
  Require(pipe(fds) == 0, "pipe");
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  Require(pid >= 0, "fork");
  if (pid == 0) {
    close(fds[0]);
    Result result = measure();
    if (write(fds[1], &result, sizeof result) != ssize_t(sizeof result)) _exit(6);
    _exit(0);
  }
  close(fds[1]);
  Result result;
  bool ok = read(fds[0], &result, sizeof result) == ssize_t(sizeof result);
  close(fds[0]);
  int status = 0;
  struct rusage usage;
  wait4(pid, &status, 0, &usage);
  Require(ok && WIFEXITED(status) && WEXITSTATUS(status) == 0, "a measurement's child");
  *peak_kib = usage.ru_maxrss;
  return result;
}

// The 1-minute load average: other jobs running on the machine make a row noisy.
double LoadAverage() {
  double load = 0;
  if (std::FILE* file = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(file, "%lf", &load) != 1) load = 0;
    std::fclose(file);
  }
  return load;
}

}  // namespace

double Stopwatch::CpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

void SetLatencies(std::vector<double> seconds, Result& result) {
  if (seconds.empty()) return;
  result.mean_us = std::accumulate(seconds.begin(), seconds.end(), 0.0) / seconds.size() * 1e6;
  size_t p99 = std::min(seconds.size() - 1, seconds.size() * 99 / 100);
  std::nth_element(seconds.begin(), seconds.begin() + p99, seconds.end());
  result.p99_us = seconds[p99] * 1e6;
}

void Require(bool ok, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "vrsx_bench: %s failed\n", what.c_str());
  std::exit(3);
}

bool Table::Selected(const std::string& name) const {
  if (only_.empty()) return true;
  std::stringstream filters(only_);
  std::string filter;
  while (std::getline(filters, filter, '|')) {
    if (!filter.empty() && name.find(filter) != std::string::npos) return true;
  }
  return false;
}

void Table::PrintHeader() const {
  if (json_) return;
  std::printf("| %-40s | %11s | %11s | %10s | %9s | %8s | %15s | %4s |\n", "measurement", "time",
              "cpu", "records/s", "MiB/s", "peak MiB", "us mean / p99", "load");
  std::string rule = "|";
  for (int width : {42, 13, 13, 12, 11, 10, 17, 6}) rule += std::string(width, '-') + "|";
  std::printf("%s\n", rule.c_str());
}

void Table::Report(const std::string& name, const std::function<Result()>& measure,
                   int repeats) const {
  if (!Selected(name)) return;
  if (repeats == 0) repeats = repeats_;
  double load = LoadAverage();
  Result best;
  long peak = 0;
  for (int i = 0; i < repeats; ++i) {
    long run_peak = 0;
    Result result = InChild(measure, &run_peak);
    if (i == 0 || result.seconds < best.seconds) best = result;
    peak = std::max(peak, run_peak);
  }
  double records_per_s = best.records / best.seconds;
  double mib_per_s = best.bytes / best.seconds / (1 << 20);
  if (json_) {
    std::printf(
        "{\"name\":\"%s\",\"seconds\":%.6f,\"cpu_seconds\":%.6f,\"records\":%llu,\"bytes\":%llu,"
        "\"records_per_s\":%.0f,"
        "\"mib_per_s\":%.1f,\"peak_kib\":%ld,\"mean_us\":%.2f,\"p99_us\":%.2f,\"load\":%.2f}\n",
        name.c_str(), best.seconds, best.cpu_seconds, (unsigned long long)best.records,
        (unsigned long long)best.bytes, records_per_s, mib_per_s, peak, best.mean_us, best.p99_us,
        load);
  } else {
    char latency[32] = "";
    if (best.mean_us > 0) {
      std::snprintf(latency, sizeof latency, "%.1f / %.1f", best.mean_us, best.p99_us);
    }
    std::printf("| %-40s | %8.1f ms | %8.1f ms | %10.0f | %9.1f | %8.1f | %15s | %4.1f |\n",
                name.c_str(), best.seconds * 1e3, best.cpu_seconds * 1e3,
                best.records ? records_per_s : 0.0, mib_per_s, peak / 1024.0, latency, load);
  }
  std::fflush(stdout);
}

}  // namespace vrsx::bench
