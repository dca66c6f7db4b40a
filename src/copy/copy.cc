// Copy and Merge (vrsx/copy.h): filter the inputs, route their streams, order their records,
// then read, (transform) and write each record.
#include "vrsx/copy.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "copy/stream_routing.h"
#include "copy/tag_merge.h"
#include "copy/write_order.h"
#include "vrsx/writer.h"

namespace vrsx {
namespace {

using copying::PendingRecord;
using copying::StreamRouting;

void Warn(const CopyOptions& options, CopyResult& result, CopyWarningKind kind, std::string text) {
  result.warnings.push_back({kind, std::move(text)});
  if (options.on_warning) options.on_warning(result.warnings.back());
}

void WarnAll(const CopyOptions& options, CopyResult& result, CopyWarningKind kind,
             std::vector<std::string>& texts) {
  for (std::string& text : texts) Warn(options, result, kind, std::move(text));
  texts.clear();
}

uint64_t FileBytes(const std::vector<std::string>& paths) {
  uint64_t total = 0;
  for (const std::string& path : paths) {
    std::error_code error;
    uint64_t size = std::filesystem::file_size(path, error);
    if (!error) total += size;
  }
  return total;
}

TagMap OutputFileTags(const std::vector<const Reader*>& inputs, const CopyOptions& options,
                      CopyResult& result) {
  TagMap tags = inputs.front()->file_tags();
  std::vector<std::string> warnings;
  for (size_t k = 1; k < inputs.size(); ++k) {
    copying::MergeTags(tags, inputs[k]->file_tags(), copying::InputName(*inputs[k]), warnings);
  }
  WarnAll(options, result, CopyWarningKind::kTagConflict, warnings);
  for (const TagEdit& edit : options.file_tag_edits) copying::ApplyTagEdit(tags, edit);
  return tags;
}

StreamRouting OutputStreams(const std::vector<const Reader*>& inputs,
                            const std::vector<FilteredRecords>& visits, bool merge_by_type,
                            const CopyOptions& options, CopyResult& result) {
  std::vector<std::vector<StreamId>> selected;
  for (const FilteredRecords& visit : visits) selected.push_back(visit.selection.streams);
  std::vector<std::string> warnings;
  StreamRouting routing =
      copying::RouteStreams(inputs, selected, merge_by_type, options.compression, warnings);
  WarnAll(options, result, CopyWarningKind::kTagConflict, warnings);
  for (const StreamTagEdit& edit : options.stream_tag_edits) {
    for (copying::OutputStream& out : routing.outputs) {
      if (out.id == edit.stream)
        copying::ApplyTagEdit(out.definition.user_tags, {edit.name, edit.value});
    }
  }
  return routing;
}

constexpr size_t kQueuedLargestRecords = 4;

// The most bytes a record to copy takes in its file (header included).
size_t LargestStoredRecord(const std::vector<const Reader*>& inputs,
                           const std::vector<PendingRecord>& records) {
  size_t largest = 0;
  for (const PendingRecord& record : records) {
    largest = std::max<size_t>(largest, inputs[record.input]->index()[record.pos].disk_size);
  }
  return largest;
}

// Hands every record to `writer`, in order.
Status WriteRecords(const std::vector<const Reader*>& inputs,
                    const std::vector<PendingRecord>& records, const StreamRouting& routing,
                    const CopyOptions& options, Writer& writer, CopyResult& result) {
  std::vector<uint8_t> payload;
  RecordDetails details;
  for (size_t i = 0; i < records.size(); ++i) {
    if (options.progress) options.progress(i, records.size());
    const PendingRecord& record = records[i];
    const Reader& reader = *inputs[record.input];
    const RecordInfo& info = reader.index()[record.pos];
    if (Status status = reader.ReadRecord(record.pos, payload, &details); !status.ok()) {
      return status;
    }
    if (options.transform_payload) {
      options.transform_payload(record.input, record.pos, details, payload);
    }
    StreamId out = routing.outputs[routing.OutputOf(record.input, info.stream)].id;
    Status status = writer.AddRecord(out, {info.type, details.format_version, info.timestamp},
                                     Writer::Piece(payload.data(), payload.size()));
    if (!status.ok()) return status;
    ++result.records_written;
  }
  return Status::Ok();
}

Status CopyInputs(const std::vector<const Reader*>& inputs, const std::string& output_path,
                  const CopyOptions& options, bool merge_by_type, CopyResult& result) {
  result = {};
  if (inputs.empty()) return {ErrorCode::kInvalidArgument, "nothing to copy: no input"};
  for (const Reader* input : inputs) {
    if (input == nullptr) return {ErrorCode::kInvalidArgument, "a null input"};
    result.input_bytes += input->total_size();
  }

  // One time window for every input.
  std::vector<FilteredRecords> visits = FilterRecords(inputs, options.filter);
  for (FilteredRecords& visit : visits) {
    WarnAll(options, result, CopyWarningKind::kStreamSelection, visit.selection.warnings);
  }
  if (!visits.front().window.valid()) {
    Warn(options, result, CopyWarningKind::kTimeWindow, visits.front().window.InvalidMessage());
  }

  StreamRouting routing = OutputStreams(inputs, visits, merge_by_type, options, result);
  TagMap file_tags = OutputFileTags(inputs, options, result);
  std::vector<PendingRecord> records = copying::OrderRecords(inputs, visits);
  // The front index is sized like the reference's: from the records before duplicates are
  // dropped.
  std::vector<RecordInfo> preliminary = copying::PreliminaryIndex(inputs, records, routing);
  if (inputs.size() > 1) {
    result.duplicates_dropped = copying::DropDuplicates(inputs, routing, records);
  }

  WriterOptions writer_options;
  writer_options.max_chunk_size = options.max_chunk_size;
  writer_options.auto_flush_interval = 0;
  // Records come as fast as they are read: a small queue keeps the record buffers in cache
  // and recycled, instead of hundreds of MB of fresh pages. With room for a few of the largest
  // records: one larger than the cap is queued alone, reading waiting while it is written.
  writer_options.max_queued_bytes =
      std::max(size_t(32) << 20, kQueuedLargestRecords * LargestStoredRecord(inputs, records));
  writer_options.preallocated_index = std::move(preliminary);
  Writer writer(std::move(writer_options));
  Status status;
  for (const auto& [name, value] : file_tags) {
    if (status.ok()) status = writer.SetFileTag(name, value);
  }
  for (size_t o : routing.creation_order) {
    if (!status.ok()) break;
    status = writer.AddStream(routing.outputs[o].definition, routing.outputs[o].id);
  }
  result.output_streams.resize(inputs.size());
  for (size_t k = 0; k < inputs.size(); ++k) {
    for (const auto& [stream, o] : routing.routes[k]) {
      result.output_streams[k][stream] = routing.outputs[o].id;
    }
  }
  if (status.ok()) status = writer.Create(output_path);
  if (status.ok()) status = WriteRecords(inputs, records, routing, options, writer, result);
  Status closed = writer.Close();
  if (status.ok()) status = closed;
  result.output_chunks = writer.chunk_paths();
  result.output_bytes = FileBytes(result.output_chunks);
  return status;
}

Status OpenInputs(const std::vector<std::string>& paths, std::vector<Reader>& readers) {
  readers.resize(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) {
    if (Status status = readers[i].Open(paths[i]); !status.ok()) return status;
  }
  return Status::Ok();
}

std::vector<const Reader*> Pointers(const std::vector<Reader>& readers) {
  std::vector<const Reader*> pointers;
  for (const Reader& reader : readers) pointers.push_back(&reader);
  return pointers;
}

}  // namespace

Status Copy(const Reader& input, const std::string& output_path, const CopyOptions& options,
            CopyResult* result) {
  CopyResult local;
  return CopyInputs({&input}, output_path, options, false, result ? *result : local);
}

Status Copy(const std::string& input_path, const std::string& output_path,
            const CopyOptions& options, CopyResult* result) {
  return MergeFiles({input_path}, output_path, options, result);
}

Status Merge(const std::vector<const Reader*>& inputs, const std::string& output_path,
             const CopyOptions& options, CopyResult* result) {
  CopyResult local;
  return CopyInputs(inputs, output_path, options, !options.keep_streams_apart,
                    result ? *result : local);
}

Status MergeFiles(const std::vector<std::string>& input_paths, const std::string& output_path,
                  const CopyOptions& options, CopyResult* result) {
  std::vector<Reader> readers;
  if (Status status = OpenInputs(input_paths, readers); !status.ok()) {
    if (result) *result = {};
    return status;
  }
  return Merge(Pointers(readers), output_path, options, result);
}

}  // namespace vrsx
