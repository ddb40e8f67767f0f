// vmctl's subcommands other than boot (boot_command.hpp): what each takes from the command line, and its body.
// main.cpp declares the command line (add_commands) and calls one of these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "virtlab/cli.hpp"
#include "vmctl/boot_command.hpp"
#include "vmctl/runner.hpp"

namespace virtlab::vmctl {

// What every subcommand shares: vmctl's global flags and output choices.
struct CommandContext {
  bool nested = false, no_nested = false;
  bool json = false, color = false;
  std::vector<std::string> args;  // vmctl's own argv (without argv[0]), for the inner vmctl in the test VM
};

struct RunCommand {
  std::string guest;  // a built-in guest, or empty with image_path
  std::string image_path, mode = "long", mem, load, entry, break_sregs;
  double timeout_s = 10;
  std::uint64_t pv_bytes = 16384, iterations = 40, spin = 200000;
  std::size_t ring = 4096, show = 64;
  bool list = false;
  bool trace_exits = false;  // every exit through kvm:kvm_exit (tracefs), also those KVM handles itself
};

struct TranslateCommand {
  std::string guest = "long";
  bool guest_given = false;  // --guest on the command line (set after parsing)
  std::vector<std::string> gvas;
  std::string image_path, mode = "long", mem;
  double timeout_s = 10;
};

// The whole command line: the subcommands and where their options land.
struct CommandLine {
  CommandContext context;
  RunCommand run;
  TranslateCommand translate;
  BootCommand boot;
  CLI::App* info_app = nullptr;
  CLI::App* run_app = nullptr;
  CLI::App* translate_app = nullptr;
  CLI::App* boot_app = nullptr;
  CLI::Option* translate_guest_option = nullptr;
};
void add_commands(CLI::App& cli, CommandLine& line);

int run_info_command(const CommandContext& context);
int run_guest_command(const RunCommand& command, const CommandContext& context);  // `vmctl run`
int run_translate_command(const TranslateCommand& command, const CommandContext& context);

// Shared by run and translate (command_context.cpp).
// A student's flat binary as the guest: read from `path`, started in CPU mode `mode` ("real", "protected", "long").
void use_image(RunOptions& options, const std::string& path, const std::string& mode);
std::uint64_t parse_memory_option(const std::string& text);
// Without /dev/kvm: runs this vmctl command inside the test VM (shipping `image_path` in, if any) and returns its exit
// status; throws when the test VM cannot run and --nested asked for it. nullopt: run here.
std::optional<int> run_in_test_vm_without_kvm(const CommandContext& context, const std::string& image_path);

}  // namespace virtlab::vmctl
