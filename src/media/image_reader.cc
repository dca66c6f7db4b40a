// vrsx::ImageReader: images of records read by index, video frames through their key frames.
#include "vrsx/image_reader.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vrsx/reader.h"
#include "vrsx/record_content.h"

namespace vrsx {

struct ImageReader::State {
  explicit State(const Reader& r) : reader(r), formats(r), content_decoder(formats) {}

  // One image block position of one stream: its decoder, and for video the frame it decoded
  // last (its group's frames up to it are in the decoder).
  struct Track {
    ImageDecoder decoder;
    std::optional<size_t> last_frame;
  };
  using TrackKey = std::pair<StreamId, size_t>;

  const Reader& reader;
  StreamFormats formats;
  RecordContentDecoder content_decoder;  // reads the configuration records itself
  std::vector<uint8_t> payload;
  RecordContent content;
  Pixels scratch;  // frames of the group before the one asked for
  std::map<TrackKey, Track> tracks;
  size_t frames_decoded_last = 0;

  Status ReadBlock(size_t pos, size_t image_block, const DecodedBlock*& block);
  // `block`: the frame's block if already read, else null.
  Status DecodeFrame(Track& track, size_t pos, size_t image_block, const DecodedBlock* block,
                     bool group_start, ImageConversion conversion, Pixels& out);
  Status ReadVideo(Track& track, size_t pos, size_t image_block, const DecodedBlock& block,
                   ImageConversion conversion, Pixels& out);
};

// Reads record `pos` and finds its `image_block`-th image block (pointing into `content`).
Status ImageReader::State::ReadBlock(size_t pos, size_t image_block, const DecodedBlock*& block) {
  block = nullptr;
  if (Status status = content_decoder.ReadAndDecode(reader, pos, payload, content); !status.ok()) {
    return status;
  }
  size_t images = 0;
  for (const DecodedBlock& decoded : content.blocks) {
    if (decoded.kind != BlockKind::kImage) continue;
    if (images++ == image_block) {
      block = &decoded;
      return Status::Ok();
    }
  }
  std::string why =
      "record " + std::to_string(pos) + " has no image block " + std::to_string(image_block);
  if (!content.ok()) why += " (" + content.message + ")";
  return Status(ErrorCode::kNotFound, why);
}

// Feeds video frame `pos` to the track's decoder, reading it unless `block` is given. The first
// frame of a group decoded from its start must be a key frame.
Status ImageReader::State::DecodeFrame(Track& track, size_t pos, size_t image_block,
                                       const DecodedBlock* block, bool group_start,
                                       ImageConversion conversion, Pixels& out) {
  track.last_frame.reset();
  if (block == nullptr) {
    if (Status status = ReadBlock(pos, image_block, block); !status.ok()) return status;
  }
  const ImageSpec& spec = block->spec.image;
  if (spec.format != ImageFormat::kVideo) {
    return Status(ErrorCode::kCorrupt, "video: record " + std::to_string(pos) +
                                           ", in the group of a video frame, has " + block->Text());
  }
  if (group_start && spec.key_frame_index != 0) {
    return Status(ErrorCode::kCorrupt, "video: the key frame of record " + std::to_string(pos) +
                                           "'s group is missing (the group starts at frame " +
                                           std::to_string(spec.key_frame_index) + ")");
  }
  if (Status status = track.decoder.Decode(*block, conversion, out); !status.ok()) {
    return Status(status.code(), status.message() + " (record " + std::to_string(pos) + ")");
  }
  track.last_frame = pos;
  ++frames_decoded_last;
  return Status::Ok();
}

// Decodes video frame `pos`, read as `block`: on from the frame decoded last when it is the one
// before, else from its group's key frame (or from the frame decoded last, if in the group).
Status ImageReader::State::ReadVideo(Track& track, size_t pos, size_t image_block,
                                     const DecodedBlock& block, ImageConversion conversion,
                                     Pixels& out) {
  const ImageSpec& spec = block.spec.image;
  const RecordType type = reader.index()[pos].type;
  const std::optional<size_t> previous = reader.PreviousInStream(pos, type);
  const bool following = track.last_frame && previous == track.last_frame;
  if (following || !spec.key_frame_timestamp || spec.key_frame_index == 0) {
    // A key frame after a jump: the decoder's frames are not its references.
    if (!following) track.decoder.Reset();
    return DecodeFrame(track, pos, image_block, &block, false, conversion, out);
  }
  // The frames before this one: back to the key frame, or to the frame decoded last.
  const uint32_t frame_index = spec.key_frame_index;
  std::vector<size_t> group;
  bool from_last = false;
  std::optional<size_t> before = previous;
  for (uint32_t i = 0; i < frame_index; ++i) {
    if (!before) {
      return Status(ErrorCode::kCorrupt, "video: record " + std::to_string(pos) + " is frame " +
                                             std::to_string(frame_index) +
                                             " after its key frame, but the stream starts before");
    }
    if (before == track.last_frame) {
      from_last = true;
      break;
    }
    group.push_back(*before);
    if (i + 1 < frame_index) before = reader.PreviousInStream(*before, type);
  }
  std::reverse(group.begin(), group.end());
  if (!from_last) track.decoder.Reset();
  for (size_t i = 0; i < group.size(); ++i) {
    Status status = DecodeFrame(track, group[i], image_block, nullptr, i == 0 && !from_last,
                                ImageConversion::kDecompress, scratch);
    if (!status.ok()) return status;
  }
  // `block` pointed into the payload the group's frames replaced.
  return DecodeFrame(track, pos, image_block, nullptr, false, conversion, out);
}

ImageReader::ImageReader(const Reader& reader) : state_(std::make_unique<State>(reader)) {}
ImageReader::~ImageReader() = default;
ImageReader::ImageReader(ImageReader&&) noexcept = default;
ImageReader& ImageReader::operator=(ImageReader&&) noexcept = default;

size_t ImageReader::frames_decoded_last() const {
  return state_ ? state_->frames_decoded_last : 0;
}

void ImageReader::Reset() {
  if (!state_) return;
  state_->tracks.clear();
  state_->content_decoder.Reset();
  state_->frames_decoded_last = 0;
}

Status ImageReader::ReadImage(size_t record_pos, ImageConversion conversion, Pixels& out,
                              size_t image_block) {
  if (!state_) return Status(ErrorCode::kInvalidArgument, "image reader: moved from");
  State& state = *state_;
  state.frames_decoded_last = 0;
  if (record_pos >= state.reader.index().size()) {
    return Status(ErrorCode::kInvalidArgument,
                  "image reader: no record " + std::to_string(record_pos) + " (the index has " +
                      std::to_string(state.reader.index().size()) + ")");
  }
  const DecodedBlock* block = nullptr;
  if (Status status = state.ReadBlock(record_pos, image_block, block); !status.ok()) {
    return status;
  }
  State::Track& track = state.tracks[{state.reader.index()[record_pos].stream, image_block}];
  // Stored bytes need no decoding, and other images no history.
  if (block->spec.image.format != ImageFormat::kVideo || conversion == ImageConversion::kOff ||
      conversion == ImageConversion::kRawBuffer) {
    return track.decoder.Decode(*block, conversion, out);
  }
  if (!block->complete()) {
    track.last_frame.reset();  // the frame is missing from the decoder's group
    return track.decoder.Decode(*block, conversion, out);  // kTruncated
  }
  return state.ReadVideo(track, record_pos, image_block, *block, conversion, out);
}

}  // namespace vrsx
