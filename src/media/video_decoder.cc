// VideoDecoder over libavcodec (h264, hevc); without VRSX_HAVE_VIDEO, "unsupported".
#include "media/video_decoder.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "media/libav_library.h"

namespace vrsx::media {

#ifdef VRSX_HAVE_VIDEO

namespace {

// Frames larger than this many pixels (8K x 8K) are refused before libavcodec allocates them.
constexpr int64_t kMaxPixels = int64_t{8192} * 8192;

std::string AvError(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  Libav()->av_strerror(code, text, sizeof text);
  return text;
}

// Copies `rows` rows of `row_bytes` from a plane with `linesize` bytes per row.
void CopyPlane(const uint8_t* plane, int linesize, size_t row_bytes, size_t rows, uint8_t* to) {
  for (size_t y = 0; y < rows; ++y) {
    std::copy_n(plane + static_cast<ptrdiff_t>(y) * linesize, row_bytes, to + y * row_bytes);
  }
}

class LibavVideoDecoder final : public VideoDecoder {
 public:
  ~LibavVideoDecoder() override {
    av_->av_frame_free(&frame_);
    av_->av_packet_free(&packet_);
    av_->avcodec_free_context(&context_);
  }

  Status Open(VideoCodec codec) {
    const AVCodec* decoder =
        av_->avcodec_find_decoder(codec == VideoCodec::kH264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
    if (!decoder) return {ErrorCode::kUnsupported, "video: libavcodec has no such decoder"};
    context_ = av_->avcodec_alloc_context3(decoder);
    packet_ = av_->av_packet_alloc();
    frame_ = av_->av_frame_alloc();
    if (!context_ || !packet_ || !frame_) {
      return {ErrorCode::kIoError, "video: out of memory creating the decoder"};
    }
    // One thread: identical on every run, and no frame-threading delay. No LOW_DELAY: streams
    // with B-frames need their pictures reordered (matched to their packets by pts).
    context_->thread_count = 1;
    context_->max_pixels = kMaxPixels;
    int result = av_->avcodec_open2(context_, decoder, nullptr);
    if (result < 0)
      return {ErrorCode::kUnsupported, "video: cannot open the decoder: " + AvError(result)};
    return Status::Ok();
  }

  Status Feed(std::span<const uint8_t> data, bool key_frame, uint64_t tag) override {
    if (!key_frame && !have_key_frame_) {
      return {ErrorCode::kInvalidArgument,
              "video: a frame that is not a key frame needs the "
              "frames since its key frame decoded first"};
    }
    if (data.empty()) return {ErrorCode::kCorrupt, "video: empty frame"};
    if (data.size() > size_t(INT32_MAX) - AV_INPUT_BUFFER_PADDING_SIZE) {
      return {ErrorCode::kTooLarge, "video: frame too large"};
    }
    // libavcodec reads a little past the end of packets: they need zeroed padding.
    buffer_.assign(data.size() + AV_INPUT_BUFFER_PADDING_SIZE, 0);
    std::copy(data.begin(), data.end(), buffer_.begin());
    av_->av_packet_unref(packet_);
    packet_->data = buffer_.data();
    packet_->size = static_cast<int>(data.size());
    // The tag comes back as the picture's pts, whatever order pictures come out in.
    packet_->pts = static_cast<int64_t>(tag & INT64_MAX);
    if (key_frame) packet_->flags |= AV_PKT_FLAG_KEY;
    int result = av_->avcodec_send_packet(context_, packet_);
    packet_->data = nullptr;
    packet_->size = 0;
    if (result < 0) return {ErrorCode::kCorrupt, "video: invalid frame: " + AvError(result)};
    if (key_frame) have_key_frame_ = true;
    pending_.insert(tag);
    return Receive();
  }

  bool Take(uint64_t tag, DecodedVideoFrame& out) override {
    auto found = pictures_.find(tag);
    if (found == pictures_.end()) return false;
    out = std::move(found->second);
    pictures_.erase(found);
    return true;
  }

  bool Pending(uint64_t tag) const override { return pending_.count(tag) != 0; }

  void DropBefore(uint64_t tag) override {
    pictures_.erase(pictures_.begin(), pictures_.lower_bound(tag));
  }

  Status Drain() override {
    int result = av_->avcodec_send_packet(context_, nullptr);
    Status status = result < 0 && result != AVERROR_EOF
                        ? Status(ErrorCode::kCorrupt, "video: cannot drain: " + AvError(result))
                        : Receive();
    // After the end of stream the decoder takes packets again only once flushed.
    av_->avcodec_flush_buffers(context_);
    have_key_frame_ = false;
    pending_.clear();
    return status;
  }

  void Reset() override {
    av_->avcodec_flush_buffers(context_);
    have_key_frame_ = false;
    pending_.clear();
    pictures_.clear();
  }

  bool Reordering() const override { return context_->has_b_frames > 0; }

 private:
  Status CopyFrame(DecodedVideoFrame& out) const {
    if (frame_->width <= 0 || frame_->height <= 0) {
      return {ErrorCode::kCorrupt, "video: decoded picture without size"};
    }
    const auto width = static_cast<size_t>(frame_->width);
    const auto height = static_cast<size_t>(frame_->height);
    out.width = static_cast<uint32_t>(width);
    out.height = static_cast<uint32_t>(height);
    switch (frame_->format) {
      case AV_PIX_FMT_YUV420P:
      case AV_PIX_FMT_YUVJ420P: {
        const size_t chroma_width = (width + 1) / 2;
        const size_t chroma_height = (height + 1) / 2;
        out.pixel_format = PixelFormat::kYuvI420Split;
        out.full_range =
            frame_->format == AV_PIX_FMT_YUVJ420P || frame_->color_range == AVCOL_RANGE_JPEG;
        out.stride = static_cast<uint32_t>(width);
        out.stride_2 = static_cast<uint32_t>(chroma_width);
        out.bytes.resize(width * height + 2 * chroma_width * chroma_height);
        uint8_t* to = out.bytes.data();
        CopyPlane(frame_->data[0], frame_->linesize[0], width, height, to);
        to += width * height;
        CopyPlane(frame_->data[1], frame_->linesize[1], chroma_width, chroma_height, to);
        to += chroma_width * chroma_height;
        CopyPlane(frame_->data[2], frame_->linesize[2], chroma_width, chroma_height, to);
        return Status::Ok();
      }
      case AV_PIX_FMT_GRAY8:
        out.pixel_format = PixelFormat::kGrey8;
        out.full_range = frame_->color_range == AVCOL_RANGE_JPEG;
        out.stride = static_cast<uint32_t>(width);
        out.stride_2 = 0;
        out.bytes.resize(width * height);
        CopyPlane(frame_->data[0], frame_->linesize[0], width, height, out.bytes.data());
        return Status::Ok();
      default: {
        const char* name = av_->av_get_pix_fmt_name(static_cast<AVPixelFormat>(frame_->format));
        return {ErrorCode::kUnsupported, std::string("video: decoded pixel layout ") +
                                             (name ? name : "unknown") +
                                             " is not supported (yuv420p and gray are)"};
      }
    }
  }

  // Every picture the decoder has ready, kept by tag (bounded: the oldest go first).
  Status Receive() {
    Status status = Status::Ok();
    for (;;) {
      int result = av_->avcodec_receive_frame(context_, frame_);
      if (result == AVERROR(EAGAIN) || result == AVERROR_EOF) break;
      if (result < 0) return {ErrorCode::kCorrupt, "video: invalid frame: " + AvError(result)};
      if (frame_->pts != AV_NOPTS_VALUE) {
        const auto tag = static_cast<uint64_t>(frame_->pts);
        pending_.erase(tag);
        Status copied = CopyFrame(pictures_[tag]);
        if (!copied.ok()) {
          pictures_.erase(tag);
          status = copied;
        }
        if (pictures_.size() > kMaxPictures) pictures_.erase(pictures_.begin());
      }
      av_->av_frame_unref(frame_);
    }
    return status;
  }

  const LibavLibrary* av_ = Libav();  // loaded: Create checked it
  AVCodecContext* context_ = nullptr;
  AVPacket* packet_ = nullptr;
  AVFrame* frame_ = nullptr;
  std::vector<uint8_t> buffer_;
  bool have_key_frame_ = false;
  std::set<uint64_t> pending_;                      // fed, picture not out yet
  std::map<uint64_t, DecodedVideoFrame> pictures_;  // out, not taken yet
};

}  // namespace

bool VideoSupported() {
  return Libav() != nullptr;
}

Status VideoDecoder::Create(std::string_view codec_name, std::unique_ptr<VideoDecoder>& out) {
  out.reset();
  VideoCodec codec = VideoCodecFromName(codec_name);
  if (codec == VideoCodec::kUnknown) {
    return {ErrorCode::kUnsupported, "video: unknown codec \"" + std::string(codec_name) + '"'};
  }
  std::string missing;
  if (Libav(&missing) == nullptr) return {ErrorCode::kUnsupported, "unsupported: " + missing};
  auto decoder = std::make_unique<LibavVideoDecoder>();
  Status status = decoder->Open(codec);
  if (!status.ok()) return status;
  out = std::move(decoder);
  return Status::Ok();
}

#else  // no libavcodec

bool VideoSupported() {
  return false;
}

Status VideoDecoder::Create(std::string_view, std::unique_ptr<VideoDecoder>& out) {
  out.reset();
  return {ErrorCode::kUnsupported, "unsupported: built without libavcodec (video)"};
}

#endif

Status VideoDecoder::DecodeFrame(std::span<const uint8_t> data, bool key_frame,
                                 DecodedVideoFrame& out) {
  const uint64_t tag = next_tag_++;
  Status status = Feed(data, key_frame, tag);
  if (!status.ok()) return status;
  // Nobody asks for earlier frames again: their late pictures would only pile up.
  DropBefore(tag);
  if (Take(tag, out)) return Status::Ok();
  if (Reordering()) {
    return {ErrorCode::kUnsupported,
            "video: the frame's picture is held back for frame reordering (B-frames): frames "
            "decoded one at a time cannot give it (vrsx::ImageReader can)"};
  }
  return {ErrorCode::kCorrupt, "video: no picture decoded from this frame"};
}

}  // namespace vrsx::media
