// Just enough ELF reading to copy a program into the guest with everything the dynamic loader will ask for:
// PT_INTERP (the loader itself) and the DT_NEEDED / DT_RPATH / DT_RUNPATH entries of PT_DYNAMIC.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace virtlab::testvm {

struct ElfDeps {
  std::string interpreter;           // "/lib64/ld-linux-x86-64.so.2"; empty for static binaries and libraries
  std::vector<std::string> needed;   // DT_NEEDED in file order: "libstdc++.so.6", "libc.so.6"
  std::vector<std::string> rpath;    // DT_RPATH entries (split on ':'), only used when there is no DT_RUNPATH
  std::vector<std::string> runpath;  // DT_RUNPATH entries (split on ':')
};

// Parses an ELF64 little-endian image. nullopt when `image` is not ELF at all (a script, data);
// throws std::runtime_error naming the problem when it claims to be ELF but is truncated or inconsistent.
std::optional<ElfDeps> parse_elf_deps(std::string_view image);

// Where the guest's loader will look, in glibc's order, for a library without a slash in its name:
// DT_RPATH (when no DT_RUNPATH), LD_LIBRARY_PATH, DT_RUNPATH, then the Debian multiarch and default dirs.
// $ORIGIN is replaced by `origin_dir` (the directory of the object that needs the library).
std::vector<std::string> library_search_dirs(const ElfDeps& deps, const std::string& origin_dir,
                                             const std::vector<std::string>& ld_library_path);

// One file the guest needs: the host file to read and the absolute path it must have in the guest.
struct NeededFile {
  std::filesystem::path host_path;
  std::string guest_path;
  bool operator==(const NeededFile&) const = default;
};

// Walks the dependency closure of `binary` (breadth first), returning the loader and every shared library at
// the path the loader will find it under. The two callbacks let tests substitute a fake file system.
struct FileAccess {
  std::function<bool(const std::string&)> exists;                      // a regular file (after symlinks)
  std::function<std::optional<std::string>(const std::string&)> read;  // whole content, nullopt if unreadable
};
std::vector<NeededFile> resolve_elf_closure(const std::filesystem::path& binary,
                                            const std::vector<std::string>& ld_library_path, const FileAccess& fs);

}  // namespace virtlab::testvm
