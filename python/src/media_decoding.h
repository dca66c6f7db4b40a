// The image and audio decoders of one file's streams, and the decoding of a record's image and
// audio blocks (without the GIL) before image_blocks.cc turns the results into Python objects.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "vrsx/audio.h"
#include "vrsx/image.h"
#include "vrsx/image_reader.h"
#include "vrsx/reader.h"
#include "vrsx/record_content.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"

namespace vrsx::python {

// What decoding one block gave. `decoded` false: the block is given as without decoding (raw
// pixels shared with the payload, compressed bytes, PCM samples).
struct DecodedMedia {
  bool decoded = false;
  Status status;  // kUnsupported (video, custom codec, codec not built in): the stored bytes
  Pixels pixels;
  AudioSamples samples;
};

// Whether `block` (an image block) goes through the ImageDecoder for `conversion`: compressed
// images when decompressing or normalizing, raw pixel formats that normalizing changes. The
// others are shared with the record's payload (zero copy).
bool NeedsImageDecoder(const DecodedBlock& block, ImageConversion conversion);
// Whether `block` (an audio block) goes through the AudioDecoder: opus. PCM is shared as is.
bool NeedsAudioDecoder(const DecodedBlock& block);

// One ImageDecoder and one AudioDecoder per stream of a file. Not thread-safe: the caller holds
// its file's decoder mutex (the decoders run without the GIL).
class FileMediaDecoders {
 public:
  // Decodes the image and audio blocks of record `position` (read into `content` by `records`)
  // that need decoding; `out` gets one entry per block of `content`.
  void Decode(const Reader& reader, RecordContentDecoder& records, size_t position,
              const RecordContent& content, ImageConversion conversion,
              std::vector<DecodedMedia>& out);

 private:
  struct StreamDecoders {
    ImageDecoder image;
    AudioDecoder audio;
    // The reader position of the last record whose audio was decoded: a record that does not
    // follow it in its stream resets the decoder.
    std::optional<size_t> last_audio;
  };
  // Decodes up to 10 records of the stream before `position` after an audio decoder reset, so
  // that opus's inter-packet state (prediction, overlap) is warm when `position` is decoded.
  void PreRollAudio(const Reader& reader, RecordContentDecoder& records, size_t position,
                    StreamDecoders& stream);

  std::map<StreamId, StreamDecoders> streams_;
  // Video frames, decoded from their group's key frame when read out of order (made on the
  // first video frame, over the file's reader).
  std::unique_ptr<ImageReader> video_;
};

}  // namespace vrsx::python
