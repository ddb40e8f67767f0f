// `nsenter-lite net switch --mode nat`: hosts reach the outside namespace through the router's masquerade, the
// conntrack table (`net nat --json`) shows each flow translated to the router's outside address, the host's own
// namespace never gets a table, and `net down` leaves nothing.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "nsenter_lite/nat.hpp"
#include "nsenter_lite/vswitch.hpp"
#include "run_helpers.hpp"
#include "virtlab/fd.hpp"

using nsl_test::run;
using namespace virtlab::nsenter_lite;

namespace {
bool has_table(const std::vector<std::string>& tables) {
  return std::find(tables.begin(), tables.end(), std::string("inet ") + kNatTable) != tables.end();
}

const nlohmann::json* find_flow(const nlohmann::json& conntrack, const std::string& proto, const std::string& src,
                                const std::string& dst) {
  for (const auto& e : conntrack)
    if (e["protocol"] == proto && e["original"]["src"] == src && e["original"]["dst"] == dst) return &e;
  return nullptr;
}
}  // namespace

TEST(NatSwitch, HostsReachTheOutsideTranslatedAndDownRemovesAll) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root (network namespaces, nftables)";
  if (!nsl_test::leftovers().empty()) GTEST_SKIP() << "a vl-* switch already exists here; run `nsenter-lite net down`";
  const bool host_had_table = has_table(list_nft_tables(-1));
  auto out = run("--json net switch --mode nat --hosts 3", false);
  ASSERT_EQ(out.exit_code, 0) << out.text;
  auto doc = nlohmann::json::parse(out.text);
  EXPECT_EQ(doc["mode"], "nat");
  const auto& nat = doc["nat"];
  EXPECT_EQ(nat["router_netns"], kRouterNetns);
  EXPECT_EQ(nat["nft"]["table"], kNatTable);
  EXPECT_GE(nat["nft"]["rule"]["handle"].get<int>(), 1);
  EXPECT_NE(nat["nft"]["rule"]["expressions"].get<std::string>().find("masq"), std::string::npos);
  ASSERT_EQ(nat["outside_pings"].size(), 3u);
  for (const auto& p : nat["outside_pings"]) EXPECT_TRUE(p["ok"].get<bool>()) << p.dump();
  EXPECT_TRUE(nat["tcp"]["ok"].get<bool>()) << nat["tcp"].dump();
  // The listener in vl-out saw the router's outside address, not the host's.
  EXPECT_EQ(nat["tcp"]["peer_seen"].get<std::string>().rfind(std::string(kRouterOutsideIp) + ":", 0), 0u)
      << nat["tcp"].dump();

  // The table is in the router's namespace (read back through libnftnl), never in the host's.
  virtlab::UniqueFd rt(::open((std::string(kNetnsDir) + "/" + kRouterNetns).c_str(), O_RDONLY | O_CLOEXEC));
  ASSERT_TRUE(rt);
  EXPECT_TRUE(has_table(list_nft_tables(rt.get())));
  EXPECT_EQ(has_table(list_nft_tables(-1)), host_had_table);

  // The live NAT table: every host's echo to the outside, and h1's TCP connection, translated to 203.0.113.2.
  auto nat_out = run("--json net nat", false);
  ASSERT_EQ(nat_out.exit_code, 0) << nat_out.text;
  auto table = nlohmann::json::parse(nat_out.text);
  ASSERT_EQ(table["nft_rules"].size(), 1u);
  EXPECT_EQ(table["nft_rules"][0]["handle"], nat["nft"]["rule"]["handle"]);
  for (int i = 1; i <= 3; ++i) {
    const std::string ip = host_address(i).substr(0, host_address(i).find('/'));
    const auto* flow = find_flow(table["conntrack"], "icmp", ip, kOutsideIp);
    ASSERT_NE(flow, nullptr) << "no conntrack entry for " << ip << ": " << table["conntrack"].dump();
    EXPECT_EQ((*flow)["reply"]["dst"], kRouterOutsideIp) << flow->dump();
    EXPECT_TRUE((*flow)["translated"].get<bool>());
    EXPECT_EQ((*flow)["external"].get<std::string>().rfind(std::string(kRouterOutsideIp) + ":", 0), 0u);
  }
  const auto* tcp = find_flow(table["conntrack"], "tcp", "10.201.0.1", kOutsideIp);
  ASSERT_NE(tcp, nullptr) << table["conntrack"].dump();
  EXPECT_EQ((*tcp)["original"]["dst_port"], kOutsideTcpPort);
  EXPECT_EQ((*tcp)["original"]["src_port"], nat["tcp"]["local_port"]);
  EXPECT_EQ((*tcp)["reply"]["dst"], kRouterOutsideIp);
  EXPECT_EQ((*tcp)["external"], nat["tcp"]["peer_seen"]);
  EXPECT_FALSE((*tcp)["state"].get<std::string>().empty());
  // The text table says the same.
  auto text = run("net nat");
  EXPECT_NE(text.text.find("203.0.113.2:"), std::string::npos) << text.text;
  // A NAT switch's bridge is in vl-rt: net fdb finds it there.
  auto fdb = run("net fdb");
  EXPECT_EQ(fdb.exit_code, 0) << fdb.text;
  EXPECT_NE(fdb.text.find(host_mac(1)), std::string::npos) << fdb.text;

  auto again = run("net switch --mode nat --hosts 2");
  EXPECT_EQ(again.exit_code, 6) << "a taken vl-rt is 'busy': " << again.text;
  auto down = run("net down");
  EXPECT_EQ(down.exit_code, 0) << down.text;
  EXPECT_EQ(nsl_test::leftovers(), std::vector<std::string>{});
  EXPECT_EQ(has_table(list_nft_tables(-1)), host_had_table);
}

TEST(NatSwitch, BadInputIsOneLineWithItsExitCode) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  if (!nsl_test::leftovers().empty()) GTEST_SKIP() << "a vl-* switch already exists here; run `nsenter-lite net down`";
  auto vlan = run("net switch --mode nat --vlan");
  EXPECT_EQ(vlan.exit_code, 2) << vlan.text;
  auto mode = run("net switch --mode natt");
  EXPECT_EQ(mode.exit_code, 2) << mode.text;
  EXPECT_NE(mode.text.find("nat"), std::string::npos) << mode.text;
  auto none = run("net nat");
  EXPECT_EQ(none.exit_code, 3) << none.text;
  EXPECT_NE(none.text.find("--mode nat"), std::string::npos) << none.text;
  EXPECT_EQ(nsl_test::leftovers(), std::vector<std::string>{});
}

// Ctrl-C / SIGTERM while a NAT switch is up (--watch keeps it running): everything it made goes, exit 143.
TEST(NatSwitch, SigtermRemovesRouterOutsideAndHosts) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  if (!nsl_test::leftovers().empty()) GTEST_SKIP() << "a vl-* switch already exists here; run `nsenter-lite net down`";
  int out_pipe[2];
  ASSERT_EQ(pipe(out_pipe), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    close(out_pipe[0]);
    execl(NSENTER_LITE_BINARY, NSENTER_LITE_BINARY, "net", "switch", "--mode", "nat", "--hosts", "2", "--watch",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out_pipe[1]);
  // Wait until the watch loop runs (its first ping line), bounded.
  std::string seen;
  char buf[4096];
  for (int i = 0; i < 60 && seen.find("FDB entries") == std::string::npos; ++i) {
    pollfd pf{out_pipe[0], POLLIN, 0};
    if (poll(&pf, 1, 500) <= 0) continue;
    ssize_t n = read(out_pipe[0], buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<std::size_t>(n));
  }
  EXPECT_NE(seen.find("NAT table"), std::string::npos) << seen;
  EXPECT_TRUE(access("/run/netns/vl-rt", F_OK) == 0 && access("/run/netns/vl-out", F_OK) == 0);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  close(out_pipe[0]);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 143) << status;
  EXPECT_EQ(nsl_test::leftovers(), std::vector<std::string>{});
}
