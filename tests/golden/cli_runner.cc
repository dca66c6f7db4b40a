// Child processes with fork/execve and pipes, and mkdtemp scratch folders.
#include "golden/cli_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "golden/golden_files.h"

extern char** environ;

namespace vrsx::testing {

namespace fs = std::filesystem;

std::string CliResult::Describe() const {
  if (timed_out) return "timeout";
  if (term_signal != 0) return "signal " + std::to_string(term_signal);
  return "exit " + std::to_string(exit_code);
}

std::string CliPath() {
  return VRSX_CLI_PATH;
}

namespace {

std::string EnvName(const std::string& entry) {
  return entry.substr(0, entry.find('='));
}

std::vector<std::string> ChildEnvironment(const std::vector<std::string>& extra_env) {
  // Name -> entry; a later entry of a name replaces an earlier one.
  std::map<std::string, std::string> overrides = {{"TZ", "TZ=UTC"}};
  for (const std::string& entry : extra_env) overrides[EnvName(entry)] = entry;
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (!overrides.contains(EnvName(*e))) env.emplace_back(*e);
  }
  for (const auto& [name, entry] : overrides) env.push_back(entry);
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

CliResult RunCli(const std::vector<std::string>& args, const std::string& working_dir,
                 const std::vector<std::string>& extra_env, int timeout_seconds) {
  return RunProgram(CliPath(), args, working_dir, extra_env, timeout_seconds);
}

CliResult RunProgram(const std::string& program, const std::vector<std::string>& args,
                     const std::string& working_dir, const std::vector<std::string>& extra_env,
                     int timeout_seconds) {
  CliResult result;
  // Everything the child needs is prepared before fork: it only calls async-signal-safe functions.
  std::vector<std::string> argv_strings = {program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = ChildEnvironment(extra_env);
  std::vector<char*> argv = Pointers(argv_strings);
  std::vector<char*> envp = Pointers(env_strings);
  const std::string& binary = program;

  int out_pipe[2] = {-1, -1};
  int err_pipe[2] = {-1, -1};
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
  }
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    if (!working_dir.empty() && ::chdir(working_dir.c_str()) != 0) ::_exit(126);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    ::execve(binary.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  CloseFd(null_fd);
  CloseFd(out_pipe[1]);
  CloseFd(err_pipe[1]);

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int fds[2] = {out_pipe[0], err_pipe[0]};
  std::string* sinks[2] = {&result.out, &result.err};
  char buffer[65536];
  while (fds[0] >= 0 || fds[1] >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    pollfd polled[2];
    nfds_t count = 0;
    int which[2];
    for (int i = 0; i < 2; ++i) {
      if (fds[i] < 0) continue;
      polled[count] = {fds[i], POLLIN, 0};
      which[count++] = i;
    }
    int ready = ::poll(polled, count, int(std::min<long long>(left, 1000)));
    if (ready < 0 && errno != EINTR) break;
    for (nfds_t k = 0; ready > 0 && k < count; ++k) {
      if ((polled[k].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      int i = which[k];
      ssize_t n = ::read(fds[i], buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, size_t(n));
      } else if (n == 0 || errno != EINTR) {
        CloseFd(fds[i]);
      }
    }
  }
  CloseFd(fds[0]);
  CloseFd(fds[1]);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.term_signal = WTERMSIG(status);
  }
  if (result.timed_out) result.exit_code = -1;
  return result;
}

std::string StripProgress(const std::string& text) {
  static const std::string kReset = "\r\x1b[2K\r";
  std::string stripped;
  size_t i = 0;
  while (true) {
    size_t reset = text.find(kReset, i);
    if (reset == std::string::npos) {
      stripped.append(text, i, std::string::npos);
      break;
    }
    stripped.append(text, i, reset - i);
    size_t after = reset + kReset.size();
    size_t next_reset = text.find(kReset, after);
    size_t newline = text.find('\n', after);
    if (newline == std::string::npos) break;  // a last progress update, never completed
    // Text up to the next redraw is a progress update; text up to a newline is a result.
    i = next_reset != std::string::npos && next_reset < newline ? next_reset : after;
  }
  return stripped;
}

ScratchDir::ScratchDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/" + prefix + "XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp(" + pattern + "): " + std::strerror(errno));
  }
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string ScratchDir::Write(const std::string& name, const std::vector<uint8_t>& bytes) const {
  std::string path = File(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error("can't write " + path);
  return path;
}

std::string ScratchDir::Write(const std::string& name, const std::string& text) const {
  return Write(name, std::vector<uint8_t>(text.begin(), text.end()));
}

GoldenScratch::GoldenScratch() : ScratchDir("vrsx-golden-") {
  for (const fs::directory_entry& entry : fs::directory_iterator(GoldenDir() + "/files")) {
    if (!entry.is_regular_file()) continue;
    fs::path target = fs::path(path()) / entry.path().filename();
    fs::copy_file(entry.path(), target);
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
  }
  std::string text;
  static const char* kLines[] = {
      "This is a plain text file, not a VRS file.\n",
      "It has no VisionRecord magic numbers and no file header.\n",
      "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n",
  };
  for (size_t i = 0; text.size() < 4096; ++i) text += kLines[i % 3];
  text.resize(4095);
  text += '\n';
  Write("not-a-vrs.bin", text);
}

const GoldenScratch& SharedGoldenScratch() {
  static const GoldenScratch scratch;
  return scratch;
}

std::vector<uint8_t> ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("can't read " + path);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("can't read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace vrsx::testing
