// /proc/self/mountinfo (octal escapes, optional fields, " - " separator) and the cgroup hierarchy built from it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "fuzz_check.hpp"
#include "virtlab/kernel/cgroup_hierarchy.hpp"

using namespace virtlab::kernel;

namespace {

// The kernel's mangle(): octal escapes for what would break the line apart, so parsing it gives the value back.
std::string escape_field(const std::string& value) {
  if (value == "-") return "\\055";  // a bare "-" would read as the separator
  std::string out;
  for (unsigned char c : value) {
    if (c <= ' ' || c == '\\' || c == 0x7f) {
      char octal[5];
      std::snprintf(octal, sizeof octal, "\\%03o", c);
      out += octal;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string render(const MountInfoEntry& e) {
  std::string options;
  for (const auto& option : e.super_options) options += (options.empty() ? "" : ",") + option;
  return std::to_string(e.mount_id) + " " + std::to_string(e.parent_id) + " 0:1 " + escape_field(e.root) + " " +
         escape_field(e.mount_point) + " rw shared:1 - " + e.fs_type + " " + escape_field(e.source) + " " +
         (options.empty() ? "rw" : options) + "\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  auto entries = parse_mountinfo(text);
  for (const auto& e : entries) {
    FUZZ_CHECK(!e.fs_type.empty());
    // Written back the way the kernel writes it, the line parses to the same entry.
    auto again = parse_mountinfo(render(e));
    FUZZ_CHECK(again.size() == 1);
    FUZZ_CHECK(again[0].mount_id == e.mount_id && again[0].parent_id == e.parent_id);
    FUZZ_CHECK(again[0].root == e.root && again[0].mount_point == e.mount_point);
    FUZZ_CHECK(again[0].fs_type == e.fs_type && again[0].source == e.source);
    FUZZ_CHECK(again[0].super_options == e.super_options || e.super_options.empty());
  }
  // The same text as mountinfo, /proc/cgroups and cgroup.controllers: the picture stays self-consistent.
  Hierarchy h = build_hierarchy(text, text, text);
  FUZZ_CHECK((h.layout == Layout::none) ==
             (h.unified() == nullptr && std::all_of(h.mounts.begin(), h.mounts.end(),
                                                    [](const CgroupMount& m) { return m.controllers.empty(); })));
  for (std::size_t i = 0; i < h.mounts.size(); ++i)
    FUZZ_CHECK(h.mounts[i].version == Version::v1 || i == 0);  // the cgroup2 mount comes first, once
  for (const char* controller : {"cpu", "memory", "pids", "io", "blkio"}) {
    const CgroupMount* m = h.mount_for(controller);
    FUZZ_CHECK(m == nullptr || m->has(controller));
  }
  FUZZ_CHECK(!to_string(h.layout).empty());
  return 0;
}
