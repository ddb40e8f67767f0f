// The built-in guests: flat binaries assembled by nasm at build time from tools/vmctl/guests/*.asm and embedded.
// builtin_guests() is the one table of what each guest needs from vmctl (mode, vCPUs, devices, findings, how its end
// is judged): the runner and the commands read these fields and never compare guest names.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vmctl/x86.hpp"

namespace virtlab::vmctl {

// What vmctl passes to the guest in registers at reset.
enum class GuestArguments : std::uint8_t {
  none,
  pv_bytes,   // RSI = bytes per phase (--bytes)
  smp_ticks,  // RSI = ticks per vCPU (--iterations), RDX = busy-loop count (--spin)
};

// What the runner reads back after the run for "what this shows" (details + findings).
enum class GuestFindings : std::uint8_t {
  none,
  notes_page,      // the page written through GVA kNotesGva, walked through the guest's tables
  mmio_device,     // the accesses the MMIO device and the ROM saw, and the registers they produced
  emulated_vs_pv,  // exits and time per byte of the two phases between the markers
  smp_threads,     // the host CPUs each vCPU thread ran on, tick by tick
  dirty_rounds,    // the pages KVM_GET_DIRTY_LOG reported at the marker and at HLT
  triple_fault,    // why the guest ended in KVM_EXIT_SHUTDOWN and what RIP shows
};

struct BuiltinGuest {
  std::string name;  // "hello"
  x86::CpuMode mode;
  int vcpus = 1;
  std::string summary;  // one line for --help and `vmctl run --list`
  std::string source;   // path in the repository: tools/vmctl/guests/hello.asm
  GuestArguments arguments = GuestArguments::none;
  GuestFindings findings = GuestFindings::none;
  bool rom = false;                // a read-only memslot at layout::kRomGpa
  bool dirty_logging = false;      // code read-only, dirty logging on RAM, the log read at the marker and at HLT
  bool live_exits = true;          // text output prints each exit as it happens (false: too many to be useful)
  bool shutdown_expected = false;  // KVM_EXIT_SHUTDOWN is the demonstration, not a failure (exit status 0)
  bool translatable = false;       // offered by `vmctl translate --guest`
};

const std::vector<BuiltinGuest>& builtin_guests();
const BuiltinGuest* find_builtin_guest(std::string_view name);
// The row an --image gets: named "image", no devices beyond the common ones, no findings, exits shown live.
const BuiltinGuest& image_guest_profile();
// The assembled bytes (defined in the build-generated guest_images.cpp); empty span for an unknown name. Also
// "walk-program": the Linux ELF that `vmctl boot --walk` puts into the guest's initramfs (guests/walk.c).
std::span<const std::uint8_t> embedded_guest_image(std::string_view name);

}  // namespace virtlab::vmctl
