// cgtop on the real kernel of this host (hybrid here; whatever hierarchy the machine has). Needs root.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>
#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "cgtop/sampler.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/json.hpp"
#include "virtlab/kernel/cgroup.hpp"
#include "virtlab/kernel/cgroup_hierarchy.hpp"
#include "virtlab/text.hpp"

// The workloads are this test binary itself (CGTOP_TEST_HELPER=spin|alloc|forkbomb), so the tests need no
// python/bash and run unchanged inside the busybox test VM. The helper runs before gtest's main.
namespace cgtop = virtlab::cgtop;
namespace kernel = virtlab::kernel;

namespace {
[[maybe_unused]] const int helper_ran = [] {
  const char* mode = std::getenv("CGTOP_TEST_HELPER");
  if (!mode) return 0;
  std::string m = mode;
  if (m == "spin") {  // busy for 4 s of wall time
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(4);
    volatile std::uint64_t x = 0;
    while (std::chrono::steady_clock::now() < end)
      for (int i = 0; i < 100000; ++i) x = x + 1;
    std::_Exit(0);
  }
  if (m == "alloc") {  // touch 1 MiB after 1 MiB until the OOM killer stops us
    std::vector<char*> blocks;
    for (int i = 0; i < 4096; ++i) {
      char* b = static_cast<char*>(std::malloc(1 << 20));
      if (!b) std::_Exit(3);
      std::memset(b, 1, 1 << 20);
      blocks.push_back(b);
    }
    std::_Exit(4);  // 4 GiB without an OOM kill: the limit did not work
  }
  if (m == "forkbomb") {  // 64 children that sleep; refused forks are retried like a shell would
    int refused = 0;
    for (int i = 0; i < 64; ++i) {
      pid_t p = ::fork();
      if (p == 0) {
        ::sleep(3);
        std::_Exit(0);
      }
      if (p < 0) ++refused;
    }
    while (::wait(nullptr) > 0) {
    }
    std::_Exit(refused > 0 ? 0 : 5);
  }
  std::_Exit(99);
}();

std::string self_exe() {
  return std::filesystem::read_symlink("/proc/self/exe").string();
}

struct Result {
  int exit_code = -1;
  std::vector<virtlab::Json> docs;
  std::string out;
};

// Runs the real cgtop binary; stdout is JSON Lines when --json is given.
Result run_cgtop(const std::string& args) {
  Result r;
  std::string cmd = std::string(CGTOP_BINARY) + " " + args;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 65536> buf{};
  while (std::fgets(buf.data(), buf.size(), p)) r.out += buf.data();
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::size_t start = 0;
  while (start < r.out.size()) {
    auto end = r.out.find('\n', start);
    if (end == std::string::npos) end = r.out.size();
    std::string line = r.out.substr(start, end - start);
    if (!line.empty() && line.front() == '{') r.docs.push_back(virtlab::Json::parse(line));
    start = end + 1;
  }
  return r;
}

const virtlab::Json* report_of(const Result& r) {
  for (const auto& d : r.docs)
    if (d.value("kind", "") == "run-report") return &d;
  return nullptr;
}

// No virtlab cgroup may be left in any hierarchy after a run.
std::vector<std::string> leftovers() {
  std::vector<std::string> left;
  auto h = kernel::discover();
  for (const auto& m : h.mounts) {
    std::string dir = m.mount_point + "/virtlab";
    if (std::filesystem::exists(dir)) {
      for (const auto& e : std::filesystem::directory_iterator(dir)) left.push_back(e.path().string());
      if (left.empty()) left.push_back(dir + " (empty parent)");
    }
  }
  return left;
}

class CgtopHost : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "creating cgroups needs root";
    auto h = kernel::discover();
    if (h.layout == kernel::Layout::none) GTEST_SKIP() << "no cgroup hierarchy mounted";
    // Another test run may be using virtlab/ right now; only check what this test makes.
  }
};

TEST_F(CgtopHost, CpuHogIsHeldToTwentyPercentByThrottling) {
  auto r = run_cgtop("run --json --name it-cpu --cpu 0.2 -d 0.5 -- env CGTOP_TEST_HELPER=spin " + self_exe());
  const virtlab::Json* rep = report_of(r);
  ASSERT_NE(rep, nullptr) << r.out;
  double avg = (*rep)["cpu"]["average_percent"].get<double>();
  EXPECT_NEAR(avg, 20.0, 5.0) << r.out;
  EXPECT_GT((*rep)["cpu"]["nr_throttled"].get<std::uint64_t>(), 0u);
  EXPECT_GT((*rep)["cpu"]["throttled_ns"].get<std::uint64_t>(), 0u);
  EXPECT_EQ((*rep)["exit_status"], 0);
  bool throttled_sentence = false;
  for (const auto& s : (*rep)["explanation"])
    if (s.get<std::string>().find("throttled") != std::string::npos) throttled_sentence = true;
  EXPECT_TRUE(throttled_sentence) << rep->dump(2);
  // The live samples saw the quota too.
  bool saw_quota = false;
  for (const auto& d : r.docs)
    if (d.value("kind", "") == "snapshot" && !d["cgroups"].empty() && d["cgroups"][0]["cpu"]["quota_cores"].is_number())
      saw_quota = std::abs(d["cgroups"][0]["cpu"]["quota_cores"].get<double>() - 0.2) < 1e-9;
  EXPECT_TRUE(saw_quota);
  // Pressure stall information: where the kernel keeps it (/proc/pressure), the cgroup's row carries it.
  const bool kernel_psi = std::filesystem::exists("/proc/pressure/cpu");
  bool row_psi = false;
  for (const auto& d : r.docs) {
    if (d.value("kind", "") != "snapshot" || d["cgroups"].empty()) continue;
    const auto& p = d["cgroups"][0].value("pressure", virtlab::Json());
    if (p.is_object() && p["cpu"].is_object() && p["cpu"]["some"]["total_us"].is_number()) row_psi = true;
  }
  EXPECT_EQ(row_psi, kernel_psi) << "kernel PSI " << kernel_psi << "\n" << r.out;
  std::cout << "[   INFO   ] PSI on this kernel: " << (kernel_psi ? "yes, and reported" : "no") << '\n';
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_F(CgtopHost, AllocatorIsOomKilledAndReported) {
  auto r = run_cgtop("run --json --name it-oom --memory 32M -d 0.5 -- env CGTOP_TEST_HELPER=alloc " + self_exe());
  const virtlab::Json* rep = report_of(r);
  ASSERT_NE(rep, nullptr) << r.out;
  EXPECT_EQ((*rep)["signal"], SIGKILL) << rep->dump(2);
  EXPECT_GE((*rep)["memory"]["oom_kills"].get<std::uint64_t>(), 1u);
  EXPECT_EQ(r.exit_code, 128 + SIGKILL);
  bool sentence = false;
  for (const auto& s : (*rep)["explanation"])
    if (s.get<std::string>().find("OOM-killed at 32 MiB") != std::string::npos) sentence = true;
  EXPECT_TRUE(sentence) << rep->dump(2);
  // The kernel's notification (v2: memory.events through inotify; v1: the eventfd armed on memory.oom_control)
  // is an event line, and the kill it led to is counted in one.
  bool notified = false, kill_counted = false;
  for (const auto& e : (*rep)["events"]) {
    const auto line = e.get<std::string>();
    if (line.find("event: memory.events") != std::string::npos ||
        line.find("event: memory.oom_control") != std::string::npos)
      notified = true;
    if (line.find("oom_kill 1") != std::string::npos) kill_counted = true;
  }
  EXPECT_TRUE(notified) << "no OOM notification (inotify/eventfd) arrived\n" << rep->dump(2);
  EXPECT_TRUE(kill_counted) << rep->dump(2);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

// The whole disk under `dir` as "MAJ:MIN" (I/O limits apply to disks, not partitions), or "" when `dir` is not
// on a block device (tmpfs, overlay, the test VM's initramfs).
std::string disk_of(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || major(st.st_dev) == 0) return "";
  std::string sys = "/sys/dev/block/" + std::to_string(major(st.st_dev)) + ":" + std::to_string(minor(st.st_dev));
  if (std::filesystem::exists(sys + "/partition")) {
    auto parent = std::filesystem::canonical(sys).parent_path() / "dev";
    auto dev = virtlab::try_read_file(parent.string());
    if (!dev) return "";
    return std::string(virtlab::trim(*dev));
  }
  return std::filesystem::exists(sys) ? std::to_string(major(st.st_dev)) + ":" + std::to_string(minor(st.st_dev)) : "";
}

TEST_F(CgtopHost, DirectReadsAreHeldToTheReadLimit) {
  // The test VM has no disk under the build directory; it gets a scratch disk named by CGTOP_TEST_IO_DEVICE
  // (read only, from its start).
  std::string source, disk;
  struct stat st {};
  const char* device = std::getenv("CGTOP_TEST_IO_DEVICE");
  std::string file;
  if (device && ::stat(device, &st) == 0 && S_ISBLK(st.st_mode)) {
    source = device;
    disk = device;
  } else {
    std::string dir = VIRTLAB_BINARY_DIR;
    disk = disk_of(dir);
    if (disk.empty()) GTEST_SKIP() << dir << " is not on a block device and CGTOP_TEST_IO_DEVICE names none";
    file = dir + "/cgtop-io-test-" + std::to_string(::getpid()) + ".bin";
    std::ofstream f(file, std::ios::binary);
    std::string block(1 << 20, 'x');
    for (int i = 0; i < 6; ++i) f << block;
    source = file;
  }
  // O_DIRECT reads bypass the page cache, so every byte goes through the block layer and its throttle.
  auto r = run_cgtop("run --json --name it-io --io-read 3M:" + disk + " -d 0.5 -- dd if=" + source +
                     " of=/dev/null bs=64k count=96 iflag=direct");
  if (!file.empty()) std::filesystem::remove(file);
  const virtlab::Json* rep = report_of(r);
  ASSERT_NE(rep, nullptr) << r.out;
  EXPECT_EQ((*rep)["exit_status"], 0) << rep->dump(2);
  EXPECT_GE((*rep)["io"]["read_bytes"].get<std::uint64_t>(), 6u << 20) << rep->dump(2);
  // 6 MiB at 3 MiB/s: about 2 s; without the limit this disk reads it in well under a second.
  EXPECT_GE((*rep)["wall_seconds"].get<double>(), 1.5) << rep->dump(2);
  bool sentence = false;
  for (const auto& s : (*rep)["explanation"])
    if (s.get<std::string>().find("the kernel delayed the reads") != std::string::npos) sentence = true;
  EXPECT_TRUE(sentence) << rep->dump(2);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

// /dev/null's number (1:3) is not a disk: the kernel refuses the limit with ENODEV and cgtop says what to give.
TEST_F(CgtopHost, IoLimitOnSomethingNotADiskIsAUsageError) {
  auto r = run_cgtop("run --name it-nodisk --io-read 1M:1:3 -- true 2>&1");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("cannot limit I/O on device 1:3: it is not a whole disk"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lsblk"), std::string::npos) << r.out;
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

// A v1 controller that is not mounted (here: unmounted in a private mount namespace, so the host is untouched):
// cgtop names the controller and the mount command, exits 5, and creates nothing.
TEST_F(CgtopHost, UnmountedV1ControllerIsNamedWithTheMountCommand) {
  auto h = kernel::discover();
  const kernel::CgroupMount* pids = h.mount_for("pids");
  if (!pids || pids->version != kernel::Version::v1)
    GTEST_SKIP() << "needs the pids controller on a v1 hierarchy (this host is " << to_string(h.layout) << ")";
  if (::access("/usr/bin/unshare", X_OK) != 0) GTEST_SKIP() << "unshare (util-linux) missing";
  auto r = run_cgtop("run --name it-nopids --pids 8 -- true 2>&1");  // warm-up: the limit works when mounted
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::string cmd = "/usr/bin/unshare --mount --propagation private sh -c 'umount " + pids->mount_point + " && " +
                    CGTOP_BINARY + " run --name it-nopids --pids 8 -- true 2>&1; echo \"exit $?\"'";
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  std::array<char, 4096> line{};
  while (std::fgets(line.data(), line.size(), p)) out += line.data();
  ::pclose(p);
  EXPECT_NE(out.find("needs the 'pids' cgroup controller"), std::string::npos) << out;
  EXPECT_NE(out.find("mount -t cgroup -o pids none /sys/fs/cgroup/pids"), std::string::npos) << out;
  EXPECT_NE(out.find("exit 5"), std::string::npos) << out;
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_F(CgtopHost, ForkBombIsStoppedByPidsLimit) {
  // 64 forks against pids.max = 16: each refusal bumps pids.events max.
  auto r = run_cgtop("run --json --name it-pids --pids 16 -d 0.2 -- env CGTOP_TEST_HELPER=forkbomb " + self_exe());
  const virtlab::Json* rep = report_of(r);
  ASSERT_NE(rep, nullptr) << r.out;
  EXPECT_GT((*rep)["tasks"]["fork_refused"].get<std::uint64_t>(), 0u) << rep->dump(2);
  EXPECT_EQ((*rep)["exit_status"], 0) << "the helper saw refused forks itself";
  std::uint64_t max_seen = 0;
  for (const auto& d : r.docs)
    if (d.value("kind", "") == "snapshot" && !d["cgroups"].empty() && d["cgroups"][0]["tasks"]["current"].is_number())
      max_seen = std::max(max_seen, d["cgroups"][0]["tasks"]["current"].get<std::uint64_t>());
  EXPECT_GT(max_seen, 0u);
  EXPECT_LE(max_seen, 16u);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_F(CgtopHost, SigtermRemovesCgroupAndCommand) {
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    ::execl(CGTOP_BINARY, "cgtop", "run", "--name", "it-term", "--", "sleep", "60", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  auto h = kernel::discover();
  std::string probe = h.mounts.front().mount_point + "/virtlab/it-term";
  for (int i = 0; i < 500 && !std::filesystem::exists(probe + "/cgroup.procs"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(std::filesystem::exists(probe)) << probe;
  // Wait until sleep is inside, so we know CMD runs.
  std::string procs;
  for (int i = 0; i < 500 && procs.empty(); ++i) {
    std::ifstream f(probe + "/cgroup.procs");
    std::getline(f, procs);
    if (procs.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_FALSE(procs.empty());
  pid_t sleeper = std::stoi(procs);
  ::kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM);
  EXPECT_FALSE(std::filesystem::exists(probe));
  EXPECT_NE(::kill(sleeper, 0), 0) << "CMD must not outlive cgtop";
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_F(CgtopHost, MalformedLimitsAreUsageErrorsAndLeaveNothing) {
  EXPECT_EQ(run_cgtop("run --memory 50Q -- true 2>/dev/null").exit_code, 2);
  EXPECT_EQ(run_cgtop("run --cpu -1 -- true 2>/dev/null").exit_code, 2);
  EXPECT_EQ(run_cgtop("run --pids 0 -- true 2>/dev/null").exit_code, 2);
  EXPECT_EQ(run_cgtop("run -- /nonexistent/command 2>/dev/null").exit_code, 3);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_F(CgtopHost, NameTakenIsBusy) {
  auto h = kernel::discover();
  kernel::ScopedCgroup held = kernel::ScopedCgroup::create(h, "it-busy", {});
  EXPECT_EQ(run_cgtop("run --name it-busy -- true 2>/dev/null").exit_code, 6);
  held.remove();
  EXPECT_TRUE(held.removed());
}

TEST_F(CgtopHost, NotRootGetsReadOnlyViewAndPermissionErrorForRun) {
  if (::access("/usr/bin/setpriv", X_OK) != 0) GTEST_SKIP() << "setpriv (util-linux) missing";
  std::string as_nobody = "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups ";
  int view = std::system((as_nobody + CGTOP_BINARY + " -b -n 1 -d 0.1 >/dev/null 2>&1").c_str());
  EXPECT_EQ(WEXITSTATUS(view), 0);
  int run = std::system((as_nobody + CGTOP_BINARY + " run -- true >/dev/null 2>&1").c_str());
  EXPECT_EQ(WEXITSTATUS(run), 4);
}

// A cgroup removed between refreshes: its row disappears, the sampler does not throw; recreated with the same
// name it is a new cgroup (new inode), so no delta is computed against the old one.
TEST_F(CgtopHost, RemovedCgroupRowDisappearsAndRecreatedGetsNewKey) {
  auto h = kernel::discover();
  auto cg = std::make_unique<kernel::ScopedCgroup>(kernel::ScopedCgroup::create(h, "it-vanish", {}));
  cgtop::SamplerOptions opt;
  opt.root = "/virtlab";
  cgtop::Sampler sampler(h, opt);
  auto find = [](const cgtop::Snapshot& s) -> const cgtop::CgroupSample* {
    for (const auto& r : s.rows)
      if (r.path == "/virtlab/it-vanish") return &r;
    return nullptr;
  };
  const auto* row = find(sampler.refresh());
  ASSERT_NE(row, nullptr);
  std::uint64_t first_inode = row->inode;
  EXPECT_TRUE(row->memory_current.has_value() || row->cpu_usage_ns.has_value());
  cg->remove();
  // Keep the parent alive so the sampler's root exists.
  auto keeper = kernel::ScopedCgroup::create(h, "it-keeper", {});
  EXPECT_NO_THROW(sampler.refresh());
  EXPECT_EQ(find(sampler.refresh()), nullptr);
  cg = std::make_unique<kernel::ScopedCgroup>(kernel::ScopedCgroup::create(h, "it-vanish", {}));
  sampler.refresh();
  const auto* again = find(sampler.refresh());
  ASSERT_NE(again, nullptr);
  EXPECT_NE(again->inode, first_inode);
  EXPECT_GT(sampler.open_files(), 0u);
}

// Kept-open files: after the first refresh, later refreshes must not re-walk the tree unless it changed.
TEST_F(CgtopHost, NoReWalkWithoutTreeChange) {
  auto h = kernel::discover();
  // Watch only a subtree this test owns: elsewhere on a shared machine cgroups come and go at any time.
  auto parent = kernel::ScopedCgroup::create(h, "it-walk", {});
  cgtop::SamplerOptions options;
  options.root = parent.relative_path();
  cgtop::Sampler sampler(h, options);
  sampler.refresh();
  auto rescans = sampler.refresh().rescans;
  for (int i = 0; i < 3; ++i) sampler.refresh();
  EXPECT_EQ(sampler.last().rescans, rescans);
  std::vector<std::string> children;
  for (const auto& dir : parent.directories()) {
    children.push_back(dir + "/child");
    ASSERT_EQ(::mkdir(children.back().c_str(), 0755), 0) << children.back();
  }
  EXPECT_GT(sampler.refresh().rescans, rescans) << "inotify reported the new directory";
  for (const auto& child : children) ::rmdir(child.c_str());
}

// The root row adds up: it holds at least what its children hold (CPU time since boot, memory, tasks), whether it
// was read from the root cgroup's files or, where the root has none (v2 memory), from /proc.
TEST_F(CgtopHost, RootRowIsConsistentWithItsChildren) {
  auto h = kernel::discover();
  cgtop::SamplerOptions options;
  options.max_depth = 1;
  cgtop::Sampler sampler(h, options);
  const cgtop::Snapshot& snap = sampler.refresh();
  ASSERT_FALSE(snap.rows.empty());
  const cgtop::CgroupSample& root = snap.rows.front();
  ASSERT_EQ(root.path, "/");
  std::uint64_t cpu = 0, memory = 0, tasks = 0;
  for (const auto& r : snap.rows) {
    if (r.depth != 1) continue;
    cpu += r.cpu_usage_ns.value_or(0);
    memory += r.memory_current.value_or(0);
    tasks += r.tasks.value_or(0);
  }
  ASSERT_TRUE(root.cpu_usage_ns && root.memory_current && root.tasks);
  EXPECT_GE(*root.cpu_usage_ns, cpu);
  EXPECT_GE(*root.memory_current, memory);
  EXPECT_GE(*root.tasks, tasks);
  std::cout << "[   INFO   ] root: " << *root.cpu_usage_ns / 1000000 << " ms CPU, " << *root.memory_current / 1024
            << " KiB, " << *root.tasks << " tasks; children: " << cpu / 1000000 << " ms, " << memory / 1024 << " KiB, "
            << tasks << " tasks\n";
}

}  // namespace
