// OCI hooks (config.json "hooks"): programs the engine asks the runtime to run at points of a container's life,
// with the container's state JSON on stdin. docker.io puts libnetwork's key hook (prestart) in every container.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "nsenter_lite/oci_spec.hpp"
#include "virtlab/json.hpp"

namespace virtlab::nsenter_lite {

// Where a hook's --explain line goes (call, target, result, meaning). Empty: virtlab::explain, in the runtime's own
// process; the init passes its step records (createContainer) or nothing (startContainer: nobody listens then).
using HookReport = std::function<void(const std::string&, const std::string&, const std::string&, const std::string&)>;

// Runs each hook in order and waits for it (its timeout, else without one). Throws failure naming the hook, its exit
// status and the last line it wrote to stderr.
void run_hooks(const std::vector<OciHook>& hooks, std::string_view phase, const virtlab::Json& state,
               const HookReport& report = {});

// poststart and poststop run in later invocations (`start`, `delete`): `create` keeps them in <state dir>/hooks.json.
void save_later_hooks(const OciHooks& hooks, const std::string& state_dir);
// Runs the kept hooks of `phase` ("poststart" | "poststop"); their failures are only logged (runtime-spec: warn).
void run_later_hooks(const std::string& state_dir, std::string_view phase, const virtlab::Json& state);

}  // namespace virtlab::nsenter_lite
