// OpenUrl: maps s3:// URLs onto their endpoint, sizes the chunks (probing `name_1`, `name_2`...
// with HEAD), and serves them through an HttpSource.
#include "vrsx/url_source.h"

#include <cstdlib>
#include <initializer_list>
#include <optional>

#include "io/chunk_naming.h"
#include "io/http/curl_library.h"
#include "io/http/http_source.h"

namespace vrsx::io {
namespace {

// Chunks beyond this many are not probed (a server answering 200 to every name).
constexpr int kMaxChunks = 10000;

// The first of the environment `variables` that is set and not empty, else "".
std::string FromEnvironment(std::initializer_list<const char*> variables) {
  for (const char* variable : variables) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') return value;
  }
  return {};
}

// The credentials for an s3:// URL, all from the options or all from the environment (a key of
// one with the secret of the other would never sign right); none: anonymous.
Status S3Credentials(const std::string& url, const UrlOptions& options,
                     std::optional<S3Signing>& out) {
  out.reset();
  S3Signing signing;
  if (!options.s3_access_key_id.empty()) {
    signing = {options.s3_access_key_id, options.s3_secret_access_key, options.s3_session_token,
               ""};
  } else {
    signing = {FromEnvironment({"AWS_ACCESS_KEY_ID"}), FromEnvironment({"AWS_SECRET_ACCESS_KEY"}),
               FromEnvironment({"AWS_SESSION_TOKEN"}), ""};
  }
  if (signing.access_key_id.empty()) return Status::Ok();
  if (signing.secret_access_key.empty()) {
    return {ErrorCode::kInvalidArgument,
            "can't read '" + url + "': an S3 access key without its secret access key"};
  }
  signing.region = options.s3_region;
  if (signing.region.empty())
    signing.region = FromEnvironment({"AWS_REGION", "AWS_DEFAULT_REGION"});
  if (signing.region.empty()) signing.region = "us-east-1";
  out = std::move(signing);
  return Status::Ok();
}

// The http(s) URL to fetch for `url` (an s3://bucket/key becomes <endpoint>/bucket/key).
Status FetchUrl(const std::string& url, const UrlOptions& options, std::string& out) {
  if (!url.starts_with("s3://")) {
    out = url;
    return Status::Ok();
  }
  std::string endpoint = options.s3_endpoint;
  if (endpoint.empty()) endpoint = FromEnvironment({"VRSX_S3_ENDPOINT", "AWS_ENDPOINT_URL"});
  if (endpoint.empty()) {
    return {ErrorCode::kInvalidArgument,
            "can't read '" + url + "': set VRSX_S3_ENDPOINT to the S3 endpoint's URL"};
  }
  while (endpoint.ends_with("/")) endpoint.pop_back();
  out = endpoint + "/" + url.substr(5);
  return Status::Ok();
}

}  // namespace
}  // namespace vrsx::io

namespace vrsx {

Status OpenUrl(const std::string& url, const UrlOptions& options,
               std::shared_ptr<const FileSource>& out) {
  out.reset();
  std::string missing;
  if (io::Curl(&missing) == nullptr) return {ErrorCode::kUnsupported, "'" + url + "': " + missing};
  std::optional<io::S3Signing> signing;
  if (url.starts_with("s3://")) {
    if (Status status = io::S3Credentials(url, options, signing); !status.ok()) return status;
  }
  auto client = std::make_unique<io::HttpClient>(options, std::move(signing));
  std::vector<ChunkInfo> chunks;
  std::vector<std::string> urls;
  std::string first;
  Status status = io::FetchUrl(url, options, first);
  if (!status.ok()) return status;
  uint64_t size = 0;
  status = client->Size(first, size);
  if (!status.ok()) return status;
  chunks.push_back({url, size});
  urls.push_back(first);
  // A URL with a query (a presigned one) signs one name only: its chunks can't be probed.
  bool has_query = url.find('?') != std::string::npos;
  if (options.find_chunks && !has_query && io::HasFurtherChunks(url)) {
    for (int i = 1; i < io::kMaxChunks; ++i) {
      std::string name = io::NthChunkName(url, i);
      std::string next;
      if (!(status = io::FetchUrl(name, options, next)).ok()) return status;
      status = client->Size(next, size);
      // A missing chunk ends the list (S3 says 403 for a missing key to anonymous readers).
      if (status.code() == ErrorCode::kNotFound) break;
      if (!status.ok() && status.message().find("(HTTP 403)") != std::string::npos) break;
      if (!status.ok()) return status;
      chunks.push_back({name, size});
      urls.push_back(next);
    }
  }
  out = std::make_shared<io::HttpSource>(std::move(chunks), std::move(urls), options,
                                         std::move(client));
  return Status::Ok();
}

}  // namespace vrsx
