// pagewalk's command line: the inspect command (default) and the subcommand registry.
#include "pagewalk/commands.hpp"

#include <iostream>
#include <memory>

#include "pagewalk/walk.hpp"
#include "virtlab/error.hpp"
#include "virtlab/json.hpp"
#include "virtlab/text.hpp"

namespace virtlab::pagewalk {

CLI::App* CommandSet::add(const std::string& name, const std::string& description, Body body) {
  CLI::App* sub = app_.cli().add_subcommand(name, description);
  subcommands_.emplace_back(sub, std::move(body));
  return sub;
}

int CommandSet::dispatch() const {
  for (const auto& [sub, body] : subcommands_)
    if (sub->parsed()) return body();
  if (!default_) throw Error(ExitCode::usage, "no command given", "see 'pagewalk --help'");
  return default_();
}

ToolInfo tool_info() {
  ToolInfo info;
  info.name = "pagewalk";
  info.summary = "show a process's memory down to physical frames";
  info.description =
      "pagewalk reads a live process's page tables through /proc/PID/pagemap (and the PAGEMAP_SCAN ioctl where the "
      "kernel has it, Linux 6.7+) and the kernel's per-frame tables /proc/kpageflags, /proc/kpagecount and "
      "/proc/kpagecgroup.\n\n"
      "pagewalk PID shows every mapping (VMA) with how many of its pages are resident, swapped, file-backed or "
      "shared, anonymous and exclusive, inside transparent huge pages, on the shared zero page, and soft-dirty. "
      "pagewalk PID ADDRESS walks one address: its page-table indices for the CPU's paging mode, the page table "
      "entry bit by bit, the physical frame and that frame's flags, map count and memory cgroup. "
      "pagewalk PID --list shows which frame backs each page, with consecutive pages folded into runs.\n\n"
      "Without root it still works: PFNs read as 0 and the per-frame tables are unreadable; the output says what is "
      "hidden.";
  info.man_sections = {{"EXAMPLES",
                        "pagewalk $$\n    every mapping of this shell with page counts\n\n"
                        "pagewalk $$ 0x7ffd12345678\n    walk one address\n\n"
                        "pagewalk --arch i386 $$ 0x1000\n    the course notes' 32-bit 20/12 split\n\n"
                        "pagewalk $$ --list --range 0x55d0c0000000-0x55d0c0100000\n    virtual-to-physical runs\n\n"
                        "pagewalk --json --explain $$\n    JSON (schema pagewalk/1) with every syscall listed"},
                       {"ENVIRONMENT",
                        "PAGEWALK_NO_SCAN=1\n    never use the PAGEMAP_SCAN ioctl (same as --no-scan)\n\n"
                        "NO_COLOR\n    no colour even on a terminal"},
                       {"FILES",
                        "/proc/PID/maps, /proc/PID/pagemap, /proc/kpageflags, /proc/kpagecount, /proc/kpagecgroup, "
                        "/proc/cpuinfo, /sys/fs/cgroup"},
                       {"SEE ALSO", "pmap(1), proc(5), Documentation/admin-guide/mm/pagemap.rst"}};
  return info;
}

namespace {

struct InspectOptions {
  std::string pid;
  std::string address;
  bool list = false;
  std::string range;
  bool all = false;
  std::string arch = "auto";
  bool no_scan = false;
};

pid_t parse_pid(const std::string& text) {
  if (text.empty()) throw Error(ExitCode::usage, "missing PID", "usage: pagewalk PID [ADDRESS], e.g. `pagewalk $$`");
  auto value = parse_u64(text);
  if (!value || *value == 0 || *value > 0x3fffffff || text.find_first_not_of("0123456789") != std::string::npos)
    throw Error(ExitCode::usage, "'" + text + "' is not a pid", "give a process id number, e.g. `pagewalk $$`");
  return static_cast<pid_t>(*value);
}

}  // namespace

void register_inspect(CommandSet& commands) {
  auto opts = std::make_shared<InspectOptions>();
  CLI::App& cli = commands.app().cli();
  cli.add_option("pid", opts->pid, "process id to inspect");
  cli.add_option("address", opts->address,
                 "virtual address to walk, hexadecimal with or without 0x (as /proc/PID/maps prints it)");
  cli.add_flag("-l,--list", opts->list, "list virtual page -> physical frame, consecutive runs folded");
  cli.add_option("-r,--range", opts->range, "with --list: only A-B (end exclusive) or A+SIZE, e.g. 0x400000+64K");
  cli.add_flag("-a,--all", opts->all, "with --list: also show runs of pages that are not in memory");
  cli.add_option("--arch", opts->arch, "address split: auto (the CPU's mode), x86-64, x86-64-5level, i386")
      ->check(CLI::IsMember({"auto", "x86-64", "x86-64-5level", "i386"}));
  cli.add_flag("--no-scan", opts->no_scan,
               "never use the PAGEMAP_SCAN ioctl: read pagemap in batches (also "
               "PAGEWALK_NO_SCAN=1)");
  commands.set_default([opts, &commands]() -> int {
    const pid_t pid = parse_pid(opts->pid);
    kernel::ReadOptions read = read_options_from_environment();
    if (opts->no_scan) read.allow_scan = false;
    const bool json = commands.app().common().json;
    const Terminal term = commands.app().terminal();
    if (opts->list || !opts->range.empty()) {
      if (!opts->address.empty())
        throw Error(ExitCode::usage, "--list takes a range, not an address",
                    "use --range A-B, or drop --list to walk one address");
      ListOptions lo;
      lo.read = read;
      lo.include_not_present = opts->all;
      if (!opts->range.empty()) {
        lo.range = parse_range(opts->range);
        if (!lo.range)
          throw Error(ExitCode::usage, "malformed range '" + opts->range + "'",
                      "write START-END (end exclusive, hex) or START+SIZE, e.g. 0x7f0000000000-0x7f0000100000");
      }
      PageList list = list_pages(pid, lo);
      if (json)
        emit_document(std::cout, to_document(list));
      else
        render(std::cout, term, list);
      return 0;
    }
    if (!opts->address.empty()) {
      auto address = parse_address(opts->address);
      if (!address)
        throw Error(ExitCode::usage, "malformed address '" + opts->address + "'",
                    "write it in hex like 0x7ffd1234 (or as /proc/PID/maps prints it)");
      WalkOptions wo;
      wo.read = read;
      if (opts->arch == "x86-64") wo.mode = PagingMode::x86_64_4level;
      if (opts->arch == "x86-64-5level") wo.mode = PagingMode::x86_64_5level;
      if (opts->arch == "i386") wo.mode = PagingMode::i386;
      AddressWalk walk = walk_address(pid, *address, wo);
      if (json)
        emit_document(std::cout, to_document(walk));
      else
        render(std::cout, term, walk);
      return 0;
    }
    SummaryOptions so;
    so.read = read;
    Summary summary = summarize(pid, so);
    if (json)
      emit_document(std::cout, to_document(summary));
    else
      render(std::cout, term, summary);
    return 0;
  });
}

}  // namespace virtlab::pagewalk
