// What Writer::AddRecord checks of a stream's records, prepared once by AddStream so that the
// per-record cost is a short scan and an atomic load (no string work unless a record is refused).
#pragma once

#include <atomic>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "vrsx/status.h"
#include "vrsx/stream_id.h"
#include "vrsx/writer.h"

namespace vrsx::writing {

class RecordChecks {
 public:
  // Checks the definition's record formats beyond their structure (BuildStreamTags): their
  // layouts' conventional fields (vrsx::conventions::CheckConventionFields) and duplicate
  // labels; a format whose image or audio block needs a configuration in a stream without a
  // Configuration record format; and notes, per record format, whether its records need a
  // Configuration record before them. Errors (kInvalidArgument) name the stream's type id and
  // flavor and the record format.
  Status Prepare(const StreamDefinition& definition);

  // A record the stream may take: (a) when the stream declared record formats for its record
  // type, one of their versions; (c) not before the stream's first Configuration record when
  // its format has an image or audio block only the configuration can complete (spec 02 §6.4
  // step 3b, §6.5 step 1b: the reader uses the configuration at or before the record's time).
  // Record types without record formats are opaque (empty State records often are): anything
  // goes.
  Status Check(StreamId stream, const RecordSpec& record) const;
  // Notes a Configuration record that was accepted.
  void Accepted(const RecordSpec& record);

 private:
  struct Format {
    RecordType type;
    uint32_t version;
    bool needs_configuration;
  };
  // "stream 214-1 "rig/rgb": Data v1 record at 1.500000", for messages.
  std::string What(StreamId stream, const RecordSpec& record) const;

  std::string flavor_;
  std::vector<Format> formats_;
  // Time of the earliest Configuration record handed so far.
  std::atomic<double> earliest_configuration_{std::numeric_limits<double>::infinity()};
};

}  // namespace vrsx::writing
