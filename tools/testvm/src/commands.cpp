// testvm's subcommands over virtlab::testvm; `run` is a short sequence of named steps.
#include "testvm/commands.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/json.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/testvm/host.hpp"
#include "virtlab/testvm/image.hpp"
#include "virtlab/text.hpp"

namespace virtlab::testvm {

namespace fs = std::filesystem;

namespace {

// Runs the command on the host (its needs are met here), passing its exit status through.
int run_on_host(const std::vector<std::string>& command) {
  std::vector<char*> argv;
  for (const auto& a : command) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw_errno("fork");
  if (pid == 0) {
    ::execvp(argv[0], argv.data());
    std::cerr << "testvm: error: cannot run " << command[0] << ": " << std::strerror(errno) << '\n';
    _exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw_errno("waitpid");
  }
  explain("fork+execvp+waitpid", command[0], "status " + std::to_string(status), "ran on the host");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

Json spec_json(const RunSpec& spec) {
  Json files = Json::array();
  for (const auto& f : spec.files) files.push_back({{"source", f.source.string()}, {"dest", f.dest}});
  return {{"command", spec.command},
          {"memory_mib", spec.memory_mib},
          {"cpus", spec.cpus},
          {"swap_bytes", spec.swap_bytes},
          {"cgroup", std::string(to_string(spec.cgroup))},
          {"timeout_seconds", spec.timeout.count()},
          {"files", files}};
}

Json run_document(const RunSpec& spec, const char* where) {
  auto doc = make_document("testvm", 1);
  doc["command"] = "run";
  doc["where"] = where;
  doc["options"] = spec_json(spec);
  return doc;
}

// The typed options → a validated RunSpec (usage errors name the option).
RunSpec spec_from_args(const RunArgs& args) {
  RunSpec spec;
  spec.command = args.command;
  spec.cpus = args.cpus;
  spec.memory_mib = parse_memory_mib(args.memory);
  spec.swap_bytes = parse_swap_bytes(args.swap);
  spec.cgroup = args.cgroup == "hybrid" ? CgroupMode::hybrid : CgroupMode::v2;
  spec.timeout = std::chrono::seconds(args.timeout_seconds);
  spec.workdir = args.workdir;
  spec.kernel_log = args.kernel_log;
  for (const auto& f : args.files) spec.files.push_back(parse_file_spec(f, fs::current_path()));
  for (const auto& e : args.env) {
    auto eq = e.find('=');
    if (eq == std::string::npos) throw Error(ExitCode::usage, "--env " + e + ": expected NAME=VALUE");
    spec.env.emplace_back(e.substr(0, eq), e.substr(eq + 1));
  }
  if (args.skip_code != -1 && (args.skip_code < 0 || args.skip_code > 255))
    throw Error(ExitCode::usage, "--skip-code " + std::to_string(args.skip_code) + " is out of range", "use 0-255");
  validate(spec);
  validate_needs(args.needs);
  return spec;
}

// --needs met by the host: the command runs here, without a VM. nullopt: it needs the VM.
std::optional<int> run_here_when_needs_met(const RunSpec& spec, const RunArgs& args, bool json) {
  if (args.needs.empty() || !unmet_needs(probe_host(), args.needs).empty()) return std::nullopt;
  if (!json) std::cerr << "testvm: the host has everything this command needs; running it here\n";
  const auto started = std::chrono::steady_clock::now();
  const int rc = run_on_host(spec.command);
  if (json) {
    auto doc = run_document(spec, "host");
    doc["exit_code"] = rc;
    doc["total_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    emit_document(std::cout, doc);
  }
  return rc;
}

// --skip-code: the VM cannot be had here, so the caller (ctest) is told to skip, with the reason printed.
bool should_skip(const RunArgs& args) {
  if (args.skip_code < 0) return false;
  auto avail = check_availability(args.options);
  if (avail.qemu && avail.kernel) return false;
  std::cerr << "testvm: SKIP: the test VM cannot run here: " << avail.reason << '\n';
  return true;
}

void print_run_result(const RunSpec& spec, const RunResult& result, bool json) {
  if (json) {
    auto doc = run_document(spec, "vm");
    doc["exit_code"] = result.exit_code;
    doc["kernel_release"] = result.kernel_release;
    doc["boot_seconds"] = result.boot_seconds;
    doc["first_output_seconds"] = result.first_output_seconds < 0 ? Json(nullptr) : Json(result.first_output_seconds);
    doc["total_seconds"] = result.total_seconds;
    doc["prepare_seconds"] = result.prepare_seconds;
    doc["guest_uptime_at_ready"] = result.guest_uptime_at_ready;
    doc["cache"] = {{"dir", default_cache_dir().string()},
                    {"base_built", result.base_built},
                    {"payload_built", result.payload_built},
                    {"payload_key", result.payload_key},
                    {"initrd_bytes", result.initrd_bytes}};
    doc["qemu_argv"] = result.qemu_argv;
    emit_document(std::cout, doc);
  } else if (explaining()) {
    std::cerr << "testvm: exit " << result.exit_code << "; boot " << human_duration(result.boot_seconds)
              << ", first output "
              << (result.first_output_seconds < 0 ? std::string("none") : human_duration(result.first_output_seconds))
              << ", total " << human_duration(result.total_seconds) << '\n';
  }
}

}  // namespace

void add_run_options(CLI::App& run, RunArgs& args) {
  run.add_option("--mem", args.memory, "Guest memory: MiB or a size (512, 1G)")->default_str("512");
  run.add_option("--cpus", args.cpus, "vCPUs (1-64)")->default_str("1");
  run.add_option("--swap", args.swap, "Swap disk size inside the guest (e.g. 256M); 0 = none")->default_str("0");
  run.add_option("--cgroup", args.cgroup, "cgroup layout inside: v2 (pure) or hybrid")
      ->check(CLI::IsMember({"v2", "hybrid"}))
      ->default_str("v2");
  run.add_option("--file", args.files, "Copy SRC[:DST] in (repeatable; ELF files bring their libraries)");
  run.add_option("--env", args.env, "Set NAME=VALUE for the command (repeatable)");
  run.add_option("--workdir", args.workdir, "Guest working directory (default: /)");
  run.add_option("--timeout", args.timeout_seconds, "Seconds before the guest is killed (exit 124)")
      ->default_str("300");
  run.add_option("--keep-kernel-log", args.kernel_log, "Write the guest's full kernel log to FILE");
  run.add_option("--needs", args.needs, "kvm,cgroup2,swap: run on the host instead when it has all of them")
      ->delimiter(',');
  run.add_option("--skip-code", args.skip_code, "Exit with this code (ctest: 77) when the VM cannot be had");
  run.add_flag("--refresh", args.options.refresh, "Look for a newer kernel package even if one is cached");
  run.add_option("command", args.command, "The command and its arguments")->required();
  run.positionals_at_end();
}

int status_command(bool json) {
  auto host = probe_host();
  auto avail = check_availability();
  fs::path cache = default_cache_dir();
  if (json) {
    auto doc = make_document("testvm", 1);
    doc["command"] = "status";
    doc["vm_available"] = avail.qemu && avail.kernel;
    doc["qemu"] = {{"available", avail.qemu}, {"path", avail.qemu_path}};
    doc["kernel"] = {{"available", avail.kernel}, {"release", avail.kernel_release}, {"cached", avail.kernel_cached}};
    doc["reason"] = avail.reason;
    doc["cache_dir"] = cache.string();
    doc["host"] = {{"kvm", host.kvm},
                   {"kvm_detail", host.kvm_detail},
                   {"pure_cgroup2", host.pure_cgroup2},
                   {"cgroup", host.cgroup_detail},
                   {"swap", host.swap}};
    emit_document(std::cout, doc);
  } else {
    std::cout << "QEMU:          " << (avail.qemu ? "yes, " + avail.qemu_path : "no (apt-get install qemu-system-x86)")
              << "\nkernel:        "
              << (avail.kernel ? avail.kernel_release + (avail.kernel_cached ? " (cached)" : " (apt, not yet fetched)")
                               : "no")
              << "\nVM runs here:  " << (avail.qemu && avail.kernel ? "yes" : "no: " + avail.reason)
              << "\ncache:         " << cache.string() << "\nhost /dev/kvm: " << (host.kvm ? "yes" : "no") << " ("
              << host.kvm_detail << ")\nhost cgroups:  " << host.cgroup_detail
              << "\nhost swap:     " << (host.swap ? "yes" : "no") << '\n';
  }
  return avail.qemu && avail.kernel ? 0 : static_cast<int>(ExitCode::unsupported);
}

int clean_command(bool json) {
  fs::path cache = default_cache_dir();
  std::error_code ec;
  auto removed = fs::remove_all(cache, ec);
  if (ec) throw_errno(ec.value(), "cannot remove " + cache.string());
  explain("remove_all", cache.string(), std::to_string(removed) + " entries");
  if (!json) std::cout << "removed " << cache.string() << " (" << removed << " entries)\n";
  return 0;
}

int build_command(bool refresh, bool json) {
  InterruptGuard guard;
  CacheOptions cache;
  cache.dir = default_cache_dir();
  cache.refresh = refresh;
  if (const char* pinned = std::getenv("VIRTLAB_TESTVM_KERNEL")) cache.pinned_release = pinned;
  auto base = ensure_base_image(cache);
  if (json) {
    auto doc = make_document("testvm", 1);
    doc["command"] = "build";
    doc["kernel_release"] = base.kernel_release;
    doc["cache"] = {{"dir", cache.dir.string()}, {"base_built", base.built_now}, {"base", base.cpio.string()}};
    emit_document(std::cout, doc);
  } else {
    std::cout << (base.built_now ? "built " : "cached ") << base.cpio.string() << " (kernel " << base.kernel_release
              << ", " << base.kernel_package << ", " << base.busybox_package << ")\n";
  }
  return 0;
}

int run_command(const RunArgs& args, bool json) {
  const RunSpec spec = spec_from_args(args);
  if (auto rc = run_here_when_needs_met(spec, args, json)) return *rc;
  if (should_skip(args)) return args.skip_code;
  InterruptGuard guard;
  RunResult result;
  try {
    // With --json stdout carries only the JSON document, so the guest's stdout goes to our stderr.
    StreamSink sink = json ? StreamSink(STDERR_FILENO, STDERR_FILENO) : StreamSink();
    result = run(spec, sink, args.options);
  } catch (const Error& e) {
    if (args.skip_code < 0 || e.code() != ExitCode::unsupported) throw;
    std::cerr << "testvm: SKIP: the test VM cannot run here: " << e.one_line() << '\n';
    return args.skip_code;
  }
  print_run_result(spec, result, json);
  return result.exit_code;
}

}  // namespace virtlab::testvm
