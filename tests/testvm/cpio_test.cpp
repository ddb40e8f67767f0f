#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "virtlab/testvm/cpio.hpp"

namespace {

struct Entry {
  std::string name;
  unsigned mode = 0;
  std::string data;
  unsigned rdev_major = 0, rdev_minor = 0;
};

unsigned field(const std::string& a, std::size_t header, int index) {
  return static_cast<unsigned>(std::stoul(a.substr(header + 6 + 8 * index, 8), nullptr, 16));
}

// An independent newc reader: what the kernel's initramfs unpacker will see.
std::vector<Entry> read_newc(const std::string& a) {
  std::vector<Entry> out;
  std::size_t pos = 0;
  while (true) {
    EXPECT_EQ(pos % 4, 0u);
    EXPECT_EQ(a.substr(pos, 6), "070701");
    Entry e;
    e.mode = field(a, pos, 1);
    unsigned size = field(a, pos, 6);
    e.rdev_major = field(a, pos, 9);
    e.rdev_minor = field(a, pos, 10);
    unsigned namesize = field(a, pos, 11);
    e.name = a.substr(pos + 110, namesize - 1);
    EXPECT_EQ(a[pos + 110 + namesize - 1], '\0');
    pos = (pos + 110 + namesize + 3) & ~std::size_t{3};
    e.data = a.substr(pos, size);
    pos = (pos + size + 3) & ~std::size_t{3};
    if (e.name == "TRAILER!!!") break;
    out.push_back(e);
  }
  for (; pos < a.size(); ++pos) EXPECT_EQ(a[pos], '\0') << "only zero padding after the trailer";
  return out;
}

TEST(Cpio, ParentDirectoriesComeFirstAndOnlyOnce) {
  virtlab::testvm::CpioWriter w;
  w.add_file("/usr/lib/x86_64-linux-gnu/libc.so.6", "ELF...", 0755);
  w.add_file("usr/lib/x86_64-linux-gnu/libm.so.6", "m");
  auto entries = read_newc(w.finish());
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries[0].name, "usr");
  EXPECT_EQ(entries[1].name, "usr/lib");
  EXPECT_EQ(entries[2].name, "usr/lib/x86_64-linux-gnu");
  EXPECT_EQ(entries[0].mode, 040755u);
  EXPECT_EQ(entries[3].name, "usr/lib/x86_64-linux-gnu/libc.so.6");
  EXPECT_EQ(entries[3].mode, 0100755u);
  EXPECT_EQ(entries[3].data, "ELF...");
  EXPECT_EQ(entries[4].mode, 0100644u);
}

TEST(Cpio, SymlinksDevicesAndPadding) {
  virtlab::testvm::CpioWriter w;
  w.add_symlink("bin/sh", "busybox");
  w.add_char_device("dev/console", 5, 1);
  w.add_file("odd", std::string(5, 'x'));
  std::string archive = w.finish();
  EXPECT_EQ(archive.size() % 512, 0u) << "padded to a block so a second archive can follow";
  auto entries = read_newc(archive);
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries[1].name, "bin/sh");
  EXPECT_EQ(entries[1].mode, 0120777u);
  EXPECT_EQ(entries[1].data, "busybox");
  EXPECT_EQ(entries[3].mode, 020600u);
  EXPECT_EQ(entries[3].rdev_major, 5u);
  EXPECT_EQ(entries[3].rdev_minor, 1u);
  EXPECT_EQ(entries[4].data, "xxxxx");
}

TEST(Cpio, IdenticalInputGivesIdenticalBytes) {
  auto build = [] {
    virtlab::testvm::CpioWriter w;
    w.add_file("a/b", "content");
    return w.finish();
  };
  EXPECT_EQ(build(), build());
}

TEST(Cpio, ArchivePathNormalisesAndRejectsEscapes) {
  EXPECT_EQ(virtlab::testvm::archive_path("/usr//bin/./x"), "usr/bin/x");
  EXPECT_EQ(virtlab::testvm::archive_path("init"), "init");
  EXPECT_EQ(virtlab::testvm::archive_path("/"), "");
  EXPECT_EQ(virtlab::testvm::archive_path("/a/../etc/passwd"), "");
  virtlab::testvm::CpioWriter w;
  EXPECT_THROW(w.add_file("/../x", "y"), std::invalid_argument);
}

// A file this test writes, removed when the test ends (also when an assertion returns early).
struct RemovedAtEnd {
  std::string path;
  ~RemovedAtEnd() { std::remove(path.c_str()); }
};

TEST(Cpio, GnuCpioListsWhatWeWrote) {
  if (std::system("command -v cpio >/dev/null 2>&1") != 0) GTEST_SKIP() << "GNU cpio is not installed";
  virtlab::testvm::CpioWriter w;
  w.add_file("etc/hostname", "guest\n");
  w.add_symlink("bin/sh", "busybox");
  const std::string path = ::testing::TempDir() + "/testvm_cpio_test.cpio";
  const std::string list = ::testing::TempDir() + "/testvm_cpio_test.txt";
  const RemovedAtEnd remove_archive{path}, remove_list{list};
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::string archive = w.finish();
  std::fwrite(archive.data(), 1, archive.size(), f);
  std::fclose(f);
  ASSERT_EQ(std::system(("cpio -t --quiet < " + path + " > " + list).c_str()), 0);
  FILE* l = std::fopen(list.c_str(), "r");
  char buf[256] = {};
  std::string names;
  while (std::fgets(buf, sizeof buf, l) != nullptr) names += buf;
  std::fclose(l);
  EXPECT_EQ(names, "etc\netc/hostname\nbin\nbin/sh\n");
}

}  // namespace
