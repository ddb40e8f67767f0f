// virtlab-runc's bookkeeping, compatible with what engines read from runc: the `state` document, the per-container
// state directory under --root (default /run/virtlab-runc), and runc's log lines (--log, --log-format text|json).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "virtlab/json.hpp"
#include "virtlab/stale.hpp"

namespace virtlab::nsenter_lite {

inline constexpr std::string_view kRuncDefaultRoot = "/run/virtlab-runc";

enum class ContainerStatus { creating, created, running, stopped };
std::string_view to_string(ContainerStatus status) noexcept;  // runc's words: "creating", "created", …

// What <root>/<id>/state.json keeps between the runtime's invocations.
struct ContainerState {
  std::string oci_version, id, bundle, rootfs;
  std::string created;  // RFC 3339 with nanoseconds, UTC ("2026-12-07T06:48:40.750284484Z")
  std::string owner;    // runc: "" for root's containers
  virtlab::Owner init;  // the container's pid 1 on the host, with its start time (a recycled pid is not ours)
  std::vector<std::string> cgroup_paths;  // what we made for linux.resources (removed by delete)
  std::map<std::string, std::string> annotations;
};

// Pure: the status from what is observed — the init's /proc/PID/stat (nullopt = gone) and whether it still waits
// for `start` (runc: the exec fifo exists).
ContainerStatus derive_status(const ContainerState& state, const std::optional<std::string>& init_stat,
                              bool waiting_for_start);

// runc's `state` document: ociVersion, id, pid (0 once stopped), status, bundle, rootfs, created, owner[, annotations].
virtlab::Json state_document(const ContainerState& state, ContainerStatus status);
virtlab::Json state_file_json(const ContainerState& state);
ContainerState parse_state_file(std::string_view text);  // throws failure naming the broken field

// Throws usage unless the id is 1–1024 of [A-Za-z0-9_+.-] and not "." or ".." (runc's rule; it becomes a path).
void validate_container_id(std::string_view id);

// RFC 3339 UTC with nanoseconds from CLOCK_REALTIME seconds + nanoseconds.
std::string rfc3339_nano(std::int64_t seconds, long nanoseconds);

// The state directory of each container: <root>/<id>/{state.json, exec.fifo}.
class StateStore {
 public:
  explicit StateStore(std::string root) : root_(std::move(root)) {}
  const std::string& root() const noexcept { return root_; }
  std::string dir(std::string_view id) const { return root_ + "/" + std::string(id); }
  std::string fifo(std::string_view id) const { return dir(id) + "/exec.fifo"; }
  // Makes <root>/<id> (0711, as runc): busy when the id is taken.
  void create_dir(std::string_view id) const;
  void save(const ContainerState& state) const;    // write + rename: a reader never sees half a file
  ContainerState load(std::string_view id) const;  // not_found with the fix when there is no such container
  void remove(std::string_view id) const;          // the directory and what is in it; quiet when already gone
  std::vector<std::string> ids() const;

 private:
  std::string root_;
};

// ---- runc's log ------------------------------------------------------------------------------------------------
enum class LogFormat { text, json };
LogFormat parse_log_format(std::string_view text);  // "text" | "json"; usage otherwise
// Pure: one line (with '\n') as runc's logrus writes it:
//   json: {"level":"error","msg":"…","time":"2026-12-07T06:48:40Z"}
//   text: time="2026-12-07T06:48:40Z" level=error msg="…"
std::string runc_log_line(LogFormat format, std::string_view level, std::string_view message, std::string_view time);

// Where the engine reads our messages: the --log file (appended; conmon and containerd-shim read it after a
// failure), else stderr.
class RuntimeLog {
 public:
  RuntimeLog() = default;
  RuntimeLog(const std::string& path, LogFormat format);
  ~RuntimeLog();
  RuntimeLog(const RuntimeLog&) = delete;
  RuntimeLog& operator=(const RuntimeLog&) = delete;
  void write(std::string_view level, std::string_view message) const;

 private:
  int fd_ = 2;
  LogFormat format_ = LogFormat::text;
};

}  // namespace virtlab::nsenter_lite
