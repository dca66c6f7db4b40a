#include "py_checksum.h"

#include <pybind11/stl.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "open_recording.h"
#include "status_exception.h"
#include "vrsx/audio.h"
#include "vrsx/checksum.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"
#include "vrsx/stream_id.h"

namespace py = pybind11;

namespace vrsx::python {

namespace {

// A path or URL, or the list of a recording's chunks (paths or URLs).
std::vector<std::string> RecordingArg(const py::object& path) {
  if (py::isinstance<py::str>(path) || py::hasattr(path, "__fspath__")) {
    return {py::str(py::module_::import("os").attr("fspath")(path)).cast<std::string>()};
  }
  std::vector<std::string> chunks;
  for (py::handle chunk : path) {
    chunks.push_back(py::str(py::module_::import("os").attr("fspath")(chunk)).cast<std::string>());
  }
  if (chunks.empty()) ThrowValueError("empty list of chunks");
  return chunks;
}

std::string RecordsChecksumOf(const py::object& path, bool /*show_progress*/) {
  std::vector<std::string> chunks = RecordingArg(path);
  ChecksumResult result;
  Status status;
  {
    py::gil_scoped_release release;
    Reader reader;
    status = OpenRecording(chunks, reader);
    if (status.ok()) status = RecordsChecksum(reader, nullptr, result);
  }
  ThrowIfError(status);
  return result.checksum;
}

// The streams of `reader` whose record formats have an audio block.
std::vector<StreamId> AudioStreams(const Reader& reader) {
  StreamFormats formats(reader);
  std::vector<StreamId> audio;
  for (StreamId id : reader.streams()) {
    bool found = false;
    for (const RecordFormatDefinition* def : formats.StreamDefinitions(id)) {
      for (const ContentBlock& block : def->format.blocks())
        found |= block.type == ContentType::kAudio;
    }
    if (found) audio.push_back(id);
  }
  return audio;
}

// pyvrs's extract_audio_track: the stream's audio (opus decoded) as one WAV file. Without
// `stream_id`, the recording's only audio stream.
py::dict ExtractAudioTrackOf(const py::object& path, const std::string& wav_path,
                             std::optional<std::string> stream_id) {
  std::vector<std::string> chunks = RecordingArg(path);
  std::optional<StreamId> stream;
  if (stream_id) {
    stream = StreamId::FromNumericName(*stream_id);
    if (!stream) ThrowValueError("'" + *stream_id + "' is not a stream id like \"100-1\"");
  }
  Reader reader;
  ExtractAudioResult result;
  std::vector<StreamId> candidates;
  Status status;
  {
    py::gil_scoped_release release;
    status = OpenRecording(chunks, reader);
    if (status.ok() && !stream) candidates = AudioStreams(reader);
  }
  ThrowIfError(status);
  if (!stream) {
    if (candidates.size() != 1) {
      std::string names;
      for (StreamId id : candidates) names += " " + id.NumericName();
      ThrowValueError(candidates.empty() ? "no audio stream in " + chunks[0]
                                         : "several audio streams, pass stream_id:" + names);
    }
    stream = candidates[0];
  } else if (!std::binary_search(reader.streams().begin(), reader.streams().end(), *stream)) {
    PyErr_SetString(py::module_::import("vrsx._vrsx").attr("StreamNotFoundError").ptr(),
                    ("no stream " + *stream_id + " in " + chunks[0]).c_str());
    throw py::error_already_set();
  }
  {
    py::gil_scoped_release release;
    status = ExtractAudioTrack(reader, *stream, wav_path, &result);
  }
  // kNotFound here is a stream without audio, not a missing file.
  if (status.code() == ErrorCode::kNotFound) ThrowValueError(status.message());
  ThrowIfError(status);
  py::dict out;
  out["stream_id"] = stream->NumericName();
  out["audio_spec"] = result.spec.Text();
  out["channel_count"] = result.spec.channels;
  out["sample_rate"] = result.spec.sample_rate;
  out["sample_count"] = result.spec.sample_count;
  out["blocks"] = result.blocks;
  out["data_bytes"] = result.data_bytes;
  out["first_timestamp"] = result.first_timestamp;
  out["last_timestamp"] = result.last_timestamp;
  return out;
}

std::string VerbatimChecksumOf(const std::string& path, bool /*show_progress*/) {
  std::string sum;
  Status status;
  {
    py::gil_scoped_release release;
    status = VerbatimChecksum(path, sum);
  }
  ThrowIfError(status);
  return sum;
}

}  // namespace

void RegisterFunctions(py::module_& m) {
  m.def("records_checksum", &RecordsChecksumOf, py::arg("path"), py::arg("show_progress") = false,
        "Checksum of a file's records (what `vrsx checksum` prints): 16 hex digits. `path`: a "
        "path or URL, or the list of a recording's chunks.");
  m.def("verbatim_checksum", &VerbatimChecksumOf, py::arg("path"), py::arg("show_progress") = false,
        "Checksum of a file's bytes, chunks included (a path or URL).");
  m.def("recordable_type_id_name", [](int type_id) {
    if (type_id < 0 || type_id > 0xffff) ThrowValueError("a recordable type id is 0..65535");
    return RecordableTypeName(uint16_t(type_id));
  });
  m.def("extract_audio_track", &ExtractAudioTrackOf, py::arg("path"), py::arg("wav_path"),
        py::arg("stream_id") = py::none(),
        "Writes a stream's audio (opus decoded to int16) as one WAV file; returns what was "
        "written. Without stream_id: the recording's only audio stream.");
}

}  // namespace vrsx::python
