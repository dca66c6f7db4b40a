#include "image_blocks.h"

#include <pybind11/numpy.h>

#include <optional>
#include <string>
#include <utility>

#include "status_exception.h"

namespace py = pybind11;

namespace vrsx::python {

namespace {

// How a raw pixel format maps to numpy: element dtype and channels per pixel. nullopt for the
// planar and packed formats, given as flat arrays.
struct PixelLayout {
  py::dtype dtype;
  size_t channels;
};

std::optional<PixelLayout> NumpyLayout(PixelFormat format) {
  switch (format) {
    case PixelFormat::kGrey8:
    case PixelFormat::kBayer8Rggb:
    case PixelFormat::kBayer8Bggr:
    case PixelFormat::kBayer8Gbrg:
    case PixelFormat::kRgbIr4x4:
      return PixelLayout{py::dtype::of<uint8_t>(), 1};
    case PixelFormat::kBgr8:
    case PixelFormat::kRgb8:
      return PixelLayout{py::dtype::of<uint8_t>(), 3};
    case PixelFormat::kRgba8:
      return PixelLayout{py::dtype::of<uint8_t>(), 4};
    case PixelFormat::kYuy2:
      return PixelLayout{py::dtype::of<uint8_t>(), 2};
    case PixelFormat::kGrey10:
    case PixelFormat::kGrey12:
    case PixelFormat::kGrey16:
    case PixelFormat::kBayer10Gbrg:
      return PixelLayout{py::dtype::of<uint16_t>(), 1};
    case PixelFormat::kRgb10:
    case PixelFormat::kRgb12:
      return PixelLayout{py::dtype::of<uint16_t>(), 3};
    case PixelFormat::kDepth32F:
      return PixelLayout{py::dtype::of<float>(), 1};
    case PixelFormat::kRgb32F:
      return PixelLayout{py::dtype::of<float>(), 3};
    case PixelFormat::kRgba32F:
      return PixelLayout{py::dtype::of<float>(), 4};
    case PixelFormat::kScalar64F:
      return PixelLayout{py::dtype::of<double>(), 1};
    default:
      return std::nullopt;
  }
}

py::capsule Keeper(const SharedPayload& payload) {
  auto* keep = new SharedPayload(payload);
  return py::capsule(keep, [](void* p) { delete static_cast<SharedPayload*>(p); });
}

py::bytes Bytes(const DecodedBlock& block) {
  return py::bytes(reinterpret_cast<const char*>(block.data.data()), block.data.size());
}

// A read-only view: the payload is shared by every array of the record.
py::array ReadOnly(py::array array) {
  py::detail::array_proxy(array.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return array;
}

std::optional<py::array> RawImageArray(const DecodedBlock& block, const SharedPayload& payload) {
  const ImageSpec& spec = block.spec.image;
  std::optional<PixelLayout> layout = NumpyLayout(spec.pixel_format);
  if (!layout || spec.width == 0 || spec.height == 0) return std::nullopt;
  size_t item = size_t(layout->dtype.itemsize());
  size_t row = size_t(spec.width) * layout->channels * item;
  size_t stride = spec.PlaneStride(0);
  if (stride < row) return std::nullopt;
  size_t needed = stride * (spec.height - 1) + row;
  if (block.data.size() < needed) return std::nullopt;
  std::vector<py::ssize_t> shape = {py::ssize_t(spec.height), py::ssize_t(spec.width)};
  std::vector<py::ssize_t> strides = {py::ssize_t(stride), py::ssize_t(layout->channels * item)};
  if (layout->channels > 1) {
    shape.push_back(py::ssize_t(layout->channels));
    strides.push_back(py::ssize_t(item));
  }
  return ReadOnly(py::array(layout->dtype, shape, strides, block.data.data(), Keeper(payload)));
}

std::optional<py::dtype> SampleDtype(AudioSampleFormat format) {
  switch (format) {
    case AudioSampleFormat::kInt8:
      return py::dtype::of<int8_t>();
    case AudioSampleFormat::kUint8:
      return py::dtype::of<uint8_t>();
    case AudioSampleFormat::kInt16Le:
      return py::dtype::of<int16_t>();
    case AudioSampleFormat::kUint16Le:
      return py::dtype::of<uint16_t>();
    case AudioSampleFormat::kInt32Le:
      return py::dtype::of<int32_t>();
    case AudioSampleFormat::kUint32Le:
      return py::dtype::of<uint32_t>();
    case AudioSampleFormat::kFloat32Le:
      return py::dtype::of<float>();
    case AudioSampleFormat::kFloat64Le:
      return py::dtype::of<double>();
    default:
      return std::nullopt;  // big endian, 24 bit, a-law/mu-law: bytes
  }
}

// Arrays over memory the array owns: the decoder's pixels or samples, moved into the capsule.
template <typename T>
py::capsule Owner(T&& value) {
  auto* owned = new T(std::move(value));
  return py::capsule(owned, [](void* p) { delete static_cast<T*>(p); });
}

// Decoded pixels: H x W [x C] with their stride, or flat bytes for a format without a numpy
// layout. Writable: the array owns them.
py::object PixelsArray(Pixels&& pixels) {
  std::optional<PixelLayout> layout = NumpyLayout(pixels.format);
  const uint8_t* data = pixels.bytes.data();
  size_t size = pixels.bytes.size();
  if (layout && pixels.width > 0 && pixels.height > 0) {
    size_t item = size_t(layout->dtype.itemsize());
    size_t row = size_t(pixels.width) * layout->channels * item;
    size_t stride = pixels.stride != 0 ? pixels.stride : row;
    if (stride >= row && size >= stride * (pixels.height - 1) + row) {
      std::vector<py::ssize_t> shape = {py::ssize_t(pixels.height), py::ssize_t(pixels.width)};
      std::vector<py::ssize_t> strides = {py::ssize_t(stride),
                                          py::ssize_t(layout->channels * item)};
      if (layout->channels > 1) {
        shape.push_back(py::ssize_t(layout->channels));
        strides.push_back(py::ssize_t(item));
      }
      py::dtype dtype = layout->dtype;
      return py::array(dtype, shape, strides, data, Owner(std::move(pixels.bytes)));
    }
  }
  return py::array(py::dtype::of<uint8_t>(), {py::ssize_t(size)}, {1}, data,
                   Owner(std::move(pixels.bytes)));
}

}  // namespace

py::object BytesArray(const DecodedBlock& block, const SharedPayload& payload) {
  return ReadOnly(py::array(py::dtype::of<uint8_t>(), {py::ssize_t(block.data.size())}, {1},
                            block.data.data(), Keeper(payload)));
}

py::object ImageBlockToPython(const DecodedBlock& block, const SharedPayload& payload,
                              ImageConversion conversion, DecodedMedia& media) {
  if (media.decoded) {
    if (media.status.ok()) return PixelsArray(std::move(media.pixels));
    // Video (until the library decodes it), custom codecs, codecs left out of the build.
    if (media.status.code() != ErrorCode::kUnsupported) ThrowIfError(media.status);
  }
  if (conversion == ImageConversion::kRawBuffer) return BytesArray(block, payload);
  if (block.kind == BlockKind::kImage && block.spec.image.format == ImageFormat::kRaw) {
    if (std::optional<py::array> array = RawImageArray(block, payload)) return *array;
    return BytesArray(block, payload);
  }
  return Bytes(block);
}

py::object AudioBlockToPython(const DecodedBlock& block, const SharedPayload& payload,
                              DecodedMedia& media) {
  if (media.decoded) {
    AudioSamples& samples = media.samples;
    if (media.status.ok()) {
      std::optional<py::dtype> dtype = SampleDtype(samples.sample_format);
      size_t item = dtype ? size_t(dtype->itemsize()) : 0;
      if (dtype && samples.channels > 0 &&
          samples.bytes.size() >= size_t(samples.frame_count) * samples.channels * item) {
        const uint8_t* data = samples.bytes.data();
        return py::array(*dtype, {py::ssize_t(samples.frame_count), py::ssize_t(samples.channels)},
                         {py::ssize_t(samples.channels * item), py::ssize_t(item)}, data,
                         Owner(std::move(samples.bytes)));
      }
    } else if (media.status.code() != ErrorCode::kUnsupported) {
      ThrowIfError(media.status);  // a corrupt packet
    }
    return Bytes(block);  // opus without libopus: the packet, as before
  }
  const AudioSpec& spec = block.spec.audio;
  std::optional<py::dtype> dtype;
  if (spec.format == AudioFormat::kPcm) dtype = SampleDtype(spec.sample_format);
  uint32_t frame = spec.FrameStride();
  if (!dtype || spec.channels == 0 || frame == 0 ||
      frame < spec.channels * size_t(dtype->itemsize())) {
    return Bytes(block);
  }
  size_t frames = block.data.size() / frame;
  return ReadOnly(py::array(*dtype, {py::ssize_t(frames), py::ssize_t(spec.channels)},
                            {py::ssize_t(frame), dtype->itemsize()}, block.data.data(),
                            Keeper(payload)));
}

py::dict ImageSpecToDict(const ImageSpec& spec, size_t block_size) {
  py::dict d;
  d["image_format"] = ImageFormatName(spec.format);
  d["width"] = spec.width;
  d["height"] = spec.height;
  d["stride"] = spec.format == ImageFormat::kRaw ? spec.PlaneStride(0) : size_t(spec.stride);
  d["pixel_format"] = PixelFormatName(spec.pixel_format);
  d["codec_name"] = spec.codec_name;
  d["codec_quality"] = spec.codec_quality;
  d["key_frame_timestamp"] =
      spec.key_frame_timestamp ? py::object(py::float_(*spec.key_frame_timestamp)) : py::none();
  d["key_frame_index"] = spec.key_frame_index;
  d["buffer_size"] = block_size;
  return d;
}

py::dict AudioSpecToDict(const AudioSpec& spec, size_t block_size) {
  py::dict d;
  d["audio_format"] = AudioFormatName(spec.format);
  d["sample_format"] = AudioSampleFormatName(spec.sample_format);
  d["channel_count"] = spec.channels;
  d["sample_rate"] = spec.sample_rate;
  d["sample_count"] = spec.sample_count;
  d["sample_frame_stride"] = spec.FrameStride();
  d["buffer_size"] = block_size;
  return d;
}

}  // namespace vrsx::python
