#include "io/http/http_client.h"

#include "io/http/curl_library.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <thread>

namespace vrsx::io {

namespace {

bool IsTransient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_WRITE_ERROR:  // our callback refused a body longer than asked for
      return true;
    default:
      return false;
  }
}

// "bytes START-END/TOTAL" of a Content-Range header: START, or -1.
int64_t ContentRangeStart(const std::string& value) {
  size_t at = value.find("bytes ");
  if (at == std::string::npos) return -1;
  const char* digits = value.c_str() + at + 6;
  if (*digits < '0' || *digits > '9') return -1;
  return int64_t(std::strtoull(digits, nullptr, 10));
}

// "bytes START-END/TOTAL": TOTAL, or -1.
int64_t ContentRangeTotal(const std::string& value) {
  size_t slash = value.rfind('/');
  if (slash == std::string::npos || slash + 1 >= value.size()) return -1;
  const char* digits = value.c_str() + slash + 1;
  if (*digits < '0' || *digits > '9') return -1;
  return int64_t(std::strtoull(digits, nullptr, 10));
}

}  // namespace

struct HttpClient::Response {
  long status = 0;
  std::string content_range;
  int64_t content_length = -1;
  size_t received = 0;
  std::span<uint8_t> out;
  bool overflow = false;
};

namespace {

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpClient::Response*>(user);
  size_t bytes = size * count;
  size_t room = response->out.size() - response->received;
  if (bytes > room) {  // a whole file for a range, or a wrong length: never copied past `out`
    response->overflow = true;
    return 0;
  }
  std::memcpy(response->out.data() + response->received, data, bytes);
  response->received += bytes;
  return bytes;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpClient::Response*>(user);
  std::string line(data, size * count);
  std::string lower = line;
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  // A new response (after a redirect or a 100 Continue) starts over.
  if (lower.starts_with("http/")) response->content_range.clear();
  if (lower.starts_with("content-range:")) response->content_range = line.substr(14);
  return size * count;
}

}  // namespace

// The SHA-256 of an empty body: what GET and HEAD requests send, declared to S3 (which wants
// x-amz-content-sha256 on every signed request) and signed with the rest by libcurl.
constexpr const char* kEmptyBodySha256 =
    "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

HttpClient::HttpClient(const UrlOptions& options, std::optional<S3Signing> signing)
    : options_(options), signing_(std::move(signing)) {
  if (!signing_) return;
  const CurlLibrary* curl = Curl();  // OpenUrl checked that it loads
  if (curl == nullptr) return;
  sigv4_ = "aws:amz:" + signing_->region + ":s3";
  curl_slist* headers = curl->slist_append(nullptr, kEmptyBodySha256);
  if (headers != nullptr && !signing_->session_token.empty()) {
    std::string token = "x-amz-security-token: " + signing_->session_token;
    curl_slist* more = curl->slist_append(headers, token.c_str());
    if (more == nullptr) {
      curl->slist_free_all(headers);
      headers = nullptr;
    }
  }
  headers_ = headers;
}

HttpClient::~HttpClient() {
  // Handles and headers exist only if libcurl was loaded.
  for (void* handle : idle_) Curl()->easy_cleanup(static_cast<CURL*>(handle));
  if (headers_ != nullptr) Curl()->slist_free_all(static_cast<curl_slist*>(headers_));
}

void* HttpClient::TakeHandle() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      void* handle = idle_.back();
      idle_.pop_back();
      return handle;
    }
  }
  const CurlLibrary* curl = Curl();  // OpenUrl checked that it loads
  return curl ? curl->easy_init() : nullptr;
}

void HttpClient::GiveBack(void* handle) {
  std::lock_guard lock(mutex_);
  idle_.push_back(handle);
}

Status HttpClient::Attempt(Method method, const std::string& url, uint64_t offset,
                           std::span<uint8_t> out, Response& response, bool& transient) {
  transient = false;
  CURL* curl = static_cast<CURL*>(TakeHandle());
  if (curl == nullptr) return {ErrorCode::kIoError, "can't start an HTTP request"};
  const CurlLibrary& lib = *Curl();
  lib.easy_reset(curl);  // keeps the connections
  response = Response();
  response.out = out;
  std::string range;
  lib.easy_setopt(curl, CURLOPT_URL, url.c_str());
  lib.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  lib.easy_setopt(curl, CURLOPT_BUFFERSIZE, 512L << 10);  // fewer, larger body callbacks
  lib.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  lib.easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  lib.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(options_.connect_timeout.count()));
  // Nothing received for `stall_timeout`: curl's low speed check, in whole seconds.
  long stall_seconds = std::max<long>(1, long((options_.stall_timeout.count() + 999) / 1000));
  lib.easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  lib.easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, stall_seconds);
  lib.easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  lib.easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  lib.easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  lib.easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  if (signing_) {
    if (headers_ == nullptr) {
      GiveBack(curl);
      return {ErrorCode::kIoError, "out of memory for a request's headers"};
    }
    lib.easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4_.c_str());
    lib.easy_setopt(curl, CURLOPT_USERNAME, signing_->access_key_id.c_str());
    lib.easy_setopt(curl, CURLOPT_PASSWORD, signing_->secret_access_key.c_str());
    lib.easy_setopt(curl, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(headers_));
  }
  if (method == Method::kHead) {
    lib.easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    range = std::to_string(offset) + "-" + std::to_string(offset + out.size() - 1);
    lib.easy_setopt(curl, CURLOPT_RANGE, range.c_str());
  }
  if (options_.counters) options_.counters->requests++;
  CURLcode code = lib.easy_perform(curl);
  lib.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  curl_off_t length = -1;
  lib.easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  response.content_length = int64_t(length);
  if (options_.counters) options_.counters->bytes_fetched += response.received;
  GiveBack(curl);

  std::string where = "'" + url + "': ";
  if (code == CURLE_WRITE_ERROR && response.overflow && response.status == 200) {
    return {ErrorCode::kUnsupported,
            where + "the server does not support range requests (HTTP 200 for a range)"};
  }
  // An error page longer than the range asked for: what counts is its status, below.
  bool error_page = response.overflow && response.status >= 300;
  if (code != CURLE_OK && !error_page) {
    transient = IsTransient(code);
    return {ErrorCode::kIoError, where + lib.easy_strerror(code)};
  }
  long status = response.status;
  if (status == 404 || status == 410) {
    return {ErrorCode::kNotFound, where + "not found (HTTP " + std::to_string(status) + ")"};
  }
  if (status == 401 || status == 403) {
    return {ErrorCode::kIoError, where + "access denied (HTTP " + std::to_string(status) + ")"};
  }
  if (status == 416) {
    return {ErrorCode::kTruncated, where + "range " + range +
                                       " not satisfiable (HTTP 416): the file is shorter "
                                       "than when it was opened"};
  }
  if (status >= 500 || status == 429 || status == 408) {
    transient = true;
    return {ErrorCode::kIoError, where + "server error (HTTP " + std::to_string(status) + ")"};
  }
  if (method == Method::kHead) {
    if (status != 200) {
      return {ErrorCode::kIoError, where + "unexpected HTTP " + std::to_string(status)};
    }
    return Status::Ok();
  }
  if (status == 200) {
    // A whole file that happens to be the range asked for is fine; anything else is not.
    if (offset == 0 && response.received == out.size() &&
        response.content_length == int64_t(out.size())) {
      return Status::Ok();
    }
    return {ErrorCode::kUnsupported,
            where + "the server does not support range requests (HTTP 200 for a range)"};
  }
  if (status != 206) {
    return {ErrorCode::kIoError, where + "unexpected HTTP " + std::to_string(status)};
  }
  if (ContentRangeStart(response.content_range) != int64_t(offset) ||
      response.received != out.size()) {
    transient = true;  // a truncated body or a misplaced range: never returned as data
    return {ErrorCode::kIoError, where + "got " + std::to_string(response.received) +
                                     " bytes of the " + std::to_string(out.size()) +
                                     " asked for at offset " + std::to_string(offset)};
  }
  return Status::Ok();
}

Status HttpClient::WithRetries(Method method, const std::string& url, uint64_t offset,
                               std::span<uint8_t> out, Response& response) {
  auto pause = options_.first_backoff;
  int attempts = std::max(1, options_.max_attempts);
  Status status;
  for (int attempt = 1;; ++attempt) {
    bool transient = false;
    status = Attempt(method, url, offset, out, response, transient);
    if (status.ok() || !transient) return status;
    if (attempt >= attempts) break;
    if (options_.counters) options_.counters->retries++;
    std::this_thread::sleep_for(pause);
    pause = std::min<std::chrono::milliseconds>(pause * 2, std::chrono::seconds(5));
  }
  return {status.code(), status.message() + " (after " + std::to_string(attempts) + " attempts)"};
}

Status HttpClient::Size(const std::string& url, uint64_t& size) {
  Response response;
  Status status = WithRetries(Method::kHead, url, 0, {}, response);
  if (status.ok() && response.content_length >= 0) {
    size = uint64_t(response.content_length);
    return status;
  }
  bool refused = response.status == 403 || response.status == 405 || response.status == 501;
  if (!status.ok() && !refused) return status;
  // HEAD refused (a presigned GET URL) or without a length: ask for the first byte.
  uint8_t first = 0;
  status = WithRetries(Method::kRange, url, 0, std::span<uint8_t>(&first, 1), response);
  if (!status.ok()) return status;
  int64_t total =
      response.status == 206 ? ContentRangeTotal(response.content_range) : response.content_length;
  if (total < 0) return {ErrorCode::kUnsupported, "'" + url + "': the server gives no size"};
  size = uint64_t(total);
  return Status::Ok();
}

Status HttpClient::GetRange(const std::string& url, uint64_t offset, std::span<uint8_t> out) {
  if (out.empty()) return Status::Ok();
  Response response;
  return WithRetries(Method::kRange, url, offset, out, response);
}

}  // namespace vrsx::io
