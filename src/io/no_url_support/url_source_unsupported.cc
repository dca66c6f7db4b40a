// OpenUrl in a build without libcurl (VRSX_WITH_CURL=OFF).
#include "vrsx/url_source.h"

namespace vrsx {

Status OpenUrl(const std::string& url, const UrlOptions&, std::shared_ptr<const FileSource>&) {
  return {ErrorCode::kUnsupported,
          "can't read '" + url + "': this vrsx was built without URL support (libcurl)"};
}

}  // namespace vrsx
