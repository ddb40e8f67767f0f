#include "cgtop/report.hpp"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/text.hpp"

namespace virtlab::cgtop {

using virtlab::Json;

std::optional<SortKey> parse_sort_key(std::string_view text) {
  if (text == "path") return SortKey::path;
  if (text == "cpu") return SortKey::cpu;
  if (text == "memory" || text == "mem") return SortKey::memory;
  if (text == "io") return SortKey::io;
  if (text == "tasks") return SortKey::tasks;
  return std::nullopt;
}

std::string_view to_string(SortKey key) noexcept {
  switch (key) {
    case SortKey::path:
      return "path";
    case SortKey::cpu:
      return "cpu";
    case SortKey::memory:
      return "memory";
    case SortKey::io:
      return "io";
    case SortKey::tasks:
      return "tasks";
  }
  return "cpu";
}

namespace {

std::string parent_of(const std::string& path) {
  if (path == "/") return "";
  auto slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

double sort_value(const CgroupSample& s, SortKey key) {
  switch (key) {
    case SortKey::cpu:
      return s.cpu_percent.value_or(-1);
    case SortKey::memory:
      return static_cast<double>(s.memory_current.value_or(0));
    case SortKey::io:
      return s.io_read_bps.value_or(0) + s.io_write_bps.value_or(0);
    case SortKey::tasks:
      return static_cast<double>(s.tasks.value_or(0));
    case SortKey::path:
      break;
  }
  return 0;
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string bytes(std::optional<std::uint64_t> v, bool raw) {
  if (!v) return "-";
  return raw ? std::to_string(*v) : virtlab::human_bytes(*v);
}

std::string rate(std::optional<double> v, bool raw) {
  if (!v) return "-";
  if (raw) return fixed(*v, 0);
  return virtlab::human_bytes(static_cast<std::uint64_t>(std::llround(*v))) + "/s";
}

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

Json opt_json(const std::optional<std::uint64_t>& v) {
  return v ? Json(*v) : Json(nullptr);
}
Json opt_json(const std::optional<double>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json pressure_json(const std::optional<Pressure>& p) {
  if (!p) return nullptr;
  auto line = [](const std::optional<PressureLine>& l) -> Json {
    if (!l) return nullptr;
    return Json{{"avg10", l->avg10}, {"avg60", l->avg60}, {"avg300", l->avg300}, {"total_us", l->total_us}};
  };
  return Json{{"some", line(p->some)}, {"full", line(p->full)}};
}

std::optional<Pressure> pressure_from(const Json& j) {
  if (!j.is_object()) return std::nullopt;
  Pressure p;
  auto line = [](const Json& l) -> std::optional<PressureLine> {
    if (!l.is_object()) return std::nullopt;
    PressureLine pl;
    pl.avg10 = l.value("avg10", 0.0);
    pl.avg60 = l.value("avg60", 0.0);
    pl.avg300 = l.value("avg300", 0.0);
    pl.total_us = l.value("total_us", std::uint64_t{0});
    return pl;
  };
  if (j.contains("some")) p.some = line(j["some"]);
  if (j.contains("full")) p.full = line(j["full"]);
  return p;
}

template <class T>
std::optional<T> get_opt(const Json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<T>();
}

// The engine's record of a container cgroup: who made it and the limits it was asked for, to read against the
// kernel's files in the same row.
Json container_json(const std::optional<virtlab::engines::Container>& c) {
  if (!c) return nullptr;
  const auto& l = c->limits;
  Json limits = {{"memory_bytes", opt_json(l.memory_bytes)},
                 {"cpus", opt_json(l.cpus)},
                 {"pids", l.pids ? Json(*l.pids) : Json(nullptr)}};
  Json pod = c->pod ? Json{{"namespace", c->pod->ns},
                           {"name", c->pod->name},
                           {"uid", c->pod->uid},
                           {"container", c->pod->container}}
                    : Json(nullptr);
  return Json{{"engine", virtlab::engines::engine_name(c->engine)},
              {"id", c->id},
              {"name", c->name},
              {"image", c->image},
              {"namespace", c->containerd_namespace.empty() ? Json(nullptr) : Json(c->containerd_namespace)},
              {"pid", c->pid ? Json(*c->pid) : Json(nullptr)},
              {"pod", std::move(pod)},
              {"engine_limits", std::move(limits)}};
}

std::optional<virtlab::engines::Container> container_from(const Json& j) {
  if (!j.is_object()) return std::nullopt;
  using virtlab::engines::Engine;
  virtlab::engines::Container c;
  std::string engine = j.value("engine", "");
  c.engine = engine == "podman"       ? Engine::podman
             : engine == "containerd" ? Engine::containerd
             : engine == "crio"       ? Engine::crio
                                      : Engine::docker;
  c.id = j.value("id", "");
  c.name = j.value("name", "");
  c.image = j.value("image", "");
  if (j.contains("namespace") && j["namespace"].is_string()) c.containerd_namespace = j["namespace"];
  c.pid = get_opt<pid_t>(j, "pid");
  if (const auto& p = j.value("pod", Json()); p.is_object())
    c.pod = virtlab::engines::Pod{p.value("namespace", ""), p.value("name", ""), p.value("uid", ""),
                                  p.value("container", "")};
  if (const auto& l = j.value("engine_limits", Json()); l.is_object()) {
    c.limits.memory_bytes = get_opt<std::uint64_t>(l, "memory_bytes");
    c.limits.cpus = get_opt<double>(l, "cpus");
    c.limits.pids = get_opt<std::int64_t>(l, "pids");
  }
  return c;
}

// "; asked 64 MiB 0.50 cpu 50 pids": the engine's limits, printed next to the kernel's LIMIT and QUOTA columns.
std::string engine_limits_text(const std::optional<virtlab::engines::Container>& c) {
  if (!c) return "";
  std::string text;
  if (c->limits.memory_bytes) text += " " + virtlab::human_bytes(*c->limits.memory_bytes);
  if (c->limits.cpus) text += " " + fixed(*c->limits.cpus, 2) + " cpu";
  if (c->limits.pids) text += " " + std::to_string(*c->limits.pids) + " pids";
  return text.empty() ? "" : "; asked" + text;
}

}  // namespace

bool has_children(const Snapshot& snap, const CgroupSample& row) {
  for (const auto& r : snap.rows)
    if (r.depth == row.depth + 1 && parent_of(r.path) == row.path) return true;
  return false;
}

std::vector<const CgroupSample*> order_rows(const Snapshot& snap, const ViewOptions& view) {
  std::map<std::string, std::vector<const CgroupSample*>> children;
  const CgroupSample* root = nullptr;
  for (const auto& r : snap.rows) {
    if (r.depth == 0) {
      if (!root) root = &r;
      continue;
    }
    children[parent_of(r.path)].push_back(&r);
  }
  std::vector<const CgroupSample*> out;
  if (!root) return out;
  auto visit = [&](auto& self, const CgroupSample* node) -> void {
    out.push_back(node);
    if (view.max_depth >= 0 && node->depth >= view.max_depth) return;
    if (view.collapsed.count(node->path)) return;
    auto it = children.find(node->path);
    if (it == children.end()) return;
    auto kids = it->second;
    std::stable_sort(kids.begin(), kids.end(), [&](const CgroupSample* a, const CgroupSample* b) {
      if (view.sort == SortKey::path) return a->path < b->path;
      double va = sort_value(*a, view.sort), vb = sort_value(*b, view.sort);
      if (va != vb) return va > vb;
      return a->path < b->path;
    });
    for (const auto* k : kids) self(self, k);
  };
  visit(visit, root);
  return out;
}

RowText format_row(const CgroupSample& s, bool raw) {
  RowText t;
  t.path = s.path;
  t.name = s.name.label;
  t.tasks = s.tasks ? std::to_string(*s.tasks) + (s.tasks_counted ? "*" : "") : "-";
  t.cpu = s.cpu_percent ? fixed(*s.cpu_percent, 1) : "-";
  if (s.cpu_max) {
    auto cores = s.cpu_max->cores();
    t.quota = cores ? fixed(*cores, 2) : "max";
  } else {
    t.quota = "-";
  }
  if (s.throttled_percent)
    t.throttled = fixed(*s.throttled_percent, 0) + "% " + std::to_string(s.nr_throttled.value_or(0));
  else
    t.throttled = s.nr_throttled ? std::to_string(*s.nr_throttled) : "-";
  t.memory = bytes(s.memory_current, raw);
  t.limit = s.memory_limited ? bytes(s.memory_limit, raw) : (s.memory_current ? "max" : "-");
  t.working_set = bytes(s.working_set, raw);
  t.peak = bytes(s.memory_peak, raw);
  t.oom = s.oom_kills ? std::to_string(*s.oom_kills) : "-";
  t.swap = bytes(s.swap_current, raw);
  t.io_read = rate(s.io_read_bps, raw);
  t.io_write = rate(s.io_write_bps, raw);
  if (s.cpu_pressure && s.cpu_pressure->some) {
    t.psi = fixed(s.cpu_pressure->some->avg10, 1);
    t.psi += "/" + (s.memory_pressure && s.memory_pressure->some ? fixed(s.memory_pressure->some->avg10, 1) : "-");
    t.psi += "/" + (s.io_pressure && s.io_pressure->some ? fixed(s.io_pressure->some->avg10, 1) : "-");
  } else {
    t.psi = "-";
  }
  return t;
}

void render_table(std::ostream& out, const Snapshot& snap, const ViewOptions& view, const virtlab::Terminal& term) {
  using virtlab::Align;
  virtlab::Table table({{"CGROUP", Align::left},
                        {"TASKS", Align::right},
                        {"CPU%", Align::right},
                        {"QUOTA", Align::right},
                        {"THROTTLED", Align::right},
                        {"MEMORY", Align::right},
                        {"LIMIT", Align::right},
                        {"WORKSET", Align::right},
                        {"PEAK", Align::right},
                        {"OOM", Align::right},
                        {"SWAP", Align::right},
                        {"READ/s", Align::right},
                        {"WRITE/s", Align::right},
                        {"PSI c/m/i", Align::right}});
  for (const auto* s : order_rows(snap, view)) {
    auto t = format_row(*s, view.raw);
    std::string label = std::string(static_cast<std::size_t>(s->depth) * 2, ' ');
    auto slash = s->path.rfind('/');
    label += s->depth == 0 ? s->path : s->path.substr(slash + 1);
    if (!t.name.empty()) label += " [" + t.name + engine_limits_text(s->name.container) + "]";
    virtlab::Style cpu_style = virtlab::Style::plain;
    if (s->throttled_percent && *s->throttled_percent > 0) cpu_style = virtlab::Style::yellow;
    virtlab::Style oom_style = s->oom_kills && *s->oom_kills ? virtlab::Style::red : virtlab::Style::plain;
    table.add_row({virtlab::Cell(label, s->depth == 0 ? virtlab::Style::bold : virtlab::Style::plain), t.tasks,
                   virtlab::Cell(t.cpu, cpu_style), t.quota, virtlab::Cell(t.throttled, cpu_style), t.memory, t.limit,
                   t.working_set, t.peak, virtlab::Cell(t.oom, oom_style), t.swap, t.io_read, t.io_write, t.psi});
  }
  table.render(out, term);
}

Json snapshot_to_json(const Snapshot& snap, const kernel::Hierarchy& h) {
  Json doc = virtlab::make_document("cgtop", 1);
  doc["kind"] = "snapshot";
  doc["refresh"] = snap.refresh;
  doc["interval_s"] = snap.interval_s;
  doc["cpus"] = snap.cpus;
  auto secs = std::chrono::duration_cast<std::chrono::milliseconds>(snap.wall_time.time_since_epoch()).count();
  doc["sampled_at_ms"] = secs;
  Json hier = {{"layout", std::string(to_string(h.layout))}, {"mounts", Json::array()}};
  for (const auto& m : h.mounts)
    hier["mounts"].push_back({{"version", m.version == kernel::Version::v2 ? "v2" : "v1"},
                              {"mount_point", m.mount_point},
                              {"controllers", m.controllers},
                              {"name", m.name}});
  doc["hierarchy"] = std::move(hier);
  Json sources = Json::array();
  for (const auto& s : snap.sources)
    sources.push_back({{"metric", s.metric},
                       {"file", s.file},
                       {"mount", s.mount},
                       {"version", s.version == kernel::Version::v2 ? "v2" : "v1"}});
  doc["sources"] = std::move(sources);
  Json rows = Json::array();
  for (const auto& s : snap.rows) {
    Json cpu = {{"usage_ns", opt_json(s.cpu_usage_ns)},
                {"percent", opt_json(s.cpu_percent)},
                {"quota_cores", s.cpu_max ? opt_json(s.cpu_max->cores()) : Json(nullptr)},
                {"quota_us", s.cpu_max ? opt_json(s.cpu_max->quota_us) : Json(nullptr)},
                {"period_us", s.cpu_max ? Json(s.cpu_max->period_us) : Json(nullptr)},
                {"nr_periods", opt_json(s.nr_periods)},
                {"nr_throttled", opt_json(s.nr_throttled)},
                {"throttled_ns", opt_json(s.throttled_ns)},
                {"throttled_percent", opt_json(s.throttled_percent)}};
    Json mem = {{"current", opt_json(s.memory_current)},
                {"limit", s.memory_limited ? opt_json(s.memory_limit) : Json(nullptr)},
                {"inactive_file", opt_json(s.inactive_file)},
                {"working_set", opt_json(s.working_set)},
                {"peak", opt_json(s.memory_peak)},
                {"oom_kills", opt_json(s.oom_kills)},
                {"oom_events", opt_json(s.oom_events)},
                {"max_events", opt_json(s.memory_max_events)},
                {"swap", opt_json(s.swap_current)}};
    Json io = {{"read_bytes", opt_json(s.io_read_bytes)},
               {"write_bytes", opt_json(s.io_write_bytes)},
               {"read_bps", opt_json(s.io_read_bps)},
               {"write_bps", opt_json(s.io_write_bps)}};
    Json tasks = {{"current", opt_json(s.tasks)},
                  {"counted", s.tasks_counted},
                  {"max", opt_json(s.pids_max)},
                  {"max_events", opt_json(s.pids_max_events)}};
    Json psi = {{"cpu", pressure_json(s.cpu_pressure)},
                {"memory", pressure_json(s.memory_pressure)},
                {"io", pressure_json(s.io_pressure)}};
    rows.push_back({{"path", s.path},
                    {"inode", s.inode},
                    {"depth", s.depth},
                    {"kind", s.name.kind},
                    {"label", s.name.label},
                    {"container", container_json(s.name.container)},
                    {"cpu", std::move(cpu)},
                    {"memory", std::move(mem)},
                    {"io", std::move(io)},
                    {"tasks", std::move(tasks)},
                    {"pressure", std::move(psi)}});
  }
  doc["cgroups"] = std::move(rows);
  return doc;
}

Snapshot snapshot_from_json(const Json& doc) {
  if (!doc.is_object() || doc.value("schema", "") != "cgtop/1" || doc.value("kind", "") != "snapshot")
    throw virtlab::Error(virtlab::ExitCode::usage, "not a cgtop/1 snapshot document",
                         "replay a file written by cgtop --record FILE");
  Snapshot snap;
  try {
    snap.refresh = doc.value("refresh", std::uint64_t{0});
    snap.interval_s = doc.value("interval_s", 0.0);
    snap.cpus = doc.value("cpus", 1);
    snap.wall_time = std::chrono::system_clock::time_point(std::chrono::milliseconds(doc.value("sampled_at_ms", 0LL)));
    const auto& hier = doc.at("hierarchy");
    std::string layout = hier.value("layout", "none");
    snap.layout = layout == "v1"       ? kernel::Layout::v1
                  : layout == "v2"     ? kernel::Layout::v2
                  : layout == "hybrid" ? kernel::Layout::hybrid
                                       : kernel::Layout::none;
    if (doc.contains("sources"))
      for (const auto& s : doc["sources"])
        snap.sources.push_back({s.value("metric", ""), s.value("file", ""), s.value("mount", ""),
                                s.value("version", "v1") == "v2" ? kernel::Version::v2 : kernel::Version::v1});
    for (const auto& r : doc.at("cgroups")) {
      CgroupSample s;
      s.path = r.at("path").get<std::string>();
      s.inode = r.value("inode", std::uint64_t{0});
      s.depth = r.value("depth", 0);
      s.name = {r.value("kind", ""), r.value("label", ""), container_from(r.value("container", Json()))};
      const auto& c = r.at("cpu");
      s.cpu_usage_ns = get_opt<std::uint64_t>(c, "usage_ns");
      s.cpu_percent = get_opt<double>(c, "percent");
      if (auto p = get_opt<std::uint64_t>(c, "period_us")) {
        CpuMax m;
        m.period_us = *p;
        m.quota_us = get_opt<std::uint64_t>(c, "quota_us");
        s.cpu_max = m;
      }
      s.nr_periods = get_opt<std::uint64_t>(c, "nr_periods");
      s.nr_throttled = get_opt<std::uint64_t>(c, "nr_throttled");
      s.throttled_ns = get_opt<std::uint64_t>(c, "throttled_ns");
      s.throttled_percent = get_opt<double>(c, "throttled_percent");
      const auto& m = r.at("memory");
      s.memory_current = get_opt<std::uint64_t>(m, "current");
      s.memory_limit = get_opt<std::uint64_t>(m, "limit");
      s.memory_limited = s.memory_limit.has_value();
      s.inactive_file = get_opt<std::uint64_t>(m, "inactive_file");
      s.working_set = get_opt<std::uint64_t>(m, "working_set");
      s.memory_peak = get_opt<std::uint64_t>(m, "peak");
      s.oom_kills = get_opt<std::uint64_t>(m, "oom_kills");
      s.oom_events = get_opt<std::uint64_t>(m, "oom_events");
      s.memory_max_events = get_opt<std::uint64_t>(m, "max_events");
      s.swap_current = get_opt<std::uint64_t>(m, "swap");
      const auto& io = r.at("io");
      s.io_read_bytes = get_opt<std::uint64_t>(io, "read_bytes");
      s.io_write_bytes = get_opt<std::uint64_t>(io, "write_bytes");
      s.io_read_bps = get_opt<double>(io, "read_bps");
      s.io_write_bps = get_opt<double>(io, "write_bps");
      const auto& t = r.at("tasks");
      s.tasks = get_opt<std::uint64_t>(t, "current");
      s.tasks_counted = t.value("counted", false);
      s.pids_max = get_opt<std::uint64_t>(t, "max");
      s.pids_max_events = get_opt<std::uint64_t>(t, "max_events");
      if (r.contains("pressure")) {
        const auto& p = r["pressure"];
        s.cpu_pressure = pressure_from(p.value("cpu", Json()));
        s.memory_pressure = pressure_from(p.value("memory", Json()));
        s.io_pressure = pressure_from(p.value("io", Json()));
      }
      snap.rows.push_back(std::move(s));
    }
  } catch (const nlohmann::json::exception& e) {
    throw virtlab::Error(virtlab::ExitCode::usage, std::string("malformed cgtop/1 snapshot: ") + e.what(),
                         "replay a file written by cgtop --record FILE");
  }
  return snap;
}

namespace {

// The byte rates in an I/O limit write: v2 io.max "8:0 rbps=1048576 wbps=max", v1
// blkio.throttle.read_bps_device "8:0 1048576". Returns ("read"|"write", bytes per second) pairs.
std::vector<std::pair<std::string, std::uint64_t>> io_limit_rates(const kernel::LimitWrite& w) {
  std::vector<std::pair<std::string, std::uint64_t>> rates;
  std::istringstream words(w.value);
  std::string device, word;
  words >> device;
  // v1 names the direction in the file; v2 io.max in each key.
  const std::string file_direction = w.file.find("read") != std::string::npos    ? "read"
                                     : w.file.find("write") != std::string::npos ? "write"
                                                                                 : "";
  while (words >> word) {
    std::string direction = file_direction;
    if (word.rfind("rbps=", 0) == 0) direction = "read";
    if (word.rfind("wbps=", 0) == 0) direction = "write";
    auto eq = word.find('=');
    auto value = virtlab::parse_u64(eq == std::string::npos ? word : word.substr(eq + 1));
    if (!direction.empty() && value) rates.emplace_back(direction, *value);
  }
  return rates;
}

const kernel::LimitWrite* find_write(const RunOutcome& run, std::string_view file) {
  for (const auto& w : run.applied)
    if (w.file == file) return &w;
  return nullptr;
}

// How much a cumulative counter grew between the run's first and last sample (0 if it went backwards).
std::uint64_t counter_growth(const std::optional<std::uint64_t>& first, const std::optional<std::uint64_t>& last) {
  return last.value_or(0) - std::min(last.value_or(0), first.value_or(0));
}

// Shell-quote arguments that need it, so the sentence shows a command one could paste.
std::string quoted_command(const std::vector<std::string>& command) {
  std::string cmd;
  for (const auto& a : command) {
    bool plain = !a.empty() && a.find_first_not_of(
                                   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                   "-_./=:,+%@") == std::string::npos;
    std::string q = a;
    if (!plain) {
      q = "'";
      for (char c : a) q += c == '\'' ? std::string("'\\''") : c == '\n' ? std::string("\\n") : std::string(1, c);
      q += "'";
    }
    cmd += (cmd.empty() ? "" : " ") + q;
  }
  return cmd;
}

std::string run_sentence(const RunOutcome& run) {
  std::string ended;
  if (run.interrupted_by)
    ended = "was stopped because cgtop received " + signal_name(*run.interrupted_by);
  else if (run.term_signal)
    ended = "was killed by " + signal_name(*run.term_signal);
  else if (run.exit_status)
    ended = "exited with status " + std::to_string(*run.exit_status);
  else
    ended = "ended";
  return "`" + quoted_command(run.command) + "` ran for " + fixed(run.wall_seconds, 2) + " s in cgroup " +
         run.cgroup_path + " (" + std::string(to_string(run.layout)) + " hierarchy) and " + ended + ".";
}

void explain_cpu(const RunOutcome& run, std::vector<std::string>& out) {
  double cpu_s = static_cast<double>(run.cpu_usage_ns) / 1e9;
  double avg = run.wall_seconds > 0 ? cpu_s / run.wall_seconds * 100.0 : 0;
  out.push_back("CPU: used " + fixed(cpu_s, 2) + " s of CPU time = " + fixed(avg, 1) +
                " % of one CPU on average (100 % = one CPU fully busy).");
  const std::uint64_t throttled = counter_growth(run.first.nr_throttled, run.last.nr_throttled);
  const std::uint64_t periods = counter_growth(run.first.nr_periods, run.last.nr_periods);
  const std::uint64_t throttled_ns = counter_growth(run.first.throttled_ns, run.last.throttled_ns);
  std::string because;
  if (const auto* w = find_write(run, "cpu.max"))
    because = "cpu.max = " + w->value;
  else if (const auto* q = find_write(run, "cpu.cfs_quota_us"))
    because =
        "cpu.cfs_quota_us = " + q->value + " per cpu.cfs_period_us = " +
        (find_write(run, "cpu.cfs_period_us") ? find_write(run, "cpu.cfs_period_us")->value : std::string("100000"));
  if (because.empty()) return;
  if (throttled > 0)
    out.push_back("CPU limit hit: throttled " + std::to_string(throttled) + " times in " + std::to_string(periods) +
                  " periods, " + fixed(static_cast<double>(throttled_ns) / 1e9, 2) + " s in total, because " + because +
                  " (the cgroup may run quota µs per period, then waits for the next period).");
  else
    out.push_back("CPU limit " + because + " was never reached (0 of " + std::to_string(periods) +
                  " periods throttled).");
}

void explain_memory(const RunOutcome& run, std::vector<std::string>& out) {
  const std::uint64_t ooms = counter_growth(run.first.oom_kills, run.last.oom_kills);
  const kernel::LimitWrite* mem = find_write(run, "memory.max");
  if (!mem) mem = find_write(run, "memory.limit_in_bytes");
  if (ooms > 0) {
    std::string at = mem ? virtlab::human_bytes(virtlab::parse_u64(mem->value).value_or(0)) : std::string("its limit");
    std::string file = mem && mem->file == "memory.max" ? "memory.events oom_kill" : "memory.oom_control oom_kill";
    out.push_back("Memory limit hit: OOM-killed at " + at + " (" + file + " " + std::to_string(ooms) + ", because " +
                  (mem ? mem->file + " = " + mem->value : std::string("the limit")) +
                  "): the kernel could not reclaim enough, so it killed the largest task in the cgroup.");
  } else if (mem) {
    std::string peak = run.last.memory_peak ? virtlab::human_bytes(*run.last.memory_peak) : "unknown";
    std::string note = "Memory: peak " + peak + " of the " + mem->file + " = " + mem->value + " limit";
    const std::uint64_t hits = counter_growth(run.first.memory_max_events, run.last.memory_max_events);
    if (hits) note += "; reclaim was forced " + std::to_string(hits) + " times (memory.events max)";
    out.push_back(note + "; no OOM kill.");
  } else if (run.last.memory_peak) {
    out.push_back("Memory: peak " + virtlab::human_bytes(*run.last.memory_peak) + " (no limit set).");
  }
}

void explain_tasks(const RunOutcome& run, std::vector<std::string>& out) {
  const auto* p = find_write(run, "pids.max");
  if (!p) return;
  if (run.pids_max_events > 0)
    out.push_back("Task limit hit: fork refused " + std::to_string(run.pids_max_events) +
                  " times (pids.events max), because pids.max = " + p->value + " (fork/clone returned EAGAIN).");
  else
    out.push_back("Task limit pids.max = " + p->value + " was never reached.");
}

// I/O: the average rate against the limit says whether the kernel had to hold the command back.
void explain_io(const RunOutcome& run, std::vector<std::string>& out) {
  for (const auto& w : run.applied) {
    if (w.controller != "io" && w.controller != "blkio") continue;
    const std::uint64_t read = counter_growth(run.first.io_read_bytes, run.last.io_read_bytes);
    const std::uint64_t wrote = counter_growth(run.first.io_write_bytes, run.last.io_write_bytes);
    std::string line = "I/O limit " + w.file + " = " + w.value + "; read " + virtlab::human_bytes(read) + ", wrote " +
                       virtlab::human_bytes(wrote) + " during the run";
    for (const auto& [direction, limit] : io_limit_rates(w)) {
      const std::uint64_t bytes = direction == "read" ? read : wrote;
      if (bytes == 0 || run.wall_seconds <= 0 || limit == 0) continue;
      const double rate = static_cast<double>(bytes) / run.wall_seconds;
      const double share = 100.0 * rate / static_cast<double>(limit);
      line += "; " + direction + " " + virtlab::human_bytes(static_cast<std::uint64_t>(rate)) +
              "/s on average = " + fixed(share, 0) + " % of the " + virtlab::human_bytes(limit) + "/s limit" +
              (share >= 80 ? " (the kernel delayed the " + direction + "s to hold that rate)"
                           : " (below the limit: not held back)");
    }
    out.push_back(line + ".");
  }
}

}  // namespace

std::vector<std::string> explain_run(const RunOutcome& run) {
  std::vector<std::string> out;
  out.push_back(run_sentence(run));
  explain_cpu(run, out);
  explain_memory(run, out);
  explain_tasks(run, out);
  explain_io(run, out);
  if (run.applied.empty()) out.push_back("No limits were set: the cgroup only measured the command.");
  out.push_back("The cgroup " + run.cgroup_path + " was removed.");
  return out;
}

Json run_to_json(const RunOutcome& run, const std::vector<std::string>& sentences, const kernel::Hierarchy& h) {
  Json doc = virtlab::make_document("cgtop", 1);
  doc["kind"] = "run-report";
  doc["command"] = run.command;
  doc["cgroup"] = run.cgroup_path;
  doc["layout"] = std::string(to_string(h.layout));
  Json limits = Json::array();
  for (const auto& w : run.applied)
    limits.push_back({{"controller", w.controller}, {"file", w.file}, {"value", w.value}});
  doc["limits"] = std::move(limits);
  doc["wall_seconds"] = run.wall_seconds;
  doc["exit_status"] = run.exit_status ? Json(*run.exit_status) : Json(nullptr);
  doc["signal"] = run.term_signal ? Json(*run.term_signal) : Json(nullptr);
  doc["interrupted_by"] = run.interrupted_by ? Json(*run.interrupted_by) : Json(nullptr);
  auto delta = [](const std::optional<std::uint64_t>& a, const std::optional<std::uint64_t>& b) -> Json {
    if (!b) return nullptr;
    return *b - std::min(*b, a.value_or(0));
  };
  double cpu_s = static_cast<double>(run.cpu_usage_ns) / 1e9;
  doc["cpu"] = {{"usage_ns", run.cpu_usage_ns},
                {"average_percent", run.wall_seconds > 0 ? cpu_s / run.wall_seconds * 100.0 : 0.0},
                {"nr_periods", delta(run.first.nr_periods, run.last.nr_periods)},
                {"nr_throttled", delta(run.first.nr_throttled, run.last.nr_throttled)},
                {"throttled_ns", delta(run.first.throttled_ns, run.last.throttled_ns)}};
  doc["memory"] = {{"peak", opt_json(run.last.memory_peak)},
                   {"oom_kills", delta(run.first.oom_kills, run.last.oom_kills)},
                   {"max_events", delta(run.first.memory_max_events, run.last.memory_max_events)}};
  doc["tasks"] = {{"fork_refused", run.pids_events_seen ? Json(run.pids_max_events) : Json(nullptr)}};
  doc["io"] = {{"read_bytes", delta(run.first.io_read_bytes, run.last.io_read_bytes)},
               {"write_bytes", delta(run.first.io_write_bytes, run.last.io_write_bytes)}};
  doc["events"] = run.events;
  doc["explanation"] = sentences;
  return doc;
}

std::vector<Snapshot> load_recording(const std::string& path) {
  std::ifstream in(path);
  if (!in) virtlab::throw_errno("cannot open replay file " + path, "give a file written by cgtop --record FILE");
  std::vector<Snapshot> frames;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    virtlab::Json doc;
    try {
      doc = virtlab::Json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      throw virtlab::Error(virtlab::ExitCode::usage,
                           path + ":" + std::to_string(number) + ": not JSON (" + e.what() + ")",
                           "give a file written by cgtop --record FILE");
    }
    if (doc.value("kind", "") != "snapshot") continue;  // run reports may be mixed in
    frames.push_back(snapshot_from_json(doc));
  }
  if (frames.empty())
    throw virtlab::Error(virtlab::ExitCode::usage, path + " holds no cgtop/1 snapshots",
                         "record one with: cgtop -b -n 5 --record " + path);
  virtlab::explain("read", path, std::to_string(frames.size()) + " snapshots", "replaying recorded kernel numbers");
  return frames;
}

}  // namespace virtlab::cgtop
