// Image and audio blocks of a decoded record as Python objects: arrays over the record's payload
// (zero copy) for what needs no decoding, arrays owning the decoder's output for the rest
// (media_decoding.h decodes, without the GIL).
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "media_decoding.h"
#include "vrsx/image.h"
#include "vrsx/record_content.h"

namespace vrsx::python {

// The payload a record was read into; numpy arrays made from it keep it alive (zero copy).
using SharedPayload = std::shared_ptr<std::vector<uint8_t>>;

// An image block: `media` when it was decoded (a numpy array H x W [x C] owning the pixels; the
// stored bytes when the decoder does not handle the format; an exception when the block is
// corrupt), else a numpy array H x W [x C] over the payload (with the image's row stride) for
// raw images whose bytes are all there, a flat uint8 array for planar/packed raw formats and
// kRawBuffer, bytes for encoded images.
pybind11::object ImageBlockToPython(const DecodedBlock& block, const SharedPayload& payload,
                                    ImageConversion conversion, DecodedMedia& media);
// An audio block: decoded opus samples, or PCM samples over the payload, as a numpy array
// (samples x channels) when the sample format has a numpy dtype, else its bytes.
pybind11::object AudioBlockToPython(const DecodedBlock& block, const SharedPayload& payload,
                                    DecodedMedia& media);
// A flat uint8 numpy array over `block`'s bytes, sharing `payload`.
pybind11::object BytesArray(const DecodedBlock& block, const SharedPayload& payload);

pybind11::dict ImageSpecToDict(const ImageSpec& spec, size_t block_size);
pybind11::dict AudioSpecToDict(const AudioSpec& spec, size_t block_size);

}  // namespace vrsx::python
