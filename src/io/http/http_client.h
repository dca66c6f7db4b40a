// HTTP requests with libcurl for URL sources: HEAD and range GETs, on a pool of curl handles (one
// per concurrent request, kept to reuse their connections), retried with a doubling pause on
// transient failures, with clear Statuses for the others.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "vrsx/url_source.h"

namespace vrsx::io {

class HttpClient {
 public:
  explicit HttpClient(const UrlOptions& options);
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
  std::mutex mutex_;
  std::vector<void*> idle_;  // CURL* handles, keeping their connections open
};

}  // namespace vrsx::io
