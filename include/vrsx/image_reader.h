// The image of any record, read in any order (spec 02 §7): pyvrs's read-by-index for images.
//
//   vrsx::ImageReader images(reader);  // `reader` open, and outliving `images`
//   vrsx::Pixels pixels;
//   vrsx::Status status = images.ReadImage(pos, vrsx::ImageConversion::kNormalize, pixels);
//
// The record's content is read with its stream's latest Configuration record before it (read
// automatically, as RecordContentDecoder::ReadAndDecode does), so its image spec is what it is
// when the stream is read in order. Video frames (image/video) decode from their group's key
// frame: frame N of a group, `key_frame_index` records of the same stream and type after the key
// frame, decodes the frames of the group before it first (from the frame decoded last when it is
// one of them); reading on in stream order decodes one frame a record in all. Streams with
// B-frames: records are taken in decode order, each record's image the picture of its own frame;
// when the decoder holds that picture back, the group's next frames are decoded ahead (their
// pictures kept for the next reads) or the decoder drained at the group's end. A stream without
// key-frame fields is taken as all key frames. Other images decode as ImageDecoder decodes them.
//
// Not thread-safe: one ImageReader per thread (the Reader may be shared; it is only read).
#pragma once

#include <cstddef>
#include <memory>

#include "vrsx/image.h"
#include "vrsx/status.h"

namespace vrsx {

class Reader;

class ImageReader {
 public:
  explicit ImageReader(const Reader& reader);
  ~ImageReader();
  ImageReader(ImageReader&&) noexcept;
  ImageReader& operator=(ImageReader&&) noexcept;
  ImageReader(const ImageReader&) = delete;
  ImageReader& operator=(const ImageReader&) = delete;

  // The `image_block`-th image block (counting the record's image blocks only, from 0) of the
  // record at index position `record_pos`, converted. kInvalidArgument past the index; kNotFound
  // when the record has no such image block (the message says why when its content could not be
  // decoded); kCorrupt when a video frame's group has no key frame in the file; otherwise
  // ImageDecoder's statuses.
  Status ReadImage(size_t record_pos, ImageConversion conversion, Pixels& out,
                   size_t image_block = 0);

  // How many video frames the last ReadImage decoded: 1 going on in order without B-frames (with
  // them, 0 when decoded ahead already, or several), at most the frame's group length, 0 for
  // other images.
  size_t frames_decoded_last() const;

  // Forgets every decoder state and configuration read (the file's definitions are kept).
  void Reset();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace vrsx
