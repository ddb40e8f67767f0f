// The state directory, the `state` document and runc's log lines (see runc_state.hpp).
#include "nsenter_lite/runc_state.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>

#include "virtlab/error.hpp"
#include "virtlab/fd.hpp"

namespace virtlab::nsenter_lite {

namespace fs = std::filesystem;
using virtlab::Json;

std::string_view to_string(ContainerStatus status) noexcept {
  switch (status) {
    case ContainerStatus::creating:
      return "creating";
    case ContainerStatus::created:
      return "created";
    case ContainerStatus::running:
      return "running";
    case ContainerStatus::stopped:
      return "stopped";
  }
  return "unknown";
}

ContainerStatus derive_status(const ContainerState& state, const std::optional<std::string>& init_stat,
                              bool waiting_for_start) {
  if (state.init.pid <= 0) return ContainerStatus::creating;
  if (virtlab::judge_owner(state.init, init_stat) != virtlab::OwnerState::alive) return ContainerStatus::stopped;
  return waiting_for_start ? ContainerStatus::created : ContainerStatus::running;
}

Json state_document(const ContainerState& state, ContainerStatus status) {
  Json doc = Json::object();
  doc["ociVersion"] = state.oci_version;
  doc["id"] = state.id;
  doc["pid"] = status == ContainerStatus::stopped ? 0 : state.init.pid;
  doc["status"] = std::string(to_string(status));
  doc["bundle"] = state.bundle;
  doc["rootfs"] = state.rootfs;
  doc["created"] = state.created;
  doc["owner"] = state.owner;
  if (!state.annotations.empty()) doc["annotations"] = state.annotations;
  return doc;
}

Json state_file_json(const ContainerState& state) {
  Json doc = state_document(state, ContainerStatus::created);
  doc.erase("status");  // derived at every read, never stored
  doc["pid"] = state.init.pid;
  doc["init_start_ticks"] = state.init.start_ticks.value_or(0);
  doc["cgroup_paths"] = state.cgroup_paths;
  return doc;
}

ContainerState parse_state_file(std::string_view text) {
  Json doc = Json::parse(text, nullptr, false);
  auto broken = [](const std::string& what) {
    return virtlab::Error(virtlab::ExitCode::failure, "state.json: " + what,
                          "the state directory is damaged: remove it with `virtlab-runc delete --force ID`", EINVAL);
  };
  if (doc.is_discarded() || !doc.is_object()) throw broken("not a JSON object");
  ContainerState s;
  try {
    s.oci_version = doc.at("ociVersion").get<std::string>();
    s.id = doc.at("id").get<std::string>();
    s.bundle = doc.at("bundle").get<std::string>();
    s.rootfs = doc.at("rootfs").get<std::string>();
    s.created = doc.at("created").get<std::string>();
    s.owner = doc.at("owner").get<std::string>();
    s.init.pid = doc.at("pid").get<pid_t>();
    if (auto ticks = doc.at("init_start_ticks").get<std::uint64_t>(); ticks) s.init.start_ticks = ticks;
    s.cgroup_paths = doc.at("cgroup_paths").get<std::vector<std::string>>();
    if (doc.contains("annotations")) s.annotations = doc["annotations"].get<std::map<std::string, std::string>>();
  } catch (const Json::exception& e) {
    throw broken(e.what());
  }
  return s;
}

void validate_container_id(std::string_view id) {
  bool ok = !id.empty() && id.size() <= 1024 && id != "." && id != "..";
  for (char c : id)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
                c == '-' || c == '.');
  if (!ok)
    throw virtlab::Error(virtlab::ExitCode::usage, "invalid container id '" + std::string(id) + "'",
                         "use 1–1024 letters, digits and _ + - . (not . or ..)", EINVAL);
}

std::string rfc3339_nano(std::int64_t seconds, long nanoseconds) {
  const time_t t = static_cast<time_t>(seconds);
  tm utc{};
  gmtime_r(&t, &utc);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, nanoseconds);
  return buf;
}

void StateStore::create_dir(std::string_view id) const {
  validate_container_id(id);
  std::error_code ec;
  fs::create_directories(root_, ec);
  if (ec)
    throw virtlab::Error(virtlab::exit_code_for_errno(ec.value()), "cannot create the state root " + root_,
                         "give --root a writable directory (virtlab-runc runs as root)", ec.value());
  if (mkdir(dir(id).c_str(), 0711) != 0) {
    const int err = errno;
    if (err == EEXIST)
      throw virtlab::Error(virtlab::ExitCode::busy, "container '" + std::string(id) + "' already exists",
                           "choose another id, or `virtlab-runc delete --force " + std::string(id) + "`", err);
    virtlab::throw_errno(err, "mkdir " + dir(id), "give --root a writable directory");
  }
}

void StateStore::save(const ContainerState& state) const {
  const std::string path = dir(state.id) + "/state.json";
  const std::string temporary = path + ".new";
  const std::string text = state_file_json(state).dump();
  virtlab::UniqueFd fd(open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (fd.get() < 0) virtlab::throw_errno("open " + temporary, "give --root a writable directory");
  if (write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()))
    virtlab::throw_errno("write " + temporary, "is the file system full?");
  if (rename(temporary.c_str(), path.c_str()) != 0) virtlab::throw_errno("rename " + temporary + " to " + path);
}

ContainerState StateStore::load(std::string_view id) const {
  validate_container_id(id);
  auto text = virtlab::try_read_file(dir(id) + "/state.json");
  if (!text)
    throw virtlab::Error(virtlab::ExitCode::not_found, "container '" + std::string(id) + "' does not exist",
                         "`virtlab-runc --root " + root_ + " list` shows the containers", ENOENT);
  return parse_state_file(*text);
}

void StateStore::remove(std::string_view id) const {
  validate_container_id(id);
  std::error_code ec;
  fs::remove_all(dir(id), ec);
  if (ec) throw virtlab::Error(virtlab::exit_code_for_errno(ec.value()), "cannot remove " + dir(id), "", ec.value());
}

std::vector<std::string> StateStore::ids() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root_, ec))
    if (entry.is_directory()) out.push_back(entry.path().filename().string());
  return out;
}

LogFormat parse_log_format(std::string_view text) {
  if (text == "text") return LogFormat::text;
  if (text == "json") return LogFormat::json;
  throw virtlab::Error(virtlab::ExitCode::usage, "unknown --log-format '" + std::string(text) + "'", "use text or json",
                       EINVAL);
}

std::string runc_log_line(LogFormat format, std::string_view level, std::string_view message, std::string_view time) {
  if (format == LogFormat::json) {
    Json line = Json::object();
    line["level"] = level;
    line["msg"] = message;
    line["time"] = time;
    return line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  // logrus quotes a value with spaces or quotes and escapes it as Go's %q does; JSON string escaping matches it
  // for the characters a message holds.
  const std::string quoted = Json(std::string(message)).dump(-1, ' ', false, Json::error_handler_t::replace);
  return "time=\"" + std::string(time) + "\" level=" + std::string(level) + " msg=" + quoted + "\n";
}

RuntimeLog::RuntimeLog(const std::string& path, LogFormat format) : format_(format) {
  if (path.empty()) return;
  fd_ = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) virtlab::throw_errno("open --log " + path, "give a writable file");
}

RuntimeLog::~RuntimeLog() {
  if (fd_ > 2) close(fd_);
}

void RuntimeLog::write(std::string_view level, std::string_view message) const {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  const std::string line = runc_log_line(format_, level, message, rfc3339_nano(now.tv_sec, now.tv_nsec));
  (void)!::write(fd_, line.data(), line.size());  // nothing better to do when the log itself fails
}

}  // namespace virtlab::nsenter_lite
