// `nsenter-lite enter`: join another process's namespaces the way nsenter(1) does, showing each inode before/after.
#pragma once

#include <sys/types.h>
#include <string>
#include <vector>

#include "nsenter_lite/namespaces.hpp"
#include "virtlab/json.hpp"

namespace virtlab::nsenter_lite {

struct EnterOptions {
  pid_t target = 0;
  std::vector<NsType> types;      // empty = --all
  std::vector<std::string> argv;  // empty = $SHELL or /bin/sh
  bool json = false;
};

// nsenter's order: every namespace except user in the first pass (so a deprivileging join still has the
// privilege for the others), user first in the second pass, then the ones that failed before it. Pure.
struct SetnsPlanStep {
  NsType type;
  int pass;
};
std::vector<SetnsPlanStep> setns_order(const std::vector<NsType>& wanted);

struct EnterResult {
  int exit_code = 0;
  virtlab::Json report;
};
EnterResult enter_namespaces(const EnterOptions& options);

}  // namespace virtlab::nsenter_lite
