// HTTP requests with libcurl for URL sources: HEAD and range GETs, on a pool of curl handles (one
// per concurrent request, kept to reuse their connections), retried with a doubling pause on
// transient failures, with clear Statuses for the others.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vrsx/url_source.h"

namespace vrsx::io {

// How requests to an S3 endpoint are signed (AWS Signature Version 4, by libcurl).
struct S3Signing {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // sent as x-amz-security-token when set
  std::string region;
};

class HttpClient {
 public:
  // Without `signing`, requests are anonymous.
  explicit HttpClient(const UrlOptions& options, std::optional<S3Signing> signing = std::nullopt);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // The size of the resource at `url`: HEAD, or a one-byte range GET where HEAD is refused (a
  // presigned URL signs one method). kNotFound for 404/410.
  Status Size(const std::string& url, uint64_t& size);
  // Fills `out` with the bytes at `offset` of `url`, all of them: a short or misplaced body is a
  // transient failure, retried.
  Status GetRange(const std::string& url, uint64_t offset, std::span<uint8_t> out);

  // What one request received (internal to http_client.cc).
  struct Response;

 private:
  enum class Method { kHead, kRange };
  // One attempt; `transient` says whether another one may succeed.
  Status Attempt(Method method, const std::string& url, uint64_t offset, std::span<uint8_t> out,
                 Response& response, bool& transient);
  Status WithRetries(Method method, const std::string& url, uint64_t offset, std::span<uint8_t> out,
                     Response& response);
  void* TakeHandle();
  void GiveBack(void* handle);

  UrlOptions options_;
  std::optional<S3Signing> signing_;
  std::string sigv4_;        // curl's provider:region:service for signing_
  void* headers_ = nullptr;  // curl_slist* of signing_'s headers
  std::mutex mutex_;
  std::vector<void*> idle_;  // CURL* handles, keeping their connections open
};

}  // namespace vrsx::io
