// The capture writer: producers hand records to a RecordQueue; a CompressionPool compresses them
// as they arrive; one background thread takes them batch by batch, in write order, and appends
// them to a ChunkedFileWriter, then the index at close.
#include "vrsx/writer.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <new>
#include <shared_mutex>
#include <thread>

#include "compression/compressor.h"
#include "format/description_record.h"
#include "format/file_header.h"
#include "format/record_header.h"
#include "format/tags_record.h"
#include "index/index_writer.h"
#include "writer/block_recycler.h"
#include "writer/compression_pool.h"
#include "writer/file_writer.h"
#include "writer/front_index.h"
#include "writer/record_buffer_pool.h"
#include "writer/record_checks.h"
#include "writer/record_queue.h"
#include "writer/stream_tags_builder.h"

namespace vrsx {

using writing::QueuedRecord;

namespace {

// The record buffers' arena: room for a full queue, as address space only (up to 4 GiB).
size_t ArenaBytes(const WriterOptions& options) {
  return std::min(options.max_queued_bytes, size_t(4) << 30);
}

// Records gathered into one write call, at most.
constexpr size_t kGroupRecords = 1024;
constexpr size_t kGroupBytes = size_t(4) << 20;

Status Invalid(const std::string& what) {
  return {ErrorCode::kInvalidArgument, what};
}

bool IsUserRecordType(RecordType type) {
  return type == RecordType::kState || type == RecordType::kConfiguration ||
         type == RecordType::kData;
}

writing::RecordQueue::Options QueueOptions(const WriterOptions& options) {
  writing::RecordQueue::Options queue;
  queue.max_bytes = options.max_queued_bytes;
  queue.policy = options.queue_full_policy;
  queue.auto_flush_interval = options.auto_flush_interval > 0 ? options.auto_flush_interval : 0;
  queue.auto_flush_delay = options.auto_flush_delay > 0 ? options.auto_flush_delay : 0;
  return queue;
}

}  // namespace

struct Writer::Impl {
  explicit Impl(WriterOptions writer_options)
      : preliminary_index(std::move(writer_options.preallocated_index)),
        options(std::move(writer_options)),
        buffers(options.max_queued_bytes / 8, ArenaBytes(options)),
        queue(QueueOptions(options)) {}

  Status Enqueue(StreamId stream, RecordType type, uint32_t format_version, double timestamp,
                 std::span<const Piece> pieces, CompressionPreset preset, bool user_record);
  void Compress(QueuedRecord& record, compression::Compressor& compressor);
  void WriterMain();
  void WriteGroup(std::vector<std::shared_ptr<QueuedRecord>>& group);
  // Frees a record's memory and gives its bytes back to the queue.
  void Release(QueuedRecord& record);
  Status WriteIndexAndHeader();
  // The head: file header, description record, and the preallocated index if asked for.
  Status WriteHead();

  // Moved out of the options: used by Create(), then freed.
  std::optional<std::vector<RecordInfo>> preliminary_index;
  const WriterOptions options;

  // Streams and the writer's phase; AddRecord only reads them.
  enum class Phase { kSetup, kOpen, kClosed };
  mutable std::shared_mutex mutex;
  Phase phase = Phase::kSetup;
  TagMap file_tags;
  struct StreamEntry {
    StreamTags tags;
    CompressionPreset preset;
    std::unique_ptr<writing::RecordChecks> checks;  // a pointer: it holds an atomic
  };
  std::map<StreamId, StreamEntry> streams;
  std::map<uint16_t, uint16_t> instance_counts;

  // Idle buffers and queued records stay within max_queued_bytes (checked at every write).
  // Declared before the queue: records give their buffers and their own memory back when they
  // die.
  writing::RecordBufferPool buffers;
  writing::BlockRecycler record_blocks;
  writing::RecordQueue queue;
  std::unique_ptr<writing::CompressionPool> pool;  // lives until the Writer dies
  std::thread writer_thread;

  // Owned by the writer thread while it runs, then by Close().
  writing::ChunkedFileWriter file;
  std::vector<Piece> group_items;  // WriteGroup's, reused
  format::FileHeader header;
  index::ClassicIndexWriter index;
  uint64_t reserved_index_offset = 0;  // the preallocated index (layout B), 0 if none
  uint32_t reserved_index_size = 0;
  uint32_t chain_previous_of_reservation = 0;  // the description record's size
  uint32_t chain_previous = 0;                 // recordSize of the last record given a header
  uint32_t written_previous = 0;               // recordSize of the last record entirely on disk
  bool failed = false;

  std::atomic<uint64_t> records_written{0};
  std::atomic<uint64_t> records_lost{0};
  std::atomic<uint64_t> bytes_written{0};
  std::atomic<uint64_t> bytes_stored{0};

  std::mutex close_mutex;
  bool close_done = false;
  Status close_status;
};

Status Writer::Impl::Enqueue(StreamId stream, RecordType type, uint32_t format_version,
                             double timestamp, std::span<const Piece> pieces,
                             CompressionPreset preset, bool user_record) {
  uint64_t payload_size = 0;
  for (const Piece& piece : pieces) payload_size += piece.size();
  if (payload_size > std::numeric_limits<uint32_t>::max() - format::kRecordHeaderSize) {
    return {ErrorCode::kTooLarge, "a record payload must be under 4 GiB"};
  }
  size_t buffer_size = format::kRecordHeaderSize + size_t(payload_size);
  size_t charge = QueuedRecord::Charge(buffer_size);
  if (Status status = queue.Admit(charge, payload_size, user_record); !status.ok()) return status;

  std::shared_ptr<QueuedRecord> record;
  try {
    record = std::allocate_shared<QueuedRecord>(
        writing::RecyclingAllocator<QueuedRecord>(record_blocks));
  } catch (const std::bad_alloc&) {
    queue.Release(charge);
    return {ErrorCode::kTooLarge, "out of memory for a queued record"};
  }
  record->timestamp = timestamp;
  record->stream = stream;
  record->type = type;
  record->format_version = format_version;
  record->preset = preset;
  record->user_record = user_record;
  record->payload_size = uint32_t(payload_size);
  record->charged = charge;
  try {
    record->Allocate(buffer_size, buffers);
  } catch (const std::bad_alloc&) {
    queue.Release(charge);
    return {ErrorCode::kTooLarge,
            "out of memory for a record of " + std::to_string(payload_size) + " bytes"};
  }
  uint8_t* out = record->buffer + format::kRecordHeaderSize;
  for (const Piece& piece : pieces) {
    if (!piece.empty()) std::memcpy(out, piece.data(), piece.size());
    out += piece.size();
  }
  bool compress = compression::GetPresetInfo(preset).codec != compression::Codec::kNone &&
                  payload_size >= compression::kMinCompressedPayload;
  if (!compress) record->state.store(QueuedRecord::kReady, std::memory_order_relaxed);
  std::shared_ptr<QueuedRecord> job = compress ? record : nullptr;
  if (!queue.Push(std::move(record))) {
    queue.Release(charge);
    return Invalid("the writer is closed");
  }
  if (job) pool->Submit(std::move(job));
  return Status::Ok();
}

void Writer::Impl::Compress(QueuedRecord& record, compression::Compressor& compressor) {
  std::optional<compression::Compressed> compressed =
      compressor.Compress(record.preset, record.payload(), record.payload_size);
  if (!compressed) return;
  size_t held = record.heap_capacity();
  try {
    record.ReplacePayload({compressed->data, compressed->size});
  } catch (const std::bad_alloc&) {
    return;  // stored as handed over
  }
  record.compression = uint8_t(compressed->codec);
  record.shrunk = held - record.heap_capacity();
  queue.Release(record.shrunk);
}

void Writer::Impl::Release(QueuedRecord& record) {
  record.Free();
  queue.Release(record.charged - record.shrunk);
}

void Writer::Impl::WriterMain() {
  compression::Compressor compressor;  // for records no pool thread has started yet
  writing::RecordQueue::Batch batch;
  std::vector<std::shared_ptr<QueuedRecord>> group;
  size_t group_bytes = 0;
  while (queue.NextBatch(batch)) {
    for (std::shared_ptr<QueuedRecord>& record : batch.records) {
      if (record->TryClaim()) {
        Compress(*record, compressor);
        record->MarkReady();
      } else {
        record->WaitReady();
      }
      if (failed) {
        if (record->user_record) ++records_lost;
        Release(*record);
        continue;
      }
      format::RecordHeader header;
      header.record_size = uint32_t(record->buffer_size);
      header.previous_record_size = chain_previous;
      header.type_id = record->stream.type_id;
      header.format_version = record->format_version;
      header.timestamp = record->timestamp;
      header.instance_id = record->stream.instance_id;
      header.record_type = uint8_t(record->type);
      header.compression = record->compression;
      header.uncompressed_size =
          record->compression != format::kCompressionNone ? record->payload_size : 0;
      header.Encode(record->buffer);
      chain_previous = header.record_size;
      group_bytes += record->buffer_size;
      group.push_back(std::move(record));
      if (group.size() >= kGroupRecords || group_bytes >= kGroupBytes) {
        WriteGroup(group);
        group_bytes = 0;
      }
    }
    WriteGroup(group);
    group_bytes = 0;
    batch.records.clear();
    if (options.sync_data && !failed) {
      if (Status status = file.SyncData(); !status.ok()) {
        failed = true;
        queue.Fail(status);
      }
    }
    queue.BatchDone(batch);
  }
}

void Writer::Impl::WriteGroup(std::vector<std::shared_ptr<QueuedRecord>>& group) {
  if (group.empty()) return;
  group_items.clear();
  for (const auto& record : group) group_items.emplace_back(record->buffer, record->buffer_size);
  size_t complete = 0;
  Status status = file.Append(group_items, complete);
  // Counted for the whole group: one lock and a few atomic adds, not some per record.
  uint64_t written = 0, lost = 0, payload = 0, stored = 0;
  size_t released = 0;
  for (const auto& record : group) released += record->charged - record->shrunk;
  // The group's buffers become idle, within the cap, before the queue makes room for the
  // producers: they take these buffers instead of fresh memory.
  size_t cap = options.max_queued_bytes;
  size_t queued = queue.queued_bytes();
  size_t queued_after = queued - std::min(released, queued);
  buffers.SetMaxIdleBytes(cap - std::min(queued_after, cap));
  for (size_t i = 0; i < group.size(); ++i) {
    QueuedRecord& record = *group[i];
    if (i < complete) {
      index.Add(record.timestamp, uint32_t(record.buffer_size), record.type, record.stream);
      written_previous = uint32_t(record.buffer_size);
      if (record.user_record) {
        ++written;
        payload += record.payload_size;
        stored += record.stored_payload_size();
      }
    } else if (record.user_record) {
      ++lost;
    }
    record.Free();
  }
  queue.Release(released);
  records_written += written;
  records_lost += lost;
  bytes_written += payload;
  bytes_stored += stored;
  group.clear();
  if (!status.ok()) {
    failed = true;
    chain_previous = written_previous;
    queue.Fail(status);
  }
}

Status Writer::Impl::WriteIndexAndHeader() {
  std::vector<StreamId> ids;
  {
    std::shared_lock lock(mutex);
    for (const auto& [id, entry] : streams) ids.push_back(id);
  }
  std::vector<uint8_t> record;
  if (reserved_index_size > 0) {
    record = writing::FitFrontIndex(ids, index, chain_previous_of_reservation, reserved_index_size);
    if (!record.empty()) {
      if (Status status = file.WriteAt(reserved_index_offset, record); !status.ok()) return status;
      header.index_record_offset = int64_t(reserved_index_offset);
    }
  }
  if (record.empty()) {
    // Layout A, or a reservation too small (it stays in the chain, stale): at the end.
    record = index.BuildRecord(ids, written_previous, index::kCloseIndexCompressionLevel);
    uint64_t offset = file.size();
    Piece item(record);
    size_t complete = 0;
    if (Status status = file.Append(std::span<const Piece>(&item, 1), complete); !status.ok()) {
      return status;
    }
    header.index_record_offset = int64_t(offset);
  }
  std::vector<uint8_t> bytes = header.Encode();
  return file.WriteAt(0, bytes);
}

Status Writer::Impl::WriteHead() {
  header.creation_id = writing::NewCreationId();
  format::Description description;
  description.file_tags = file_tags;
  std::vector<StreamId> ids;
  for (const auto& [id, entry] : streams) {
    description.streams[id] = entry.tags;
    ids.push_back(id);
  }
  std::vector<uint8_t> payload = format::EncodeDescription(description);
  format::RecordHeader record;
  record.record_size = uint32_t(format::kRecordHeaderSize + payload.size());
  record.type_id = format::kDescriptionTypeId;
  record.format_version = format::kDescriptionFormat;
  record.timestamp = format::kMaxTimestamp;
  record.record_type = uint8_t(RecordType::kData);
  chain_previous = written_previous = record.record_size;

  std::vector<uint8_t> reservation;
  if (preliminary_index) {
    index::ClassicIndexWriter preliminary;
    for (const RecordInfo& info : *preliminary_index) {
      preliminary.Add(info.timestamp, info.disk_size, info.type, info.stream);
    }
    preliminary_index.reset();
    reservation = writing::BuildFrontIndexReservation(ids, preliminary, record.record_size);
    reserved_index_offset = format::kFileHeaderSize + record.record_size;
    reserved_index_size = uint32_t(reservation.size());
    chain_previous_of_reservation = record.record_size;
    chain_previous = written_previous = reserved_index_size;
    // Written once, final but for the index offset, which stays 0 until Close() (spec 01 §2).
    header.file_format_version = format::kVersionVrs2;
    header.first_user_record_offset = int64_t(reserved_index_offset + reserved_index_size);
  }

  // File header and description record: one item, so that they stay together in chunk 0.
  std::vector<uint8_t> head = header.Encode();
  head.resize(format::kFileHeaderSize + format::kRecordHeaderSize);
  record.Encode(head.data() + format::kFileHeaderSize);
  head.insert(head.end(), payload.begin(), payload.end());
  Piece items[2] = {Piece(head), Piece(reservation)};
  size_t complete = 0;
  return file.Append(std::span<const Piece>(items, reservation.empty() ? 1 : 2), complete);
}

// ---- Writer

Writer::Writer(WriterOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Writer::~Writer() {
  Close();
}

Status Writer::SetFileTag(const std::string& name, const std::string& value) {
  std::unique_lock lock(impl_->mutex);
  if (impl_->phase != Impl::Phase::kSetup) return Invalid("file tags must be set before Create()");
  impl_->file_tags[name] = value;
  return Status::Ok();
}

Status Writer::AddStream(const StreamDefinition& definition, StreamId& id) {
  int preset = int(definition.compression);
  if (preset < 0 || preset >= kCompressionPresetCount) return Invalid("unknown compression preset");
  StreamTags tags;
  if (Status status = writing::BuildStreamTags(definition, tags); !status.ok()) return status;
  auto checks = std::make_unique<writing::RecordChecks>();
  if (Status status = checks->Prepare(definition); !status.ok()) return status;
  bool late = false;
  {
    std::unique_lock lock(impl_->mutex);
    if (impl_->phase == Impl::Phase::kClosed) return Invalid("the writer is closed");
    uint16_t& count = impl_->instance_counts[definition.type_id];
    if (count == std::numeric_limits<uint16_t>::max()) {
      return Invalid("too many streams of type " + std::to_string(definition.type_id));
    }
    id = StreamId{definition.type_id, ++count};
    late = impl_->phase == Impl::Phase::kOpen;
    impl_->streams[id] = {tags, definition.compression, std::move(checks)};
  }
  if (!late) return Status::Ok();
  // Created after the description record: its tags go in a tags record (spec 01 §6.6).
  std::vector<uint8_t> payload = format::EncodeTagsRecord(tags);
  Piece piece(payload);
  return impl_->Enqueue(id, RecordType::kTags, format::kTagsRecordFormatVersion,
                        -std::numeric_limits<double>::max(), std::span<const Piece>(&piece, 1),
                        definition.compression, false);
}

Status Writer::Create(const std::string& path) {
  Impl& impl = *impl_;
  std::unique_lock lock(impl.mutex);
  if (impl.phase != Impl::Phase::kSetup) {
    return Invalid(impl.phase == Impl::Phase::kOpen ? "the file is already created"
                                                    : "the writer is closed");
  }
  impl.file.set_sync_data(impl.options.sync_data);
  if (Status status = impl.file.Create(path, impl.options.max_chunk_size); !status.ok()) {
    impl.file.Close();
    return status;
  }
  if (Status status = impl.WriteHead(); !status.ok()) {
    impl.file.Close();
    return status;
  }

  unsigned threads = impl.options.compression_threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  impl.pool = std::make_unique<writing::CompressionPool>(
      threads, [&impl](QueuedRecord& queued, compression::Compressor& compressor) {
        impl.Compress(queued, compressor);
      });
  impl.writer_thread = std::thread([&impl] { impl.WriterMain(); });
  impl.phase = Impl::Phase::kOpen;
  return Status::Ok();
}

Status Writer::AddRecord(StreamId stream, const RecordSpec& record, std::span<const Piece> pieces) {
  if (!IsUserRecordType(record.type)) {
    return Invalid("records are of type State, Configuration or Data");
  }
  if (std::isnan(record.timestamp)) return Invalid("a record timestamp can't be NaN");
  CompressionPreset preset;
  writing::RecordChecks* checks;
  {
    std::shared_lock lock(impl_->mutex);
    if (impl_->phase != Impl::Phase::kOpen) {
      return Invalid(impl_->phase == Impl::Phase::kSetup ? "Create() the file first"
                                                         : "the writer is closed");
    }
    auto found = impl_->streams.find(stream);
    if (found == impl_->streams.end()) return Invalid("unknown stream " + stream.NumericName());
    preset = found->second.preset;
    checks = found->second.checks.get();  // streams are never removed
  }
  if (Status status = checks->Check(stream, record); !status.ok()) return status;
  Status status = impl_->Enqueue(stream, record.type, record.format_version, record.timestamp,
                                 pieces, preset, true);
  if (status.ok()) checks->Accepted(record);
  return status;
}

Status Writer::WriteRecordsOlderThan(double t) {
  {
    std::shared_lock lock(impl_->mutex);
    if (impl_->phase != Impl::Phase::kOpen) return Invalid("the file is not open");
  }
  uint64_t ticket = impl_->queue.RequestFlush(t);
  impl_->queue.WaitFlushed(ticket);
  return impl_->queue.error();
}

Status Writer::Flush() {
  return WriteRecordsOlderThan(std::numeric_limits<double>::infinity());
}

Status Writer::Close() {
  Impl& impl = *impl_;
  std::lock_guard close_lock(impl.close_mutex);
  if (impl.close_done) return impl.close_status;
  impl.close_done = true;
  Impl::Phase was;
  {
    std::unique_lock lock(impl.mutex);
    was = impl.phase;
    impl.phase = Impl::Phase::kClosed;
  }
  if (was != Impl::Phase::kOpen) return impl.close_status;

  impl.queue.Close();
  impl.writer_thread.join();
  impl.queue.Stopped();
  impl.pool->Stop();

  Status status = impl.queue.error();
  // Even after a failed write: the records before it are on disk, an index makes them quick to
  // open (if it fits).
  Status index_status = impl.WriteIndexAndHeader();
  if (status.ok()) status = index_status;
  Status close_file = impl.file.Close();
  if (status.ok()) status = close_file;
  impl.close_status = status;
  return status;
}

WriterStats Writer::stats() const {
  WriterStats stats = impl_->queue.counters();  // queued, dropped, queue memory
  stats.records_written = impl_->records_written.load();
  stats.records_lost = impl_->records_lost.load();
  stats.bytes_written = impl_->bytes_written.load();
  stats.bytes_stored = impl_->bytes_stored.load();
  return stats;
}

std::vector<std::string> Writer::chunk_paths() const {
  return impl_->file.chunk_paths();
}

}  // namespace vrsx
