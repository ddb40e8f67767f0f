#include "virtlab/engines/runtime_chain.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace virtlab::engines {

std::string_view role_name(ChainRole role) {
  switch (role) {
    case ChainRole::engine:
      return "engine";
    case ChainRole::daemon:
      return "daemon";
    case ChainRole::shim:
      return "shim";
    case ChainRole::init:
      return "init";
  }
  return "init";
}

namespace {

std::optional<pid_t> find_by_command(const ProcessTable& processes, std::string_view command) {
  for (const auto& [pid, info] : processes)
    if (info.command == command) return pid;
  return std::nullopt;
}

// The daemons above the shim, by engine: Docker asks containerd; containerd alone; Podman and CRI-O run conmon
// straight from the engine's command or daemon.
std::vector<std::pair<ChainRole, std::string_view>> daemons_of(Engine engine) {
  switch (engine) {
    case Engine::docker:
      return {{ChainRole::engine, "dockerd"}, {ChainRole::daemon, "containerd"}};
    case Engine::containerd:
      return {{ChainRole::daemon, "containerd"}};
    case Engine::podman:
      return {};
    case Engine::crio:
      return {{ChainRole::engine, "crio"}};
  }
  return {};
}

}  // namespace

std::vector<ChainLink> runtime_chain(Engine engine, pid_t init_pid, const ProcessTable& processes) {
  std::vector<ChainLink> chain;
  for (const auto& [role, command] : daemons_of(engine))
    chain.push_back({role, std::string(command), find_by_command(processes, command)});
  const auto init = processes.find(init_pid);
  if (init == processes.end()) return chain;
  const auto shim = processes.find(init->second.ppid);
  if (shim != processes.end() && init->second.ppid > 1)
    chain.push_back({ChainRole::shim, shim->second.command, shim->first});
  chain.push_back({ChainRole::init, init->second.command, init_pid});
  return chain;
}

std::optional<pid_t> parse_stat_ppid(std::string_view stat) {
  const auto close = stat.rfind(')');
  if (close == std::string_view::npos || close + 4 >= stat.size()) return std::nullopt;
  std::string_view rest = stat.substr(close + 2);  // "S 1234 ..."
  const auto space = rest.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  rest.remove_prefix(space + 1);
  pid_t ppid = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), ppid);
  if (ec != std::errc{} || (end != rest.data() + rest.size() && *end != ' ') || ppid < 0) return std::nullopt;
  return ppid;
}

namespace {

std::string read_small(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// cmdline[0]'s basename; kernel threads have none and are left out.
std::string program_name(const std::filesystem::path& dir) {
  const std::string cmdline = read_small(dir / "cmdline");
  const std::string first = cmdline.substr(0, cmdline.find('\0'));
  return first.empty() ? std::string() : std::filesystem::path(first).filename().string();
}

}  // namespace

ProcessTable read_process_table(const std::string& proc_root) {
  ProcessTable table;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(proc_root, ec)) {
    const std::string name = entry.path().filename().string();
    pid_t pid = 0;
    const auto [end, parse_ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (parse_ec != std::errc{} || end != name.data() + name.size()) continue;
    const auto ppid = parse_stat_ppid(read_small(entry.path() / "stat"));
    std::string command = program_name(entry.path());
    if (!ppid || command.empty()) continue;  // gone meanwhile, or a kernel thread
    table[pid] = {*ppid, std::move(command)};
  }
  return table;
}

}  // namespace virtlab::engines
