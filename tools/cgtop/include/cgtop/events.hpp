// Cgroup events without polling: inotify on v2 memory.events / cgroup.events / pids.events (the kernel signals a
// modification when a counter changes), and on v1 an eventfd registered through cgroup.event_control for
// memory.oom_control (the kernel writes to the eventfd when the cgroup goes OOM).
#pragma once

#include <string>
#include <vector>

#include "virtlab/fd.hpp"
#include "virtlab/kernel/cgroup.hpp"

namespace virtlab::cgtop {

class EventWatcher {
 public:
  // Watches what exists for this cgroup; files that are missing are skipped (listed in watched()).
  explicit EventWatcher(const kernel::ScopedCgroup& cgroup);
  EventWatcher(const EventWatcher&) = delete;
  EventWatcher& operator=(const EventWatcher&) = delete;

  // Descriptors to poll for POLLIN.
  std::vector<int> fds() const;
  // Drains whatever is readable and names the files that changed: "memory.events", "memory.oom_control",
  // "pids.events", "cgroup.events".
  std::vector<std::string> drain();
  // "inotify memory.events (v2)", "eventfd memory.oom_control (v1)" …
  const std::vector<std::string>& watched() const noexcept { return watched_; }

 private:
  virtlab::UniqueFd inotify_;
  virtlab::UniqueFd oom_eventfd_;
  virtlab::UniqueFd oom_control_;                     // must stay open while the eventfd is registered
  std::vector<std::pair<int, std::string>> watches_;  // wd → file name
  std::vector<std::string> watched_;
};

}  // namespace virtlab::cgtop
