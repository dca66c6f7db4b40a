// NativeReader: one or several VRS files read as one sequence of records merged by time (one file
// for SyncVRSReader, several for MultiReader). The Python classes of vrsx/reader.py add pyvrs's
// names, slicing and filtering on top.
#include "py_reader.h"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "image_blocks.h"
#include "layout_to_python.h"
#include "media_decoding.h"
#include "open_recording.h"
#include "status_exception.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"
#include "vrsx/record_filter.h"

namespace py = pybind11;

namespace vrsx::python {

namespace {

// What pyvrs's VRSRecord holds.
struct VrsRecord {
  py::object stream_id, record_type, timestamp, format_version, record_index;
  py::list metadata_blocks, image_blocks, image_specs, audio_blocks, audio_specs, custom_blocks;
};

const char* LowerTypeName(RecordType type) {
  switch (type) {
    case RecordType::kState:
      return "state";
    case RecordType::kConfiguration:
      return "configuration";
    case RecordType::kData:
      return "data";
    case RecordType::kTags:
      return "tags";
    default:
      return "undefined";
  }
}

std::optional<RecordType> RecordTypeFromText(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (text == "state") return RecordType::kState;
  if (text == "configuration") return RecordType::kConfiguration;
  if (text == "data") return RecordType::kData;
  return std::nullopt;
}

RecordType ParseRecordType(const std::string& text) {
  std::optional<RecordType> type = RecordTypeFromText(text);
  if (!type) ThrowValueError("unknown record type '" + text + "' (configuration, state, data)");
  return *type;
}

ImageConversion ParseConversion(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  std::erase(text, '_');
  if (text == "off") return ImageConversion::kOff;
  if (text == "decompress") return ImageConversion::kDecompress;
  if (text == "normalize") return ImageConversion::kNormalize;
  if (text == "normalizegrey8") return ImageConversion::kNormalizeGrey8;
  // pyvrs's backdoor gives the block's bytes too.
  if (text == "rawbuffer" || text == "recordunreadbytesbackdoor")
    return ImageConversion::kRawBuffer;
  ThrowValueError("unknown image conversion '" + text +
                  "' (off, decompress, normalize, normalize_grey8, raw_buffer)");
}

StreamId ParseStreamId(const std::string& text) {
  std::optional<StreamId> id = StreamId::FromNumericName(text);
  if (!id) ThrowValueError("'" + text + "' is not a stream id like \"1201-1\"");
  return *id;
}

// One open file, with its decoders (one reader at a time: the mutex).
struct OpenFile {
  Reader reader;
  std::unique_ptr<StreamFormats> formats;
  std::unique_ptr<RecordContentDecoder> decoder;
  FileMediaDecoders media;
  std::mutex decoder_mutex;
};

struct Entry {
  double timestamp;
  uint32_t file;
  uint32_t position;
};

class NativeReader {
 public:
  // Each path is a file (its chunks found beside it) or a list of its chunks.
  NativeReader(const std::vector<std::vector<std::string>>& files, bool auto_read_configuration) {
    if (files.empty()) ThrowValueError("no file to read");
    for (const std::vector<std::string>& chunks : files) {
      auto file = std::make_unique<OpenFile>();
      if (chunks.empty()) ThrowValueError("empty list of chunks");
      Status status;
      {
        py::gil_scoped_release release;
        status = OpenRecording(chunks, file->reader);
        if (status.ok()) {
          file->formats = std::make_unique<StreamFormats>(file->reader);
          file->decoder = std::make_unique<RecordContentDecoder>(*file->formats);
          file->decoder->set_auto_read_configuration_records(auto_read_configuration);
        }
      }
      ThrowIfError(status);
      files_.push_back(std::move(file));
    }
    MergeIndexes();
  }

  size_t size() const { return entries_.size(); }

  std::tuple<double, std::string, std::string> RecordInfoAt(size_t i) const {
    const RecordInfo& info = Info(i);
    return {info.timestamp, info.stream.NumericName(), LowerTypeName(info.type)};
  }

  // Timestamps of records `indices` (all when none), as a float64 array.
  py::array_t<double> Timestamps(std::optional<py::array_t<int64_t>> indices) const {
    if (!indices) {
      py::array_t<double> out(py::ssize_t(entries_.size()));
      auto w = out.mutable_unchecked<1>();
      for (size_t i = 0; i < entries_.size(); ++i) w(py::ssize_t(i)) = entries_[i].timestamp;
      return out;
    }
    auto r = indices->unchecked<1>();
    py::array_t<double> out(r.shape(0));
    auto w = out.mutable_unchecked<1>();
    for (py::ssize_t k = 0; k < r.shape(0); ++k) w(k) = Info(Checked(r(k))).timestamp;
    return out;
  }

  // Indices of the records of these streams (numeric ids or globs: "1201-*"), types and inclusive
  // time range, in order.
  py::array_t<int64_t> Select(std::optional<std::vector<std::string>> streams,
                              std::optional<std::vector<std::string>> types, double min_time,
                              double max_time) const {
    std::vector<std::vector<StreamId>> per_file(files_.size());
    if (streams) {
      for (size_t f = 0; f < files_.size(); ++f) {
        RecordFilter filter;
        for (const std::string& s : *streams) filter.Include(s);
        per_file[f] = SelectRecords(files_[f]->reader, filter).streams;
      }
    }
    bool wanted[5] = {true, true, true, true, true};
    if (types) {
      std::fill(std::begin(wanted), std::end(wanted), false);
      for (const std::string& t : *types) wanted[size_t(ParseRecordType(t))] = true;
    }
    std::vector<int64_t> selected;
    for (size_t i = 0; i < entries_.size(); ++i) {
      const Entry& e = entries_[i];
      if (e.timestamp < min_time || e.timestamp > max_time) continue;
      const RecordInfo& info = Info(i);
      if (!wanted[size_t(info.type) < 5 ? size_t(info.type) : 0]) continue;
      if (streams) {
        const std::vector<StreamId>& ids = per_file[e.file];
        if (!std::binary_search(ids.begin(), ids.end(), info.stream)) continue;
      }
      selected.push_back(int64_t(i));
    }
    return py::array_t<int64_t>(py::ssize_t(selected.size()), selected.data());
  }

  // Indices of one stream's records (of one type if given), in order.
  py::array_t<int64_t> StreamRecords(const std::string& stream,
                                     std::optional<std::string> type) const {
    StreamId id = ParseStreamId(stream);
    std::optional<RecordType> record_type;
    if (type) record_type = ParseRecordType(*type);
    std::vector<int64_t> selected;
    for (size_t i = 0; i < entries_.size(); ++i) {
      const RecordInfo& info = Info(i);
      if (info.stream == id && (!record_type || info.type == *record_type)) {
        selected.push_back(int64_t(i));
      }
    }
    return py::array_t<int64_t>(py::ssize_t(selected.size()), selected.data());
  }

  std::vector<std::string> Streams() const {
    std::vector<StreamId> ids;
    for (const auto& file : files_) {
      ids.insert(ids.end(), file->reader.streams().begin(), file->reader.streams().end());
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<std::string> names;
    for (StreamId id : ids) names.push_back(id.NumericName());
    return names;
  }

  TagMap FileTags() const {
    TagMap tags;
    for (const auto& file : files_)
      tags.insert(file->reader.file_tags().begin(), file->reader.file_tags().end());
    return tags;
  }

  // (user tags, vrs tags) of a stream.
  std::pair<TagMap, TagMap> StreamTagsOf(const std::string& stream) const {
    const auto& [file, id] = FileOf(stream);
    const StreamTags& tags = file.reader.stream_tags(id);
    return {tags.user, tags.vrs};
  }

  py::dict StreamInfo(const std::string& stream) const {
    const auto& [file, id] = FileOf(stream);
    const Reader& r = file.reader;
    py::dict info;
    info["stream_id"] = id.NumericName();
    info["recordable_type_id"] = id.type_id;
    info["device_name"] = r.original_name(id);
    info["flavor"] = r.flavor(id);
    info["serial_number"] = r.serial_number(id);
    info["configuration_records_count"] = RecordsCount(stream, "configuration");
    info["state_records_count"] = RecordsCount(stream, "state");
    info["data_records_count"] = RecordsCount(stream, "data");
    auto first = r.first_data_timestamp(id);
    auto last = r.last_data_timestamp(id);
    info["first_data_record_timestamp"] = first ? py::object(py::float_(*first)) : py::none();
    info["last_data_record_timestamp"] = last ? py::object(py::float_(*last)) : py::none();
    return info;
  }

  size_t RecordsCount(const std::string& stream, const std::string& type) const {
    StreamId id = ParseStreamId(stream);
    RecordType record_type = ParseRecordType(type);
    size_t count = 0;
    for (const auto& file : files_) count += file->reader.record_count(id, record_type);
    return count;
  }

  double EstimatedFrameRate(const std::string& stream) const {
    const auto& [file, id] = FileOf(stream);
    return file.reader.EstimatedFrameRate(id);
  }

  std::vector<std::string> FindStreams(uint16_t type_id, const std::string& flavor) const {
    std::vector<StreamId> ids;
    for (const auto& file : files_) {
      for (StreamId id : file->reader.FindStreams(type_id, flavor)) ids.push_back(id);
    }
    return Names(std::move(ids));
  }

  std::vector<std::string> FindStreamsByTag(const std::string& name,
                                            const std::string& value) const {
    std::vector<StreamId> ids;
    for (const auto& file : files_) {
      for (StreamId id : file->reader.FindStreamsByTag(name, value)) ids.push_back(id);
    }
    return Names(std::move(ids));
  }

  std::optional<std::string> StreamForSerialNumber(const std::string& serial) const {
    for (const auto& file : files_) {
      if (auto id = file->reader.FindStreamBySerialNumber(serial)) return id->NumericName();
    }
    return std::nullopt;
  }

  bool MightContain(const std::string& stream, ContentType content) const {
    const auto& [file, id] = FileOf(stream);
    for (const RecordFormatDefinition* def : file.formats->StreamDefinitions(id)) {
      for (const ContentBlock& block : def->format.blocks()) {
        if (block.type == content) return true;
      }
    }
    return false;
  }

  void SetImageConversion(const std::string& conversion) {
    default_conversion_ = ParseConversion(conversion);
    stream_conversions_.clear();
  }
  void SetStreamImageConversion(const std::string& stream, const std::string& conversion) {
    stream_conversions_[ParseStreamId(stream)] = ParseConversion(conversion);
  }
  // Every stream of a type; returns how many streams that is.
  size_t SetStreamTypeImageConversion(uint16_t type_id, const std::string& conversion) {
    size_t count = 0;
    for (const std::string& stream : FindStreams(type_id, "")) {
      SetStreamImageConversion(stream, conversion);
      ++count;
    }
    return count;
  }

  // Reads and decodes record `i` (the GIL released while reading and decoding).
  VrsRecord Read(int64_t index) {
    size_t i = Checked(index);
    const Entry& e = entries_[i];
    OpenFile& file = *files_[e.file];
    auto payload = std::make_shared<std::vector<uint8_t>>();
    RecordContent content;
    RecordDetails details;
    std::vector<DecodedMedia> media;
    const RecordInfo& info = file.reader.index()[e.position];
    auto conversion = stream_conversions_.find(info.stream);
    ImageConversion image_conversion =
        conversion == stream_conversions_.end() ? default_conversion_ : conversion->second;
    Status status;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(file.decoder_mutex);
      status = file.decoder->ReadAndDecode(file.reader, e.position, *payload, content);
      if (status.ok()) {
        file.media.Decode(file.reader, *file.decoder, e.position, content, image_conversion, media);
      }
      // The format version is in the record's header: read it only when no definition says it.
      if (status.ok() && content.format != nullptr) {
        details.format_version = content.format->format_version;
      } else if (status.ok()) {
        status = file.reader.ReadRecordDetails(e.position, details);
      }
    }
    ThrowIfError(status);
    VrsRecord record;
    record.stream_id = StreamName(info.stream);
    record.record_type = TypeName(info.type);
    record.timestamp = py::float_(info.timestamp);
    record.format_version = py::int_(details.format_version);
    record.record_index = py::int_(i);
    if (content.end == ContentEnd::kNoRecordFormat && !payload->empty()) {
      DecodedBlock whole;
      whole.data = std::span<const uint8_t>(*payload);
      record.custom_blocks.append(BytesArray(whole, payload));
      return record;
    }
    for (size_t k = 0; k < content.blocks.size(); ++k) {
      const DecodedBlock& block = content.blocks[k];
      switch (block.kind) {
        case BlockKind::kDataLayout:
          record.metadata_blocks.append(LayoutBlockToDict(block.layout, &Labels(block.layout)));
          break;
        case BlockKind::kImage:
          record.image_blocks.append(
              ImageBlockToPython(block, payload, image_conversion, media[k]));
          record.image_specs.append(ImageSpecToDict(block.spec.image, block.data.size()));
          break;
        case BlockKind::kAudio:
          record.audio_blocks.append(AudioBlockToPython(block, payload, media[k]));
          record.audio_specs.append(AudioSpecToDict(block.spec.audio, block.data.size()));
          break;
        case BlockKind::kEmpty:
          break;
        default:
          record.custom_blocks.append(BytesArray(block, payload));
          break;
      }
    }
    return record;
  }

  // The merged index of the record of `file` at reader position `position`.
  const RecordInfo& Info(size_t i) const {
    const Entry& e = entries_[i];
    return files_[e.file]->reader.index()[e.position];
  }

 private:
  // Python strings made once: stream ids, record types, DataLayout labels.
  const py::object& StreamName(StreamId id) {
    auto found = stream_names_.find(id);
    if (found == stream_names_.end()) {
      found = stream_names_.emplace(id, py::str(id.NumericName())).first;
    }
    return found->second;
  }
  const py::object& TypeName(RecordType type) {
    size_t i = size_t(type) < 5 ? size_t(type) : 0;
    if (!type_names_[i]) type_names_[i] = py::str(LowerTypeName(RecordType(i)));
    return type_names_[i];
  }
  const std::vector<py::object>& Labels(const DataLayoutBlock& block) {
    auto found = labels_.find(block.layout());
    if (found == labels_.end()) found = labels_.emplace(block.layout(), LayoutLabels(block)).first;
    return found->second;
  }

  void MergeIndexes() {
    for (uint32_t f = 0; f < files_.size(); ++f) {
      const std::vector<RecordInfo>& index = files_[f]->reader.index();
      for (uint32_t p = 0; p < index.size(); ++p) entries_.push_back({index[p].timestamp, f, p});
    }
    if (files_.size() > 1) {
      std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.timestamp, a.file, a.position) <
               std::tie(b.timestamp, b.file, b.position);
      });
    }
  }

  size_t Checked(int64_t index) const {
    int64_t n = int64_t(entries_.size());
    if (index < 0) index += n;
    if (index < 0 || index >= n) {
      PyErr_SetString(PyExc_IndexError, "record index out of range");
      throw py::error_already_set();
    }
    return size_t(index);
  }

  // The first file that has the stream.
  std::pair<const OpenFile&, StreamId> FileOf(const std::string& stream) const {
    StreamId id = ParseStreamId(stream);
    for (const auto& file : files_) {
      const std::vector<StreamId>& ids = file->reader.streams();
      if (std::binary_search(ids.begin(), ids.end(), id)) return {*file, id};
    }
    PyErr_SetString(StreamNotFound(), ("no stream " + stream + " in this recording").c_str());
    throw py::error_already_set();
  }

  static PyObject* StreamNotFound() {
    return py::module_::import("vrsx._vrsx").attr("StreamNotFoundError").ptr();
  }

  static std::vector<std::string> Names(std::vector<StreamId> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<std::string> names;
    for (StreamId id : ids) names.push_back(id.NumericName());
    return names;
  }

  std::vector<std::unique_ptr<OpenFile>> files_;
  std::vector<Entry> entries_;
  ImageConversion default_conversion_ = ImageConversion::kOff;
  std::map<StreamId, py::object> stream_names_;
  py::object type_names_[5];
  // Layout definitions live as long as their file's StreamFormats, i.e. as this reader.
  std::unordered_map<const DataLayoutDefinition*, std::vector<py::object>> labels_;
  std::map<StreamId, ImageConversion> stream_conversions_;
};

}  // namespace

void RegisterReader(py::module_& m) {
  py::class_<VrsRecord>(m, "VRSRecord",
                        "One record: metadata (dicts), images, audio, custom blocks.")
      .def_readonly("stream_id", &VrsRecord::stream_id)
      .def_readonly("record_type", &VrsRecord::record_type)
      .def_readonly("timestamp", &VrsRecord::timestamp)
      .def_readonly("format_version", &VrsRecord::format_version)
      .def_readonly("record_index", &VrsRecord::record_index)
      .def_readonly("metadata_blocks", &VrsRecord::metadata_blocks)
      .def_readonly("image_blocks", &VrsRecord::image_blocks)
      .def_readonly("image_specs", &VrsRecord::image_specs)
      .def_readonly("audio_blocks", &VrsRecord::audio_blocks)
      .def_readonly("audio_specs", &VrsRecord::audio_specs)
      .def_readonly("custom_blocks", &VrsRecord::custom_blocks)
      .def_property_readonly("record_timestamp", [](const VrsRecord& r) { return r.timestamp; })
      .def_property_readonly("n_metadata_blocks",
                             [](const VrsRecord& r) { return r.metadata_blocks.size(); })
      .def_property_readonly("n_image_blocks",
                             [](const VrsRecord& r) { return r.image_blocks.size(); })
      .def_property_readonly("n_audio_blocks",
                             [](const VrsRecord& r) { return r.audio_blocks.size(); })
      .def_property_readonly("n_custom_blocks",
                             [](const VrsRecord& r) { return r.custom_blocks.size(); })
      .def("__getitem__",
           [](py::object self, const std::string& key) {
             if (!py::hasattr(self, key.c_str()) || key.starts_with("_")) ThrowKeyError(key);
             return self.attr(key.c_str());
           })
      .def("keys",
           [](const VrsRecord&) {
             return std::vector<std::string>{"record_index", "record_type",    "record_timestamp",
                                             "stream_id",    "format_version", "metadata_blocks",
                                             "image_blocks", "image_specs",    "audio_blocks",
                                             "audio_specs",  "custom_blocks"};
           })
      .def("__repr__", [](const VrsRecord& r) {
        return "VRSRecord(stream_id=" + r.stream_id.cast<std::string>() +
               ", record_type=" + r.record_type.cast<std::string>() +
               ", timestamp=" + py::repr(r.timestamp).cast<std::string>() + ")";
      });

  py::class_<NativeReader>(m, "NativeReader")
      .def(py::init<const std::vector<std::vector<std::string>>&, bool>(), py::arg("files"),
           py::arg("auto_read_configuration_records") = true)
      .def("__len__", &NativeReader::size)
      .def("record_info", &NativeReader::RecordInfoAt)
      .def("timestamps", &NativeReader::Timestamps, py::arg("indices") = py::none())
      .def("select", &NativeReader::Select)
      .def("stream_records", &NativeReader::StreamRecords, py::arg("stream_id"),
           py::arg("record_type") = py::none())
      .def("streams", &NativeReader::Streams)
      .def("file_tags", &NativeReader::FileTags)
      .def("stream_tags", &NativeReader::StreamTagsOf)
      .def("stream_info", &NativeReader::StreamInfo)
      .def("records_count", &NativeReader::RecordsCount)
      .def("estimated_frame_rate", &NativeReader::EstimatedFrameRate)
      .def("find_streams", &NativeReader::FindStreams)
      .def("find_streams_by_tag", &NativeReader::FindStreamsByTag)
      .def("stream_for_serial_number", &NativeReader::StreamForSerialNumber)
      .def("might_contain_images",
           [](const NativeReader& r, const std::string& s) {
             return r.MightContain(s, ContentType::kImage);
           })
      .def("might_contain_audio",
           [](const NativeReader& r, const std::string& s) {
             return r.MightContain(s, ContentType::kAudio);
           })
      .def("set_image_conversion", &NativeReader::SetImageConversion)
      .def("set_stream_image_conversion", &NativeReader::SetStreamImageConversion)
      .def("set_stream_type_image_conversion", &NativeReader::SetStreamTypeImageConversion)
      .def("read", &NativeReader::Read);
}

}  // namespace vrsx::python
