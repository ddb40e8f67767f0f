// Runs the real nsenter-lite binary and captures its output and exit code (integration tests).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <dirent.h>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace nsl_test {

struct Output {
  std::string text;  // stdout (and stderr when merged)
  int exit_code = -1;
};

inline Output run(const std::string& args, bool merge_stderr = true) {
  std::string cmd = std::string("exec ") + NSENTER_LITE_BINARY + " " + args + (merge_stderr ? " 2>&1" : " 2>/dev/null");
  Output out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.text.append(buf, n);
  int status = pclose(p);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return out;
}

// Everything nsenter-lite may create, so tests can assert nothing is left behind.
inline std::vector<std::string> leftovers() {
  std::vector<std::string> found;
  auto scan = [&](const std::string& dir, const std::string& prefix) {
    if (DIR* d = opendir(dir.c_str())) {
      while (auto* e = readdir(d)) {
        std::string n = e->d_name;
        if (n.rfind(prefix, 0) == 0) found.push_back(dir + "/" + n);
      }
      closedir(d);
    }
  };
  scan("/sys/class/net", "vl-");
  scan("/run/netns", "vl-");
  scan("/run/virtlab/nsenter-lite", "");
  for (const char* h : {"memory", "pids", "cpu", "unified", ""}) {
    std::string base = std::string("/sys/fs/cgroup/") + h + "/virtlab";
    scan(base, "nsenter-lite-");
  }
  std::vector<std::string> out;
  for (auto& f : found)
    if (f.find("/.") == std::string::npos) out.push_back(f);
  return out;
}

}  // namespace nsl_test
