// The free-text codec names of image/video specs (spec 02 §7.3) mapped to codecs.
#include <algorithm>
#include <cctype>
#include <string>

#include "media/video_decoder.h"

namespace vrsx::media {

VideoCodec VideoCodecFromName(std::string_view codec_name) {
  std::string name;
  for (char c : codec_name) {
    // "H.264", "h264", "H-264" and "h_264" alike.
    if (c == '.' || c == '-' || c == '_' || c == ' ') continue;
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (name == "h264" || name == "avc" || name == "x264") return VideoCodec::kH264;
  if (name == "h265" || name == "hevc" || name == "x265") return VideoCodec::kH265;
  return VideoCodec::kUnknown;
}

}  // namespace vrsx::media
