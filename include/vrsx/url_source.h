// Reads recordings where they live: http://, https:// and s3:// URLs, fetched with HTTP range
// requests through a bounded block cache (docs/http.md).
//
//   vrsx::UrlOptions options;
//   options.cache_size = 256 << 20;
//   std::shared_ptr<const vrsx::FileSource> source;
//   vrsx::Status s = vrsx::OpenUrl("https://example.org/data/rec.vrs", options, source);
//
// Built without libcurl (VRSX_WITH_CURL=OFF), OpenUrl returns ErrorCode::kUnsupported.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "vrsx/file_source.h"
#include "vrsx/status.h"

namespace vrsx {

// What a URL source did, for benchmarks and tests: counts only grow.
struct UrlCounters {
  std::atomic<uint64_t> requests{0};       // HTTP requests sent (HEAD and GET, retries included)
  std::atomic<uint64_t> bytes_fetched{0};  // body bytes received
  std::atomic<uint64_t> retries{0};        // requests sent again after a transient failure
};

struct UrlOptions {
  // Bytes are fetched and cached in aligned blocks of this size.
  size_t block_size = 64 << 10;
  // At most this many bytes of blocks are kept (least recently used ones go first).
  size_t cache_size = 64 << 20;
  // Sequential reads fetch ever more blocks at once, up to this many bytes per request.
  size_t max_read_ahead = 8 << 20;
  // Attempts per request, with a doubling pause from `first_backoff`, on transient failures
  // (connection refused or reset, timeouts, truncated bodies, 5xx, 429).
  int max_attempts = 5;
  std::chrono::milliseconds first_backoff{100};
  std::chrono::milliseconds connect_timeout{10000};
  // A request that receives nothing for this long is abandoned (and retried).
  std::chrono::milliseconds stall_timeout{15000};
  // Probes `name_1`, `name_2`... with HEAD requests for a `.vrs` (or `_0`) URL without a query.
  bool find_chunks = true;
  // The S3-compatible endpoint for s3://bucket/key (read as <endpoint>/bucket/key); empty: the
  // environment variable VRSX_S3_ENDPOINT (or AWS_ENDPOINT_URL).
  std::string s3_endpoint;
  // Credentials for s3:// URLs, whose requests libcurl then signs (AWS Signature Version 4).
  // Without an access key here, the environment's AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
  // AWS_SESSION_TOKEN; without one there either, requests are anonymous. The region: s3_region,
  // else AWS_REGION or AWS_DEFAULT_REGION, else us-east-1. http(s):// URLs are never signed.
  std::string s3_access_key_id;
  std::string s3_secret_access_key;
  std::string s3_session_token;
  std::string s3_region;
  // Optional: filled in by the source.
  std::shared_ptr<UrlCounters> counters;
};

Status OpenUrl(const std::string& url, const UrlOptions& options,
               std::shared_ptr<const FileSource>& out);

}  // namespace vrsx
