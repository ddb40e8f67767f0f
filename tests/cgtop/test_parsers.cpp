// Pure parsers on fixtures copied from real machines: hybrid (this host), pure v2 and pure v1.
#include <gtest/gtest.h>

#include "cgtop/cgroup.hpp"
#include "cgtop/hierarchy.hpp"
#include "cgtop/naming.hpp"
#include "cgtop/report.hpp"
#include "cgtop/stats.hpp"
#include "virtlab/error.hpp"
#include "virtlab/fd.hpp"

namespace {

std::string fixture(const std::string& name) {
  return virtlab::read_file(std::string(VIRTLAB_FIXTURES_DIR) + "/" + name);
}

cgtop::Hierarchy load(const std::string& layout) {
  return cgtop::build_hierarchy(fixture(layout + "/mountinfo"), fixture(layout + "/cgroups"),
                                fixture(layout + "/cgroup.controllers"));
}

TEST(Hierarchy, HybridHostHasV1ControllersAndSmallUnified) {
  auto h = load("hybrid");
  EXPECT_EQ(h.layout, cgtop::Layout::hybrid);
  ASSERT_NE(h.unified(), nullptr);
  EXPECT_EQ(h.unified()->mount_point, "/sys/fs/cgroup/unified");
  EXPECT_EQ(h.unified()->controllers, std::vector<std::string>{"hugetlb"});
  ASSERT_NE(h.mount_for("memory"), nullptr);
  EXPECT_EQ(h.mount_for("memory")->mount_point, "/sys/fs/cgroup/memory");
  EXPECT_EQ(h.mount_for("memory")->version, cgtop::Version::v1);
  EXPECT_EQ(h.mount_for("cpuacct")->mount_point, "/sys/fs/cgroup/cpuacct");
  EXPECT_EQ(h.mount_for("hugetlb")->version, cgtop::Version::v2);
  EXPECT_EQ(h.mount_for("io"), nullptr);
  EXPECT_EQ(h.mount_for("blkio")->mount_point, "/sys/fs/cgroup/blkio");
  // name=systemd is a hierarchy without controllers
  bool named = false;
  for (const auto& m : h.mounts)
    if (m.name == "systemd") named = m.controllers.empty();
  EXPECT_TRUE(named);
}

TEST(Hierarchy, PureV2) {
  auto h = load("v2");
  EXPECT_EQ(h.layout, cgtop::Layout::v2);
  ASSERT_EQ(h.mounts.size(), 1u);
  EXPECT_EQ(h.mounts[0].mount_point, "/sys/fs/cgroup");
  for (const char* c : {"cpu", "memory", "io", "pids"}) {
    ASSERT_NE(h.mount_for(c), nullptr) << c;
    EXPECT_EQ(h.mount_for(c)->version, cgtop::Version::v2);
  }
  EXPECT_EQ(h.mount_for("cpuacct"), nullptr);  // v2 has no cpuacct: usage comes from cpu.stat
  EXPECT_EQ(h.mount_for("blkio"), nullptr);
}

TEST(Hierarchy, PureV1WithCoMountedCpuCpuacct) {
  auto h = load("v1");
  EXPECT_EQ(h.layout, cgtop::Layout::v1);
  EXPECT_EQ(h.unified(), nullptr);
  ASSERT_NE(h.mount_for("cpu"), nullptr);
  EXPECT_EQ(h.mount_for("cpu"), h.mount_for("cpuacct"));
  EXPECT_EQ(h.mount_for("cpu")->mount_point, "/sys/fs/cgroup/cpu,cpuacct");
  EXPECT_EQ(h.mount_for("net_prio")->mount_point, "/sys/fs/cgroup/net_cls,net_prio");
  EXPECT_TRUE(h.kernel_has("memory"));
  EXPECT_TRUE(h.kernel_has("io"));  // /proc/cgroups calls it blkio
  EXPECT_FALSE(h.kernel_has("rdma"));
}

TEST(Hierarchy, NoCgroupsMounted) {
  auto h = cgtop::build_hierarchy("22 1 8:1 / / rw - ext4 /dev/sda1 rw\n", "", "");
  EXPECT_EQ(h.layout, cgtop::Layout::none);
  EXPECT_TRUE(h.mounts.empty());
}

TEST(Mountinfo, EscapesAndOptionalFields) {
  auto e = cgtop::parse_mountinfo(
      "36 35 98:0 /mnt1 /mnt\\040point rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].mount_point, "/mnt point");
  EXPECT_EQ(e[0].root, "/mnt1");
  EXPECT_EQ(e[0].fs_type, "ext3");
  EXPECT_EQ(e[0].super_options, (std::vector<std::string>{"rw", "errors=continue"}));
  EXPECT_TRUE(cgtop::parse_mountinfo("garbage line\n").empty());
}

TEST(ProcCgroup, Membership) {
  auto rows = cgtop::parse_proc_pid_cgroup(fixture("v1/self.cgroup"));
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[6].controllers, (std::vector<std::string>{"cpu", "cpuacct"}));
  EXPECT_EQ(rows[6].path, "/user.slice");
  auto v2 = cgtop::parse_proc_pid_cgroup(fixture("v2/self.cgroup"));
  ASSERT_EQ(v2.size(), 1u);
  EXPECT_EQ(v2[0].hierarchy, 0);
  EXPECT_TRUE(v2[0].controllers.empty());
  EXPECT_EQ(v2[0].path, "/user.slice/user-1000.slice/session-2.scope");
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

TEST(Limits, ParseGoodValues) {
  EXPECT_DOUBLE_EQ(cgtop::parse_cpu_cores("0.5"), 0.5);
  EXPECT_DOUBLE_EQ(cgtop::parse_cpu_cores("150%"), 1.5);
  EXPECT_EQ(cgtop::parse_memory_bytes("64M"), 64u << 20);
  EXPECT_EQ(cgtop::parse_pids_max("32"), 32u);
  auto io = cgtop::parse_io_limit("10M:8:0", false);
  EXPECT_EQ(io.major, 8u);
  EXPECT_EQ(io.read_bps, 10u << 20);
  EXPECT_FALSE(io.write_bps);
}

TEST(Limits, MalformedIsUsageError) {
  for (const char* bad : {"50Q", "-1", "0", "", "abc"}) {
    try {
      cgtop::parse_memory_bytes(bad);
      ADD_FAILURE() << "accepted memory " << bad;
    } catch (const virtlab::Error& e) {
      EXPECT_EQ(e.code(), virtlab::ExitCode::usage) << bad;
    }
    try {
      cgtop::parse_cpu_cores(bad);
      ADD_FAILURE() << "accepted cpu " << bad;
    } catch (const virtlab::Error& e) {
      EXPECT_EQ(e.code(), virtlab::ExitCode::usage) << bad;
    }
    try {
      cgtop::parse_pids_max(bad);
      ADD_FAILURE() << "accepted pids " << bad;
    } catch (const virtlab::Error& e) {
      EXPECT_EQ(e.code(), virtlab::ExitCode::usage) << bad;
    }
  }
  EXPECT_THROW(cgtop::parse_io_limit("10M", false), virtlab::Error);
  EXPECT_THROW(cgtop::parse_io_limit("fast:8:0", true), virtlab::Error);
}

TEST(Limits, PlanPerHierarchy) {
  cgtop::Limits lim;
  lim.cpu_cores = 0.5;
  lim.memory_bytes = 64u << 20;
  lim.pids_max = 32;
  lim.io.push_back(cgtop::parse_io_limit("10M:8:0", false));
  auto v2 = cgtop::plan_limits(load("v2"), lim);
  ASSERT_EQ(v2.size(), 4u);
  EXPECT_EQ(v2[0].file, "cpu.max");
  EXPECT_EQ(v2[0].value, "50000 100000");
  EXPECT_EQ(v2[1].file, "memory.max");
  EXPECT_EQ(v2[2].file, "pids.max");
  EXPECT_EQ(v2[3].file, "io.max");
  EXPECT_EQ(v2[3].value, "8:0 rbps=10485760");
  auto v1 = cgtop::plan_limits(load("hybrid"), lim);
  ASSERT_EQ(v1.size(), 5u);
  EXPECT_EQ(v1[0].file, "cpu.cfs_period_us");
  EXPECT_EQ(v1[1].file, "cpu.cfs_quota_us");
  EXPECT_EQ(v1[1].value, "50000");
  EXPECT_EQ(v1[2].file, "memory.limit_in_bytes");
  EXPECT_EQ(v1[4].file, "blkio.throttle.read_bps_device");
  EXPECT_EQ(v1[4].value, "8:0 10485760");
}

TEST(Limits, InexpressibleOrMissingController) {
  cgtop::Limits tiny;
  tiny.cpu_cores = 0.001;  // 100 µs per 100 ms: below the kernel's 1 ms minimum quota
  try {
    cgtop::plan_limits(load("v2"), tiny);
    ADD_FAILURE() << "accepted a quota below 1 ms";
  } catch (const virtlab::Error& e) {
    EXPECT_EQ(e.code(), virtlab::ExitCode::usage);
  }
  // A v2 machine whose root offers no io controller cannot express --io-read.
  auto h = cgtop::build_hierarchy(fixture("v2/mountinfo"), fixture("v2/cgroups"), "cpu memory pids");
  cgtop::Limits io;
  io.io.push_back(cgtop::parse_io_limit("1M:8:0", false));
  try {
    cgtop::plan_limits(h, io);
    ADD_FAILURE() << "accepted io without the io controller";
  } catch (const virtlab::Error& e) {
    EXPECT_EQ(e.code(), virtlab::ExitCode::unsupported);
    EXPECT_NE(std::string(e.what()).find("'io'"), std::string::npos) << e.what();
    EXPECT_NE(e.hint().find("+io"), std::string::npos) << e.hint();
  }
}

TEST(Limits, CgroupNames) {
  EXPECT_NO_THROW(cgtop::validate_cgroup_name("demo-1"));
  EXPECT_THROW(cgtop::validate_cgroup_name("a/b"), virtlab::Error);
  EXPECT_THROW(cgtop::validate_cgroup_name(".."), virtlab::Error);
  EXPECT_THROW(cgtop::validate_cgroup_name(""), virtlab::Error);
}

}  // namespace

namespace {

cgtop::RunOutcome base_outcome() {
  cgtop::RunOutcome run;
  run.command = {"sh", "-c", "while :; do :; done"};
  run.cgroup_path = "/virtlab/demo";
  run.layout = cgtop::Layout::v2;
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
  snap.layout = cgtop::Layout::hybrid;
  cgtop::CgroupSample s;
  s.path = "/";
  s.cpu_percent = 12.5;
  s.memory_current = 1234;
  s.memory_limit = 4096;
  s.memory_limited = true;
  s.cpu_max = cgtop::CpuMax{50000, 100000};
  s.cpu_pressure = cgtop::parse_pressure("some avg10=1.50 avg60=0.00 avg300=0.00 total=7\n");
  snap.rows.push_back(s);
  cgtop::Hierarchy h;
  h.layout = cgtop::Layout::hybrid;
  auto doc = cgtop::snapshot_to_json(snap, h);
  auto back = cgtop::snapshot_from_json(virtlab::Json::parse(doc.dump()));
  ASSERT_EQ(back.rows.size(), 1u);
  EXPECT_EQ(back.layout, cgtop::Layout::hybrid);
  EXPECT_EQ(back.refresh, 3u);
  EXPECT_DOUBLE_EQ(*back.rows[0].cpu_percent, 12.5);
  EXPECT_EQ(back.rows[0].memory_limit, 4096u);
  EXPECT_DOUBLE_EQ(*back.rows[0].cpu_max->cores(), 0.5);
  EXPECT_DOUBLE_EQ(back.rows[0].cpu_pressure->some->avg10, 1.5);
  EXPECT_THROW(cgtop::snapshot_from_json(virtlab::Json::parse(R"({"schema":"other/1"})")), virtlab::Error);
}

}  // namespace
