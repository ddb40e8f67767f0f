#include <gtest/gtest.h>

#include <filesystem>

#include "vmctl/guests.hpp"

namespace virtlab::vmctl {
namespace {

TEST(Guests, EveryBuiltinIsEmbeddedAndHasItsSourceInTheRepo) {
  ASSERT_EQ(builtin_guests().size(), 8u);
  for (const auto& g : builtin_guests()) {
    EXPECT_FALSE(embedded_guest_image(g.name).empty()) << g.name;
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(VIRTLAB_SOURCE_DIR) / g.source)) << g.source;
    EXPECT_EQ(find_builtin_guest(g.name), &g);
  }
  EXPECT_EQ(find_builtin_guest("nope"), nullptr);
  EXPECT_TRUE(embedded_guest_image("nope").empty());
}

TEST(Guests, HelloIsTheAssembledRealModeProgram) {
  // nasm output of guests/hello.asm: mov si, imm16 (BE xx xx); mov dx, 0x3f8 (BA F8 03); … ends with the message.
  const auto image = embedded_guest_image("hello");
  ASSERT_GT(image.size(), 16u);
  EXPECT_EQ(image[0], 0xbe);
  EXPECT_EQ(image[3], 0xba);
  EXPECT_EQ(image[4], 0xf8);
  EXPECT_EQ(image[5], 0x03);
  const std::string tail(reinterpret_cast<const char*>(image.data()) + image.size() - 13, 13);
  EXPECT_EQ(tail, std::string("Hello, KVM!\n\0", 13));
  EXPECT_EQ(find_builtin_guest("smp")->vcpus, 2);
}

}  // namespace
}  // namespace virtlab::vmctl
