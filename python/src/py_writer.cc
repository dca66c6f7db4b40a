// vrsx.Writer: streams and record formats declared from Python, records from dicts, numpy arrays
// and bytes, from any Python thread (the GIL is released while the library copies a record in).
#include "py_writer.h"

#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "layout_from_python.h"
#include "status_exception.h"
#include "vrsx/writer.h"

namespace py = pybind11;

namespace vrsx::python {

namespace {

std::optional<RecordType> WritableRecordType(const std::string& text) {
  if (text == "data" || text == "Data") return RecordType::kData;
  if (text == "configuration" || text == "Configuration") return RecordType::kConfiguration;
  if (text == "state" || text == "State") return RecordType::kState;
  return std::nullopt;
}

RecordType RecordTypeOrThrow(const std::string& text) {
  std::optional<RecordType> type = WritableRecordType(text);
  if (!type) ThrowValueError("unknown record type '" + text + "' (configuration, state, data)");
  return *type;
}

CompressionPreset PresetOrThrow(const std::string& name) {
  std::optional<CompressionPreset> preset = CompressionPresetFromName(name);
  if (!preset) {
    ThrowValueError("unknown compression '" + name +
                    "' (none, fast, tight, zfaster, zfast, zlight, zmedium, zheavy, zhigh, "
                    "ztight, zmax)");
  }
  return *preset;
}

// A bytes-like object's contiguous bytes, held until destroyed (with the GIL).
class HeldBuffer {
 public:
  explicit HeldBuffer(py::handle object) {
    if (PyObject_GetBuffer(object.ptr(), &view_, PyBUF_C_CONTIGUOUS) != 0) {
      PyErr_Clear();
      ThrowTypeError(std::string("a record block must be a dict (DataLayout), bytes or a "
                                 "C-contiguous numpy array, not ") +
                     Py_TYPE(object.ptr())->tp_name);
    }
    held_ = true;
  }
  HeldBuffer(HeldBuffer&& other) noexcept : view_(other.view_), held_(other.held_) {
    other.held_ = false;
  }
  HeldBuffer(const HeldBuffer&) = delete;
  ~HeldBuffer() {
    if (held_) PyBuffer_Release(&view_);
  }
  std::span<const uint8_t> bytes() const {
    return {static_cast<const uint8_t*>(view_.buf), size_t(view_.len)};
  }

 private:
  Py_buffer view_{};
  bool held_ = false;
};

// A record format declared from Python: its blocks, with an encoding for each data_layout one.
struct DeclaredFormat {
  RecordFormat format;
  std::vector<std::shared_ptr<LayoutEncoding>> layouts;  // null for other blocks
};

// Blocks: a dict is a DataLayout; a string is a RecordFormat block ("image/raw", "image/png",
// "audio/pcm/int16le/channels=1/rate=48000", "custom", "custom/size=16").
DeclaredFormat DeclareFormat(const py::handle& blocks) {
  if (!py::isinstance<py::list>(blocks) && !py::isinstance<py::tuple>(blocks)) {
    ThrowTypeError("a record format is a list of blocks: dicts (DataLayout) and strings");
  }
  DeclaredFormat declared;
  for (py::handle block : blocks) {
    if (py::isinstance<py::dict>(block)) {
      declared.format.AddBlock(ContentBlock::Parse("data_layout"));
      declared.layouts.push_back(
          std::make_shared<LayoutEncoding>(LayoutFromDict(block.cast<py::dict>())));
    } else if (py::isinstance<py::str>(block)) {
      std::string text = block.cast<std::string>();
      ContentBlock parsed = ContentBlock::Parse(text);
      if (parsed.type == ContentType::kDataLayout) {
        ThrowValueError("declare a DataLayout block with a dict of fields, not '" + text + "'");
      }
      if (parsed.type == ContentType::kCustom && !text.starts_with("custom")) {
        ThrowValueError("unknown block '" + text + "' (image/..., audio/..., custom)");
      }
      declared.format.AddBlock(parsed);
      declared.layouts.push_back(nullptr);
    } else {
      ThrowTypeError("a block is a dict (DataLayout fields) or a string (\"image/raw\"...)");
    }
  }
  if (declared.layouts.empty()) ThrowValueError("a record format needs at least one block");
  return declared;
}

class PyWriter {
 public:
  PyWriter(std::string path, const std::string& compression, uint64_t max_chunk_size,
           size_t max_queued_bytes, const std::string& queue_full, unsigned compression_threads,
           const TagMap& file_tags)
      : path_(std::move(path)), compression_(PresetOrThrow(compression)) {
    WriterOptions options;
    options.max_chunk_size = max_chunk_size;
    options.max_queued_bytes = max_queued_bytes;
    options.compression_threads = compression_threads;
    if (queue_full == "drop") {
      options.queue_full_policy = QueueFullPolicy::kDrop;
    } else if (queue_full != "block") {
      ThrowValueError("queue_full is 'block' or 'drop', not '" + queue_full + "'");
    }
    if (path_.empty()) ThrowValueError("empty path");
    writer_ = std::make_unique<Writer>(options);
    for (const auto& [name, value] : file_tags) ThrowIfError(writer_->SetFileTag(name, value));
  }

  void SetFileTag(const std::string& name, const std::string& value) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (created_) ThrowValueError("file tags must be set before the first record");
    ThrowIfError(writer_->SetFileTag(name, value));
  }

  // `records`: {"data": [blocks], "configuration": [...], "data:2": [...] (format version 2)}.
  std::string AddStream(int type_id, const std::string& flavor, const TagMap& tags,
                        const py::dict& records, std::optional<std::string> compression) {
    if (type_id < 0 || type_id > 0xffff) ThrowValueError("a recordable type id is 0..65535");
    StreamDefinition definition(uint16_t(type_id), flavor,
                                compression ? PresetOrThrow(*compression) : compression_);
    definition.user_tags = tags;
    std::vector<std::tuple<RecordType, uint32_t, DeclaredFormat>> declared;
    for (auto [key, blocks] : records) {
      std::string name = py::str(key);
      uint32_t version = 1;
      size_t colon = name.find(':');
      if (colon != std::string::npos) {
        try {
          version = uint32_t(std::stoul(name.substr(colon + 1)));
        } catch (const std::exception&) {
          ThrowValueError("bad format version in '" + name + "'");
        }
        name = name.substr(0, colon);
      }
      RecordType type = RecordTypeOrThrow(name);
      DeclaredFormat format = DeclareFormat(blocks);
      StreamRecordFormat record_format{type, version, format.format, {}};
      for (size_t b = 0; b < format.layouts.size(); ++b) {
        if (format.layouts[b]) record_format.layouts.emplace(b, format.layouts[b]->layout());
      }
      definition.record_formats.push_back(std::move(record_format));
      declared.emplace_back(type, version, std::move(format));
    }
    StreamId id;
    Status status;
    {
      py::gil_scoped_release release;
      status = writer_->AddStream(definition, id);
    }
    ThrowIfError(status);
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [type, version, format] : declared) {
      formats_[{id, type, version}] = std::make_shared<DeclaredFormat>(std::move(format));
    }
    return id.NumericName();
  }

  void AddRecord(const std::string& stream, const std::string& type_name, double timestamp,
                 py::object blocks, uint32_t format_version) {
    std::optional<StreamId> id = StreamId::FromNumericName(stream);
    if (!id) ThrowValueError("'" + stream + "' is not a stream id like \"1201-1\"");
    RecordType type = RecordTypeOrThrow(type_name);
    if (!py::isinstance<py::list>(blocks) && !py::isinstance<py::tuple>(blocks)) {
      blocks = py::make_tuple(blocks);
    }
    std::shared_ptr<const DeclaredFormat> format = FindFormat(*id, type, format_version);
    size_t count = py::len(blocks);
    if (format && count != format->layouts.size()) {
      ThrowValueError("this record format has " + std::to_string(format->layouts.size()) +
                      " blocks, got " + std::to_string(count));
    }
    std::vector<std::vector<uint8_t>> encoded;
    std::vector<HeldBuffer> held;
    std::vector<std::optional<size_t>> encoded_at(count), held_at(count);
    encoded.reserve(count);
    held.reserve(count);
    size_t b = 0;
    for (py::handle block : blocks) {
      const LayoutEncoding* layout = format ? format->layouts[b].get() : nullptr;
      if (py::isinstance<py::dict>(block)) {
        if (!layout) ThrowTypeError("block " + std::to_string(b) + " is not a DataLayout block");
        encoded.emplace_back();
        layout->Encode(block.cast<py::dict>(), encoded.back());
        encoded_at[b] = encoded.size() - 1;
      } else {
        if (layout) ThrowTypeError("block " + std::to_string(b) + " is a DataLayout: give a dict");
        held.emplace_back(block);
        held_at[b] = held.size() - 1;
      }
      ++b;
    }
    std::vector<Writer::Piece> pieces;
    for (size_t i = 0; i < count; ++i) {
      pieces.push_back(encoded_at[i] ? Writer::Piece(encoded[*encoded_at[i]])
                                     : held[*held_at[i]].bytes());
    }
    Status status;
    {
      py::gil_scoped_release release;
      status = EnsureCreated();
      if (status.ok()) status = writer_->AddRecord(*id, {type, format_version, timestamp}, pieces);
    }
    ThrowIfError(status);
  }

  void Flush() {
    Status status;
    {
      py::gil_scoped_release release;
      status = EnsureCreated();
      if (status.ok()) status = writer_->Flush();
    }
    ThrowIfError(status);
  }

  void Close() {
    Status status;
    {
      py::gil_scoped_release release;
      status = EnsureCreated();
      if (status.ok()) status = writer_->Close();
    }
    ThrowIfError(status);
  }

  py::dict Stats() const {
    WriterStats s = writer_->stats();
    py::dict d;
    d["records_queued"] = s.records_queued;
    d["records_written"] = s.records_written;
    d["records_dropped"] = s.records_dropped;
    d["records_lost"] = s.records_lost;
    d["bytes_queued"] = s.bytes_queued;
    d["bytes_written"] = s.bytes_written;
    d["bytes_stored"] = s.bytes_stored;
    d["queued_bytes"] = s.queued_bytes;
    d["peak_queued_bytes"] = s.peak_queued_bytes;
    d["compression_ratio"] = s.compression_ratio();
    return d;
  }

  std::vector<std::string> ChunkPaths() const { return writer_->chunk_paths(); }
  const std::string& path() const { return path_; }

 private:
  // The file is created with the first record: streams added before go in its description.
  Status EnsureCreated() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (created_) return Status::Ok();
    Status status = writer_->Create(path_);
    if (status.ok()) created_ = true;
    return status;
  }

  std::shared_ptr<const DeclaredFormat> FindFormat(StreamId id, RecordType type,
                                                   uint32_t version) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = formats_.find({id, type, version});
    return found == formats_.end() ? nullptr : found->second;
  }

  std::string path_;
  CompressionPreset compression_;
  std::unique_ptr<Writer> writer_;
  mutable std::mutex mutex_;
  bool created_ = false;
  std::map<std::tuple<StreamId, RecordType, uint32_t>, std::shared_ptr<const DeclaredFormat>>
      formats_;
};

}  // namespace

void RegisterWriter(py::module_& m) {
  py::class_<PyWriter>(m, "Writer", R"(Writes a VRS file.

    with vrsx.Writer("out.vrs", compression="zlight") as w:
        cam = w.add_stream(1201, flavor="rig/cam",
                           records={"configuration": [{"width": "uint32"}],
                                    "data": [{"exposure": "float"}, "image/raw/64x48/pixel=grey8"]})
        w.add_record(cam, "configuration", 0.0, [{"width": 64}])
        w.add_record(cam, "data", 0.1, [{"exposure": 1.5}, pixels])
)")
      .def(py::init<std::string, const std::string&, uint64_t, size_t, const std::string&, unsigned,
                    const TagMap&>(),
           py::arg("path"), py::arg("compression") = "zfaster", py::arg("max_chunk_size") = 0,
           py::arg("max_queued_bytes") = size_t(256) << 20, py::arg("queue_full") = "block",
           py::arg("compression_threads") = 0, py::arg("file_tags") = TagMap{})
      .def("set_file_tag", &PyWriter::SetFileTag)
      .def("add_stream", &PyWriter::AddStream, py::arg("type_id"), py::arg("flavor") = "",
           py::arg("tags") = TagMap{}, py::arg("records") = py::dict(),
           py::arg("compression") = py::none())
      .def("add_record", &PyWriter::AddRecord, py::arg("stream_id"), py::arg("record_type"),
           py::arg("timestamp"), py::arg("blocks") = py::list(), py::arg("format_version") = 1)
      .def("flush", &PyWriter::Flush)
      .def("close", &PyWriter::Close)
      .def("stats", &PyWriter::Stats)
      .def_property_readonly("chunk_paths", &PyWriter::ChunkPaths)
      .def_property_readonly("path", &PyWriter::path)
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](PyWriter& w, py::object type, py::object, py::object) {
        // On an exception, the file is still closed (what was written stays readable), and the
        // exception goes on.
        if (type.is_none()) {
          w.Close();
        } else {
          try {
            w.Close();
          } catch (const py::error_already_set&) {
          }
        }
        return false;
      });
}

}  // namespace vrsx::python
