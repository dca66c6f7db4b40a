// Image and audio blocks of a decoded record as Python objects. The one place where image
// decoding (jpg/png/video to pixels, pixel format normalisation) plugs in: ImageBlockToPython.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "vrsx/record_content.h"

namespace vrsx::python {

// pyvrs's ImageConversion values.
enum class ImageConversion : uint8_t {
  kOff,             // raw images as arrays, compressed ones as their bytes
  kDecompress,      // compressed images decoded to pixels (not yet: their bytes)
  kNormalize,       // + pixel formats converted to grey8/rgb8/... (not yet: as kDecompress)
  kNormalizeGrey8,  // + everything to grey8 (not yet: as kDecompress)
  kRawBuffer,       // every image as a flat uint8 array of its block
  kRecordUnreadBytesBackdoor,  // as kRawBuffer
};

// The payload a record was read into; numpy arrays made from it keep it alive (zero copy).
using SharedPayload = std::shared_ptr<std::vector<uint8_t>>;

// An image block: a numpy array H x W [x C] (with the image's row stride) for raw images whose
// bytes are all there, a flat uint8 array for planar/packed raw formats and kRawBuffer, bytes
// for encoded images (until decoding lands).
pybind11::object ImageBlockToPython(const DecodedBlock& block, const SharedPayload& payload,
                                    ImageConversion conversion);
// An audio block: PCM samples as a numpy array (samples x channels) when the sample format has
// a numpy dtype, else its bytes.
pybind11::object AudioBlockToPython(const DecodedBlock& block, const SharedPayload& payload);
// A flat uint8 numpy array over `block`'s bytes, sharing `payload`.
pybind11::object BytesArray(const DecodedBlock& block, const SharedPayload& payload);

pybind11::dict ImageSpecToDict(const ImageSpec& spec, size_t block_size);
pybind11::dict AudioSpecToDict(const AudioSpec& spec, size_t block_size);

}  // namespace vrsx::python
