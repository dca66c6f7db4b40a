// VideoDecoder over libavcodec (h264, hevc); without VRSX_HAVE_VIDEO, "unsupported".
#include "media/video_decoder.h"

#include <algorithm>
#include <string>

#ifdef VRSX_HAVE_VIDEO
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
}
#endif

namespace vrsx::media {

#ifdef VRSX_HAVE_VIDEO

namespace {

// Frames larger than this many pixels (8K x 8K) are refused before libavcodec allocates them.
constexpr int64_t kMaxPixels = int64_t{8192} * 8192;

std::string AvError(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
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
    av_frame_free(&frame_);
    av_packet_free(&packet_);
    avcodec_free_context(&context_);
  }

  Status Open(VideoCodec codec) {
    const AVCodec* decoder =
        avcodec_find_decoder(codec == VideoCodec::kH264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
    if (!decoder) return {ErrorCode::kUnsupported, "video: libavcodec has no such decoder"};
    context_ = avcodec_alloc_context3(decoder);
    packet_ = av_packet_alloc();
    frame_ = av_frame_alloc();
    if (!context_ || !packet_ || !frame_) {
      return {ErrorCode::kIoError, "video: out of memory creating the decoder"};
    }
    // One thread and low delay: each packet gives its frame at once, identical on every run.
    context_->thread_count = 1;
    context_->flags |= AV_CODEC_FLAG_LOW_DELAY;
    context_->max_pixels = kMaxPixels;
    int result = avcodec_open2(context_, decoder, nullptr);
    if (result < 0)
      return {ErrorCode::kUnsupported, "video: cannot open the decoder: " + AvError(result)};
    return Status::Ok();
  }

  Status DecodeFrame(std::span<const uint8_t> data, bool key_frame,
                     DecodedVideoFrame& out) override {
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
    av_packet_unref(packet_);
    packet_->data = buffer_.data();
    packet_->size = static_cast<int>(data.size());
    if (key_frame) packet_->flags |= AV_PKT_FLAG_KEY;
    int result = avcodec_send_packet(context_, packet_);
    packet_->data = nullptr;
    packet_->size = 0;
    if (result < 0) return {ErrorCode::kCorrupt, "video: invalid frame: " + AvError(result)};
    result = avcodec_receive_frame(context_, frame_);
    if (result == AVERROR(EAGAIN)) {
      return {ErrorCode::kCorrupt, "video: no picture decoded from this frame"};
    }
    if (result < 0) return {ErrorCode::kCorrupt, "video: invalid frame: " + AvError(result)};
    if (key_frame) have_key_frame_ = true;
    Status status = CopyFrame(out);
    av_frame_unref(frame_);
    return status;
  }

  void Reset() override {
    avcodec_flush_buffers(context_);
    have_key_frame_ = false;
  }

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
        const char* name = av_get_pix_fmt_name(static_cast<AVPixelFormat>(frame_->format));
        return {ErrorCode::kUnsupported, std::string("video: decoded pixel layout ") +
                                             (name ? name : "unknown") +
                                             " is not supported (yuv420p and gray are)"};
      }
    }
  }

  AVCodecContext* context_ = nullptr;
  AVPacket* packet_ = nullptr;
  AVFrame* frame_ = nullptr;
  std::vector<uint8_t> buffer_;
  bool have_key_frame_ = false;
};

}  // namespace

bool VideoSupported() {
  return true;
}

Status VideoDecoder::Create(std::string_view codec_name, std::unique_ptr<VideoDecoder>& out) {
  out.reset();
  VideoCodec codec = VideoCodecFromName(codec_name);
  if (codec == VideoCodec::kUnknown) {
    return {ErrorCode::kUnsupported, "video: unknown codec \"" + std::string(codec_name) + '"'};
  }
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

}  // namespace vrsx::media
