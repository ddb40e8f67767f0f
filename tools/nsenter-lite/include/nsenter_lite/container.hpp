// `nsenter-lite run`: a minimal container built from scratch in the order a real runtime (runc/crun) uses,
// every step logged with its syscall, arguments and result and mapped to the notes' Docker → containerd → runc flow.
#pragma once

#include <sys/types.h>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "virtlab/json.hpp"

namespace virtlab::nsenter_lite {

struct RunOptions {
  std::string rootfs;               // a directory, "busybox", or "" when only --layers are given
  std::vector<std::string> layers;  // bottom → top; "busybox" allowed as a layer
  std::string upper;                // writable layer to keep ("" = a temporary one, removed at exit)
  std::string hostname = "container";
  std::string net = "none";  // none | veth
  std::string veth_name;     // host end; default "vl-c<pid>"
  std::optional<double> cpu_cores;
  std::optional<std::uint64_t> memory_bytes;
  std::optional<std::uint64_t> pids_max;
  std::string seccomp = "default";
  bool seccomp_watch = false;
  std::vector<std::string> cap_drop;
  bool rootless = false;
  bool use_chroot = false;
  // Time namespace (CLONE_NEWTIME): offsets in seconds added to CLOCK_MONOTONIC / CLOCK_BOOTTIME inside (uptime).
  std::optional<long long> monotonic_offset;
  std::optional<long long> boottime_offset;  // teach the difference: chroot(2) instead of pivot_root(2)
  // container stdout → our stderr so stdout holds only the document; RunResult's report and seconds are made only
  // then (a plain run skips the clock reads and the JSON it would not print)
  bool json = false;
  std::string cache_dir = "/var/cache/virtlab";
  std::vector<std::string> argv;  // the command
};

struct RunResult {
  int exit_code = 0;  // the container's exit status, or 128+signal
  int signal = 0;
  pid_t host_pid = 0;
  double seconds = 0;    // clone → exit (with RunOptions::json)
  virtlab::Json report;  // the "container" object of the JSON document (with RunOptions::json)
  virtlab::Json seccomp_events = virtlab::Json::array();
};

// Pure helpers (unit-tested).
std::vector<std::string> split_layers(std::string_view text);  // "a:b:c" → {a,b,c}; empty parts rejected (usage)
// overlayfs takes lowerdir top-first; our layers are listed bottom-first like a Dockerfile.
std::string overlay_mount_options(const std::vector<std::string>& layers_bottom_up, const std::string& upper,
                                  const std::string& work);
std::string id_map_line(unsigned inside, unsigned outside, unsigned count);  // "0 65534 1\n"
// The text written to /proc/self/timens_offsets: "monotonic <s> 0\nboottime <s> 0\n" (only the clocks given).
std::string timens_offsets_text(std::optional<long long> monotonic_s, std::optional<long long> boottime_s);
// A /30 per container so concurrent containers do not collide: {host "10.200.X.Y/30", container ".../30"}.
std::pair<std::string, std::string> veth_addresses(pid_t pid);

// Builds (once, cached) a tiny root filesystem from busybox-static: bin/busybox + applet links, proc, sys, dev,
// etc/{passwd,group,hostname}, tmp. Returns its path (under cache_dir/nsenter-lite/).
std::string ensure_busybox_rootfs(const std::string& cache_dir);
// Resolves the command the way execve will see it inside the root (openat2 RESOLVE_IN_ROOT, so absolute symlinks
// stay inside). Returns the in-container path; throws not_found with a fix when it is missing or not executable.
std::string resolve_command_in_root(const std::string& root, const std::string& command);

// When the seccomp spec says "show": the PFC text of the filter (no container is started).
std::string seccomp_pfc_for(const std::string& spec);

RunResult run_container(const RunOptions& options);

}  // namespace virtlab::nsenter_lite
