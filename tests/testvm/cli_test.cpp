// The CLI's bad-input paths: one-line errors and documented exit codes, before any VM is booted.
#include <gtest/gtest.h>

#include "cli_runner.hpp"

using testvm_test::CliRun;

namespace {

TEST(Cli, UnknownCgroupModeIsUsage) {
  CliRun cli;
  auto r = cli.run({"run", "--cgroup", "v3", "--", "true"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--cgroup"), std::string::npos) << r.err;
}

TEST(Cli, OutOfRangeMemoryIsUsageWithTheRange) {
  CliRun cli;
  auto r = cli.run({"run", "--mem", "12", "--", "true"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("testvm: error: --mem 12 MiB is out of range"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
}

TEST(Cli, SwapWithoutUnitAndUnknownNeedAreUsage) {
  CliRun cli;
  EXPECT_EQ(cli.run({"run", "--swap", "256", "--", "true"}).exit_code, 2);
  EXPECT_EQ(cli.run({"run", "--needs", "gpu", "--", "true"}).exit_code, 2);
  EXPECT_EQ(cli.run({"run", "--cpus", "0", "--", "true"}).exit_code, 2);
  EXPECT_EQ(cli.run({"run", "--file", "x:relative", "--", "true"}).exit_code, 2);
}

TEST(Cli, MissingQemuIsUnsupportedWithTheInstallHint) {
  CliRun cli;
  auto r = cli.run({"run", "--", "true"}, {"VIRTLAB_TESTVM_QEMU=/nonexistent/qemu-system-x86_64"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("apt-get install qemu-system-x86"), std::string::npos) << r.err;
  EXPECT_TRUE(cli.tmpdir_is_empty()) << "nothing left behind";
}

// No --needs: with one, a host that has it (e.g. a /dev/kvm) runs the command itself and never looks for QEMU.
TEST(Cli, MissingQemuWithSkipCodeSkipsWithTheReason) {
  CliRun cli;
  auto r = cli.run({"run", "--skip-code", "77", "--", "true"}, {"VIRTLAB_TESTVM_QEMU=/nonexistent/qemu-system-x86_64"});
  EXPECT_EQ(r.exit_code, 77);
  EXPECT_NE(r.err.find("SKIP"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("apt-get install qemu-system-x86"), std::string::npos) << r.err;
}

TEST(Cli, StatusReportsHostFeatures) {
  CliRun cli;
  auto r = cli.run({"status"});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 5) << r.err;
  EXPECT_NE(r.out.find("host /dev/kvm:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("host cgroups:"), std::string::npos) << r.out;
}

}  // namespace
