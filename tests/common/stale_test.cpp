// The pure parts of virtlab/stale.hpp: owner names, /proc/PID/stat start times, the alive/dead decision and the
// cgroup mounts in mountinfo.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "virtlab/stale.hpp"

namespace {

using virtlab::judge_owner;
using virtlab::Owner;
using virtlab::OwnerState;
using virtlab::parse_owned_name;

// A /proc/PID/stat line whose command holds ") " — fields must be counted after the last ')'.
std::string stat_line(const std::string& comm, std::uint64_t start) {
  std::string s = "4242 (" + comm + ") S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 ";
  return s + std::to_string(start) + " 2400000 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
}

TEST(StaleNames, OwnerWithStartTime) {
  auto n = parse_owned_name("run-1234-56789", "run");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->prefix, "run");
  EXPECT_EQ(n->owner.pid, 1234);
  EXPECT_EQ(n->owner.start_ticks, 56789u);
}

TEST(StaleNames, PrefixWithDashAndBareTag) {
  auto n = parse_owned_name("nsenter-lite-77-5", "nsenter-lite");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->owner.pid, 77);
  auto bare = parse_owned_name("99-123", "");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->owner.pid, 99);
  EXPECT_EQ(bare->owner.start_ticks, 123u);
}

TEST(StaleNames, OldNameWithoutStartTime) {
  auto n = parse_owned_name("run-1234", "run");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->owner.pid, 1234);
  EXPECT_FALSE(n->owner.start_ticks);
}

TEST(StaleNames, NotOwnerTagged) {
  for (const char* name : {"demo", "run", "run-", "run-abc", "run-12-x", "run-12-", "run-0", "runx-12", "run--12",
                           "nsenter-lite-12-3-4", "schema-run", "run-1234567890123"})
    EXPECT_FALSE(parse_owned_name(name, name == std::string("nsenter-lite-12-3-4") ? "nsenter-lite" : "run")) << name;
  EXPECT_FALSE(parse_owned_name("nsenter-lite-12", "run"));
  EXPECT_FALSE(parse_owned_name("cache", ""));
}

TEST(StaleNames, OwnerTagRoundTrip) {
  Owner self = virtlab::self_owner();
  EXPECT_EQ(self.pid, ::getpid());
  ASSERT_TRUE(self.start_ticks);
  auto back = parse_owned_name("run-" + virtlab::owner_tag(self), "run");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->owner, self);
  EXPECT_EQ(virtlab::owner_tag({12, std::nullopt}), "12");
}

TEST(StaleStat, StartTimeIsField22EvenWithParensInTheName) {
  EXPECT_EQ(virtlab::parse_stat_start_ticks(stat_line("sleep", 987654)), 987654u);
  EXPECT_EQ(virtlab::parse_stat_start_ticks(stat_line("a) S 1 2 3 (b", 42)), 42u);
  EXPECT_FALSE(virtlab::parse_stat_start_ticks("4242 (x) S 1 2"));
  EXPECT_FALSE(virtlab::parse_stat_start_ticks("no parens"));
}

TEST(StaleJudge, AliveDeadReused) {
  Owner o{4242, 1000};
  EXPECT_EQ(judge_owner(o, std::nullopt), OwnerState::dead);
  EXPECT_EQ(judge_owner(o, stat_line("cgtop", 1000)), OwnerState::alive);
  EXPECT_EQ(judge_owner(o, stat_line("bash", 2000)), OwnerState::pid_reused);
  // Without a start time in the name only the pid can be checked; an unreadable stat never makes an owner dead.
  EXPECT_EQ(judge_owner({4242, std::nullopt}, stat_line("bash", 2000)), OwnerState::alive);
  EXPECT_EQ(judge_owner(o, std::string("garbage")), OwnerState::alive);
}

TEST(StaleJudge, RealProcesses) {
  EXPECT_EQ(virtlab::owner_state(virtlab::self_owner()), OwnerState::alive);
  Owner reused = virtlab::self_owner();
  *reused.start_ticks += 1;
  EXPECT_EQ(virtlab::owner_state(reused), OwnerState::pid_reused);
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_EQ(virtlab::owner_state({child, 5}), OwnerState::dead);
}

TEST(StaleMounts, HybridDuplicatesAndEscapes) {
  const char* mountinfo =
      "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
      "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
      "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
      "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime shared:5 - cgroup cgroup rw,name=systemd\n"
      "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"
      "90 22 0:32 / /mnt/mem\\040copy rw,relatime - cgroup cgroup rw,memory\n"
      "91 22 0:99 / /mnt/my\\040cg rw - cgroup2 none rw\n"
      "92 22 0:50 / /proc rw - proc proc rw\n";
  std::vector<std::string> want = {"/sys/fs/cgroup/cpu", "/sys/fs/cgroup/memory", "/sys/fs/cgroup/systemd",
                                   "/sys/fs/cgroup/unified", "/mnt/my cg"};
  EXPECT_EQ(virtlab::cgroup_mount_points(mountinfo), want);
  EXPECT_TRUE(virtlab::cgroup_mount_points("").empty());
}

}  // namespace
