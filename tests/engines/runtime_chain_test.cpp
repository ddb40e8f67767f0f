#include "virtlab/engines/runtime_chain.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

using namespace virtlab::engines;

namespace {

// As `ps -eo pid,ppid,args` showed it with docker.io 20.10 and podman 4.3 on Debian 12 (one container each).
ProcessTable recorded_table() {
  return {{1, {0, "init"}},          {790, {1, "containerd"}},
          {812, {1, "dockerd"}},     {31508, {1, "containerd-shim-runc-v2"}},
          {31528, {31508, "sleep"}}, {32160, {1, "conmon"}},
          {32172, {32160, "sleep"}}};
}

std::string describe(const std::vector<ChainLink>& chain) {
  std::string text;
  for (const auto& link : chain)
    text += std::string(role_name(link.role)) + ":" + link.command + ":" +
            (link.pid ? std::to_string(*link.pid) : "-") + " ";
  return text;
}

}  // namespace

TEST(RuntimeChain, DockerIsDaemonThenContainerdThenShimThenInit) {
  EXPECT_EQ(describe(runtime_chain(Engine::docker, 31528, recorded_table())),
            "engine:dockerd:812 daemon:containerd:790 shim:containerd-shim-runc-v2:31508 init:sleep:31528 ");
}

TEST(RuntimeChain, PodmanHasNoDaemonOnlyConmon) {
  EXPECT_EQ(describe(runtime_chain(Engine::podman, 32172, recorded_table())), "shim:conmon:32160 init:sleep:32172 ");
}

TEST(RuntimeChain, AStoppedDaemonIsShownAsNotRunningAndAGoneInitEndsTheChain) {
  ProcessTable table = recorded_table();
  table.erase(812);
  EXPECT_EQ(describe(runtime_chain(Engine::docker, 31528, table)),
            "engine:dockerd:- daemon:containerd:790 shim:containerd-shim-runc-v2:31508 init:sleep:31528 ");
  EXPECT_EQ(describe(runtime_chain(Engine::containerd, 4242, table)), "daemon:containerd:790 ");
}

TEST(RuntimeChain, ParentPidFromStatSurvivesParenthesesInTheName) {
  EXPECT_EQ(parse_stat_ppid("31528 (sleep) S 31508 31528 31528 0 -1 4194560 107 0 0 0"), 31508);
  EXPECT_EQ(parse_stat_ppid("7 (a) b) (c) R 1 7 7 0"), 1);
  EXPECT_EQ(parse_stat_ppid("7 (x) R"), std::nullopt);
  EXPECT_EQ(parse_stat_ppid("garbage"), std::nullopt);
}

TEST(RuntimeChain, ReadsThisProcessAndItsParentFromProc) {
  const ProcessTable table = read_process_table();
  const auto self = table.find(getpid());
  ASSERT_NE(self, table.end());
  EXPECT_EQ(self->second.ppid, getppid());
  EXPECT_FALSE(self->second.command.empty());
}
