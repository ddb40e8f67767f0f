// `nsenter-lite net switch`: the bridge learns both hosts' MACs on the right ports; `net down` removes all.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "nsenter_lite/vswitch.hpp"
#include "run_helpers.hpp"

using nsl_test::run;

namespace {
// fgets with a bound, so a watch that never prints fails the test instead of hanging it.
bool read_line(FILE* f, char* buf, int size, int timeout_ms = 15000) {
  pollfd pf{fileno(f), POLLIN, 0};
  if (poll(&pf, 1, timeout_ms) <= 0) return false;
  return fgets(buf, size, f) != nullptr;
}
}  // namespace

TEST(Switch, FdbLearnsBothHostsOnTheirPortsAndDownRemovesAll) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root (bridge, network namespaces)";
  if (!nsl_test::leftovers().empty()) GTEST_SKIP() << "a vl-* switch already exists here; run `nsenter-lite net down`";
  auto out = run("--json net switch --hosts 2", false);
  ASSERT_EQ(out.exit_code, 0) << out.text;
  auto doc = nlohmann::json::parse(out.text);
  ASSERT_EQ(doc["pings"].size(), 1u);
  EXPECT_TRUE(doc["pings"][0]["ok"].get<bool>());
  int found = 0;
  for (const auto& e : doc["fdb"]) {
    for (int i = 1; i <= 2; ++i) {
      if (e["mac"] == virtlab::nsenter_lite::host_mac(i)) {
        EXPECT_EQ(e["port"], virtlab::nsenter_lite::host_port_name(i));
        EXPECT_EQ(e["kind"], "learned");
        EXPECT_EQ(e["host"], virtlab::nsenter_lite::host_netns_name(i));
        ++found;
      }
    }
  }
  EXPECT_EQ(found, 2) << out.text;
  // The kernel agrees right now (read again through libnl, not from our JSON).
  virtlab::nsenter_lite::NetlinkSocket sk;
  auto fdb = virtlab::nsenter_lite::read_fdb(sk, "vl-br0");
  int live = 0;
  for (const auto& e : fdb)
    for (int i = 1; i <= 2; ++i)
      if (e.mac == virtlab::nsenter_lite::host_mac(i) && e.port == virtlab::nsenter_lite::host_port_name(i)) ++live;
  EXPECT_EQ(live, 2);
  auto again = run("net switch --hosts 2");
  EXPECT_EQ(again.exit_code, 6) << "a taken name is 'busy': " << again.text;
  auto down = run("net down");
  EXPECT_EQ(down.exit_code, 0) << down.text;
  EXPECT_EQ(nsl_test::leftovers(), std::vector<std::string>{});
}

TEST(Switch, RmLeavesNothing) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root (bridge, network namespaces)";
  if (!nsl_test::leftovers().empty()) GTEST_SKIP() << "a vl-* switch already exists here; run `nsenter-lite net down`";
  auto out = run("net switch --hosts 3 --mode host-only --rm");
  EXPECT_EQ(out.exit_code, 0) << out.text;
  EXPECT_NE(out.text.find("02:0c:29:00:00:03"), std::string::npos) << out.text;
  EXPECT_EQ(nsl_test::leftovers(), std::vector<std::string>{});
}

TEST(Switch, VlanHostsPingOnlyInsideTheirVlanAndFdbShowsVlanIds) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root (bridge, network namespaces)";
  if (!nsl_test::leftovers().empty()) GTEST_SKIP() << "a vl-* switch already exists here; run `nsenter-lite net down`";
  auto out = run("--json net switch --vlan --hosts 4 --bridge vl-br-vlan", false);
  if (out.exit_code == 5) {
    auto why = run("net switch --vlan --hosts 4 --bridge vl-br-vlan");
    EXPECT_EQ(nsl_test::leftovers(), std::vector<std::string>{});
    GTEST_SKIP() << "the kernel cannot filter VLANs on a bridge: " << why.text;
  }
  ASSERT_EQ(out.exit_code, 0) << out.text;
  auto doc = nlohmann::json::parse(out.text);
  EXPECT_TRUE(doc["vlan_filtering"].get<bool>());
  // h1,h3 in VLAN 10; h2,h4 in VLAN 20. Pings: 1→2 (no), 1→3 (yes), 1→4 (no), 2→4 (yes).
  ASSERT_EQ(doc["pings"].size(), 4u) << out.text;
  for (const auto& p : doc["pings"]) {
    int a = *virtlab::nsenter_lite::parse_host_name(p["from"].get<std::string>());
    int b = *virtlab::nsenter_lite::parse_host_name(p["to"].get<std::string>());
    bool same = virtlab::nsenter_lite::host_vlan(a) == virtlab::nsenter_lite::host_vlan(b);
    EXPECT_EQ(p["ok"].get<bool>(), same) << p.dump();
  }
  // The kernel's own view, read again through libnl: port VLAN membership and per-VLAN FDB entries.
  virtlab::nsenter_lite::NetlinkSocket sk;
  for (int i = 1; i <= 4; ++i)
    EXPECT_EQ(virtlab::nsenter_lite::read_port_vlans(sk, virtlab::nsenter_lite::host_port_name(i)),
              std::vector<int>{virtlab::nsenter_lite::host_vlan(i)})
        << virtlab::nsenter_lite::host_port_name(i);
  auto fdb = virtlab::nsenter_lite::read_fdb(sk, "vl-br-vlan");
  int learned = 0;
  for (const auto& e : fdb)
    for (int i = 1; i <= 4; ++i)
      if (e.mac == virtlab::nsenter_lite::host_mac(i) && !e.local) {
        EXPECT_EQ(e.port, virtlab::nsenter_lite::host_port_name(i));
        EXPECT_EQ(e.vlan, virtlab::nsenter_lite::host_vlan(i)) << e.mac;
        ++learned;
      }
  EXPECT_EQ(learned, 4) << out.text;
  for (const auto& e : doc["fdb"])
    if (e["kind"] == "learned") {
      EXPECT_TRUE(e["vlan"].is_number()) << e.dump();
    }
  // The text table has a VLAN column.
  auto table = run("net fdb --bridge vl-br-vlan");
  EXPECT_NE(table.text.find("VLAN"), std::string::npos) << table.text;
  auto down = run("net down");
  EXPECT_EQ(down.exit_code, 0) << down.text;
  EXPECT_EQ(nsl_test::leftovers(), std::vector<std::string>{});
}

// `net fdb --watch` sleeps on RTNLGRP_NEIGH notifications: deleting a learned entry and pinging again must each
// produce a new JSON line (the kernel's events drive it; --explain shows the subscription).
TEST(Switch, FdbWatchFollowsKernelEvents) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root (bridge, network namespaces)";
  if (!nsl_test::leftovers().empty()) GTEST_SKIP() << "a vl-* switch already exists here; run `nsenter-lite net down`";
  auto made = run("net switch --hosts 2 --bridge vl-br-watch");
  ASSERT_EQ(made.exit_code, 0) << made.text;
  int out_pipe[2];
  ASSERT_EQ(pipe(out_pipe), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    int log = open("/tmp/vl-fdb-watch-explain.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(log, 2);
    close(out_pipe[0]);
    execl(NSENTER_LITE_BINARY, NSENTER_LITE_BINARY, "--json", "--explain", "net", "fdb", "--watch", "--bridge",
          "vl-br-watch", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out_pipe[1]);
  FILE* watch = fdopen(out_pipe[0], "r");
  ASSERT_NE(watch, nullptr);
  // Unbuffered: read_line polls the fd, so no line may wait unseen in stdio's buffer (two changes often arrive
  // together, e.g. an entry deleted and re-learned at once).
  setvbuf(watch, nullptr, _IONBF, 0);
  auto has_h2 = [](const std::string& line) {
    auto doc = nlohmann::json::parse(line);
    for (const auto& e : doc["fdb"])
      if (e["mac"] == virtlab::nsenter_lite::host_mac(2) && e["kind"] == "learned") return true;
    return false;
  };
  char buf[65536];
  ASSERT_TRUE(read_line(watch, buf, sizeof buf));
  EXPECT_TRUE(has_h2(buf)) << buf;
  // Delete h2's learned entry in the kernel (RTM_DELNEIGH AF_BRIDGE through libnl)…
  {
    virtlab::nsenter_lite::NetlinkSocket sk;
    EXPECT_TRUE(virtlab::nsenter_lite::delete_fdb_entry(sk, virtlab::nsenter_lite::host_port_name(2),
                                                        virtlab::nsenter_lite::host_mac(2)));
  }
  bool saw_gone = false;
  for (int i = 0; i < 20 && !saw_gone; ++i) {
    if (!read_line(watch, buf, sizeof buf)) break;
    saw_gone = !has_h2(buf);
  }
  EXPECT_TRUE(saw_gone) << "the watch did not report the deleted entry";
  // …then h2 talks again and is learned again.
  auto ping = run("net ping vl-h2 vl-h1");
  EXPECT_EQ(ping.exit_code, 0) << ping.text;
  bool saw_back = false;
  for (int i = 0; i < 20 && !saw_back; ++i) {
    if (!read_line(watch, buf, sizeof buf)) break;
    saw_back = has_h2(buf);
  }
  EXPECT_TRUE(saw_back) << "the watch did not report the re-learned entry";
  // Stop the watch (SIGTERM → clean exit 143), then check the explain log named the subscription.
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  fclose(watch);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 143) << status;
  auto down = run("net down");
  EXPECT_EQ(down.exit_code, 0) << down.text;
  std::ifstream log("/tmp/vl-fdb-watch-explain.txt");
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("RTNLGRP_NEIGH"), std::string::npos) << text;
  std::remove("/tmp/vl-fdb-watch-explain.txt");
  EXPECT_EQ(nsl_test::leftovers(), std::vector<std::string>{});
}
