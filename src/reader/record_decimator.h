// Data record decimation of RecordFilter (`--decimate`, `--bucket-interval`), fed in index order
// with the records that passed every other filter.
#pragma once

#include <cstddef>
#include <map>
#include <vector>

#include "vrsx/record.h"
#include "vrsx/record_filter.h"
#include "vrsx/stream_id.h"

namespace vrsx::reading {

class RecordDecimator {
 public:
  RecordDecimator(const RecordSelection& selection, const RecordFilter& filter);

  // Appends to `out` what is kept: at once, or when a bucket closes.
  void Add(size_t pos, const RecordInfo& record, std::vector<size_t>& out);
  // Emits the last bucket.
  void Finish(std::vector<size_t>& out);

 private:
  enum class Mode { kNone, kInterval, kBucket };
  struct Candidate {
    size_t pos;
    double timestamp;
  };

  void AddInterval(size_t pos, const RecordInfo& record, std::vector<size_t>& out);
  void AddToBucket(size_t pos, const RecordInfo& record, std::vector<size_t>& out);
  void EmitBucket(std::vector<size_t>& out);

  const RecordSelection& selection_;
  Mode mode_ = Mode::kNone;
  std::map<StreamId, double> last_kept_;  // interval mode
  double interval_ = 0;                   // bucket mode
  double max_delta_ = 0;
  bool bucket_started_ = false;
  double bucket_ = 0;
  std::map<StreamId, Candidate> candidates_;  // StreamId order
};

}  // namespace vrsx::reading
