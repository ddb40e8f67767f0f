// Without /dev/kvm, vmctl runs itself inside the test VM (QEMU TCG + nested KVM, tools/testvm) and streams the
// result back; the inner vmctl marks its output as nested.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace vmctl {

// Set in the inner vmctl's environment by run_nested(); its value names the layer ("testvm").
inline constexpr const char* kNestedEnv = "VMCTL_NESTED_VIA";

// Are we the inner vmctl? Returns the JSON "nested" block ({"nested": true, "via": ..., "outer_host": ...}).
nlohmann::ordered_json nested_marker();
bool inside_nested();

// Can this build and machine run the test VM? nullopt when yes, else the reason (with the fix).
std::optional<std::string> nested_unavailable_reason();

// Runs `args` (vmctl's own arguments, without --nested) inside the test VM, streaming stdout/stderr; returns the
// inner exit status. Throws virtlab::Error when the VM cannot start.
int run_nested(const std::vector<std::string>& args, bool quiet);

}  // namespace vmctl
