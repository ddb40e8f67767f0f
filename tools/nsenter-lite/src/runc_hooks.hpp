// OCI hooks (config.json "hooks"): programs the engine asks the runtime to run at points of a container's life,
// with the container's state JSON on stdin. docker.io puts libnetwork's key hook (prestart) in every container.
#pragma once

#include <string_view>
#include <vector>

#include "nsenter_lite/oci_spec.hpp"
#include "virtlab/json.hpp"

namespace virtlab::nsenter_lite {

// Runs each hook in order and waits for it (its timeout, else without one). Throws failure naming the hook, its exit
// status and the last line it wrote to stderr.
void run_hooks(const std::vector<OciHook>& hooks, std::string_view phase, const virtlab::Json& state);

// poststart and poststop run in later invocations (`start`, `delete`): `create` keeps them in <state dir>/hooks.json.
void save_later_hooks(const OciHooks& hooks, const std::string& state_dir);
// Runs the kept hooks of `phase` ("poststart" | "poststop"); their failures are only logged (runtime-spec: warn).
void run_later_hooks(const std::string& state_dir, std::string_view phase, const virtlab::Json& state);

}  // namespace virtlab::nsenter_lite
