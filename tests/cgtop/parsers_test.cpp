// cgtop's pure parsers (stat files, naming, report) on fixtures copied from real machines: hybrid (this host), pure
// v2 and pure v1. The hierarchy and limit parsers are libs/kernel's (tests/kernel).
#include <gtest/gtest.h>

#include "cgtop/naming.hpp"
#include "cgtop/report.hpp"
#include "cgtop/stats.hpp"
#include "virtlab/error.hpp"
#include "virtlab/fd.hpp"

namespace cgtop = virtlab::cgtop;
namespace kernel = virtlab::kernel;

namespace {

std::string fixture(const std::string& name) {
  return virtlab::read_file(std::string(VIRTLAB_FIXTURES_DIR) + "/" + name);
}

TEST(Stats, V2CpuStatAndMax) {
  auto kv = cgtop::parse_flat_keyed(fixture("v2/cpu.stat"));
  EXPECT_EQ(cgtop::lookup(kv, "usage_usec"), 8123456u);
  EXPECT_EQ(cgtop::lookup(kv, "nr_throttled"), 398u);
  EXPECT_EQ(cgtop::lookup(kv, "throttled_usec"), 8200000u);
  EXPECT_FALSE(cgtop::lookup(kv, "nope"));
  auto m = cgtop::parse_cpu_max(fixture("v2/cpu.max"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->quota_us, 50000u);
  EXPECT_DOUBLE_EQ(*m->cores(), 0.5);
  auto unlimited = cgtop::parse_cpu_max("max 100000\n");
  ASSERT_TRUE(unlimited);
  EXPECT_FALSE(unlimited->quota_us);
  EXPECT_FALSE(unlimited->cores());
  EXPECT_FALSE(cgtop::parse_cpu_max("x y"));
}

TEST(Stats, V1CpuQuotaAndCounters) {
  auto m = cgtop::parse_cfs_quota(fixture("v1/cpu.cfs_quota_us"), fixture("v1/cpu.cfs_period_us"));
  ASSERT_TRUE(m);
  EXPECT_DOUBLE_EQ(*m->cores(), 0.5);
  auto host = cgtop::parse_cfs_quota(fixture("hybrid/cpu.cfs_quota_us"), fixture("hybrid/cpu.cfs_period_us"));
  ASSERT_TRUE(host);
  EXPECT_FALSE(host->quota_us);  // -1 = unlimited
  auto kv = cgtop::parse_flat_keyed(fixture("v1/cpu.stat"));
  EXPECT_EQ(cgtop::lookup(kv, "throttled_time"), 8200000000u);
  EXPECT_TRUE(cgtop::parse_counter(fixture("hybrid/cpuacct.usage")));
}

TEST(Stats, MemoryFilesBothVersions) {
  auto v2 = cgtop::parse_flat_keyed(fixture("v2/memory.stat"));
  EXPECT_EQ(cgtop::lookup(v2, "inactive_file"), 3096576u);
  EXPECT_EQ(cgtop::find_flat_key(fixture("v2/memory.stat"), "inactive_file"), 3096576u);
  EXPECT_EQ(cgtop::find_flat_key(fixture("v2/memory.stat"), "file"), 4202496u);  // not "file_mapped"
  EXPECT_FALSE(cgtop::find_flat_key(fixture("v2/memory.stat"), "inactive"));
  EXPECT_TRUE(cgtop::find_flat_key(fixture("hybrid/memory.stat"), "total_inactive_file"));
  auto ev = cgtop::parse_flat_keyed(fixture("v2/memory.events"));
  EXPECT_EQ(cgtop::lookup(ev, "oom_kill"), 1u);
  EXPECT_EQ(cgtop::lookup(ev, "max"), 37u);
  auto v1 = cgtop::parse_flat_keyed(fixture("hybrid/memory.stat"));
  EXPECT_TRUE(cgtop::lookup(v1, "total_inactive_file"));
  auto oomc = cgtop::parse_flat_keyed(fixture("v1/memory.oom_control"));
  EXPECT_EQ(cgtop::lookup(oomc, "oom_kill"), 1u);
  auto lim = cgtop::parse_number_or_max(fixture("v1/memory.limit_in_bytes"));
  EXPECT_TRUE(lim.valid);
  EXPECT_FALSE(lim.value);  // 9223372036854771712 = unlimited
  auto max = cgtop::parse_number_or_max("max\n");
  EXPECT_TRUE(max.valid);
  EXPECT_FALSE(max.value);
  auto n = cgtop::parse_number_or_max(fixture("v2/memory.max"));
  EXPECT_EQ(n.value, 33554432u);
  EXPECT_FALSE(cgtop::parse_number_or_max("junk").valid);
}

TEST(Stats, IoBothVersions) {
  auto v2 = cgtop::parse_io_stat(fixture("v2/io.stat"));
  EXPECT_EQ(v2.read_bytes, 1048576u + 2097152u);
  EXPECT_EQ(v2.write_bytes, 4194304u);
  EXPECT_EQ(v2.read_ios, 768u);
  auto v1 = cgtop::parse_blkio_service(fixture("v1/blkio.throttle.io_service_bytes"));
  EXPECT_EQ(v1.read, 1048576u + 2097152u);
  EXPECT_EQ(v1.write, 4194304u);
  auto empty = cgtop::parse_blkio_service(fixture("hybrid/blkio.throttle.io_service_bytes_recursive"));
  EXPECT_EQ(empty.read, 0u);
}

TEST(Stats, Pressure) {
  auto p = cgtop::parse_pressure(fixture("v2/cpu.pressure"));
  ASSERT_TRUE(p.some);
  ASSERT_TRUE(p.full);
  EXPECT_DOUBLE_EQ(p.some->avg10, 12.5);
  EXPECT_EQ(p.full->total_us, 987654u);
  auto host = cgtop::parse_pressure(fixture("hybrid/cpu.pressure"));
  ASSERT_TRUE(host.some);
  EXPECT_GE(host.some->avg10, 0.0);
  EXPECT_FALSE(cgtop::parse_pressure("").some);
}

TEST(Stats, CountLines) {
  EXPECT_EQ(cgtop::count_lines("1\n2\n\n3\n"), 3u);
  EXPECT_EQ(cgtop::count_lines(""), 0u);
}

TEST(Naming, ContainersPodsAndUnits) {
  const std::string id = "3f2a9c1b7d0e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c";
  EXPECT_EQ(cgtop::name_cgroup("/system.slice/docker-" + id + ".scope").label, "docker 3f2a9c1b7d0e");
  EXPECT_EQ(cgtop::name_cgroup("/docker/" + id).label, "docker 3f2a9c1b7d0e");
  EXPECT_EQ(cgtop::name_cgroup("/machine.slice/libpod-" + id + ".scope").kind, "podman");
  auto pod = cgtop::name_cgroup(
      "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1b2c3d4e_5f60_4a1b_9c2d_3e4f5a6b7c8d.slice");
  EXPECT_EQ(pod.kind, "pod");
  EXPECT_EQ(pod.label, "pod 1b2c3d4e-5f60-4a1b-9c2d-3e4f5a6b7c8d (burstable)");
  auto guaranteed = cgtop::name_cgroup("/kubepods/pod1b2c3d4e-5f60-4a1b-9c2d-3e4f5a6b7c8d");
  EXPECT_EQ(guaranteed.label, "pod 1b2c3d4e-5f60-4a1b-9c2d-3e4f5a6b7c8d (guaranteed)");
  auto ctr = cgtop::name_cgroup(
      "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1b2c3d4e_5f60_4a1b_9c2d_3e4f5a6b7c8d.slice/"
      "cri-containerd-" +
      id + ".scope");
  EXPECT_EQ(ctr.label, "containerd 3f2a9c1b7d0e");
  EXPECT_EQ(cgtop::name_cgroup("/kubepods/besteffort").label, "QoS besteffort");
  EXPECT_EQ(cgtop::name_cgroup("/system.slice/ssh.service").label, "service ssh");
  EXPECT_EQ(cgtop::name_cgroup("/user.slice/user-1000.slice").label, "user 1000");
  EXPECT_EQ(cgtop::name_cgroup("/user.slice/user-1000.slice/session-2.scope").label, "session 2");
  EXPECT_EQ(cgtop::name_cgroup("/process_api").label, "");
}

}  // namespace

namespace {

cgtop::RunOutcome base_outcome() {
  cgtop::RunOutcome run;
  run.command = {"sh", "-c", "while :; do :; done"};
  run.cgroup_path = "/virtlab/demo";
  run.layout = kernel::Layout::v2;
  run.wall_seconds = 10;
  run.exit_status = 0;
  return run;
}

bool contains(const std::vector<std::string>& lines, const std::string& needle) {
  for (const auto& l : lines)
    if (l.find(needle) != std::string::npos) return true;
  return false;
}

TEST(Explain, ThrottlingWithNumbersAndCause) {
  auto run = base_outcome();
  run.applied = {{"cpu", "cpu.max", "50000 100000"}};
  run.first.nr_throttled = 10;
  run.first.nr_periods = 20;
  run.first.throttled_ns = 1'000'000'000;
  run.last.nr_throttled = 422;
  run.last.nr_periods = 520;
  run.last.throttled_ns = 9'200'000'000;
  run.cpu_usage_ns = 5'000'000'000;
  auto lines = cgtop::explain_run(run);
  EXPECT_TRUE(contains(lines, "throttled 412 times in 500 periods, 8.20 s in total, because cpu.max = 50000 100000"))
      << lines[2];
  EXPECT_TRUE(contains(lines, "= 50.0 % of one CPU"));
  EXPECT_TRUE(contains(lines, "`sh -c 'while :; do :; done'`"));
}

TEST(Explain, OomAndForkRefusals) {
  auto run = base_outcome();
  run.exit_status.reset();
  run.term_signal = 9;
  run.applied = {{"memory", "memory.max", "67108864"}, {"pids", "pids.max", "32"}};
  run.first.oom_kills = 0;
  run.last.oom_kills = 1;
  run.pids_max_events = 3;
  run.pids_events_seen = true;
  auto lines = cgtop::explain_run(run);
  EXPECT_TRUE(contains(lines, "was killed by SIGKILL"));
  EXPECT_TRUE(contains(lines, "OOM-killed at 64 MiB (memory.events oom_kill 1"));
  EXPECT_TRUE(contains(lines, "fork refused 3 times (pids.events max), because pids.max = 32"));
}

TEST(Explain, LimitsNotReached) {
  auto run = base_outcome();
  run.applied = {{"cpu", "cpu.cfs_period_us", "100000"},
                 {"cpu", "cpu.cfs_quota_us", "50000"},
                 {"memory", "memory.limit_in_bytes", "67108864"}};
  run.last.nr_periods = 5;
  run.last.nr_throttled = 0;
  run.last.memory_peak = 1 << 20;
  auto lines = cgtop::explain_run(run);
  EXPECT_TRUE(contains(lines, "was never reached (0 of 5 periods throttled)"));
  EXPECT_TRUE(contains(lines, "no OOM kill"));
  EXPECT_FALSE(contains(lines, "OOM-killed"));
}

TEST(Explain, IoRateAgainstTheLimitV1AndV2) {
  auto run = base_outcome();
  run.wall_seconds = 4.0;
  run.applied = {{"blkio", "blkio.throttle.read_bps_device", "254:0 2097152"}};
  run.first.io_read_bytes = 0;
  run.last.io_read_bytes = 8u << 20;
  auto lines = cgtop::explain_run(run);
  EXPECT_TRUE(contains(lines,
                       "read 8.0 MiB, wrote 0 B during the run; read 2.0 MiB/s on average = 100 % of the "
                       "2.0 MiB/s limit (the kernel delayed the reads to hold that rate)"));

  run.applied = {{"io", "io.max", "8:0 rbps=max wbps=10485760"}};
  run.first.io_write_bytes = 0;
  run.last.io_write_bytes = 4u << 20;
  lines = cgtop::explain_run(run);
  EXPECT_TRUE(contains(lines, "write 1.0 MiB/s on average = 10 % of the 10 MiB/s limit (below the limit"));
  EXPECT_FALSE(contains(lines, "the read"));
}

TEST(Report, TreeOrderKeepsChildrenUnderParentAndSortsSiblings) {
  cgtop::Snapshot snap;
  auto row = [](std::string path, int depth, double cpu) {
    cgtop::CgroupSample s;
    s.path = std::move(path);
    s.depth = depth;
    s.cpu_percent = cpu;
    return s;
  };
  snap.rows = {row("/", 0, 100), row("/a", 1, 5), row("/a/x", 2, 4), row("/a-b", 1, 50), row("/b", 1, 20)};
  cgtop::ViewOptions view;
  auto rows = cgtop::order_rows(snap, view);
  std::vector<std::string> paths;
  for (auto* r : rows) paths.push_back(r->path);
  EXPECT_EQ(paths, (std::vector<std::string>{"/", "/a-b", "/b", "/a", "/a/x"}));
  view.collapsed.insert("/a");
  EXPECT_EQ(cgtop::order_rows(snap, view).size(), 4u);
  view.collapsed.clear();
  view.max_depth = 1;
  EXPECT_EQ(cgtop::order_rows(snap, view).size(), 4u);
  view.sort = cgtop::SortKey::path;
  view.max_depth = -1;
  paths.clear();
  for (auto* r : cgtop::order_rows(snap, view)) paths.push_back(r->path);
  EXPECT_EQ(paths, (std::vector<std::string>{"/", "/a", "/a/x", "/a-b", "/b"}));
}

TEST(Report, JsonRoundTripForReplay) {
  cgtop::Snapshot snap;
  snap.refresh = 3;
  snap.layout = kernel::Layout::hybrid;
  cgtop::CgroupSample s;
  s.path = "/";
  s.cpu_percent = 12.5;
  s.memory_current = 1234;
  s.memory_limit = 4096;
  s.memory_limited = true;
  s.cpu_max = cgtop::CpuMax{50000, 100000};
  s.cpu_pressure = cgtop::parse_pressure("some avg10=1.50 avg60=0.00 avg300=0.00 total=7\n");
  snap.rows.push_back(s);
  kernel::Hierarchy h;
  h.layout = kernel::Layout::hybrid;
  auto doc = cgtop::snapshot_to_json(snap, h);
  auto back = cgtop::snapshot_from_json(virtlab::Json::parse(doc.dump()));
  ASSERT_EQ(back.rows.size(), 1u);
  EXPECT_EQ(back.layout, kernel::Layout::hybrid);
  EXPECT_EQ(back.refresh, 3u);
  EXPECT_DOUBLE_EQ(*back.rows[0].cpu_percent, 12.5);
  EXPECT_EQ(back.rows[0].memory_limit, 4096u);
  EXPECT_DOUBLE_EQ(*back.rows[0].cpu_max->cores(), 0.5);
  EXPECT_DOUBLE_EQ(back.rows[0].cpu_pressure->some->avg10, 1.5);
  EXPECT_THROW(cgtop::snapshot_from_json(virtlab::Json::parse(R"({"schema":"other/1"})")), virtlab::Error);
}

}  // namespace
