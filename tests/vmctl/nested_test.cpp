// --image under nesting: the image is copied into the test VM and the inner vmctl's arguments point at the copy.
#include <gtest/gtest.h>

#include <filesystem>

#include "vmctl/nested.hpp"

namespace virtlab::vmctl {
namespace {

TEST(NestedImage, RewritesSeparateImageArgument) {
  std::vector<NestedFile> files;
  const auto args = forward_image_args({"run", "--image", "my.bin", "--mode", "real", "--json"}, "my.bin", files);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].host_path, (std::filesystem::current_path() / "my.bin").string());
  EXPECT_EQ(files[0].guest_path, "/tmp/vmctl-files/0-my.bin");
  EXPECT_EQ(args,
            (std::vector<std::string>{"run", "--image", "/tmp/vmctl-files/0-my.bin", "--mode", "real", "--json"}));
}

TEST(NestedImage, RewritesEqualsFormAndKeepsAbsolutePaths) {
  std::vector<NestedFile> files;
  const auto args = forward_image_args({"run", "--image=/srv/lab/a b.bin", "--mode=long"}, "/srv/lab/a b.bin", files);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].host_path, "/srv/lab/a b.bin");
  EXPECT_EQ(files[0].guest_path, "/tmp/vmctl-files/0-a b.bin");
  EXPECT_EQ(args, (std::vector<std::string>{"run", "--image=/tmp/vmctl-files/0-a b.bin", "--mode=long"}));
}

TEST(NestedImage, RewritesTranslateImageToo) {
  std::vector<NestedFile> files;
  const auto args = forward_image_args({"translate", "--image", "/lab/long.bin", "--mode", "long", "0x1000", "--json"},
                                       "/lab/long.bin", files);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].guest_path, "/tmp/vmctl-files/0-long.bin");
  EXPECT_EQ(args, (std::vector<std::string>{"translate", "--image", "/tmp/vmctl-files/0-long.bin", "--mode", "long",
                                            "0x1000", "--json"}));
}

TEST(NestedImage, LeavesOtherArgumentsAlone) {
  std::vector<NestedFile> files;
  const auto args = forward_image_args({"run", "hello", "--explain"}, "x.bin", files);
  EXPECT_EQ(args, (std::vector<std::string>{"run", "hello", "--explain"}));
}

}  // namespace
}  // namespace virtlab::vmctl
