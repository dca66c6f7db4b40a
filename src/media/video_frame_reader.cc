// VideoFrameReader: random access to video frames through their key frames.
#include "media/video_frame_reader.h"

#include <algorithm>

#include "vrsx/reader.h"

namespace vrsx::media {

VideoFrameReader::VideoFrameReader(const Reader& reader)
    : reader_(reader), formats_(reader), content_decoder_(formats_) {}

VideoFrameReader::~VideoFrameReader() = default;

Status VideoFrameReader::ReadVideoBlock(size_t pos, VideoBlock& block) {
  Status status = content_decoder_.ReadAndDecode(reader_, pos, payload_, content_);
  if (!status.ok()) return status;
  for (const DecodedBlock& decoded : content_.blocks) {
    if (decoded.kind != BlockKind::kImage || decoded.spec.image.format != ImageFormat::kVideo) {
      continue;
    }
    if (!decoded.complete()) {
      return {ErrorCode::kTruncated,
              "video: record " + std::to_string(pos) + ": its video frame is incomplete"};
    }
    block.spec = decoded.spec.image;
    block.data = decoded.data;
    return Status::Ok();
  }
  return {ErrorCode::kNotFound, "video: record " + std::to_string(pos) + " has no video frame"};
}

Status VideoFrameReader::DecodeOne(StreamState& state, size_t pos, bool force_key_frame,
                                   DecodedVideoFrame& out) {
  VideoBlock block;
  Status status = ReadVideoBlock(pos, block);
  if (!status.ok()) return status;
  if (!state.decoder || state.codec_name != block.spec.codec_name) {
    state.last_pos.reset();
    status = VideoDecoder::Create(block.spec.codec_name, state.decoder);
    if (!status.ok()) return status;
    state.codec_name = block.spec.codec_name;
  }
  const bool key_frame = force_key_frame || (block.spec.key_frame_timestamp.has_value() &&
                                             block.spec.key_frame_index == 0);
  if (key_frame) state.decoder->Reset();
  state.last_pos.reset();
  status = state.decoder->DecodeFrame(block.data, key_frame, out);
  if (!status.ok()) {
    return {status.code(), status.message() + " (record " + std::to_string(pos) + ")"};
  }
  state.last_pos = pos;
  ++frames_decoded_last_;
  return Status::Ok();
}

Status VideoFrameReader::DecodeFrameAt(size_t pos, DecodedVideoFrame& out) {
  frames_decoded_last_ = 0;
  if (pos >= reader_.index().size()) {
    return {ErrorCode::kInvalidArgument, "video: no record " + std::to_string(pos)};
  }
  const RecordInfo& record = reader_.index()[pos];
  VideoBlock target;
  Status status = ReadVideoBlock(pos, target);
  if (!status.ok()) return status;
  StreamState& state = streams_[record.stream];
  const std::optional<size_t> previous = reader_.PreviousInStream(pos, record.type);
  const bool key_fields = target.spec.key_frame_timestamp.has_value();
  const bool is_key = key_fields && target.spec.key_frame_index == 0;
  // Going on from the frame decoded last, in the same group.
  if (!is_key && state.decoder && state.last_pos && previous == state.last_pos &&
      state.codec_name == target.spec.codec_name) {
    return DecodeOne(state, pos, false, out);
  }
  if (!key_fields || is_key) return DecodeOne(state, pos, true, out);
  // The group's frames from its key frame: keyframe_index records of this type back.
  std::vector<size_t> group{pos};
  for (uint32_t i = 0; i < target.spec.key_frame_index; ++i) {
    std::optional<size_t> before = reader_.PreviousInStream(group.back(), record.type);
    if (!before) {
      return {ErrorCode::kCorrupt, "video: record " + std::to_string(pos) + " is frame " +
                                       std::to_string(target.spec.key_frame_index) +
                                       " after its key frame, but the stream starts before"};
    }
    group.push_back(*before);
  }
  std::reverse(group.begin(), group.end());
  for (size_t i = 0; i < group.size(); ++i) {
    status = DecodeOne(state, group[i], i == 0, out);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Status DecodeVideoFrameAt(const Reader& reader, size_t record_pos, DecodedVideoFrame& out) {
  VideoFrameReader frames(reader);
  return frames.DecodeFrameAt(record_pos, out);
}

}  // namespace vrsx::media
