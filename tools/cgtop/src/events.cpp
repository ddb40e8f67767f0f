#include "cgtop/events.hpp"

#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>
#include <cerrno>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"

namespace virtlab::cgtop {

EventWatcher::EventWatcher(const kernel::ScopedCgroup& cgroup) {
  inotify_.reset(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
  if (!inotify_) virtlab::throw_errno("inotify_init1 for cgroup events");
  virtlab::explain("inotify_init1", "IN_NONBLOCK|IN_CLOEXEC", "fd " + std::to_string(inotify_.get()),
                   "cgroup event files signal a modification when their counters change");
  auto watch = [&](const std::string& dir, const char* file, const char* version) {
    if (dir.empty()) return;
    std::string path = dir + "/" + file;
    int wd = ::inotify_add_watch(inotify_.get(), path.c_str(), IN_MODIFY);
    int err = errno;
    virtlab::explain("inotify_add_watch", path + ", IN_MODIFY",
                     wd >= 0 ? "wd " + std::to_string(wd) : virtlab::errno_result(err));
    if (wd >= 0) {
      watches_.emplace_back(wd, file);
      watched_.push_back(std::string("inotify ") + file + " (" + version + ")");
    }
  };
  std::string unified = cgroup.unified_directory();
  std::string mem = cgroup.directory_for("memory");
  std::string pids = cgroup.directory_for("pids");
  bool mem_v2 = !mem.empty() && mem == unified;
  if (mem_v2) watch(mem, "memory.events", "v2");
  if (!pids.empty()) watch(pids, "pids.events", pids == unified ? "v2" : "v1");
  if (!unified.empty()) watch(unified, "cgroup.events", "v2");

  if (!mem.empty() && !mem_v2) {
    // v1: eventfd + cgroup.event_control "<eventfd> <fd of memory.oom_control>"
    oom_eventfd_.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    virtlab::explain("eventfd", "0, EFD_NONBLOCK|EFD_CLOEXEC",
                     oom_eventfd_ ? "fd " + std::to_string(oom_eventfd_.get()) : virtlab::errno_result(errno));
    oom_control_ = virtlab::open_optional(mem + "/memory.oom_control", O_RDONLY);
    if (oom_eventfd_ && oom_control_) {
      std::string line = std::to_string(oom_eventfd_.get()) + " " + std::to_string(oom_control_.get());
      try {
        virtlab::write_file(mem + "/cgroup.event_control", line);
        watched_.push_back("eventfd memory.oom_control (v1, via cgroup.event_control)");
      } catch (const virtlab::Error&) {
        oom_eventfd_.reset();  // event_control is gone on some kernels; the sampler still reads oom_kill
      }
    }
  }
  for (const auto& w : watched_) virtlab::Explain::instance().note("watching " + w);
}

std::vector<int> EventWatcher::fds() const {
  std::vector<int> out;
  if (inotify_) out.push_back(inotify_.get());
  if (oom_eventfd_) out.push_back(oom_eventfd_.get());
  return out;
}

std::vector<std::string> EventWatcher::drain() {
  std::vector<std::string> changed;
  auto add = [&](const std::string& name) {
    for (const auto& c : changed)
      if (c == name) return;
    changed.push_back(name);
  };
  if (inotify_) {
    alignas(inotify_event) char buf[4096];
    for (;;) {
      ssize_t n = ::read(inotify_.get(), buf, sizeof buf);
      if (n <= 0) break;
      for (ssize_t off = 0; off < n;) {
        auto* e = reinterpret_cast<inotify_event*>(buf + off);
        for (const auto& [wd, name] : watches_)
          if (wd == e->wd && (e->mask & IN_MODIFY)) add(name);
        off += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      }
    }
  }
  if (oom_eventfd_) {
    std::uint64_t count = 0;
    if (::read(oom_eventfd_.get(), &count, sizeof count) == sizeof count && count > 0) add("memory.oom_control");
  }
  return changed;
}

}  // namespace virtlab::cgtop
