// /proc/PID/stat on fixtures copied from this machine: a comm with blanks and parentheses, a kernel thread, junk.
#include <gtest/gtest.h>

#include <string>

#include "virtlab/fd.hpp"
#include "virtlab/kernel/proc_stat.hpp"

namespace {

namespace kernel = virtlab::kernel;

std::string fixture(const std::string& name) {
  return virtlab::read_file(std::string(VIRTLAB_FIXTURES_DIR) + "/" + name);
}

TEST(ProcStat, CommWithParenthesesAndKernelThreads) {
  auto user = kernel::parse_proc_stat(fixture("stat_user.txt"));
  ASSERT_TRUE(user);
  EXPECT_EQ(user->comm, "my prog) (x)");
  EXPECT_EQ(user->state, 'S');
  EXPECT_EQ(user->minor_faults, 1234u);
  EXPECT_EQ(user->major_faults, 7u);
  EXPECT_FALSE(user->kernel_thread());
  auto kthread = kernel::parse_proc_stat(fixture("stat_kthread.txt"));
  ASSERT_TRUE(kthread);
  EXPECT_TRUE(kthread->kernel_thread());
  EXPECT_FALSE(kernel::parse_proc_stat("garbage"));
}

}  // namespace
