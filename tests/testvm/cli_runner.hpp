// Runs the real testvm binary for the CLI and VM tests, in a private TMPDIR so that every QEMU it starts can be
// found afterwards by its argv (the run directory lives under that TMPDIR).
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace testvm_test {

inline std::string testvm_binary() {
  return std::string(VIRTLAB_BINARY_DIR) + "/bin/testvm";
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CliResult {
  int exit_code = -1;
  std::string out, err;
};

class CliRun {
 public:
  CliRun() {
    std::string templ = std::filesystem::temp_directory_path().string() + "/testvm-test.XXXXXX";
    dir_ = ::mkdtemp(templ.data());
    tmpdir_ = dir_ + "/tmp";
    std::filesystem::create_directories(tmpdir_);
  }
  ~CliRun() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Starts testvm with `args`; extra environment "NAME=VALUE" entries on top of ours.
  void start(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv = {testvm_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setenv("TMPDIR", tmpdir_.c_str(), 1);
      for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
      int out = ::open((dir_ + "/out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = ::open((dir_ + "/err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(out, 1);
      ::dup2(err, 2);
      std::vector<char*> c;
      for (auto& a : argv) c.push_back(a.data());
      c.push_back(nullptr);
      ::execv(c[0], c.data());
      _exit(127);
    }
  }

  CliResult wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    CliResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(dir_ + "/out");
    r.err = slurp(dir_ + "/err");
    return r;
  }

  CliResult run(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    start(args, env);
    return wait();
  }

  pid_t pid() const { return pid_; }
  const std::string& tmpdir() const { return tmpdir_; }

  // Pids of live processes whose command line mentions our private TMPDIR (QEMU's -initrd points into it).
  std::vector<pid_t> processes_using_tmpdir() const {
    std::vector<pid_t> found;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
      std::string name = entry.path().filename().string();
      if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
      std::string cmdline = slurp(entry.path().string() + "/cmdline");
      std::string stat = slurp(entry.path().string() + "/stat");
      if (stat.find(") Z ") != std::string::npos) continue;  // zombie: not running
      if (cmdline.find(tmpdir_) != std::string::npos) found.push_back(std::stoi(name));
    }
    return found;
  }

  bool tmpdir_is_empty() const { return std::filesystem::is_empty(tmpdir_); }

 private:
  std::string dir_, tmpdir_;
  pid_t pid_ = -1;
};

}  // namespace testvm_test
