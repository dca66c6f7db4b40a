#include "support/loopback_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#ifndef VRSX_FAULT_PROXY
#define VRSX_FAULT_PROXY "fault_proxy.py"
#endif

namespace vrsx::testing {

namespace {

bool Connects(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(uint16_t(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

}  // namespace

void ChildProcess::Start(const std::vector<std::string>& argv) {
  Stop();
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::execv(args[0], args.data());
    ::_exit(127);
  }
}

ChildProcess::~ChildProcess() {
  Stop();
}

void ChildProcess::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

bool WaitForPort(int port, double seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Connects(port)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

NginxServer::NginxServer(const std::vector<std::pair<std::string, std::string>>& folders) {
  if (::access(kBinary, X_OK) != 0) return;
  char pattern[] = "/tmp/vrsx-nginx-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) return;
  dir_ = pattern;
  int port = FreePort();
  std::ostringstream conf;
  conf << "daemon off;\nmaster_process off;\nworker_processes 1;\npid " << dir_
       << "/nginx.pid;\nerror_log " << dir_ << "/error.log;\nevents { worker_connections 256; }\n"
       << "http {\n  access_log off;\n  default_type application/octet-stream;\n"
       << "  keepalive_requests 100000;\n";
  for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
    conf << "  " << temp << "_temp_path " << dir_ << "/" << temp << ";\n";
  }
  conf << "  server {\n    listen 127.0.0.1:" << port << ";\n";
  for (const auto& [prefix, folder] : folders) {
    conf << "    location /" << prefix << "/ { alias " << folder << "/; }\n";
    if (prefix == "golden")
      conf << "    location /norange/ { alias " << folder << "/; max_ranges 0; }\n";
  }
  conf << "    location /forbidden/ { return 403; }\n  }\n}\n";
  std::ofstream(dir_ + "/nginx.conf") << conf.str();
  process_.Start({kBinary, "-p", dir_, "-e", dir_ + "/error.log", "-c", dir_ + "/nginx.conf"});
  if (WaitForPort(port, 10)) port_ = port;
}

NginxServer::~NginxServer() {
  process_.Stop();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

std::string NginxServer::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
}

std::string NginxServer::ErrorLog() const {
  std::ifstream in(dir_ + "/error.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

FaultProxy::FaultProxy(int upstream_port, const std::string& fault, int every, double slow_seconds,
                       const std::string& sigv4) {
  if (::access("/usr/bin/python3", X_OK) != 0) return;
  int port = FreePort();
  process_.Start({"/usr/bin/python3", VRSX_FAULT_PROXY, "--port", std::to_string(port),
                  "--upstream", std::to_string(upstream_port), "--fault", fault, "--every",
                  std::to_string(every), "--slow", std::to_string(slow_seconds), "--sigv4", sigv4});
  if (WaitForPort(port, 10)) port_ = port;
}

std::string FaultProxy::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
}

}  // namespace vrsx::testing
