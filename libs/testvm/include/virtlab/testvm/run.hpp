// Running one command inside the test VM: the API the testvm CLI, ctest and vmctl --nested share.
//
//   virtlab::testvm::RunSpec spec;
//   spec.command = {"/usr/bin/vmctl", "run", "--json"};
//   spec.cpus = 2;
//   virtlab::testvm::StreamSink sink;                     // or your own OutputSink
//   virtlab::testvm::RunResult r = virtlab::testvm::run(spec, sink);
//   return r.exit_code;                          // the inner command's exit status
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "virtlab/testvm/spec.hpp"

namespace virtlab::testvm {

// Receives the guest's output live, as it arrives (chunks, not lines).
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void guest_stdout(std::string_view data) = 0;
  virtual void guest_stderr(std::string_view data) = 0;
  // The guest's serial console: kernel messages and /init's set-up notes. Ignored unless overridden.
  virtual void kernel_console(std::string_view /*data*/) {}
};

// Writes guest stdout/stderr straight to two file descriptors (default: ours), unbuffered.
class StreamSink : public OutputSink {
 public:
  explicit StreamSink(int stdout_fd = 1, int stderr_fd = 2) : out_(stdout_fd), err_(stderr_fd) {}
  void guest_stdout(std::string_view data) override;
  void guest_stderr(std::string_view data) override;

 private:
  int out_, err_;
};

// Collects everything in strings (tests, library users that parse the output).
class CaptureSink : public OutputSink {
 public:
  void guest_stdout(std::string_view data) override { out.append(data); }
  void guest_stderr(std::string_view data) override { err.append(data); }
  void kernel_console(std::string_view data) override { console.append(data); }
  std::string out, err, console;
};

struct RunResult {
  int exit_code = -1;                // the inner command's exit status (128+N when a signal killed it)
  std::string kernel_release;        // the guest kernel (uname -r)
  double prepare_seconds = 0;        // cache look-up / build, initrd assembly
  double boot_seconds = 0;           // QEMU start → guest /init ready to run the command
  double first_output_seconds = -1;  // QEMU start → first byte of the command's output; -1 when it printed nothing
  double total_seconds = 0;          // whole run, prepare included
  double guest_uptime_at_ready = 0;  // the guest kernel's own clock when /init was ready
  bool base_built = false;           // the base initramfs was built in this run (cold cache)
  bool payload_built = false;        // the payload archive was built in this run (files changed)
  std::string payload_key;
  std::uintmax_t initrd_bytes = 0;
  std::vector<std::string> qemu_argv;
  std::string kernel_log_tail;  // the last lines of the serial console, for error reports
};

struct RunOptions {
  std::filesystem::path cache_dir;  // empty = default_cache_dir()
  bool refresh = false;             // look for a newer kernel package even when one is cached
};

// Exit code of testvm when the guest is killed at the timeout (as timeout(1)).
inline constexpr int kTimeoutExitCode = 124;

// Boots the VM, runs spec.command inside, streams its output to `sink`, and returns its exit status.
// Throws virtlab::Error: usage (bad spec), unsupported (no QEMU, no kernel package), code 124 (timeout; QEMU
// killed), interrupted (SIGINT/SIGTERM; QEMU killed), failure (the guest died before reporting a status).
// No QEMU process survives this call, whichever way it ends.
RunResult run(const RunSpec& spec, OutputSink& sink, const RunOptions& options = {});

// Whether a run could start here, without booting: QEMU present, a kernel cached or known to apt.
struct Availability {
  bool qemu = false;
  std::string qemu_path;
  bool kernel = false;
  std::string kernel_release;  // cached one, else the newest apt knows
  bool kernel_cached = false;
  std::string reason;  // when not available: the one-line reason, with the fix
};
Availability check_availability(const RunOptions& options = {});

}  // namespace virtlab::testvm
