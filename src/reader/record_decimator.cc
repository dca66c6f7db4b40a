#include "reader/record_decimator.h"

#include <cmath>

namespace vrsx::reading {

RecordDecimator::RecordDecimator(const RecordSelection& selection, const RecordFilter& filter)
    : selection_(selection) {
  // Interval decimation takes precedence over buckets, as in the vrs tool.
  if (!filter.decimate.empty()) {
    mode_ = Mode::kInterval;
  } else if (filter.bucket_interval > 0) {
    mode_ = Mode::kBucket;
    interval_ = filter.bucket_interval;
    max_delta_ = filter.bucket_max_delta;
  }
}

void RecordDecimator::Add(size_t pos, const RecordInfo& record, std::vector<size_t>& out) {
  if (mode_ == Mode::kNone || record.type != RecordType::kData) {
    out.push_back(pos);
  } else if (mode_ == Mode::kInterval) {
    AddInterval(pos, record, out);
  } else {
    AddToBucket(pos, record, out);
  }
}

void RecordDecimator::Finish(std::vector<size_t>& out) {
  if (mode_ == Mode::kBucket) EmitBucket(out);
}

void RecordDecimator::AddInterval(size_t pos, const RecordInfo& record, std::vector<size_t>& out) {
  auto interval = selection_.decimate_intervals.find(record.stream);
  if (interval == selection_.decimate_intervals.end()) {
    out.push_back(pos);
    return;
  }
  auto [last, first] = last_kept_.try_emplace(record.stream, record.timestamp);
  if (first || record.timestamp >= last->second + interval->second) {
    last->second = record.timestamp;
    out.push_back(pos);
  }
}

void RecordDecimator::AddToBucket(size_t pos, const RecordInfo& record, std::vector<size_t>& out) {
  double t = record.timestamp;
  if (!bucket_started_) {
    bucket_ = t;
    bucket_started_ = true;
  }
  if (t - bucket_ > max_delta_) {
    // This record closes the bucket, moves it by one interval, and is dropped.
    EmitBucket(out);
    bucket_ += interval_;
  } else if (std::fabs(t - bucket_) <= max_delta_) {
    auto [candidate, added] = candidates_.try_emplace(record.stream, Candidate{pos, t});
    // Reference quirk: a farther record replaces a closer one; a tie keeps the existing one.
    if (!added && std::fabs(candidate->second.timestamp - bucket_) < std::fabs(t - bucket_)) {
      candidate->second = Candidate{pos, t};
    }
  }
}

void RecordDecimator::EmitBucket(std::vector<size_t>& out) {
  for (const auto& [stream, candidate] : candidates_) out.push_back(candidate.pos);
  candidates_.clear();
}

}  // namespace vrsx::reading
