// The --explain step log: every syscall, ioctl and file a tool touches, in order, with its result.
// Steps print as they happen (stderr, so --json stdout stays clean) and are kept for the JSON "explain" array.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace virtlab {

struct ExplainStep {
  int number;           // 1-based, in the order the calls were made
  std::string call;     // "openat", "pread", "ioctl(PAGEMAP_SCAN)", "read", "write", "clone3", "KVM_RUN" …
  std::string target;   // what it acted on: a path, fd description or arguments
  std::string result;   // "fd 5", "524288 bytes", "0", "-1 ENOENT (No such file or directory)"
  std::string meaning;  // optional: what the step means for the student ("PFNs are visible because we are root")
};

class Explain {
 public:
  // The process-wide log; disabled (and nearly free) unless enable() was called.
  static Explain& instance();

  void enable(std::ostream& live_output);
  void disable();
  bool enabled() const noexcept { return enabled_; }

  // Records one step (and prints it live). No-op when disabled; callers may still guard expensive formatting
  // with enabled().
  void step(std::string call, std::string target, std::string result, std::string meaning = {});
  // A note between steps (a phase heading such as "2. read the page table entries").
  void note(const std::string& text);

  const std::vector<ExplainStep>& steps() const noexcept { return steps_; }
  nlohmann::ordered_json to_json() const;

 private:
  bool enabled_ = false;
  std::ostream* out_ = nullptr;
  std::vector<ExplainStep> steps_;
};

// Shorthands for the common cases.
inline bool explaining() {
  return Explain::instance().enabled();
}
inline void explain(std::string call, std::string target, std::string result, std::string meaning = {}) {
  auto& log = Explain::instance();
  if (log.enabled()) log.step(std::move(call), std::move(target), std::move(result), std::move(meaning));
}
// "-1 ENOENT (No such file or directory)" for a failed call, for use as an explain result.
std::string errno_result(int err);

}  // namespace virtlab
