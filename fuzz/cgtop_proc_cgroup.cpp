// /proc/cgroups ("memory 4 35 1") and /proc/PID/cgroup ("4:memory:/docker/abc", "0::/user.slice").
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "virtlab/kernel/cgroup_hierarchy.hpp"

using namespace virtlab::kernel;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  for (const auto& row : parse_proc_cgroups(text)) {
    FUZZ_CHECK(!row.name.empty());
    if (row.name.front() == '#') continue;  // an indented "#..." row: written back unindented it is a comment
    std::string line = row.name + " " + std::to_string(row.hierarchy) + " " + std::to_string(row.num_cgroups) + " " +
                       (row.enabled ? "1" : "0");
    auto again = parse_proc_cgroups(line);
    FUZZ_CHECK(again.size() == 1 && again[0].hierarchy == row.hierarchy && again[0].num_cgroups == row.num_cgroups);
  }
  for (const auto& row : parse_proc_pid_cgroup(text)) {
    FUZZ_CHECK(row.path.find('\n') == std::string::npos);
    for (const auto& controller : row.controllers)
      FUZZ_CHECK(!controller.empty() && controller.find(',') == std::string::npos);
    std::string controllers;
    for (const auto& controller : row.controllers) controllers += (controllers.empty() ? "" : ",") + controller;
    auto again = parse_proc_pid_cgroup(std::to_string(row.hierarchy) + ":" + controllers + ":" + row.path);
    FUZZ_CHECK(again.size() == 1 && again[0].hierarchy == row.hierarchy && again[0].path == row.path &&
               again[0].controllers == row.controllers);
  }
  return 0;
}
