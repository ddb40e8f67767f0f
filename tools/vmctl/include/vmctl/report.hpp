// Rendering a run: the JSON "run" object (schemas/vmctl.v1.json) and the text report.
#pragma once

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "vmctl/runner.hpp"

namespace virtlab::vmctl {

struct RunDescription {
  std::string guest;   // built-in name or "image"
  std::string source;  // tools/vmctl/guests/hello.asm or the image path
  RunOptions const* options = nullptr;
};

nlohmann::ordered_json run_to_json(const RunDescription& what, const RunReport& report, std::size_t max_trace);
// The header line before the run starts.
void print_run_header(std::ostream& out, const RunDescription& what, const GuestRun& run, bool color);
// One exit line as printed live: "  #3     0.412 ms  vCPU0  IO out port 0x3f8 size 1 data 6c 'l'".
std::string exit_line(std::uint64_t seq, const VmExit& exit);
// Everything after the run: ring tail (when not printed live), serial, outcome, histogram, counters, registers.
void print_run_report(std::ostream& out, const RunDescription& what, const RunReport& report, bool printed_live,
                      std::size_t tail, bool color);

}  // namespace virtlab::vmctl
