// Ctrl-C, SIGTERM, SIGHUP and SIGPIPE become a flag (and a readable fd for poll loops) so that RAII cleanup always
// runs: tools unwind, remove what they made, and exit 128+signal.
#pragma once

namespace virtlab {

class InterruptGuard {
 public:
  // Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGPIPE; restores the previous ones on destruction.
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  static bool requested() noexcept;
  static int signal_number() noexcept;  // 0 when none arrived
  // Read end of a self-pipe that becomes readable when a signal arrives (add it to poll()).
  static int poll_fd() noexcept;
  // Throws Error(ExitCode::interrupted) when a signal arrived; call it in loops.
  static void throw_if_requested();
};

}  // namespace virtlab
