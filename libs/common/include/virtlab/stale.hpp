// Leftovers of virtlab tools killed with SIGKILL (no unwinding, no cleanup): every object a tool makes on the host
// carries its owner in its name — "<prefix>-<pid>-<start>", start = the owner's start time in clock ticks after boot
// (/proc/PID/stat field 22), so a reused pid is never taken for the owner. A tool reaps the objects of dead owners
// when it starts (reap_stale); `cgtop gc` lists them all and removes what is stale. Owners are judged in the caller's
// pid namespace.
#pragma once

#include <sys/types.h>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace virtlab {

struct Owner {
  pid_t pid = 0;
  std::optional<std::uint64_t> start_ticks;  // absent in names made before start times were added ("run-1234")
  bool operator==(const Owner&) const = default;
};

// This process: our pid and start time (read once).
Owner self_owner();
// "1234-56789": the suffix a tool appends to the names of the objects it makes.
std::string owner_tag(const Owner& owner);

// A name that carries an owner: "run-1234-56789" → {prefix "run", owner {1234, 56789}}; "1234-56789" → prefix "".
struct OwnedName {
  std::string prefix;
  Owner owner;
};
// Pure. nullopt when the name does not end in "<pid>[-<start>]" after `expected_prefix` + "-" (or at the start when
// expected_prefix is empty).
std::optional<OwnedName> parse_owned_name(std::string_view name, std::string_view expected_prefix);

// Pure: field 22 (starttime) of a /proc/PID/stat text; the command field may hold spaces and ')'.
std::optional<std::uint64_t> parse_stat_start_ticks(std::string_view stat_text);

enum class OwnerState { alive, dead, pid_reused };
std::string_view to_string(OwnerState state) noexcept;  // "alive", "dead", "pid reused"
// Pure: `owner_stat` is /proc/<pid>/stat of the owner's pid, nullopt when no such process exists. A name without a
// start time trusts the pid alone.
OwnerState judge_owner(const Owner& owner, const std::optional<std::string>& owner_stat);
OwnerState owner_state(const Owner& owner);  // reads /proc/<pid>/stat

// Pure: the mount points of the cgroup hierarchies in a /proc/self/mountinfo text (cgroup and cgroup2; a hierarchy
// mounted twice is listed once, by its device number).
std::vector<std::string> cgroup_mount_points(std::string_view mountinfo);

enum class LeftoverKind { cgroup, state_dir };
std::string_view to_string(LeftoverKind kind) noexcept;  // "cgroup", "state-dir"

// One object a virtlab tool made. A cgroup lives in several hierarchies: one Leftover per name, all directories.
struct Leftover {
  LeftoverKind kind = LeftoverKind::cgroup;
  std::string name;                // "run-1234-56789", "nsenter-lite-1234-56789", "1234-56789"
  std::string tool;                // "cgtop run", "nsenter-lite run", "" when not owner-tagged
  std::vector<std::string> paths;  // "/sys/fs/cgroup/memory/virtlab/run-1234-56789" …
  std::optional<Owner> owner;      // nullopt: no owner in the name (cgtop run --name demo)
  std::optional<OwnerState> state;
  std::size_t tasks = 0;  // processes inside (all hierarchies' cgroup.procs, sub-cgroups included, deduplicated)
  bool stale() const noexcept { return state && *state != OwnerState::alive; }
};

// Every virtlab cgroup ("virtlab/<name>" in every mounted hierarchy) and state directory (/run/virtlab/<tool>/<tag>,
// /tmp/nsenter-lite-<tag>). One readdir per hierarchy; logged to --explain.
std::vector<Leftover> find_leftovers();

enum class RemoveOutcome { removed, kept_owner_alive, kept_unowned, failed };
std::string_view to_string(RemoveOutcome outcome) noexcept;  // "removed", "kept (owner alive)", …
// Removes a stale object: kills what still runs in the cgroup (cgroup.kill, else SIGKILL to each pid until empty),
// rmdirs depth-first (then the "virtlab" parents if empty); a state directory is removed unless something is mounted
// below it. Objects of live or unknown owners are never touched. `error` gets the reason of a failure.
RemoveOutcome remove_leftover(const Leftover& leftover, std::string* error = nullptr);

// Removes "virtlab" parent cgroups that hold no cgroup any more, in every hierarchy (a run killed between the
// parent's mkdir and its own leaves one). Returns the directories removed.
std::vector<std::string> remove_empty_virtlab_parents();

struct ReapSummary {
  std::size_t removed = 0;
  std::size_t failed = 0;
};
// What a tool reaps at its start: the kinds of object it makes itself (one readdir per cgroup hierarchy given, two
// for /run/virtlab), so a start pays only for what it could collide with.
struct ReapScope {
  std::vector<std::string> cgroup_mounts;  // hierarchies whose virtlab/ to scan (e.g. cgtop::Hierarchy's mounts)
  bool state_dirs = false;                 // /run/virtlab/<tool>/<owner tag>
};
// Removes the leftovers of dead owners in `scope` (never throws; failures are counted and logged).
ReapSummary reap_stale(const ReapScope& scope);
// The mount points of every cgroup hierarchy, from /proc/self/mountinfo.
std::vector<std::string> cgroup_mount_points();

}  // namespace virtlab
