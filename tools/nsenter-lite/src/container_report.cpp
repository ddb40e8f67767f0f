// The "container" object of `run --json` (container_run.hpp: container_report); schemas/nsenter-lite.v1.json.
#include "container_run.hpp"
#include "nsenter_lite/security.hpp"

namespace virtlab::nsenter_lite {

namespace {

virtlab::Json uid_map_json(const ContainerRun& run) {
  if (!run.o.rootless) return nullptr;
  const std::string line = id_map_line(0, run.host_id, 1);
  return line.substr(0, line.size() - 1);
}

virtlab::Json time_offsets_json(const ContainerRun& run) {
  if (run.plan.timens_offsets.empty()) return nullptr;
  const RunOptions& o = run.o;
  return {{"monotonic", o.monotonic_offset ? virtlab::Json(*o.monotonic_offset) : virtlab::Json(0)},
          {"boottime", o.boottime_offset ? virtlab::Json(*o.boottime_offset) : virtlab::Json(0)}};
}

virtlab::Json capabilities_json(const ContainerRun& run) {
  virtlab::Json caps = virtlab::Json::array();
  for (int c : run.keep_caps) caps.push_back(cap_name(c));
  return caps;
}

}  // namespace

virtlab::Json container_report(const ContainerRun& run) {
  const RunOptions& o = run.o;
  const RunResult& result = run.result;
  return {{"host_pid", run.child->pid()},
          {"hostname", o.hostname},
          {"command", o.argv},
          {"exec_path", run.exec_path},
          {"root", run.plan.root},
          {"root_switch", o.use_chroot ? "chroot" : "pivot_root"},
          {"layers", run.layers},
          {"upper", run.plan.upper.empty() ? virtlab::Json(nullptr) : virtlab::Json(run.plan.upper)},
          {"upper_kept", !o.upper.empty()},
          {"rootless", o.rootless},
          {"uid_map", uid_map_json(run)},
          {"namespaces", run.namespaces},
          {"time_offsets", time_offsets_json(run)},
          {"cgroup", run.cgroup ? virtlab::Json(run.cgroup->relative_path()) : virtlab::Json(nullptr)},
          {"network", run.network},
          {"capabilities", capabilities_json(run)},
          {"seccomp",
           {{"enabled", run.filter != nullptr},
            {"mode", o.seccomp_watch ? "notify" : "errno"},
            {"denied", run.filter ? run.filter->denied() : std::vector<std::string>{}}}},
          {"lsm", lsm_report()},
          {"exit_code", result.exit_code},
          {"signal", result.signal ? virtlab::Json(result.signal) : virtlab::Json(nullptr)},
          {"seconds", result.seconds}};
}

}  // namespace virtlab::nsenter_lite
