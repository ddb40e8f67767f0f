#include <sys/utsname.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "virtlab/lsm.hpp"
#include "virtlab/text.hpp"

using namespace virtlab;

TEST(LsmName, FollowsTheUapiIds) {
  EXPECT_EQ(lsm_name(100), "capability");
  EXPECT_EQ(lsm_name(101), "selinux");
  EXPECT_EQ(lsm_name(104), "apparmor");
  EXPECT_EQ(lsm_name(108), "lockdown");
  EXPECT_EQ(lsm_name(110), "landlock");
  EXPECT_EQ(lsm_name(113), "ipe");
  EXPECT_EQ(lsm_name(114), "lsm-114");
  EXPECT_EQ(lsm_name(0), "lsm-0");
  const std::array<std::uint64_t, 4> ids{108, 100, 110, 109};
  EXPECT_EQ(lsm_names(ids), (std::vector<std::string>{"lockdown", "capability", "landlock", "bpf"}));
}

TEST(ParseLsmList, SplitsSecurityfsText) {
  EXPECT_EQ(parse_lsm_list("lockdown,capability,yama,apparmor\n"),
            (std::vector<std::string>{"lockdown", "capability", "yama", "apparmor"}));
  EXPECT_EQ(parse_lsm_list("capability,,selinux,"), (std::vector<std::string>{"capability", "selinux"}));
  EXPECT_TRUE(parse_lsm_list("").empty());
  EXPECT_TRUE(parse_lsm_list("\n").empty());
}

TEST(MandatoryAccessControl, NamesTheLabellingModule) {
  EXPECT_EQ(mandatory_access_control({"lockdown", "capability", "yama", "apparmor"}), "apparmor");
  EXPECT_EQ(mandatory_access_control({"capability", "selinux"}), "selinux");
  EXPECT_FALSE(mandatory_access_control({"lockdown", "capability", "landlock", "bpf"}).has_value());
}

// The real kernel: the capability module is always active, and from 6.8 the syscall lists it.
TEST(ReadLsmFacts, ListsThisKernelsModules) {
  utsname uts{};
  ASSERT_EQ(uname(&uts), 0);
  const LsmFacts facts = read_lsm_facts();
  if (!kernel_release_at_least(uts.release, 6, 8) && facts.source == LsmSource::unavailable)
    GTEST_SKIP() << "kernel " << uts.release << " has no lsm_list_modules and securityfs is not mounted";
  if (kernel_release_at_least(uts.release, 6, 8)) {
    EXPECT_EQ(facts.source, LsmSource::syscall);
  }
  EXPECT_NE(std::find(facts.active.begin(), facts.active.end(), "capability"), facts.active.end());
  EXPECT_EQ(facts.mandatory_access_control.has_value(), facts.label.has_value())
      << "a process has a label exactly when a labelling LSM is active";
}
