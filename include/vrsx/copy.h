// Copies the records a filter selects from one VRS file (or merges several) into a new file,
// recompressed with a preset, optionally in chunks: what the `vrs` tool's `copy` and `merge`
// commands do.
//
//   vrsx::CopyOptions options;
//   options.filter.Include("1201-*");                     // cameras only
//   options.filter.after = vrsx::FilterTime::FromFirst(2);
//   options.compression = vrsx::CompressionPreset::kZstdMedium;
//   options.file_tag_edits.push_back({"purpose", "test"});
//   options.on_warning = [](const vrsx::CopyWarning& w) { log(w.text); };
//   vrsx::CopyResult result;
//   if (vrsx::Status s = vrsx::Copy("capture.vrs", "cameras.vrs", options, &result); !s.ok()) {
//     report(s.message());
//   }
//   // Several recordings into one, streams merged by type id and rank:
//   vrsx::MergeFiles({"left.vrs", "right.vrs"}, "both.vrs", options, &result);
//
// The output holds the selected records (with their pre-roll: the configuration and state
// records a player needs at the window's start) with the same timestamps, record types, format
// versions and payloads, and the source streams' tags, so that RecordsChecksum (vrsx/checksum.h)
// of the output equals that of the selection. Its streams are renumbered from 1 per type id, and
// its index is reserved at the front of the file (spec 03 §7.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vrsx/compression.h"
#include "vrsx/reader.h"
#include "vrsx/record.h"
#include "vrsx/record_filter.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"

namespace vrsx {

// Sets a tag (`value`), or removes it (nullopt).
struct TagEdit {
  std::string name;
  std::optional<std::string> value;
};

// A TagEdit of the user tags of one output stream (its id in the output file).
struct StreamTagEdit {
  StreamId stream;
  std::string name;
  std::optional<std::string> value;
};

enum class CopyWarningKind {
  kStreamSelection,  // a filter names streams that do not exist in an input
  kTimeWindow,       // the filter's time window is empty: no record is copied
  kTagConflict,      // merged inputs or streams disagree on a tag (see Merge)
};

struct CopyWarning {
  CopyWarningKind kind;
  std::string text;  // as the vrs tool prints it, without the line feed
};

struct CopyOptions {
  RecordFilter filter;  // default: every record
  // The output's preset; the vrs tool's default (zstd-light).
  CompressionPreset compression = CompressionPreset::kZstdLight;
  // Split the output into `out`, `out_1`, `out_2`... of fewer than this many bytes; 0: one file.
  uint64_t max_chunk_size = 0;
  // Applied in order, after the inputs' tags are copied (and merged).
  std::vector<TagEdit> file_tag_edits;
  std::vector<StreamTagEdit> stream_tag_edits;  // edits naming no output stream are ignored

  // Merge only: every selected stream of every input gets an output stream of its own (the vrs
  // tool's `copy` of several files) instead of being merged by type id and rank.
  bool keep_streams_apart = false;

  // Called before each record is read, with the records written so far and how many will be.
  std::function<void(size_t done, size_t total)> progress;
  // Called as each warning is found (they are in CopyResult::warnings too).
  std::function<void(const CopyWarning&)> on_warning;
  // Rewrites a record's payload (as read: uncompressed) before it is written, for tools (the vrs
  // tool's `--zero-vrs` blanks images with it). Records come in writing order; `input` is the
  // input's rank, `pos` the record's position in that input's index().
  std::function<void(size_t input, size_t pos, const RecordDetails& details,
                     std::vector<uint8_t>& payload)>
      transform_payload;
};

struct CopyResult {
  uint64_t records_written = 0;
  uint64_t duplicates_dropped = 0;  // Merge: records equal in time to the one before (see Merge)
  uint64_t input_bytes = 0;         // every chunk of every input
  uint64_t output_bytes = 0;        // every chunk written
  std::vector<std::string> output_chunks;
  // Per input: the output stream of each of its selected streams.
  std::vector<std::map<StreamId, StreamId>> output_streams;
  std::vector<CopyWarning> warnings;
};

// Copies the records `options.filter` selects. Errors: the input's or the writer's status
// (kNotFound, kIoError... naming the path, with Status::os_error()). `result` may be null.
Status Copy(const Reader& input, const std::string& output_path, const CopyOptions& options,
            CopyResult* result = nullptr);
Status Copy(const std::string& input_path, const std::string& output_path,
            const CopyOptions& options, CopyResult* result = nullptr);

// Copies the records `options.filter` selects in every input (one time window for all:
// relative times count from the first/last data record of all of them) into one file, in
// timestamp order. Output file tags: the first input's, then each other input's; a tag already
// set to another value is kept under `<name>_merged` (or `_merged-1`, `-2`...) with a
// kTagConflict warning. Streams: the j-th stream of type T of an input goes into the j-th
// output stream of type T (user tags merged like file tags, VRS tags: the first value wins,
// with a warning), or a new one. A record whose timestamp and type equal those of the record
// written before it in its output stream is dropped as a duplicate. One input: a Copy. No
// input, or a null one: kInvalidArgument.
Status Merge(const std::vector<const Reader*>& inputs, const std::string& output_path,
             const CopyOptions& options, CopyResult* result = nullptr);
// The same for files (a name of its own: `{&a, &b}` and `{"a", "b"}` would be ambiguous).
Status MergeFiles(const std::vector<std::string>& input_paths, const std::string& output_path,
                  const CopyOptions& options, CopyResult* result = nullptr);

}  // namespace vrsx
