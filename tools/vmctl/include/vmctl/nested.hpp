// Without /dev/kvm, vmctl runs itself inside the test VM (QEMU TCG + nested KVM, tools/testvm) and streams the
// result back; the inner vmctl marks its output as nested.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace virtlab::testvm {
class OutputSink;
}

namespace virtlab::vmctl {

// Set in the inner vmctl's environment by run_nested(); its value names the layer ("testvm").
inline constexpr const char* kNestedEnv = "VMCTL_NESTED_VIA";

// Are we the inner vmctl? Returns the JSON "nested" block ({"nested": true, "via": ..., "outer_host": ...}).
nlohmann::ordered_json nested_marker();
bool inside_nested();

// Can this build and machine run the test VM? nullopt when yes, else the reason (with the fix).
std::optional<std::string> nested_unavailable_reason();

// A host file the inner vmctl needs (e.g. a --image): copied into the test VM at guest_path.
struct NestedFile {
  std::string host_path;
  std::string guest_path;
};

// Where a host file given to vmctl appears inside the test VM (/tmp/vmctl-files/<n>-<basename>, on the VM's
// initramfs), and `args` with every `--image PATH` / `--image=PATH` rewritten to it. Pure.
std::vector<std::string> forward_image_args(const std::vector<std::string>& args, const std::string& image_path,
                                            std::vector<NestedFile>& files);

// Runs `args` (vmctl's own arguments, without --nested) inside the test VM, streaming stdout/stderr; returns the
// inner exit status. `files` are copied in first; `budget` bounds the whole VM run; `sink` receives the output
// (default: straight to our stdout/stderr). Throws virtlab::Error when the VM cannot start.
int run_nested(const std::vector<std::string>& args, bool quiet, const std::vector<NestedFile>& files = {},
               std::chrono::seconds budget = std::chrono::seconds(300), testvm::OutputSink* sink = nullptr);

}  // namespace virtlab::vmctl
