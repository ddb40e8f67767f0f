// `nsenter-lite net switch`: the bridge learns both hosts' MACs on the right ports; `net down` removes all.
#include <gtest/gtest.h>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "nsenter_lite/vswitch.hpp"
#include "run_helpers.hpp"

using nsl_test::run;

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
      if (e["mac"] == nsenter_lite::host_mac(i)) {
        EXPECT_EQ(e["port"], nsenter_lite::host_port_name(i));
        EXPECT_EQ(e["kind"], "learned");
        EXPECT_EQ(e["host"], nsenter_lite::host_netns_name(i));
        ++found;
      }
    }
  }
  EXPECT_EQ(found, 2) << out.text;
  // The kernel agrees right now (read again through libnl, not from our JSON).
  nsenter_lite::NetlinkSocket sk;
  auto fdb = nsenter_lite::read_fdb(sk, "vl-br0");
  int live = 0;
  for (const auto& e : fdb)
    for (int i = 1; i <= 2; ++i)
      if (e.mac == nsenter_lite::host_mac(i) && e.port == nsenter_lite::host_port_name(i)) ++live;
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
