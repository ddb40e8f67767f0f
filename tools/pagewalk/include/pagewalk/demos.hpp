// `pagewalk demo <name>`: the course notes' virtual-memory story made real. Each demo forks a child, makes one thing
// happen in it (a first touch, a fork, a write, a clear_refs, a madvise…) and reads the child's page tables with
// pagewalk's own library before and after. The result is plain data (DemoReport) so the CLI, the tour, the GUI
// (through --json, kind "demo") and the integration tests all see the same facts.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pagewalk/walk.hpp"
#include "virtlab/json.hpp"
#include "virtlab/table.hpp"

namespace virtlab::pagewalk {

// One look at one page of one process at one moment.
struct DemoObservation {
  std::string label;  // "child, before the write"
  AddressWalk walk;   // pagewalk <pid> <address>, computed by the core library
};

// One stage of a demo: what was just done, and what the page tables show now.
struct DemoStage {
  std::string title;        // "2. the child writes one byte"
  std::string explanation;  // what happened in the kernel, in plain words
  std::vector<DemoObservation> observations;
};

// A number or flag the demo measured, by name, for tests, the GUI and the summary table.
struct DemoFact {
  std::string name;     // "pfn_parent_before"
  Json value;           // a number, bool or string as measured (null when hidden: no root)
  std::string meaning;  // "frame number of the parent's page before the child writes"
};

struct DemoReport {
  std::string name;   // "cow"
  std::string title;  // "Copy-on-write after fork"
  std::string intro;  // what the demo shows and why it matters (ties to the notes)
  bool ran = true;    // false when this machine cannot show it (swap without a swap device explains why)
  std::vector<DemoStage> stages;
  std::vector<DemoFact> facts;
  std::string conclusion;          // the lesson, citing the measured numbers
  std::vector<std::string> notes;  // what was hidden or approximated here, and why

  const DemoFact* fact(std::string_view name) const;
  // The fact's value; throws std::out_of_range when the demo did not record it.
  const Json& value(std::string_view name) const;
};

struct DemoOptions {
  bool pause = false;  // wait for Enter between stages (lecturers: run `pagewalk PID ADDRESS` meanwhile)
  // Called after each stage while the child is still alive (the CLI prints the stage there, so output appears
  // live and --pause can stop). May be empty.
  std::function<void(const DemoReport&, const DemoStage&)> on_stage;
};

struct DemoInfo {
  std::string_view name;
  std::string_view summary;
  DemoReport (*run)(const DemoOptions&);
};
// All demos in tour order: fault, two-processes, cow, referenced, file-vs-anon, thp, swap.
const std::vector<DemoInfo>& all_demos();
const DemoInfo* find_demo(std::string_view name);

DemoReport demo_fault(const DemoOptions& options);
DemoReport demo_two_processes(const DemoOptions& options);
DemoReport demo_cow(const DemoOptions& options);
DemoReport demo_referenced(const DemoOptions& options);
DemoReport demo_file_vs_anon(const DemoOptions& options);
DemoReport demo_thp(const DemoOptions& options);
DemoReport demo_swap(const DemoOptions& options);

// The fixed virtual address of the notes' MS-Word/Chrome example. vm.mmap_min_addr may forbid it; the demo then
// uses kTwoProcessesFallbackAddress and says why.
inline constexpr std::uint64_t kTwoProcessesAddress = 0x1000;
inline constexpr std::uint64_t kTwoProcessesFallbackAddress = 0x10000000;

// Text and JSON forms.
void render_demo_header(std::ostream& out, const Terminal& term, const DemoReport& report);
// One stage: its explanation and a compact table of the observations (present, PFN, flags…); full=true adds
// pagewalk's complete walk output for each observation.
void render_demo_stage(std::ostream& out, const Terminal& term, const DemoStage& stage, bool full);
void render_demo_footer(std::ostream& out, const Terminal& term, const DemoReport& report);
Json demo_to_json(const DemoReport& report);  // without the document header

}  // namespace virtlab::pagewalk
