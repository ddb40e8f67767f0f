// `nsenter-lite run` on the real kernel: each namespace kind, rootless, seccomp, overlay, veth, cleanup.
#include <gtest/gtest.h>

#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "nsenter_lite/vswitch.hpp"
#include "run_helpers.hpp"
#include "virtlab/text.hpp"

namespace fs = std::filesystem;
using nsl_test::run;

class Container : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root (namespaces, cgroups, veth)";
  }
  void TearDown() override {
    if (geteuid() == 0) {
      EXPECT_EQ(nsl_test::leftovers(), std::vector<std::string>{}) << "something was left behind";
    }
  }
};

TEST_F(Container, PidOneOwnHostnameOwnMountsOnlyLo) {
  auto out =
      run("run --rootfs busybox --hostname vl-test-box -- /bin/sh -c "
          "'echo $$; hostname; wc -l < /proc/self/mountinfo; ls /sys/class/net | tr \"\\n\" \" \"; echo; "
          "stat -c \"%t:%T %a\" /dev/null /dev/urandom /dev/shm'",
          false);
  ASSERT_EQ(out.exit_code, 0) << out.text;
  std::istringstream in(out.text);
  std::string pid, host, mounts, nets;
  std::getline(in, pid);
  std::getline(in, host);
  std::getline(in, mounts);
  std::getline(in, nets);
  EXPECT_EQ(pid, "1");
  EXPECT_EQ(host, "vl-test-box");
  char buf[256];
  gethostname(buf, sizeof buf);
  EXPECT_NE(std::string(buf), "vl-test-box") << "the host's name changed";
  // Our own mount table: / + proc + dev tmpfs + sysfs = 4, far fewer than the host's (root mknods the devices).
  EXPECT_EQ(mounts, "4") << out.text;
  EXPECT_EQ(nets, "lo ") << "only lo until a veth is plugged in";
  // Device nodes with the host's numbers, usable by anyone; /dev/shm world-writable and sticky, whatever our umask.
  std::string null_node, urandom_node, shm;
  std::getline(in, null_node);
  std::getline(in, urandom_node);
  std::getline(in, shm);
  EXPECT_EQ(null_node, "1:3 666") << out.text;
  EXPECT_EQ(urandom_node, "1:9 666") << out.text;
  EXPECT_EQ(shm, "0:0 1777") << out.text;
}

TEST_F(Container, RootlessMapsRootToNobody) {
  auto out =
      run("run --rootless --rootfs busybox -- /bin/sh -c "
          "'id -u; cat /proc/self/uid_map; touch /etc/vl-x 2>/dev/null; echo touch=$?'",
          false);
  ASSERT_EQ(out.exit_code, 0) << out.text;
  std::istringstream in(out.text);
  std::string uid, a, b, c, touch;
  in >> uid >> a >> b >> c >> touch;
  EXPECT_EQ(uid, "0");
  EXPECT_EQ(a + " " + b + " " + c, "0 65534 1");
  EXPECT_EQ(touch, "touch=1") << "root inside must not write host-root-owned files";
}

TEST_F(Container, RootlessAsAnUnprivilegedUser) {
  if (std::system("command -v setpriv >/dev/null") != 0) GTEST_SKIP() << "setpriv (util-linux) not installed";
  run("run --rootfs busybox -- /bin/true");  // make sure the cached rootfs exists (root builds it)
  std::string cmd = std::string("setpriv --reuid=65534 --regid=65534 --clear-groups ") + NSENTER_LITE_BINARY;
  FILE* p =
      popen((cmd + " run --rootless --rootfs busybox -- /bin/sh -c 'id -u; cat /proc/self/uid_map' 2>&1").c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buf[512] = {};
  std::string text;
  while (fgets(buf, sizeof buf, p)) text += buf;
  int status = pclose(p);
  if (text.find("Permission denied") != std::string::npos && text.find("nsenter-lite") == std::string::npos)
    GTEST_SKIP() << "uid 65534 cannot execute the test binary here: " << text;
  ASSERT_EQ(WEXITSTATUS(status), 0) << text;
  std::istringstream in(text);
  std::string uid, a, b, c;
  in >> uid >> a >> b >> c;
  EXPECT_EQ(uid, "0");
  EXPECT_EQ(a + " " + b + " " + c, "0 65534 1") << "container root = the calling user outside";
  auto refused = run("run --rootfs busybox -- true");  // as root this works; as the user without --rootless not:
  EXPECT_EQ(refused.exit_code, 0);
  FILE* q = popen((cmd + " run --rootfs busybox -- /bin/true 2>&1").c_str(), "r");
  std::string err;
  while (fgets(buf, sizeof buf, q)) err += buf;
  EXPECT_EQ(WEXITSTATUS(pclose(q)), 4) << err;
  EXPECT_NE(err.find("--rootless"), std::string::npos) << "the hint names the fix: " << err;
}

TEST_F(Container, PidsLimitFromCgroupIsEnforced) {
  // pids.max = 4: the shell plus three children fit, the rest of the forks fail with EAGAIN.
  auto out =
      run("run --rootfs busybox --pids 4 -- /bin/sh -c "
          "'for i in 1 2 3 4 5 6 7 8; do sleep 1 & done 2>&1; wait'");
  EXPECT_NE(out.text.find("can't fork"), std::string::npos) << out.text;
  auto free_run = run("run --rootfs busybox -- /bin/sh -c 'for i in 1 2 3 4 5 6 7 8; do sleep 0 & done; wait'");
  EXPECT_EQ(free_run.text.find("can't fork"), std::string::npos) << free_run.text;
}

TEST_F(Container, SeccompDenyGivesEperm) {
  auto denied = run("run --rootfs busybox --seccomp deny=mkdir -- /bin/sh -c 'mkdir /tmp/d; echo rc=$?'");
  EXPECT_NE(denied.text.find("Operation not permitted"), std::string::npos) << denied.text;
  EXPECT_NE(denied.text.find("rc=1"), std::string::npos);
  auto allowed = run("run --rootfs busybox --seccomp none -- /bin/sh -c 'mkdir /tmp/d; echo rc=$?; rmdir /tmp/d'");
  EXPECT_NE(allowed.text.find("rc=0"), std::string::npos) << allowed.text;
}

TEST_F(Container, SeccompWatchReportsEachBlockedCall) {
  auto out =
      run("run --rootfs busybox --seccomp deny=mkdir --seccomp-watch -- /bin/sh -c 'mkdir /tmp/d; mkdir /tmp/e; true'");
  EXPECT_EQ(out.exit_code, 0) << out.text;
  std::size_t count = 0;
  for (std::size_t p = out.text.find("called mkdir"); p != std::string::npos; p = out.text.find("called mkdir", p + 1))
    ++count;
  EXPECT_EQ(count, 2u) << out.text;
}

TEST_F(Container, OverlayWritesLandInUpperOnly) {
  fs::path dir = fs::temp_directory_path() / ("vl-test-overlay-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "layer");
  std::ofstream(dir / "layer" / "f") << "base\n";
  auto out = run("run --layers busybox:" + (dir / "layer").string() + " --upper " + (dir / "up").string() +
                 " -- /bin/sh -c 'cat /f; echo new > /g; echo changed > /f'");
  EXPECT_EQ(out.exit_code, 0) << out.text;
  EXPECT_NE(out.text.find("base"), std::string::npos);
  std::ifstream lower(dir / "layer" / "f"), upper(dir / "up" / "f");
  std::string l, u;
  std::getline(lower, l);
  std::getline(upper, u);
  EXPECT_EQ(l, "base") << "the read-only layer was modified";
  EXPECT_EQ(u, "changed");
  EXPECT_TRUE(fs::exists(dir / "up" / "g"));
  EXPECT_FALSE(fs::exists(dir / "layer" / "g"));
  // The work dir next to the upper dir is gone.
  for (auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".nsenter-lite-work"), std::string::npos) << e.path();
  fs::remove_all(dir);
}

TEST_F(Container, VethHostCanPingContainer) {
  std::string cmd =
      std::string("exec ") + NSENTER_LITE_BINARY +
      " run --rootfs busybox --net veth -- /bin/sh -c "
      "'ip -4 -o addr show eth0 | awk \"{print \\$4}\"; ls /sys/class/net | tr \"\\n\" \" \"; echo; sleep 3'";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  char line[256] = {}, ifs[256] = {};
  ASSERT_NE(fgets(line, sizeof line, p), nullptr);
  ASSERT_NE(fgets(ifs, sizeof ifs, p), nullptr);
  std::string ip = line;
  ip = ip.substr(0, ip.find('/'));
  EXPECT_EQ(std::string(ifs), "eth0 lo \n");
  auto r = virtlab::nsenter_lite::ping_from_netns("/proc/self/ns/net", ip, 2000);
  EXPECT_TRUE(r.ok) << r.error << " pinging " << ip;
  pclose(p);
}

TEST_F(Container, SigtermCleansUpEverything) {
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl(NSENTER_LITE_BINARY, "nsenter-lite", "run", "--rootfs", "busybox", "--net", "veth", "--memory", "64M", "--",
          "/bin/sleep", "30", nullptr);
    _exit(127);
  }
  // Wait until the container runs (its veth exists), then stop nsenter-lite like systemd would.
  bool up = false;
  for (int i = 0; i < 100 && !up; ++i) {
    up = !nsl_test::leftovers().empty();
    usleep(50000);
  }
  ASSERT_TRUE(up) << "the container never came up";
  usleep(200000);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM);
}

TEST_F(Container, KilledContainerProcessStillCleansUp) {
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl(NSENTER_LITE_BINARY, "nsenter-lite", "run", "--rootfs", "busybox", "--net", "veth", "--", "/bin/sleep", "30",
          nullptr);
    _exit(127);
  }
  std::string children;
  for (int i = 0; i < 100 && children.empty(); ++i) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
    std::getline(in, children);
    if (children.empty() || nsl_test::leftovers().empty()) children.clear(), usleep(50000);
  }
  ASSERT_FALSE(children.empty());
  usleep(200000);
  kill(std::stoi(children), SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGKILL) << "nsenter-lite passes on the container's fate";
}

TEST_F(Container, BadInputOneLineErrorsAndExitCodes) {
  struct Case {
    std::string args;
    int code;
    std::string words;
  } cases[] = {
      {"run --rootfs /nonexistent-vl -- sh", 3, "does not exist"},
      {"run --rootfs busybox -- no-such-command", 3, "not found in root filesystem"},
      {"run --rootfs busybox --seccomp deny=notasyscall -- sh", 2, "unknown syscall name 'notasyscall'"},
      {"run --layers /etc/hostname -- sh", 2, "is not a directory"},
      {"enter -t 999999999 -- true", 3, "no process with pid"},
      {"run --rootfs busybox --hostname " + std::string(65, 'x') + " -- true", 2, "--hostname must have 1 to 64"},
  };
  for (const auto& c : cases) {
    auto out = run(c.args);
    EXPECT_EQ(out.exit_code, c.code) << c.args << "\n" << out.text;
    EXPECT_NE(out.text.find(c.words), std::string::npos) << c.args << "\n" << out.text;
    EXPECT_NE(out.text.find("hint: "), std::string::npos) << "no fix offered: " << out.text;
    EXPECT_EQ(std::count(out.text.begin(), out.text.end(), '\n'), 1) << "not one line: " << out.text;
  }
}

// A step inside the child fails (its memory is ours until exec, so the failure is written straight into it): a root
// filesystem whose /proc is a file. One line naming the step, the errno and the fix; the container exit is not
// mistaken for the command's.
TEST_F(Container, FailingStepInsideTheChildIsOneLineWithTheFix) {
  auto root = fs::temp_directory_path() / ("vl-proc-file-" + std::to_string(getpid()));
  fs::create_directories(root / "bin");
  auto busybox = run("run --rootfs busybox --json -- /bin/true", false);
  ASSERT_EQ(busybox.exit_code, 0) << busybox.text;
  auto built = nlohmann::json::parse(busybox.text)["container"]["root"].get<std::string>();
  fs::copy_file(built + "/bin/busybox", root / "bin" / "true");
  std::ofstream(root / "proc") << "not a directory\n";
  for (const char* explain : {"", "--explain "}) {
    auto out = run(std::string(explain) + "run --rootfs " + root.string() + " -- /bin/true");
    EXPECT_EQ(out.exit_code, 1) << out.text;
    auto last = out.text.substr(out.text.rfind('\n', out.text.size() - 2) + 1);
    EXPECT_NE(last.find("nsenter-lite: error: container: mount proc"), std::string::npos) << out.text;
    EXPECT_NE(last.find("Not a directory"), std::string::npos) << out.text;
    EXPECT_NE(last.find("hint: the root filesystem needs a /proc directory"), std::string::npos) << out.text;
    if (*explain) {
      EXPECT_NE(out.text.find("mount(proc, "), std::string::npos) << "the failing step is shown\n" << out.text;
    }
  }
  fs::remove_all(root);
}

// A command that exits at once must not make `enter --json` report "not joined": the parent reads the child's
// /proc/PID/ns links before letting it exec (before the fix, 25 of 300 runs of /bin/true said not joined).
TEST_F(Container, EnterJsonSaysJoinedEvenWhenTheCommandExitsAtOnce) {
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t target = fork();
  ASSERT_GE(target, 0);
  if (target == 0) {
    close(ready[0]);
    if (unshare(CLONE_NEWUTS) != 0) _exit(1);
    (void)!write(ready[1], "x", 1);
    pause();
    _exit(0);
  }
  close(ready[1]);
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1);
  close(ready[0]);
  int not_joined = 0;
  for (int i = 0; i < 100; ++i) {
    auto out = run("--json enter -t " + std::to_string(target) + " --uts -- /bin/true", false);
    ASSERT_EQ(out.exit_code, 0) << out.text;
    const auto row = nlohmann::json::parse(out.text)["namespaces"].at(0);
    if (!row["joined"].get<bool>() || row["after"] != row["target"]) ++not_joined;
  }
  kill(target, SIGKILL);
  waitpid(target, nullptr, 0);
  EXPECT_EQ(not_joined, 0) << "runs of 100 whose JSON said the uts namespace was not joined";
}

TEST_F(Container, TimeNamespaceOffsetsUptime) {
  double host_uptime = 0;
  std::ifstream("/proc/uptime") >> host_uptime;
  auto out = run("run --rootfs busybox --uptime-offset 86400 -- /bin/cat /proc/uptime", false);
  ASSERT_EQ(out.exit_code, 0) << out.text;
  double inside = std::stod(out.text);
  // One day ahead of the host (the container starts within a few seconds of our read).
  EXPECT_GT(inside, host_uptime + 86400 - 1) << out.text;
  EXPECT_LT(inside, host_uptime + 86400 + 60) << out.text;
  auto back = run("run --rootfs busybox --uptime-offset=-" + std::to_string(static_cast<long>(host_uptime) - 5) +
                      " -- /bin/cat /proc/uptime",
                  false);
  ASSERT_EQ(back.exit_code, 0) << back.text;
  EXPECT_LT(std::stod(back.text), 70.0) << "uptime inside starts near 5 s: " << back.text;
  auto json = run("--json run --rootfs busybox --uptime-offset 100 --monotonic-offset 7 -- /bin/true", false);
  ASSERT_EQ(json.exit_code, 0) << json.text;
  auto doc = nlohmann::json::parse(json.text);
  EXPECT_EQ(doc["container"]["time_offsets"]["boottime"], 100) << json.text;
  EXPECT_EQ(doc["container"]["time_offsets"]["monotonic"], 7) << json.text;
}

TEST_F(Container, NoLimitMeansNoCgroupAndExplainSaysSo) {
  auto out = run("--explain run --rootfs busybox -- /bin/true");
  ASSERT_EQ(out.exit_code, 0) << out.text;
  EXPECT_NE(out.text.find("no --cpu/--memory/--pids limit asked"), std::string::npos) << out.text;
  EXPECT_EQ(out.text.find("write(cgroup.procs"), std::string::npos) << out.text;
  auto limited = run("--explain run --rootfs busybox --pids 20 -- /bin/true");
  ASSERT_EQ(limited.exit_code, 0) << limited.text;
  EXPECT_NE(limited.text.find("write(cgroup.procs"), std::string::npos) << limited.text;
}

// With a second CPU the network namespace is made ahead by a helper and the child joins it; on one CPU the child's
// clone makes it. Either way the container has its own namespace with only lo, --json reports the namespaces the
// container is really in, and nsenter-lite reaps its helper itself: we are a subreaper here, so a helper it left
// to die with it would be handed to us.
TEST_F(Container, NetworkNamespaceMadeAheadOrByCloneIsTheContainersOwn) {
  cpu_set_t all;
  ASSERT_EQ(sched_getaffinity(0, sizeof all, &all), 0);
  ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  const std::string host_net = fs::read_symlink("/proc/self/ns/net").string();
  const std::string inside =
      "/bin/sh -c 'for n in net cgroup mnt; do readlink /proc/self/ns/$n; done; ls /sys/class/net'";
  for (const bool one_cpu : {false, true}) {
    SCOPED_TRACE(one_cpu ? "on one CPU" : "on every CPU we may use");
    if (one_cpu) {
      cpu_set_t first;
      CPU_ZERO(&first);
      for (int c = 0; c < CPU_SETSIZE; ++c) {
        if (CPU_ISSET(c, &all)) {
          CPU_SET(c, &first);
          break;
        }
      }
      ASSERT_EQ(sched_setaffinity(0, sizeof first, &first), 0);  // inherited by the nsenter-lite we start
    }
#if defined(__SANITIZE_ADDRESS__)
    const bool ahead = false;  // an ASan build never starts the child the vfork way, so it needs no helper
#else
    const bool ahead = !one_cpu && CPU_COUNT(&all) >= 2 && [] {
      utsname uts{};
      return uname(&uts) == 0 && virtlab::kernel_release_at_least(uts.release, 5, 8);  // setns on a pidfd
    }();
#endif
    if (!one_cpu && !ahead)
      std::cout << "[ note ] the helper path is not exercised: one CPU, a kernel before 5.8 or an ASan build\n";
    auto out = run("--explain run --rootfs busybox -- " + inside);
    auto json_out = run("run --json --rootfs busybox -- " + inside);  // the container's output goes to stderr
    if (one_cpu) {
      ASSERT_EQ(sched_setaffinity(0, sizeof all, &all), 0);
    }
    ASSERT_EQ(out.exit_code, 0) << out.text;
    ASSERT_EQ(json_out.exit_code, 0) << json_out.text;
    int status = 0;
    const pid_t orphan = waitpid(-1, &status, WNOHANG);
    EXPECT_LE(orphan, 0) << "process " << orphan << " was left for us to reap";

    EXPECT_EQ(out.text.find("(a helper) → unshare(CLONE_NEWNET)) = pid ") != std::string::npos, ahead) << out.text;
    EXPECT_EQ(out.text.find("setns(pidfd of helper") != std::string::npos, ahead) << out.text;
    EXPECT_EQ(out.text.find("CLONE_NEWPID|CLONE_NEWNET|CLONE_PIDFD") != std::string::npos, !ahead) << out.text;

    std::istringstream in(json_out.text);
    std::string net_link, cgroup_link, mnt_link, nets, line;
    std::getline(in, net_link);
    std::getline(in, cgroup_link);
    std::getline(in, mnt_link);
    while (std::getline(in, line) && line != "{") nets += line + " ";
    EXPECT_EQ(nets, "lo ") << json_out.text;
    EXPECT_NE(net_link, host_net);
    std::string document = "{";
    while (std::getline(in, line)) document += line + "\n";
    const auto report = nlohmann::json::parse(document, nullptr, false);
    ASSERT_FALSE(report.is_discarded()) << json_out.text;
    const auto& namespaces = report["container"]["namespaces"];
    EXPECT_EQ("net:[" + std::to_string(namespaces["net"].get<std::uint64_t>()) + "]", net_link);
    EXPECT_EQ("cgroup:[" + std::to_string(namespaces["cgroup"].get<std::uint64_t>()) + "]", cgroup_link);
    EXPECT_EQ("mnt:[" + std::to_string(namespaces["mnt"].get<std::uint64_t>()) + "]", mnt_link);
  }
  prctl(PR_SET_CHILD_SUBREAPER, 0);
}

// A user namespace where user.max_user_namespaces is 0 (the sysctl is per user namespace, so root of a child
// user namespace may lower it there without touching the host): --rootless must fail with a hint naming it.
TEST_F(Container, UserNamespaceRefusedNamesTheSysctl) {
  run("run --rootfs busybox -- /bin/true");  // the cached rootfs exists before we enter the restricted namespace
  int to_parent[2], out_pipe[2];
  ASSERT_EQ(pipe(to_parent), 0);
  ASSERT_EQ(pipe(out_pipe), 0);
  int go_pipe[2];
  ASSERT_EQ(pipe(go_pipe), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(to_parent[0]);
    close(go_pipe[1]);
    close(out_pipe[0]);
    char ok = unshare(CLONE_NEWUSER) == 0 ? '1' : '0';
    (void)!write(to_parent[1], &ok, 1);
    char go = 0;
    if (read(go_pipe[0], &go, 1) != 1 || go != '1') _exit(90);
    if (std::FILE* f = std::fopen("/proc/sys/user/max_user_namespaces", "w")) {
      std::fputs("0\n", f);
      if (std::fclose(f) != 0) _exit(91);
    } else {
      _exit(92);
    }
    dup2(out_pipe[1], 1);
    dup2(out_pipe[1], 2);
    execl(NSENTER_LITE_BINARY, NSENTER_LITE_BINARY, "run", "--rootless", "--rootfs", "busybox", "--", "/bin/true",
          static_cast<char*>(nullptr));
    _exit(93);
  }
  close(to_parent[1]);
  close(go_pipe[0]);
  close(out_pipe[1]);
  char ok = 0;
  ASSERT_EQ(read(to_parent[0], &ok, 1), 1);
  ASSERT_EQ(ok, '1') << "unshare(CLONE_NEWUSER) failed in the test";
  const std::string proc = "/proc/" + std::to_string(child);
  std::ofstream(proc + "/uid_map") << "0 0 65536\n";
  std::ofstream(proc + "/gid_map") << "0 0 65536\n";
  char go = '1';
  ASSERT_EQ(write(go_pipe[1], &go, 1), 1);
  std::string text;
  char buf[1024];
  ssize_t n;
  while ((n = read(out_pipe[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  int status = 0;
  waitpid(child, &status, 0);
  close(to_parent[0]);
  close(go_pipe[1]);
  close(out_pipe[0]);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_LT(WEXITSTATUS(status), 90) << "test setup step failed: " << WEXITSTATUS(status) << " " << text;
  EXPECT_EQ(WEXITSTATUS(status), 4) << "permission (docs/nsenter-lite.md): " << text;
  EXPECT_NE(text.find("user.max_user_namespaces"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << "one line: " << text;
}
