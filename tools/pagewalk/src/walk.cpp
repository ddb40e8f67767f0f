// `pagewalk PID ADDRESS`: one address through the page tables down to its frame.
#include <algorithm>
#include <stdexcept>

#include "pagewalk/walk.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/text.hpp"

namespace virtlab::pagewalk {

namespace {

// The container a memory cgroup directory is ("/sys/fs/cgroup/memory/docker/<id>" → docker vl-test-web), from the
// engine's own files; the engines name cgroups relative to the hierarchy's root.
std::optional<virtlab::engines::Container> container_of_cgroup(const std::string& directory) {
  std::string_view rel = directory;
  for (std::string_view root : {"/sys/fs/cgroup/memory/", "/sys/fs/cgroup/unified/", "/sys/fs/cgroup/"})
    if (virtlab::starts_with(rel, root)) {
      rel.remove_prefix(root.size() - 1);
      break;
    }
  virtlab::engines::StateReader engines;
  auto container = engines.find_by_cgroup_path(rel);
  if (container)
    explain("read",
            std::string(virtlab::engines::engine_name(container->engine)) + "'s state of container " +
                container->id.substr(0, 12),
            virtlab::engines::label_of(*container), "the engine's own files name the container that cgroup is");
  return container;
}

}  // namespace

AddressWalk walk_address(pid_t pid, std::uint64_t address, const WalkOptions& options) {
  inspect_process(pid);
  kernel::ProcessPages pages = kernel::ProcessPages::open(pid, options.read);
  return walk_address(pages, address, options);
}

AddressWalk walk_address(const kernel::ProcessPages& pages, std::uint64_t address, const WalkOptions& options) {
  AddressWalk walk;
  walk.process = inspect_process(pages.pid());
  walk.address = address;
  walk.access = pages.access();
  PagingMode mode = options.mode ? *options.mode : detect_paging_mode();
  try {
    walk.split = split_address(address, mode);
  } catch (const std::invalid_argument& e) {
    throw Error(ExitCode::usage, std::string(e.what()) + " (--arch i386 has 32-bit addresses)",
                "give an address below 0x100000000, or drop --arch i386");
  }
  if (mode == PagingMode::i386)
    walk.notes.push_back(
        "--arch i386 shows the course notes' 32-bit split (20-bit page number + 12-bit offset); "
        "the entry below is still read from this x86-64 process's real page tables");
  auto maps = read_maps(pages.pid());
  auto it =
      std::find_if(maps.begin(), maps.end(), [&](const MapsEntry& m) { return address >= m.start && address < m.end; });
  if (it == maps.end()) {
    // Name the nearest mappings so the user can pick a valid address.
    std::string near;
    auto after = std::find_if(maps.begin(), maps.end(), [&](const MapsEntry& m) { return m.start > address; });
    if (after != maps.begin()) near += "previous mapping ends at " + hex(std::prev(after)->end);
    if (after != maps.end()) near += std::string(near.empty() ? "" : ", ") + "next starts at " + hex(after->start);
    throw Error(ExitCode::not_found,
                "address " + hex(address) + " is not mapped in pid " + std::to_string(pages.pid()) +
                    (near.empty() ? "" : " (" + near + ")"),
                "pick an address inside a range listed by `pagewalk " + std::to_string(pages.pid()) + "`");
  }
  walk.vma = *it;
  if (walk.vma.kind == VmaKind::vsyscall)
    walk.notes.push_back(
        "[vsyscall] lies above the user address space: the process's page tables do not map it, "
        "so pagemap reports it as not present");
  std::uint64_t page = address & ~(kernel::kPageSize - 1);
  std::uint64_t raw = 0;
  pages.read_pagemap(page, page + kernel::kPageSize, std::span(&raw, 1));
  walk.entry = kernel::PagemapEntry{raw};
  walk.notes.insert(walk.notes.end(), walk.access.hidden.begin(), walk.access.hidden.end());
  if (!walk.entry.present()) return walk;
  std::uint64_t pfn = walk.entry.pfn();
  if (pfn == 0 && !walk.access.pfn_visible) return walk;
  walk.pfn = pfn;
  walk.phys_address = pfn * kernel::kPageSize + (address & (kernel::kPageSize - 1));
  std::uint64_t pfns[1] = {pfn};
  if (auto flags = pages.kpageflags(pfns)) walk.kpageflags = (*flags)[0];
  if (auto count = pages.kpagecount(pfns)) walk.kpagecount = (*count)[0];
  if (auto cg = pages.kpagecgroup(pfns)) {
    walk.cgroup_inode = (*cg)[0];
    if (*walk.cgroup_inode != 0) walk.cgroup_path = kernel::memory_cgroup_path(*walk.cgroup_inode);
    if (walk.cgroup_path) walk.cgroup_container = container_of_cgroup(*walk.cgroup_path);
  }
  return walk;
}

}  // namespace virtlab::pagewalk
