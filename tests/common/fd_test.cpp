#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "virtlab/error.hpp"
#include "virtlab/fd.hpp"

using namespace virtlab;

TEST(ReadFile, ReadsProcFilesThatReportSizeZero) {
  std::string status = read_file("/proc/self/status");
  EXPECT_NE(status.find("Name:"), std::string::npos);
}

TEST(ReadFile, MissingFileIsNotFoundWithHint) {
  try {
    read_file("/proc/does-not-exist", 4096, "check the path");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::not_found);
    EXPECT_NE(e.one_line().find("hint: check the path"), std::string::npos);
  }
  EXPECT_FALSE(try_read_file("/proc/does-not-exist"));
}

TEST(ReadFile, RefusesToTruncate) {
  char path[] = "/tmp/virtlab-test-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  std::string data(10000, 'x');
  ASSERT_EQ(write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
  close(fd);
  EXPECT_THROW(read_file(path, 100), Error);
  EXPECT_EQ(read_file(path, 10000).size(), 10000u);
  unlink(path);
}

TEST(UniqueFd, ClosesOnScopeExit) {
  int raw;
  {
    UniqueFd fd = open_or_throw("/proc/self/stat", O_RDONLY);
    raw = fd.get();
    EXPECT_GE(raw, 0);
  }
  EXPECT_EQ(fcntl(raw, F_GETFD), -1);
}

TEST(PreadFull, ReadsAtOffset) {
  UniqueFd fd = open_or_throw("/proc/self/exe", O_RDONLY);
  std::byte magic[4];
  EXPECT_EQ(pread_full(fd.get(), magic, 0, "exe"), 4u);
  EXPECT_EQ(static_cast<char>(magic[1]), 'E');
  EXPECT_EQ(static_cast<char>(magic[2]), 'L');
}
