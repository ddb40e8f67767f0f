#include <elf.h>
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "virtlab/testvm/elf.hpp"

namespace {

// A minimal but well-formed ELF64 image: PT_LOAD over the whole file at 0x400000, PT_INTERP, PT_DYNAMIC with
// DT_NEEDED/DT_RUNPATH entries pointing into a string table.
std::string make_elf(const std::string& interp, const std::vector<std::string>& needed, const std::string& runpath,
                     const std::string& rpath = {}) {
  const std::uint64_t base = 0x400000;
  std::string strtab(1, '\0');
  std::vector<Elf64_Dyn> dyn;
  auto add_string = [&](const std::string& s) {
    std::uint64_t off = strtab.size();
    strtab += s;
    strtab.push_back('\0');
    return off;
  };
  for (const auto& n : needed) dyn.push_back({DT_NEEDED, {add_string(n)}});
  if (!runpath.empty()) dyn.push_back({DT_RUNPATH, {add_string(runpath)}});
  if (!rpath.empty()) dyn.push_back({DT_RPATH, {add_string(rpath)}});
  const std::size_t phnum = interp.empty() ? 2 : 3;
  std::size_t off = sizeof(Elf64_Ehdr) + phnum * sizeof(Elf64_Phdr);
  std::size_t interp_off = off;
  off += interp.size() + 1;
  off = (off + 7) & ~std::size_t{7};
  std::size_t strtab_off = off;
  off += strtab.size();
  off = (off + 7) & ~std::size_t{7};
  dyn.push_back({DT_STRTAB, {base + strtab_off}});
  dyn.push_back({DT_STRSZ, {strtab.size()}});
  dyn.push_back({DT_NULL, {0}});
  std::size_t dyn_off = off;
  std::size_t total = dyn_off + dyn.size() * sizeof(Elf64_Dyn);
  std::string image(total, '\0');

  Elf64_Ehdr eh{};
  std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
  eh.e_ident[EI_CLASS] = ELFCLASS64;
  eh.e_ident[EI_DATA] = ELFDATA2LSB;
  eh.e_ident[EI_VERSION] = EV_CURRENT;
  eh.e_type = ET_DYN;
  eh.e_machine = EM_X86_64;
  eh.e_phoff = sizeof(Elf64_Ehdr);
  eh.e_phentsize = sizeof(Elf64_Phdr);
  eh.e_phnum = static_cast<Elf64_Half>(phnum);
  std::memcpy(image.data(), &eh, sizeof eh);
  std::vector<Elf64_Phdr> ph;
  Elf64_Phdr load{};
  load.p_type = PT_LOAD;
  load.p_vaddr = base;
  load.p_filesz = total;
  ph.push_back(load);
  if (!interp.empty()) {
    Elf64_Phdr p{};
    p.p_type = PT_INTERP;
    p.p_offset = interp_off;
    p.p_filesz = interp.size() + 1;
    ph.push_back(p);
    std::memcpy(image.data() + interp_off, interp.c_str(), interp.size() + 1);
  }
  Elf64_Phdr d{};
  d.p_type = PT_DYNAMIC;
  d.p_offset = dyn_off;
  d.p_filesz = dyn.size() * sizeof(Elf64_Dyn);
  ph.push_back(d);
  std::memcpy(image.data() + sizeof eh, ph.data(), ph.size() * sizeof(Elf64_Phdr));
  std::memcpy(image.data() + strtab_off, strtab.data(), strtab.size());
  std::memcpy(image.data() + dyn_off, dyn.data(), dyn.size() * sizeof(Elf64_Dyn));
  return image;
}

TEST(Elf, ReadsInterpreterNeededAndRunpath) {
  auto deps = virtlab::testvm::parse_elf_deps(
      make_elf("/lib64/ld-linux-x86-64.so.2", {"libstdc++.so.6", "libc.so.6"}, "$ORIGIN/../lib:/opt/x"));
  ASSERT_TRUE(deps);
  EXPECT_EQ(deps->interpreter, "/lib64/ld-linux-x86-64.so.2");
  EXPECT_EQ(deps->needed, (std::vector<std::string>{"libstdc++.so.6", "libc.so.6"}));
  EXPECT_EQ(deps->runpath, (std::vector<std::string>{"$ORIGIN/../lib", "/opt/x"}));
}

TEST(Elf, NotElfIsNulloptAndTruncatedElfThrows) {
  EXPECT_FALSE(virtlab::testvm::parse_elf_deps("#!/bin/sh\necho hi\n"));
  EXPECT_FALSE(virtlab::testvm::parse_elf_deps(""));
  std::string image = make_elf("/lib64/ld-linux-x86-64.so.2", {"libc.so.6"}, "");
  EXPECT_THROW(virtlab::testvm::parse_elf_deps(image.substr(0, 40)), std::runtime_error);
  EXPECT_THROW(virtlab::testvm::parse_elf_deps(image.substr(0, image.size() - 16)), std::runtime_error);
  std::string elf32 = image;
  elf32[EI_CLASS] = ELFCLASS32;
  EXPECT_THROW(virtlab::testvm::parse_elf_deps(elf32), std::runtime_error);
}

TEST(Elf, ReadsThisTestBinary) {
  std::ifstream in("/proc/self/exe", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto deps = virtlab::testvm::parse_elf_deps(ss.str());
  ASSERT_TRUE(deps);
  EXPECT_FALSE(deps->interpreter.empty());
  bool has_libc = false;
  for (const auto& n : deps->needed) has_libc = has_libc || n.starts_with("libc.so");
  EXPECT_TRUE(has_libc) << "a dynamically linked C++ test binary needs libc";
}

TEST(Elf, SearchOrderFollowsTheLoader) {
  virtlab::testvm::ElfDeps with_rpath;
  with_rpath.rpath = {"$ORIGIN/lib"};
  auto dirs = virtlab::testvm::library_search_dirs(with_rpath, "/opt/app/bin", {"/env/lib"});
  ASSERT_GE(dirs.size(), 3u);
  EXPECT_EQ(dirs[0], "/opt/app/bin/lib") << "DT_RPATH first when there is no DT_RUNPATH";
  EXPECT_EQ(dirs[1], "/env/lib");
  EXPECT_EQ(dirs[2], "/lib/x86_64-linux-gnu");
  virtlab::testvm::ElfDeps both;
  both.rpath = {"/ignored"};
  both.runpath = {"${ORIGIN}/../lib"};
  dirs = virtlab::testvm::library_search_dirs(both, "/opt/app/bin", {});
  EXPECT_EQ(dirs[0], "/opt/app/bin/../lib") << "DT_RUNPATH disables DT_RPATH";
}

TEST(Elf, ClosureWalksLibrariesOfLibrariesOnce) {
  std::map<std::string, std::string> files = {
      {"/opt/app/bin/tool", make_elf("/lib64/ld-linux-x86-64.so.2", {"libfoo.so.1", "libc.so.6"}, "$ORIGIN/../lib")},
      {"/opt/app/lib/libfoo.so.1", make_elf("", {"libc.so.6", "libm.so.6"}, "")},
      {"/lib/x86_64-linux-gnu/libc.so.6", make_elf("", {"ld-linux-x86-64.so.2"}, "")},
      {"/lib/x86_64-linux-gnu/libm.so.6", make_elf("", {"libc.so.6"}, "")},
      {"/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", make_elf("", {}, "")},
      {"/lib64/ld-linux-x86-64.so.2", make_elf("", {}, "")},
  };
  auto normal = [](const std::string& p) { return std::filesystem::path(p).lexically_normal().string(); };
  virtlab::testvm::FileAccess fs{[&](const std::string& p) { return files.contains(normal(p)); },
                                 [&](const std::string& p) -> std::optional<std::string> {
                                   auto it = files.find(normal(p));
                                   if (it == files.end()) return std::nullopt;
                                   return it->second;
                                 }};
  auto closure = virtlab::testvm::resolve_elf_closure("/opt/app/bin/tool", {}, fs);
  std::vector<std::string> guests;
  for (const auto& f : closure) guests.push_back(f.guest_path);
  EXPECT_EQ(guests, (std::vector<std::string>{"/lib64/ld-linux-x86-64.so.2", "/opt/app/lib/libfoo.so.1",
                                              "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libm.so.6",
                                              "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"}));
  files.erase("/lib/x86_64-linux-gnu/libm.so.6");
  EXPECT_THROW(virtlab::testvm::resolve_elf_closure("/opt/app/bin/tool", {}, fs), std::runtime_error);
}

}  // namespace
