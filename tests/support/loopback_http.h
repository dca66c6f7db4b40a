// Web servers on loopback for the URL tests and the bench, started and stopped by them: Debian's
// nginx (with range support) serving folders under a generated config, and a fault-injecting
// proxy (fault_proxy.py) between a client and it.
//
//   vrsx::testing::NginxServer nginx({{"golden", golden_dir}});
//   if (!nginx.ok()) SKIP;  // no /usr/sbin/nginx
//   std::string url = nginx.Url("golden/sample_file.vrs");
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace vrsx::testing {

// A child process killed (SIGTERM, then SIGKILL) and reaped by the destructor.
class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Runs argv[0] (an absolute path) with these arguments.
  void Start(const std::vector<std::string>& argv);
  void Stop();

 private:
  pid_t pid_ = -1;
};

// Whether something accepts TCP connections on 127.0.0.1:port, waiting up to `seconds`.
bool WaitForPort(int port, double seconds);
// A loopback port that nothing listens on now.
int FreePort();

class NginxServer {
 public:
  static constexpr const char* kBinary = "/usr/sbin/nginx";
  // Serves each folder at /<prefix>/, the golden one also at /norange/ (no range support) and
  // returns 403 under /forbidden/.
  explicit NginxServer(const std::vector<std::pair<std::string, std::string>>& folders);
  ~NginxServer();
  bool ok() const { return port_ > 0; }
  int port() const { return port_; }
  std::string Url(const std::string& path) const;
  // The server's error log, for failure messages.
  std::string ErrorLog() const;

 private:
  std::string dir_;
  int port_ = -1;
  ChildProcess process_;
};

// fault_proxy.py on a loopback port, forwarding to `upstream_port`: every `every`-th request
// (1st, every+1th...) gets `fault`: "drop" (connection closed, no answer), "truncate" (half the
// body), "503", "slow" (`slow_seconds` before answering), "none". With `sigv4`
// ("KEY:SECRET:REGION[:TOKEN]"), a private S3 bucket: requests not signed with those credentials
// (AWS Signature Version 4) get 403.
class FaultProxy {
 public:
  FaultProxy(int upstream_port, const std::string& fault, int every, double slow_seconds = 3,
             const std::string& sigv4 = "");
  bool ok() const { return port_ > 0; }
  std::string Url(const std::string& path) const;

 private:
  int port_ = -1;
  ChildProcess process_;
};

}  // namespace vrsx::testing
