#include <gtest/gtest.h>

#include "virtlab/testvm/debversion.hpp"

using virtlab::testvm::compare_debian_versions;

TEST(DebianVersion, OrdersLikeDpkg) {
  EXPECT_LT(compare_debian_versions("6.1.0-56", "6.12.117+deb12"), 0);
  EXPECT_GT(compare_debian_versions("6.12.117-1~deb12u1", "6.12.115-1~deb12u1"), 0);
  EXPECT_LT(compare_debian_versions("1.0~rc1", "1.0"), 0) << "~ sorts before everything";
  EXPECT_GT(compare_debian_versions("1:1.0", "2.0"), 0) << "epoch wins";
  EXPECT_EQ(compare_debian_versions("1.0-1", "1.0-1"), 0);
  EXPECT_LT(compare_debian_versions("1.0-1", "1.0-2"), 0);
  EXPECT_GT(compare_debian_versions("1.10", "1.9"), 0) << "digit runs compare as numbers";
  EXPECT_LT(compare_debian_versions("1.0", "1.0a"), 0);
}

TEST(DebianVersion, CloudKernelReleaseFromPackageName) {
  EXPECT_EQ(virtlab::testvm::cloud_kernel_release("linux-image-6.12.117+deb12-cloud-amd64"),
            "6.12.117+deb12-cloud-amd64");
  EXPECT_EQ(virtlab::testvm::cloud_kernel_release("linux-image-6.1.0-56-cloud-amd64"), "6.1.0-56-cloud-amd64");
  EXPECT_FALSE(virtlab::testvm::cloud_kernel_release("linux-image-cloud-amd64"));
  EXPECT_FALSE(virtlab::testvm::cloud_kernel_release("linux-image-6.12-cloud-amd64")) << "meta package";
  EXPECT_FALSE(virtlab::testvm::cloud_kernel_release("linux-image-6.1.0-56-cloud-amd64-dbg"));
  EXPECT_FALSE(virtlab::testvm::cloud_kernel_release("linux-image-6.1.0-56-cloud-amd64-unsigned"));
  EXPECT_FALSE(virtlab::testvm::cloud_kernel_release("linux-image-6.1.0-56-amd64"));
}

TEST(DebianVersion, NewestFirstFromAptCachePkgnames) {
  auto releases = virtlab::testvm::cloud_kernel_releases_newest_first(
      "linux-image-6.1.0-47-cloud-amd64-dbg\n"
      "linux-image-6.1.0-56-cloud-amd64\n"
      "linux-image-6.12.100+deb12-cloud-amd64\n"
      "linux-image-6.12-cloud-amd64\n"
      "linux-image-6.12.117+deb12-cloud-amd64\n"
      "linux-image-6.12.99+deb12-cloud-amd64\n"
      "linux-image-amd64\n");
  ASSERT_EQ(releases.size(), 4u);
  EXPECT_EQ(releases[0], "6.12.117+deb12-cloud-amd64");
  EXPECT_EQ(releases[1], "6.12.100+deb12-cloud-amd64");
  EXPECT_EQ(releases[2], "6.12.99+deb12-cloud-amd64");
  EXPECT_EQ(releases[3], "6.1.0-56-cloud-amd64");
  EXPECT_TRUE(virtlab::testvm::cloud_kernel_releases_newest_first("").empty());
}
