// `vmctl translate --image`: the walk starts from the CR3 the image ended with, so tables an image built and
// loaded itself are what gets translated (the kvm lab grades students' long-mode tables this way). Needs /dev/kvm.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "virtlab/error.hpp"
#include "vmctl/backend.hpp"
#include "vmctl/translate.hpp"

namespace virtlab::vmctl {
namespace {

// nasm -f bin of (bits 64, org 0x10000):
//   mov rax, cr3 ; mov rbx, [rax] ; mov [0x20000], rbx         new PML4 at 0x20000, entry 0 = vmctl's (identity)
//   mov qword [0x20000 + 8*1], 0x21003                         PML4[1] → PDPT 0x21000 (P|RW)
//   mov qword [0x21000 + 8*2], 0x22003                         PDPT[2] → PD 0x22000
//   mov qword [0x22000 + 8*3], 0x23003                         PD[3]   → PT 0x23000
//   mov qword [0x23000 + 8*4], 0x30003                         PT[4]   → page at GPA 0x30000
//   mov rax, 0x20000 ; mov cr3, rax ; hlt
// so GVA 1<<39 | 2<<30 | 3<<21 | 4<<12 = 0x8080604000 maps to GPA 0x30000.
const std::vector<std::uint8_t> kOwnTables = {
    0x0f, 0x20, 0xd8, 0x48, 0x8b, 0x18, 0x48, 0x89, 0x1c, 0x25, 0x00, 0x00, 0x02, 0x00, 0x48, 0xc7, 0x04, 0x25,
    0x08, 0x00, 0x02, 0x00, 0x03, 0x10, 0x02, 0x00, 0x48, 0xc7, 0x04, 0x25, 0x10, 0x10, 0x02, 0x00, 0x03, 0x20,
    0x02, 0x00, 0x48, 0xc7, 0x04, 0x25, 0x18, 0x20, 0x02, 0x00, 0x03, 0x30, 0x02, 0x00, 0x48, 0xc7, 0x04, 0x25,
    0x20, 0x30, 0x02, 0x00, 0x03, 0x00, 0x03, 0x00, 0xb8, 0x00, 0x00, 0x02, 0x00, 0x0f, 0x22, 0xd8, 0xf4};

bool kvm_usable() {
  const int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  close(fd);
  return true;
}

RunOptions image_options(std::vector<std::uint8_t> image) {
  RunOptions o;
  o.image_path = "own_tables.bin";
  o.image = std::move(image);
  o.placement.mode = x86::CpuMode::long64;
  o.timeout_s = 5;
  return o;
}

TEST(TranslateImage, WalksTheTablesTheImageLoadedItself) {
  if (!kvm_usable()) GTEST_SKIP() << "/dev/kvm cannot be opened here (the vm-labelled tests cover translate nested)";
  Kvm kvm;
  auto vm = kvm.create_vm();
  const auto t = translate_guest(*vm, image_options(kOwnTables), {0x8080604123, 0x8080605000, 0x10000}, false);
  EXPECT_EQ(t.outcome, "halted");
  EXPECT_EQ(t.cr3, 0x20000u);
  ASSERT_EQ(t.chains.size(), 3u);

  const auto& mapped = t.chains[0];
  ASSERT_TRUE(mapped.walk.gpa.has_value()) << mapped.walk.fault;
  EXPECT_EQ(*mapped.walk.gpa, 0x30123u);
  EXPECT_EQ(mapped.walk.page_size, 4096u);
  EXPECT_TRUE(mapped.agree) << "KVM_TRANSLATE: " << mapped.kvm.gpa;
  ASSERT_EQ(mapped.walk.levels.size(), 4u);
  const std::uint64_t tables[] = {0x20000, 0x21000, 0x22000, 0x23000};
  const unsigned indices[] = {1, 2, 3, 4};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(mapped.walk.levels[i].table_gpa, tables[i]) << i;
    EXPECT_EQ(mapped.walk.levels[i].index, indices[i]) << i;
    EXPECT_EQ(mapped.walk.levels[i].entry_gpa, tables[i] + 8 * indices[i]) << i;
  }
  ASSERT_TRUE(mapped.hva.has_value());  // 0x30000 is RAM: a memslot backs it

  const auto& unmapped = t.chains[1];  // PT[5] was never written: not present
  EXPECT_FALSE(unmapped.walk.gpa.has_value());
  EXPECT_FALSE(unmapped.walk.fault.empty());
  EXPECT_TRUE(unmapped.agree);

  ASSERT_TRUE(t.chains[2].walk.gpa.has_value());  // PML4[0] copied from vmctl's: the code stays identity-mapped
  EXPECT_EQ(*t.chains[2].walk.gpa, 0x10000u);
}

TEST(TranslateImage, AnImageThatNeverHaltsIsAFailureNotATranslation) {
  if (!kvm_usable()) GTEST_SKIP() << "/dev/kvm cannot be opened here";
  Kvm kvm;
  auto vm = kvm.create_vm();
  auto options = image_options({0xeb, 0xfe});  // jmp $
  options.timeout_s = 0.2;
  try {
    translate_guest(*vm, options, {0x1000}, false);
    FAIL() << "translate_guest returned for a guest that never halts";
  } catch (const virtlab::Error& e) {
    EXPECT_EQ(e.code(), virtlab::ExitCode::failure);
    EXPECT_NE(std::string(e.what()).find("did not halt (timeout)"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace virtlab::vmctl
