// `cgtop gc`: lists what virtlab tools left on the host (cgroups under virtlab/ in every hierarchy, /run/virtlab
// state, /tmp/nsenter-lite-*) with each owner's pid and state, and removes the objects whose owner is dead.
#pragma once

#include <iosfwd>

#include "virtlab/table.hpp"

namespace virtlab::cgtop {

struct GcOptions {
  bool dry_run = false;  // list and say what would go, remove nothing
  bool json = false;     // one cgtop/1 document, "kind": "gc"
};

// 0 = nothing stale is left; 1 = a removal failed (named on stderr). Throws virtlab::Error(permission) when stale
// objects need removing and we are not root.
int gc_command(const GcOptions& options, std::ostream& out, const virtlab::Terminal& term);

}  // namespace virtlab::cgtop
