// Reading over HTTP: nginx on loopback serves the golden files (and files the tests write); the
// CLI and the Reader must give what they give for the local files, retry transient faults that
// a proxy injects, and report the others clearly. Skipped (with a warning) without nginx.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "golden/cli_runner.h"
#include "support/loopback_http.h"
#include "support/vrs_file_builder.h"
#include "vrsx/reader.h"
#include "vrsx/url_source.h"

namespace {

using vrsx::testing::FaultProxy;
using vrsx::testing::NginxServer;

const std::string kFiles = std::string(VRSX_GOLDEN_DIR) + "/files";

const vrsx::testing::ScratchDir& Scratch() {
  static vrsx::testing::ScratchDir scratch("vrsx-http-");
  return scratch;
}

const NginxServer& Server() {
  static NginxServer server({{"golden", kFiles}, {"scratch", Scratch().path()}});
  return server;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// `check` says how long it took: "Checked 307 records in 3ms," becomes "... in <time>,".
std::string WithoutDurations(const std::string& text) {
  static const std::regex kDuration("(Checked [0-9]+ records in )[^,]+,");
  return std::regex_replace(text, kDuration, "$1<time>,");
}

// Fast failures for the fault tests: a stalled request is abandoned after one second.
vrsx::UrlOptions FaultOptions() {
  vrsx::UrlOptions options;
  options.max_attempts = 4;
  options.first_backoff = std::chrono::milliseconds(10);
  options.stall_timeout = std::chrono::milliseconds(1000);
  options.connect_timeout = std::chrono::milliseconds(2000);
  options.block_size = 16 << 10;
  options.counters = std::make_shared<vrsx::UrlCounters>();
  return options;
}

// Every record of `url` (read through `options`) equals the local file's.
void CheckSameRecords(const std::string& local_path, const std::string& url,
                      const vrsx::UrlOptions& options) {
  vrsx::Reader local;
  REQUIRE(local.Open(local_path).ok());
  std::shared_ptr<const vrsx::FileSource> source;
  vrsx::Status status = vrsx::OpenUrl(url, options, source);
  INFO(status.message());
  REQUIRE(status.ok());
  vrsx::Reader remote;
  status = remote.Open(source);
  INFO(status.message());
  REQUIRE(status.ok());
  REQUIRE(remote.total_size() == local.total_size());
  REQUIRE(remote.chunks().size() == local.chunks().size());
  REQUIRE(remote.index().size() == local.index().size());
  REQUIRE(remote.streams() == local.streams());
  std::vector<uint8_t> expected, got;
  for (size_t i = 0; i < local.index().size(); ++i) {
    REQUIRE(remote.index()[i].offset == local.index()[i].offset);
    REQUIRE(local.ReadRecord(i, expected).ok());
    status = remote.ReadRecord(i, got);
    INFO("record " << i << ": " << status.message());
    REQUIRE(status.ok());
    REQUIRE(got == expected);
  }
}

// False in a build without libcurl (VRSX_WITH_CURL=OFF).
bool UrlSupport() {
  vrsx::UrlOptions once;
  once.max_attempts = 1;
  std::shared_ptr<const vrsx::FileSource> source;
  return vrsx::OpenUrl("http://127.0.0.1:1/x", once, source).code() !=
         vrsx::ErrorCode::kUnsupported;
}

#define REQUIRE_NGINX()                                    \
  if (!UrlSupport()) {                                     \
    WARN("skipped: built without URL support");            \
    return;                                                \
  }                                                        \
  if (!Server().ok()) {                                    \
    WARN("skipped: can't start " << NginxServer::kBinary); \
    return;                                                \
  }

}  // namespace

TEST_CASE("http: CLI outputs over HTTP equal local reads for the golden files") {
  REQUIRE_NGINX();
  const std::vector<std::string> files = {"sample_file.vrs", "chunks.vrs", "gen-lz4fast.vrs",
                                          "sample_raw_pixel_formats.vrs", "gen-chunked.vrs"};
  const std::vector<std::vector<std::string>> commands = {{"list"},
                                                          {"check"},
                                                          {"checksum"},
                                                          {"checksums"},
                                                          {"checksum-verbatim"},
                                                          {"details"},
                                                          {"json-description"},
                                                          {"record-formats"},
                                                          {"print-details", "--first-records", "2"},
                                                          {"debug"},
                                                          {"hexdump", "--first-records", "1"}};
  for (const std::string& file : files) {
    std::string local = kFiles + "/" + file;
    std::string url = Server().Url("golden/" + file);
    for (const std::vector<std::string>& command : commands) {
      std::vector<std::string> local_args = command, url_args = command;
      local_args.insert(local_args.begin() + 1, local);
      url_args.insert(url_args.begin() + 1, url);
      vrsx::testing::CliResult expected = vrsx::testing::RunCli(local_args);
      vrsx::testing::CliResult got = vrsx::testing::RunCli(url_args, {}, {}, 60);
      INFO(command[0] << " " << file << ": " << got.err);
      CHECK(got.exit_code == expected.exit_code);
      CHECK(WithoutDurations(ReplaceAll(got.out, url, local)) == WithoutDurations(expected.out));
    }
  }
}

TEST_CASE("http: the Reader reads every record of a URL like the local file") {
  REQUIRE_NGINX();
  vrsx::UrlOptions small_blocks;
  small_blocks.block_size = 4096;
  small_blocks.cache_size = 64 << 10;  // evictions on every file
  for (const char* file : {"sample_file.vrs", "chunks.vrs", "gen-zmedium-async.vrs"}) {
    INFO(file);
    CheckSameRecords(kFiles + "/" + file, Server().Url(std::string("golden/") + file), {});
    CheckSameRecords(kFiles + "/" + file, Server().Url(std::string("golden/") + file),
                     small_blocks);
  }
}

TEST_CASE("http: chunked recordings are found by HEAD; s3:// goes through its endpoint") {
  REQUIRE_NGINX();
  vrsx::Reader local;
  REQUIRE(local.Open(kFiles + "/chunks.vrs").ok());
  vrsx::UrlOptions options;
  options.s3_endpoint = Server().Url("");
  std::shared_ptr<const vrsx::FileSource> source;
  vrsx::Status status = vrsx::OpenUrl("s3://golden/chunks.vrs", options, source);
  INFO(status.message());
  REQUIRE(status.ok());
  std::vector<vrsx::ChunkInfo> chunks = source->chunks();
  REQUIRE(chunks.size() == 3);
  CHECK(chunks[0].path == "s3://golden/chunks.vrs");
  CHECK(chunks[2].path == "s3://golden/chunks.vrs_2");
  for (size_t i = 0; i < chunks.size(); ++i) CHECK(chunks[i].size == local.chunks()[i].size);
  CheckSameRecords(kFiles + "/chunks.vrs", "s3://golden/chunks.vrs", options);
  // Without an endpoint, s3:// says what to set.
  unsetenv("VRSX_S3_ENDPOINT");
  unsetenv("AWS_ENDPOINT_URL");
  status = vrsx::OpenUrl("s3://golden/chunks.vrs", {}, source);
  CHECK(status.code() == vrsx::ErrorCode::kInvalidArgument);
  CHECK(status.message().find("VRSX_S3_ENDPOINT") != std::string::npos);
}

// A private bucket: the proxy answers 403 to any request not signed with these credentials.
TEST_CASE("s3: requests are signed with the options' or the environment's credentials") {
  REQUIRE_NGINX();
  FaultProxy bucket(Server().port(), "none", 1, 3.0, "AKIDVRSX:s3cr3t/key:eu-west-3:session-token");
  if (!bucket.ok()) {
    WARN("skipped: can't start the fault proxy (python3)");
    return;
  }
  // Its verdicts mean something: it computes AWS's own example (GET Object) as AWS does.
  std::string self_test = std::string("/usr/bin/python3 '") + VRSX_FAULT_PROXY_PATH +
                          "' --port 0 --upstream 0 --sigv4-self-test";
  REQUIRE(std::system(self_test.c_str()) == 0);
  unsetenv("AWS_ACCESS_KEY_ID");
  unsetenv("AWS_SECRET_ACCESS_KEY");
  unsetenv("AWS_SESSION_TOKEN");
  unsetenv("AWS_REGION");
  unsetenv("AWS_DEFAULT_REGION");
  vrsx::UrlOptions options;
  options.s3_endpoint = bucket.Url("");
  options.s3_access_key_id = "AKIDVRSX";
  options.s3_secret_access_key = "s3cr3t/key";
  options.s3_session_token = "session-token";
  options.s3_region = "eu-west-3";
  // Signed HEADs find the chunks, signed range GETs read them.
  std::shared_ptr<const vrsx::FileSource> source;
  vrsx::Status status = vrsx::OpenUrl("s3://golden/chunks.vrs", options, source);
  INFO(status.message());
  REQUIRE(status.ok());
  CHECK(source->chunks().size() == 3);
  CheckSameRecords(kFiles + "/chunks.vrs", "s3://golden/chunks.vrs", options);

  auto refused = [&](const vrsx::UrlOptions& tried) {
    vrsx::UrlOptions quick = tried;
    quick.max_attempts = 1;
    std::shared_ptr<const vrsx::FileSource> none;
    vrsx::Status result = vrsx::OpenUrl("s3://golden/sample_file.vrs", quick, none);
    INFO(result.message());
    return !result.ok() && result.message().find("HTTP 403") != std::string::npos;
  };
  vrsx::UrlOptions wrong = options;
  wrong.s3_secret_access_key = "not-the-secret";
  CHECK(refused(wrong));
  wrong = options;
  wrong.s3_region = "us-east-1";
  CHECK(refused(wrong));
  wrong = options;
  wrong.s3_session_token.clear();
  CHECK(refused(wrong));
  vrsx::UrlOptions anonymous;
  anonymous.s3_endpoint = options.s3_endpoint;
  CHECK(refused(anonymous));

  // The same credentials from the environment.
  setenv("AWS_ACCESS_KEY_ID", "AKIDVRSX", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "s3cr3t/key", 1);
  setenv("AWS_SESSION_TOKEN", "session-token", 1);
  setenv("AWS_DEFAULT_REGION", "eu-west-3", 1);
  CHECK_FALSE(refused(anonymous));
  CheckSameRecords(kFiles + "/sample_file.vrs", "s3://golden/sample_file.vrs", anonymous);
  // An http:// URL is never signed, whatever credentials there are.
  vrsx::Reader reader;
  status = reader.Open(bucket.Url("golden/sample_file.vrs"));
  CHECK(status.message().find("HTTP 403") != std::string::npos);
  // A key without its secret is a mistake to report, not a reason to go anonymous.
  unsetenv("AWS_SECRET_ACCESS_KEY");
  status = vrsx::OpenUrl("s3://golden/sample_file.vrs", anonymous, source);
  CHECK(status.code() == vrsx::ErrorCode::kInvalidArgument);
  CHECK(status.message().find("secret access key") != std::string::npos);
  unsetenv("AWS_ACCESS_KEY_ID");
  unsetenv("AWS_SESSION_TOKEN");
  unsetenv("AWS_DEFAULT_REGION");
}

TEST_CASE("http: 404, 403, servers without ranges and refused connections give clear errors") {
  REQUIRE_NGINX();
  vrsx::Reader reader;
  vrsx::Status status = reader.Open(Server().Url("golden/no-such-file.vrs"));
  CHECK(status.code() == vrsx::ErrorCode::kNotFound);
  CHECK(status.message().find("HTTP 404") != std::string::npos);

  status = reader.Open(Server().Url("forbidden/sample_file.vrs"));
  CHECK(status.code() == vrsx::ErrorCode::kIoError);
  CHECK(status.message().find("HTTP 403") != std::string::npos);

  status = reader.Open(Server().Url("norange/sample_file.vrs"));
  CHECK(status.code() == vrsx::ErrorCode::kUnsupported);
  CHECK(status.message().find("does not support range requests") != std::string::npos);

  vrsx::UrlOptions quick = FaultOptions();
  quick.max_attempts = 2;
  std::shared_ptr<const vrsx::FileSource> source;
  int closed_port = vrsx::testing::FreePort();
  status =
      vrsx::OpenUrl("http://127.0.0.1:" + std::to_string(closed_port) + "/x.vrs", quick, source);
  CHECK(status.code() == vrsx::ErrorCode::kIoError);
  CHECK(status.message().find("after 2 attempts") != std::string::npos);
  CHECK(quick.counters->retries == 1);

  // The CLI says it too, and fails.
  vrsx::testing::CliResult cli =
      vrsx::testing::RunCli({"check", Server().Url("golden/no-such-file.vrs")}, {}, {}, 60);
  CHECK(cli.exit_code != 0);
  CHECK((cli.out + cli.err).find("404") != std::string::npos);
}

TEST_CASE("http: a file that shrank after it was opened gives HTTP 416, not wrong bytes") {
  REQUIRE_NGINX();
  std::string path = Scratch().File("shrinking.vrs");
  std::filesystem::copy_file(kFiles + "/sample_file.vrs", path,
                             std::filesystem::copy_options::overwrite_existing);
  vrsx::UrlOptions options;
  options.block_size = 4096;
  std::shared_ptr<const vrsx::FileSource> source;
  REQUIRE(vrsx::OpenUrl(Server().Url("scratch/shrinking.vrs"), options, source).ok());
  uint64_t size = source->size();
  REQUIRE(size > 3 * 4096);
  REQUIRE(::truncate(path.c_str(), off_t(4096)) == 0);
  std::vector<uint8_t> bytes(100);
  size_t got = 0;
  vrsx::Status status = source->ReadAt(size - 100, bytes, got);
  CHECK(status.code() == vrsx::ErrorCode::kTruncated);
  CHECK(status.message().find("HTTP 416") != std::string::npos);
}

TEST_CASE("http: injected faults are retried and give the right bytes") {
  REQUIRE_NGINX();
  for (const char* fault : {"drop", "truncate", "503", "slow"}) {
    INFO(fault);
    FaultProxy proxy(Server().port(), fault, 2, 3.0);
    if (!proxy.ok()) {
      WARN("skipped: can't start the fault proxy (python3)");
      return;
    }
    vrsx::UrlOptions options = FaultOptions();
    auto start = std::chrono::steady_clock::now();
    CheckSameRecords(kFiles + "/sample_file.vrs", proxy.Url("golden/sample_file.vrs"), options);
    CHECK(options.counters->retries > 0);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
  }
}

TEST_CASE("http: a server that always fails is reported after a bounded time, never a hang") {
  REQUIRE_NGINX();
  for (const char* fault : {"drop", "truncate", "503", "slow"}) {
    INFO(fault);
    FaultProxy proxy(Server().port(), fault, 1, 30.0);
    if (!proxy.ok()) {
      WARN("skipped: can't start the fault proxy (python3)");
      return;
    }
    vrsx::UrlOptions options = FaultOptions();
    options.max_attempts = 2;
    auto start = std::chrono::steady_clock::now();
    // HEAD requests have no body to truncate: the failure may come at the first read.
    std::shared_ptr<const vrsx::FileSource> source;
    vrsx::Status status = vrsx::OpenUrl(proxy.Url("golden/sample_file.vrs"), options, source);
    vrsx::Reader reader;
    if (status.ok()) status = reader.Open(source);
    CHECK(!status.ok());
    CHECK(status.message().find("after 2 attempts") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
  }
}
