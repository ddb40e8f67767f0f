#include "virtlab/testvm/elf.hpp"

#include <elf.h>

#include <cstring>
#include <deque>
#include <set>
#include <stdexcept>

namespace virtlab::testvm {
namespace {

template <typename T>
T read_at(std::string_view image, std::uint64_t offset, const char* what) {
  if (offset > image.size() || image.size() - offset < sizeof(T)) {
    throw std::runtime_error(std::string("truncated ELF: ") + what + " lies beyond the end of the file");
  }
  T value;
  std::memcpy(&value, image.data() + offset, sizeof(T));
  return value;
}

std::vector<std::string> split_colon(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(':', pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > pos) out.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace

std::optional<ElfDeps> parse_elf_deps(std::string_view image) {
  if (image.size() < 4 || std::memcmp(image.data(), ELFMAG, SELFMAG) != 0) return std::nullopt;
  if (image.size() < sizeof(Elf64_Ehdr)) throw std::runtime_error("truncated ELF: header is incomplete");
  if (static_cast<unsigned char>(image[EI_CLASS]) != ELFCLASS64 ||
      static_cast<unsigned char>(image[EI_DATA]) != ELFDATA2LSB) {
    throw std::runtime_error("unsupported ELF: only 64-bit little-endian (x86-64) binaries can run in the test VM");
  }
  auto header = read_at<Elf64_Ehdr>(image, 0, "ELF header");
  if (header.e_phentsize != sizeof(Elf64_Phdr) && header.e_phnum != 0) {
    throw std::runtime_error("corrupt ELF: unexpected program header size");
  }
  std::vector<Elf64_Phdr> phdrs;
  for (unsigned i = 0; i < header.e_phnum; ++i) {
    phdrs.push_back(
        read_at<Elf64_Phdr>(image, header.e_phoff + std::uint64_t{i} * sizeof(Elf64_Phdr), "program header"));
  }
  ElfDeps deps;
  const Elf64_Phdr* dynamic = nullptr;
  for (const Elf64_Phdr& ph : phdrs) {
    if (ph.p_type == PT_INTERP) {
      if (ph.p_offset > image.size() || image.size() - ph.p_offset < ph.p_filesz) {
        throw std::runtime_error("truncated ELF: PT_INTERP lies beyond the end of the file");
      }
      std::string_view interp = image.substr(ph.p_offset, ph.p_filesz);
      deps.interpreter = std::string(interp.substr(0, interp.find('\0')));
    } else if (ph.p_type == PT_DYNAMIC) {
      dynamic = &ph;
    }
  }
  if (dynamic == nullptr) return deps;  // static binary

  // DT_STRTAB is a virtual address: map it back to a file offset through the PT_LOAD segments.
  auto to_offset = [&](std::uint64_t vaddr) -> std::uint64_t {
    for (const Elf64_Phdr& ph : phdrs) {
      if (ph.p_type == PT_LOAD && vaddr >= ph.p_vaddr && vaddr < ph.p_vaddr + ph.p_filesz) {
        return vaddr - ph.p_vaddr + ph.p_offset;
      }
    }
    throw std::runtime_error("corrupt ELF: dynamic string table is not inside any loaded segment");
  };
  std::uint64_t strtab = 0, strsz = 0;
  bool have_strtab = false;
  std::vector<std::pair<std::int64_t, std::uint64_t>> entries;
  for (std::uint64_t off = dynamic->p_offset; off + sizeof(Elf64_Dyn) <= dynamic->p_offset + dynamic->p_filesz;
       off += sizeof(Elf64_Dyn)) {
    auto dyn = read_at<Elf64_Dyn>(image, off, "dynamic section");
    if (dyn.d_tag == DT_NULL) break;
    if (dyn.d_tag == DT_STRTAB) {
      strtab = dyn.d_un.d_ptr;
      have_strtab = true;
    } else if (dyn.d_tag == DT_STRSZ) {
      strsz = dyn.d_un.d_val;
    } else if (dyn.d_tag == DT_NEEDED || dyn.d_tag == DT_RPATH || dyn.d_tag == DT_RUNPATH) {
      entries.emplace_back(dyn.d_tag, dyn.d_un.d_val);
    }
  }
  if (entries.empty()) return deps;
  if (!have_strtab) throw std::runtime_error("corrupt ELF: DT_NEEDED without a dynamic string table");
  std::uint64_t str_offset = to_offset(strtab);
  if (str_offset > image.size() || image.size() - str_offset < strsz) {
    throw std::runtime_error("truncated ELF: dynamic string table lies beyond the end of the file");
  }
  std::string_view strings = image.substr(str_offset, strsz);
  for (auto [tag, index] : entries) {
    if (index >= strings.size()) throw std::runtime_error("corrupt ELF: dynamic string index out of range");
    std::string_view s = strings.substr(index);
    s = s.substr(0, s.find('\0'));
    if (tag == DT_NEEDED) {
      if (s.empty()) throw std::runtime_error("corrupt ELF: DT_NEEDED names an empty string");
      deps.needed.emplace_back(s);
    } else if (tag == DT_RPATH) {
      for (auto& dir : split_colon(s)) deps.rpath.push_back(dir);
    } else {
      for (auto& dir : split_colon(s)) deps.runpath.push_back(dir);
    }
  }
  return deps;
}

std::vector<std::string> library_search_dirs(const ElfDeps& deps, const std::string& origin_dir,
                                             const std::vector<std::string>& ld_library_path) {
  auto expand = [&](std::string dir) {
    for (const char* token : {"${ORIGIN}", "$ORIGIN"}) {
      for (auto pos = dir.find(token); pos != std::string::npos; pos = dir.find(token)) {
        dir.replace(pos, std::strlen(token), origin_dir);
      }
    }
    return dir;
  };
  std::vector<std::string> dirs;
  if (deps.runpath.empty()) {
    for (const auto& d : deps.rpath) dirs.push_back(expand(d));
  }
  for (const auto& d : ld_library_path) dirs.push_back(d);
  for (const auto& d : deps.runpath) dirs.push_back(expand(d));
  for (const char* d : {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib",
                        "/usr/lib", "/usr/local/lib"}) {
    dirs.emplace_back(d);
  }
  return dirs;
}

std::vector<NeededFile> resolve_elf_closure(const std::filesystem::path& binary,
                                            const std::vector<std::string>& ld_library_path, const FileAccess& fs) {
  std::vector<NeededFile> out;
  std::set<std::string> seen_names;  // sonames already resolved (the loader loads each once)
  std::set<std::string> seen_guest;  // guest paths already emitted
  std::deque<std::filesystem::path> queue{binary};
  bool first = true;
  while (!queue.empty()) {
    std::filesystem::path object = queue.front();
    queue.pop_front();
    auto image = fs.read(object.string());
    if (!image) {
      if (first) throw std::runtime_error("cannot read " + object.string());
      continue;
    }
    first = false;
    auto deps = parse_elf_deps(*image);
    if (!deps) continue;
    if (!deps->interpreter.empty() && seen_guest.insert(deps->interpreter).second) {
      out.push_back({deps->interpreter, deps->interpreter});
      queue.push_back(deps->interpreter);
    }
    auto dirs = library_search_dirs(*deps, object.parent_path().string(), ld_library_path);
    for (const std::string& name : deps->needed) {
      if (!seen_names.insert(name).second) continue;
      std::optional<std::string> found;
      if (name.find('/') != std::string::npos) {
        if (fs.exists(name)) found = name;
      } else {
        for (const std::string& dir : dirs) {
          std::string candidate = dir + "/" + name;
          if (fs.exists(candidate)) {
            found = std::filesystem::path(candidate).lexically_normal().string();
            break;
          }
        }
      }
      if (!found) {
        throw std::runtime_error("cannot find " + name + " (needed by " + object.string() + ")");
      }
      if (seen_guest.insert(*found).second) out.push_back({*found, *found});
      queue.push_back(*found);
    }
  }
  return out;
}

}  // namespace virtlab::testvm
