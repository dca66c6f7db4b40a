// vrsx::ImageReader: images of records read by index, video frames through their key frames.
#include "vrsx/image_reader.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "media/video_decoder.h"
#include "media/video_frame_pixels.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"

namespace vrsx {

struct ImageReader::State {
  explicit State(const Reader& r) : reader(r), formats(r), content_decoder(formats) {}

  // One image block position of one stream: its decoder, and for video the frame fed last (its
  // group's frames up to it are in the video decoder, with the pictures decoded ahead).
  struct Track {
    ImageDecoder decoder;  // other images, stored bytes, cut blocks
    std::unique_ptr<media::VideoDecoder> video;
    std::string video_codec;
    std::optional<size_t> last_fed;
    media::DecodedVideoFrame frame;
    std::vector<uint8_t> scratch;
  };
  using TrackKey = std::pair<StreamId, size_t>;

  // Frames fed after the one asked for, waiting for its picture (B-frames hold pictures back):
  // at most h264's and h265's 16-picture buffers, then the decoder is drained.
  static constexpr size_t kMaxDecodeAhead = 16;

  const Reader& reader;
  StreamFormats formats;
  RecordContentDecoder content_decoder;  // reads the configuration records itself
  std::vector<uint8_t> payload;
  RecordContent content;
  std::map<TrackKey, Track> tracks;
  size_t frames_decoded_last = 0;

  Status ReadBlock(size_t pos, size_t image_block, const DecodedBlock*& block);
  // `block`: the frame's block if already read, else null.
  Status FeedFrame(Track& track, size_t pos, size_t image_block, const DecodedBlock* block,
                   bool group_start);
  // Feeds the frames after the one fed last until `pos`'s picture is out, draining the decoder
  // at the end of the stream or group.
  Status DecodeAhead(Track& track, size_t pos, size_t image_block, RecordType type);
  Status ReadVideo(Track& track, size_t pos, size_t image_block, const DecodedBlock& block,
                   ImageConversion conversion, Pixels& out);
};

namespace {

// The frame's key-frame fields say it starts a group (a spec without them: all key frames).
bool IsKeyFrame(const ImageSpec& spec) {
  return !spec.key_frame_timestamp || spec.key_frame_index == 0;
}

}  // namespace

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

// Feeds video frame `pos` to the track's decoder, tagged by its position, reading it unless
// `block` is given. The first frame of a group decoded from its start must be a key frame.
Status ImageReader::State::FeedFrame(Track& track, size_t pos, size_t image_block,
                                     const DecodedBlock* block, bool group_start) {
  track.last_fed.reset();
  if (block == nullptr) {
    if (Status status = ReadBlock(pos, image_block, block); !status.ok()) return status;
  }
  const ImageSpec& spec = block->spec.image;
  if (spec.format != ImageFormat::kVideo) {
    return Status(ErrorCode::kCorrupt, "video: record " + std::to_string(pos) +
                                           ", in the group of a video frame, has " + block->Text());
  }
  if (!block->complete()) {
    return Status(ErrorCode::kTruncated,
                  "image/" + spec.Text() + ": record " + std::to_string(pos) + " has " +
                      std::to_string(block->data.size()) + " bytes of the image");
  }
  if (group_start && spec.key_frame_index != 0) {
    return Status(ErrorCode::kCorrupt, "video: the key frame of record " + std::to_string(pos) +
                                           "'s group is missing (the group starts at frame " +
                                           std::to_string(spec.key_frame_index) + ")");
  }
  if (track.video == nullptr || track.video_codec != spec.codec_name) {
    track.video.reset();
    Status status = media::VideoDecoder::Create(spec.codec_name, track.video);
    if (!status.ok()) {
      return Status(status.code(), "image/" + spec.Text() + ": " + status.message());
    }
    track.video_codec = spec.codec_name;
  }
  Status status = track.video->Feed(block->data, spec.key_frame_index == 0, pos);
  ++frames_decoded_last;
  if (!status.ok()) {
    return Status(status.code(), "image/" + spec.Text() + ": " + status.message() + " (record " +
                                     std::to_string(pos) + ")");
  }
  track.last_fed = pos;
  return Status::Ok();
}

// Feeds the frames after the one fed last, of the stream and type of `pos` and in its group,
// until `pos`'s picture comes out; at the end of the stream or group (or after
// kMaxDecodeAhead frames, or a frame that does not decode), drains the decoder.
Status ImageReader::State::DecodeAhead(Track& track, size_t pos, size_t image_block,
                                       RecordType type) {
  for (size_t ahead = 0;; ++ahead) {
    if (track.video->Take(pos, track.frame)) return Status::Ok();
    std::optional<size_t> next;
    // A decoder that does not reorder holds nothing back: no picture means a bad frame.
    if (track.last_fed && ahead < kMaxDecodeAhead && track.video->Pending(pos) &&
        track.video->Reordering()) {
      next = reader.NextInStream(*track.last_fed);
      while (next && reader.index()[*next].type != type) next = reader.NextInStream(*next);
    }
    const DecodedBlock* block = nullptr;
    if (next && ReadBlock(*next, image_block, block).ok() &&
        block->spec.image.format == ImageFormat::kVideo && !IsKeyFrame(block->spec.image) &&
        FeedFrame(track, *next, image_block, block, false).ok()) {
      continue;
    }
    // Nothing more to feed: every picture held back comes out; the group is then over.
    track.last_fed.reset();
    Status drained = track.video->Drain();
    if (track.video->Take(pos, track.frame)) return Status::Ok();
    if (!drained.ok()) return drained;
    return Status(ErrorCode::kCorrupt,
                  "video: no picture decoded from record " + std::to_string(pos));
  }
}

// Decodes video frame `pos`, read as `block`: its picture if decoded ahead already; else on from
// the frame fed last when it is the one before (or it was fed, its picture held back), else from
// its group's key frame (or from the frame fed last, if in the group); then the frames after it
// until its picture comes out.
Status ImageReader::State::ReadVideo(Track& track, size_t pos, size_t image_block,
                                     const DecodedBlock& block, ImageConversion conversion,
                                     Pixels& out) {
  if (!media::VideoSupported()) return track.decoder.Decode(block, conversion, out);
  const ImageSpec& spec = block.spec.image;
  const RecordType type = reader.index()[pos].type;
  const bool pending = track.video && track.last_fed && track.video->Pending(pos);
  Status status;
  if (pending || (track.video && track.video->Take(pos, track.frame))) {
    // Fed already: its picture was decoded ahead, or comes with the next frames.
  } else {
    const std::optional<size_t> previous = reader.PreviousInStream(pos, type);
    const bool following = track.last_fed && previous == track.last_fed;
    if (following || IsKeyFrame(spec)) {
      // A key frame after a jump: the decoder's frames are not its references.
      if (!following && track.video) track.video->Reset();
      status = FeedFrame(track, pos, image_block, &block, false);
    } else {
      // The frames before this one: back to the key frame, or to the frame fed last.
      const uint32_t frame_index = spec.key_frame_index;
      std::vector<size_t> group;
      bool from_last = false;
      std::optional<size_t> before = previous;
      for (uint32_t i = 0; i < frame_index; ++i) {
        if (!before) {
          return Status(ErrorCode::kCorrupt,
                        "video: record " + std::to_string(pos) + " is frame " +
                            std::to_string(frame_index) +
                            " after its key frame, but the stream starts before");
        }
        if (before == track.last_fed) {
          from_last = true;
          break;
        }
        group.push_back(*before);
        if (i + 1 < frame_index) before = reader.PreviousInStream(*before, type);
      }
      std::reverse(group.begin(), group.end());
      if (!from_last && track.video) track.video->Reset();
      for (size_t i = 0; i < group.size() && status.ok(); ++i) {
        status = FeedFrame(track, group[i], image_block, nullptr, i == 0 && !from_last);
      }
      // `block` pointed into the payload the group's frames replaced.
      if (status.ok()) status = FeedFrame(track, pos, image_block, nullptr, false);
    }
    if (status.ok()) status = DecodeAhead(track, pos, image_block, type);
  }
  if (status.ok() && pending) status = DecodeAhead(track, pos, image_block, type);
  if (!status.ok()) {
    track.last_fed.reset();
    return status;
  }
  // Pictures of earlier frames are not kept: reading on in order never needs them.
  track.video->DropBefore(pos);
  return media::VideoFramePixels(track.frame, conversion, track.scratch, out);
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
    track.last_fed.reset();  // the frame is missing from the decoder's group
    return track.decoder.Decode(*block, conversion, out);  // kTruncated
  }
  return state.ReadVideo(track, record_pos, image_block, *block, conversion, out);
}

}  // namespace vrsx
