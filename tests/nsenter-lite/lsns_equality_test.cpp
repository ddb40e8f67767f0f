// The namespaces and member pids nsenter-lite finds must be exactly what util-linux lsns reports on this machine.
// Processes come and go (other builds run here), so each attempt takes lsns before and after our scan and only
// compares when the two lsns snapshots agree.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "nsenter_lite/namespaces.hpp"

namespace {

struct Row {
  std::string type;
  std::uint64_t nprocs;
  std::int64_t pid;
  bool operator==(const Row&) const = default;
};
using Table = std::map<std::uint64_t, Row>;

std::string run_capture(const std::string& cmd) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return {};
  std::string out;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  return out;
}

// Both tools run the same way (exec'd from popen's shell), so each sees this test process plus itself: the
// member counts stay comparable.
Table tool_table(const std::string& command) {
  auto doc = nlohmann::json::parse(run_capture("exec " + command));
  Table t;
  for (const auto& ns : doc["namespaces"]) {
    auto to_u64 = [](const nlohmann::json& v) {
      return v.is_string() ? std::stoull(v.get<std::string>()) : v.get<std::uint64_t>();
    };
    t[to_u64(ns["ns"])] =
        Row{ns["type"].get<std::string>(), to_u64(ns["nprocs"]), static_cast<std::int64_t>(to_u64(ns["pid"]))};
  }
  return t;
}

Table lsns_table() {
  return tool_table("lsns -J -o NS,TYPE,NPROCS,PID");
}
// --no-held: lsns 2.38 lists only namespaces that have member processes.
Table our_table() {
  return tool_table(std::string(NSENTER_LITE_BINARY) + " ls --json --no-held");
}

bool have_lsns() {
  return std::system("lsns --version >/dev/null 2>&1") == 0;
}

}  // namespace

TEST(LsnsEquality, SameNamespacesAndPidsAsLsns) {
  if (!have_lsns()) GTEST_SKIP() << "lsns (util-linux) is not installed";
  if (geteuid() != 0) GTEST_SKIP() << "needs root: lsns and nsenter-lite see all processes only as root";
  // ours, lsns, ours again: when all three agree the process table held still and the tools agree; builds
  // running beside us start and end processes, so retry until one quiet moment.
  Table ours, theirs;
  bool agreed = false;
  for (int attempt = 0; attempt < 60 && !agreed; ++attempt) {
    Table before = our_table();
    theirs = lsns_table();
    ours = our_table();
    agreed = before == ours && ours == theirs;
  }
  EXPECT_TRUE(agreed) << "in 60 attempts nsenter-lite and lsns never agreed; the last difference follows";
  ASSERT_FALSE(theirs.empty());
  EXPECT_EQ(ours.size(), theirs.size());
  for (const auto& [inode, row] : theirs) {
    auto it = ours.find(inode);
    ASSERT_NE(it, ours.end()) << "lsns lists namespace " << inode << " (" << row.type << ") but we do not";
    EXPECT_EQ(it->second.type, row.type) << inode;
    EXPECT_EQ(it->second.nprocs, row.nprocs) << inode << " " << row.type;
    EXPECT_EQ(it->second.pid, row.pid) << inode << " " << row.type;
  }
  for (const auto& [inode, row] : ours)
    EXPECT_TRUE(theirs.count(inode)) << "we list namespace " << inode << " (" << row.type << ") but lsns does not";
}

TEST(LsnsEquality, FdAndBindMountHeldNamespacesAreExtra) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to create a bind-mounted network namespace";
  // A namespace kept alive only by an nsfs bind mount (what `ip netns add` does): lsns misses it, we list it.
  const char* path = "/run/vl-test-lsns-netns";
  ASSERT_EQ(std::system("touch /run/vl-test-lsns-netns && unshare --net=/run/vl-test-lsns-netns true"), 0);
  auto snap = virtlab::nsenter_lite::scan_namespaces({});
  std::system("umount /run/vl-test-lsns-netns; rm -f /run/vl-test-lsns-netns");
  bool found = false;
  for (const auto& ns : snap.namespaces) {
    for (const auto& m : ns.nsfs) {
      if (m == path) {
        found = true;
        EXPECT_EQ(ns.type, virtlab::nsenter_lite::NsType::net);
        EXPECT_EQ(ns.held_by, virtlab::nsenter_lite::HeldBy::bind_mount);
        EXPECT_TRUE(ns.pids.empty());
      }
    }
  }
  EXPECT_TRUE(found) << "bind-mounted namespace at " << path << " not listed";
}
