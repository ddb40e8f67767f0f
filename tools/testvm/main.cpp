// testvm: run one command inside a small QEMU TCG guest with real KVM (nested SVM) and pure cgroup v2.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "testvm/host.hpp"
#include "testvm/image.hpp"
#include "testvm/run.hpp"
#include "virtlab/cli.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/json.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/text.hpp"

namespace fs = std::filesystem;
using virtlab::Error;
using virtlab::ExitCode;

namespace {

// Runs the command on the host (its needs are met here), passing its exit status through.
int run_on_host(const std::vector<std::string>& command) {
  std::vector<char*> argv;
  for (const auto& a : command) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) virtlab::throw_errno("fork");
  if (pid == 0) {
    ::execvp(argv[0], argv.data());
    std::cerr << "testvm: error: cannot run " << command[0] << ": " << std::strerror(errno) << '\n';
    _exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) virtlab::throw_errno("waitpid");
  }
  virtlab::explain("fork+execvp+waitpid", command[0], "status " + std::to_string(status), "ran on the host");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

virtlab::Json spec_json(const testvm::RunSpec& spec) {
  virtlab::Json files = virtlab::Json::array();
  for (const auto& f : spec.files) files.push_back({{"source", f.source.string()}, {"dest", f.dest}});
  return {{"command", spec.command},
          {"memory_mib", spec.memory_mib},
          {"cpus", spec.cpus},
          {"swap_bytes", spec.swap_bytes},
          {"cgroup", std::string(testvm::to_string(spec.cgroup))},
          {"timeout_seconds", spec.timeout.count()},
          {"files", files}};
}

}  // namespace

int main(int argc, char** argv) {
  virtlab::ToolApp app({
      "testvm",
      "run one command inside a QEMU guest with real KVM and pure cgroup v2",
      "Builds (once, cached outside the source tree) an initramfs from Debian packages only - the newest "
      "linux-image-*-cloud-amd64 with kvm.ko, kvm-amd.ko and irqbypass.ko, plus busybox-static - adds the "
      "command's binary, --file entries and their shared libraries as a second small cpio archive, boots it under "
      "qemu-system-x86_64 -accel tcg -cpu qemu64,+svm, runs the command as the guest's only job and returns its "
      "exit status. The guest has /dev/kvm (nested SVM) and pure cgroup v2 (or hybrid with --cgroup hybrid). "
      "Kernel messages stay on the serial console; the command's stdout and stderr come back live over their own "
      "virtio-serial ports.\n\nCache: $VIRTLAB_TESTVM_CACHE, else /var/cache/virtlab/testvm. "
      "A cached kernel is reused; 'testvm build --refresh' looks for a newer one. $VIRTLAB_TESTVM_KERNEL pins a "
      "kernel release.",
      {{"EXAMPLES",
        "testvm run -- ls -l /dev/kvm\n"
        "testvm run --cpus 2 --mem 1G -- cat /sys/fs/cgroup/cgroup.controllers\n"
        "testvm run --swap 256M --file build/bin/pagewalk -- /work/main/build/bin/pagewalk --help\n"
        "testvm run --needs kvm --skip-code 77 -- ./build/tests/vmctl_tests --gtest_filter=Kvm.*\n"
        "testvm status"},
       {"EXIT STATUS (run)",
        "The inner command's exit status; 124 when the guest was killed at --timeout; 2 bad option; 5 QEMU or the "
        "kernel package cannot be had (or the --skip-code value); 1 the guest died before reporting."}},
  });
  CLI::App& cli = app.cli();
  cli.require_subcommand(1);

  testvm::RunSpec spec;
  testvm::RunOptions options;
  std::string mem = "512", swap = "0", cgroup = "v2", workdir, kernel_log;
  std::vector<std::string> file_args, env_args, needs;
  int timeout = 300;
  int skip_code = -1;
  std::vector<std::string> command;
  CLI::App* run = cli.add_subcommand("run", "Boot the VM and run one command inside (after --)");
  run->add_option("--mem", mem, "Guest memory: MiB or a size (512, 1G)")->default_str("512");
  run->add_option("--cpus", spec.cpus, "vCPUs (1-64)")->default_str("1");
  run->add_option("--swap", swap, "Swap disk size inside the guest (e.g. 256M); 0 = none")->default_str("0");
  run->add_option("--cgroup", cgroup, "cgroup layout inside: v2 (pure) or hybrid")
      ->check(CLI::IsMember({"v2", "hybrid"}))
      ->default_str("v2");
  run->add_option("--file", file_args, "Copy SRC[:DST] in (repeatable; ELF files bring their libraries)");
  run->add_option("--env", env_args, "Set NAME=VALUE for the command (repeatable)");
  run->add_option("--workdir", workdir, "Guest working directory (default: /)");
  run->add_option("--timeout", timeout, "Seconds before the guest is killed (exit 124)")->default_str("300");
  run->add_option("--keep-kernel-log", kernel_log, "Write the guest's full kernel log to FILE");
  run->add_option("--needs", needs, "kvm,cgroup2,swap: run on the host instead when it has all of them")
      ->delimiter(',');
  run->add_option("--skip-code", skip_code, "Exit with this code (ctest: 77) when the VM cannot be had");
  run->add_flag("--refresh", options.refresh, "Look for a newer kernel package even if one is cached");
  run->add_option("command", command, "The command and its arguments")->required();
  run->positionals_at_end();

  bool refresh = false;
  CLI::App* build = cli.add_subcommand("build", "Build or refresh the cached base initramfs (no boot)");
  build->add_flag("--refresh", refresh, "Ask apt for the newest cloud kernel even if one is cached");
  CLI::App* status = cli.add_subcommand("status", "Can the VM run here? QEMU, kernel package, host KVM and cgroups");
  CLI::App* clean = cli.add_subcommand("clean", "Remove the cache directory");

  return app.run(argc, argv, [&]() -> int {
    const bool json = app.common().json;
    if (status->parsed()) {
      auto host = testvm::probe_host();
      auto avail = testvm::check_availability();
      fs::path cache = testvm::default_cache_dir();
      if (json) {
        auto doc = virtlab::make_document("testvm", 1);
        doc["command"] = "status";
        doc["vm_available"] = avail.qemu && avail.kernel;
        doc["qemu"] = {{"available", avail.qemu}, {"path", avail.qemu_path}};
        doc["kernel"] = {
            {"available", avail.kernel}, {"release", avail.kernel_release}, {"cached", avail.kernel_cached}};
        doc["reason"] = avail.reason;
        doc["cache_dir"] = cache.string();
        doc["host"] = {{"kvm", host.kvm},
                       {"kvm_detail", host.kvm_detail},
                       {"pure_cgroup2", host.pure_cgroup2},
                       {"cgroup", host.cgroup_detail},
                       {"swap", host.swap}};
        virtlab::emit_document(std::cout, doc);
      } else {
        std::cout << "QEMU:          "
                  << (avail.qemu ? "yes, " + avail.qemu_path : "no (apt-get install qemu-system-x86)")
                  << "\nkernel:        "
                  << (avail.kernel
                          ? avail.kernel_release + (avail.kernel_cached ? " (cached)" : " (apt, not yet fetched)")
                          : "no")
                  << "\nVM runs here:  " << (avail.qemu && avail.kernel ? "yes" : "no: " + avail.reason)
                  << "\ncache:         " << cache.string() << "\nhost /dev/kvm: " << (host.kvm ? "yes" : "no") << " ("
                  << host.kvm_detail << ")\nhost cgroups:  " << host.cgroup_detail
                  << "\nhost swap:     " << (host.swap ? "yes" : "no") << '\n';
      }
      return avail.qemu && avail.kernel ? 0 : static_cast<int>(ExitCode::unsupported);
    }
    if (clean->parsed()) {
      fs::path cache = testvm::default_cache_dir();
      std::error_code ec;
      auto removed = fs::remove_all(cache, ec);
      if (ec) virtlab::throw_errno(ec.value(), "cannot remove " + cache.string());
      virtlab::explain("remove_all", cache.string(), std::to_string(removed) + " entries");
      if (!json) std::cout << "removed " << cache.string() << " (" << removed << " entries)\n";
      return 0;
    }
    if (build->parsed()) {
      virtlab::InterruptGuard guard;
      testvm::CacheOptions cache;
      cache.dir = testvm::default_cache_dir();
      cache.refresh = refresh;
      if (const char* pinned = std::getenv("VIRTLAB_TESTVM_KERNEL")) cache.pinned_release = pinned;
      auto base = testvm::ensure_base_image(cache);
      if (json) {
        auto doc = virtlab::make_document("testvm", 1);
        doc["command"] = "build";
        doc["kernel_release"] = base.kernel_release;
        doc["cache"] = {{"dir", cache.dir.string()}, {"base_built", base.built_now}, {"base", base.cpio.string()}};
        virtlab::emit_document(std::cout, doc);
      } else {
        std::cout << (base.built_now ? "built " : "cached ") << base.cpio.string() << " (kernel " << base.kernel_release
                  << ", " << base.kernel_package << ", " << base.busybox_package << ")\n";
      }
      return 0;
    }

    // run
    spec.command = command;
    spec.memory_mib = testvm::parse_memory_mib(mem);
    spec.swap_bytes = testvm::parse_swap_bytes(swap);
    spec.cgroup = cgroup == "hybrid" ? testvm::CgroupMode::hybrid : testvm::CgroupMode::v2;
    spec.timeout = std::chrono::seconds(timeout);
    spec.workdir = workdir;
    spec.kernel_log = kernel_log;
    for (const auto& f : file_args) spec.files.push_back(testvm::parse_file_spec(f, fs::current_path()));
    for (const auto& e : env_args) {
      auto eq = e.find('=');
      if (eq == std::string::npos) throw Error(ExitCode::usage, "--env " + e + ": expected NAME=VALUE");
      spec.env.emplace_back(e.substr(0, eq), e.substr(eq + 1));
    }
    if (skip_code != -1 && (skip_code < 0 || skip_code > 255)) {
      throw Error(ExitCode::usage, "--skip-code " + std::to_string(skip_code) + " is out of range", "use 0-255");
    }
    testvm::validate(spec);
    testvm::validate_needs(needs);

    auto summary = [&](const char* where) {
      auto doc = virtlab::make_document("testvm", 1);
      doc["command"] = "run";
      doc["where"] = where;
      doc["options"] = spec_json(spec);
      return doc;
    };
    if (!needs.empty()) {
      auto unmet = testvm::unmet_needs(testvm::probe_host(), needs);
      if (unmet.empty()) {
        if (!json) std::cerr << "testvm: the host has everything this command needs; running it here\n";
        auto started = std::chrono::steady_clock::now();
        int rc = run_on_host(spec.command);
        if (json) {
          auto doc = summary("host");
          doc["exit_code"] = rc;
          doc["total_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
          virtlab::emit_document(std::cout, doc);
        }
        return rc;
      }
    }
    if (skip_code >= 0) {
      auto avail = testvm::check_availability(options);
      if (!avail.qemu || !avail.kernel) {
        std::cerr << "testvm: SKIP: the test VM cannot run here: " << avail.reason << '\n';
        return skip_code;
      }
    }

    virtlab::InterruptGuard guard;
    testvm::RunResult result;
    if (json) {
      testvm::StreamSink sink(STDERR_FILENO, STDERR_FILENO);  // stdout carries only the JSON document
      result = testvm::run(spec, sink, options);
    } else {
      testvm::StreamSink sink;
      try {
        result = testvm::run(spec, sink, options);
      } catch (const Error& e) {
        if (skip_code >= 0 && e.code() == ExitCode::unsupported) {
          std::cerr << "testvm: SKIP: the test VM cannot run here: " << e.one_line() << '\n';
          return skip_code;
        }
        throw;
      }
    }
    if (json) {
      auto doc = summary("vm");
      doc["exit_code"] = result.exit_code;
      doc["kernel_release"] = result.kernel_release;
      doc["boot_seconds"] = result.boot_seconds;
      doc["first_output_seconds"] =
          result.first_output_seconds < 0 ? virtlab::Json(nullptr) : virtlab::Json(result.first_output_seconds);
      doc["total_seconds"] = result.total_seconds;
      doc["prepare_seconds"] = result.prepare_seconds;
      doc["guest_uptime_at_ready"] = result.guest_uptime_at_ready;
      doc["cache"] = {{"dir", testvm::default_cache_dir().string()},
                      {"base_built", result.base_built},
                      {"payload_built", result.payload_built},
                      {"payload_key", result.payload_key},
                      {"initrd_bytes", result.initrd_bytes}};
      doc["qemu_argv"] = result.qemu_argv;
      virtlab::emit_document(std::cout, doc);
    } else if (virtlab::explaining()) {
      std::cerr << "testvm: exit " << result.exit_code << "; boot " << virtlab::human_duration(result.boot_seconds)
                << ", first output "
                << (result.first_output_seconds < 0 ? std::string("none")
                                                    : virtlab::human_duration(result.first_output_seconds))
                << ", total " << virtlab::human_duration(result.total_seconds) << '\n';
    }
    return result.exit_code;
  });
}
