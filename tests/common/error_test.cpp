#include <gtest/gtest.h>

#include <cerrno>

#include "virtlab/error.hpp"

using namespace virtlab;

TEST(Error, OneLineCarriesErrnoAndHint) {
  Error e(ExitCode::permission, "cannot open /proc/1/pagemap", "run as root", EACCES);
  EXPECT_EQ(e.one_line(), "cannot open /proc/1/pagemap: Permission denied (errno 13); hint: run as root");
  EXPECT_EQ(e.code(), ExitCode::permission);
}

TEST(Error, NeverMultiLine) {
  Error e(ExitCode::failure, "first\nsecond", "fix\nit");
  EXPECT_EQ(e.one_line().find('\n'), std::string::npos);
}

TEST(Error, ErrnoMapsToDocumentedExitCodes) {
  EXPECT_EQ(exit_code_for_errno(ESRCH), ExitCode::not_found);
  EXPECT_EQ(exit_code_for_errno(ENOENT), ExitCode::not_found);
  EXPECT_EQ(exit_code_for_errno(EPERM), ExitCode::permission);
  EXPECT_EQ(exit_code_for_errno(ENOTTY), ExitCode::unsupported);
  EXPECT_EQ(exit_code_for_errno(EEXIST), ExitCode::busy);
  EXPECT_EQ(exit_code_for_errno(EIO), ExitCode::failure);
}

TEST(Error, ThrowErrnoUsesMapping) {
  try {
    throw_errno(ESRCH, "no process 99999", "check the pid with ps");
    FAIL() << "throw_errno returned";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::not_found);
    EXPECT_EQ(e.sys_errno(), ESRCH);
  }
}
