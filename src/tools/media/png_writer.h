// PNG files of converted images, with libpng.
//
//   vrsx::cli::ConvertedImage image;  // from ConvertRawImage
//   vrsx::Status status = vrsx::cli::WritePng("out/200-1-00001-1493865.291.png", image);
//
// grey8 images are written as 8-bit greyscale, grey16 as 16-bit greyscale (with an sBIT chunk
// when fewer bits are significant), rgb8 as 8-bit RGB; no gamma or colour chunks.
#pragma once

#include <string>

#include "media/png_layout_conversion.h"
#include "vrsx/status.h"

namespace vrsx::cli {

// The conversion lives in the media library layer; the CLI names it as before.
using media::ConvertedImage;
using media::ConvertedLayout;
using media::ConvertRawImage;
using media::PngLayout;
using media::PngLayoutBytesPerPixel;
using media::PngLayoutName;

Status WritePng(const std::string& path, const ConvertedImage& image);

// Reads a PNG back: 8-bit greyscale (grey8), 16-bit greyscale (grey16, samples little-endian in
// `pixels`, `significant_bits` from sBIT) or 8-bit RGB (rgb8). Other PNG kinds (palettes, alpha,
// low bit depths, interlacing...) give kUnsupported. For checking what WritePng wrote.
Status ReadPng(const std::string& path, ConvertedImage& image);

}  // namespace vrsx::cli
