// Limits: the command-line forms (--cpu, --memory, --pids, --io-read) and what is written for them on each layout.
#include <gtest/gtest.h>

#include "virtlab/error.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/kernel/cgroup.hpp"

namespace {

namespace kernel = virtlab::kernel;

std::string fixture(const std::string& name) {
  return virtlab::read_file(std::string(VIRTLAB_FIXTURES_DIR) + "/" + name);
}

kernel::Hierarchy load(const std::string& layout) {
  return kernel::build_hierarchy(fixture(layout + "/mountinfo"), fixture(layout + "/cgroups"),
                                 fixture(layout + "/cgroup.controllers"));
}

TEST(Limits, ParseGoodValues) {
  EXPECT_DOUBLE_EQ(kernel::parse_cpu_cores("0.5"), 0.5);
  EXPECT_DOUBLE_EQ(kernel::parse_cpu_cores("150%"), 1.5);
  EXPECT_EQ(kernel::parse_memory_bytes("64M"), 64u << 20);
  EXPECT_EQ(kernel::parse_pids_max("32"), 32u);
  auto io = kernel::parse_io_limit("10M:8:0", false);
  EXPECT_EQ(io.major, 8u);
  EXPECT_EQ(io.read_bps, 10u << 20);
  EXPECT_FALSE(io.write_bps);
}

TEST(Limits, MalformedIsUsageError) {
  for (const char* bad : {"50Q", "-1", "0", "", "abc"}) {
    try {
      kernel::parse_memory_bytes(bad);
      ADD_FAILURE() << "accepted memory " << bad;
    } catch (const virtlab::Error& e) {
      EXPECT_EQ(e.code(), virtlab::ExitCode::usage) << bad;
    }
    try {
      kernel::parse_cpu_cores(bad);
      ADD_FAILURE() << "accepted cpu " << bad;
    } catch (const virtlab::Error& e) {
      EXPECT_EQ(e.code(), virtlab::ExitCode::usage) << bad;
    }
    try {
      kernel::parse_pids_max(bad);
      ADD_FAILURE() << "accepted pids " << bad;
    } catch (const virtlab::Error& e) {
      EXPECT_EQ(e.code(), virtlab::ExitCode::usage) << bad;
    }
  }
  EXPECT_THROW(kernel::parse_io_limit("10M", false), virtlab::Error);
  EXPECT_THROW(kernel::parse_io_limit("fast:8:0", true), virtlab::Error);
}

TEST(Limits, PlanPerHierarchy) {
  kernel::Limits lim;
  lim.cpu_cores = 0.5;
  lim.memory_bytes = 64u << 20;
  lim.pids_max = 32;
  lim.io.push_back(kernel::parse_io_limit("10M:8:0", false));
  auto v2 = kernel::plan_limits(load("v2"), lim);
  ASSERT_EQ(v2.size(), 4u);
  EXPECT_EQ(v2[0].file, "cpu.max");
  EXPECT_EQ(v2[0].value, "50000 100000");
  EXPECT_EQ(v2[1].file, "memory.max");
  EXPECT_EQ(v2[2].file, "pids.max");
  EXPECT_EQ(v2[3].file, "io.max");
  EXPECT_EQ(v2[3].value, "8:0 rbps=10485760");
  auto v1 = kernel::plan_limits(load("hybrid"), lim);
  ASSERT_EQ(v1.size(), 5u);
  EXPECT_EQ(v1[0].file, "cpu.cfs_period_us");
  EXPECT_EQ(v1[1].file, "cpu.cfs_quota_us");
  EXPECT_EQ(v1[1].value, "50000");
  EXPECT_EQ(v1[2].file, "memory.limit_in_bytes");
  EXPECT_EQ(v1[4].file, "blkio.throttle.read_bps_device");
  EXPECT_EQ(v1[4].value, "8:0 10485760");
}

TEST(Limits, InexpressibleOrMissingController) {
  kernel::Limits tiny;
  tiny.cpu_cores = 0.001;  // 100 µs per 100 ms: below the kernel's 1 ms minimum quota
  try {
    kernel::plan_limits(load("v2"), tiny);
    ADD_FAILURE() << "accepted a quota below 1 ms";
  } catch (const virtlab::Error& e) {
    EXPECT_EQ(e.code(), virtlab::ExitCode::usage);
  }
  // A v2 machine whose root offers no io controller cannot express --io-read.
  auto h = kernel::build_hierarchy(fixture("v2/mountinfo"), fixture("v2/cgroups"), "cpu memory pids");
  kernel::Limits io;
  io.io.push_back(kernel::parse_io_limit("1M:8:0", false));
  try {
    kernel::plan_limits(h, io);
    ADD_FAILURE() << "accepted io without the io controller";
  } catch (const virtlab::Error& e) {
    EXPECT_EQ(e.code(), virtlab::ExitCode::unsupported);
    EXPECT_NE(std::string(e.what()).find("'io'"), std::string::npos) << e.what();
    EXPECT_NE(e.hint().find("+io"), std::string::npos) << e.hint();
  }
}

TEST(Limits, CgroupNames) {
  EXPECT_NO_THROW(kernel::validate_cgroup_name("demo-1"));
  EXPECT_THROW(kernel::validate_cgroup_name("a/b"), virtlab::Error);
  EXPECT_THROW(kernel::validate_cgroup_name(".."), virtlab::Error);
  EXPECT_THROW(kernel::validate_cgroup_name(""), virtlab::Error);
}

}  // namespace
