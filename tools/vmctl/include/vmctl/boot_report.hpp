// What `vmctl boot` shows after the run: the boot's phases, its exits per device and over time, and KVM's own
// counters — as text tables (each saying what its numbers mean) and as the "phases", "timeline", "exits.by_device"
// and "kvm_stats" members of the vmctl/1 boot document.
#pragma once

#include <iosfwd>

#include "virtlab/json.hpp"
#include "virtlab/table.hpp"
#include "vmctl/boot_vm.hpp"

namespace virtlab::vmctl {

// Adds the statistics to a boot document built by boot_command.cpp (`boot` is its "boot" object).
void add_boot_stats_json(Json& boot, const BootReport& report);
// The tables: phases, exits per device and phase, the exit timeline, the KVM counters that moved.
void print_boot_stats(std::ostream& out, const BootReport& report, const Terminal& term);

}  // namespace virtlab::vmctl
