// linux.seccomp of config.json (OCI JSON, the format of Docker's and Podman's profiles) → a libseccomp filter,
// built in the parent and loaded by the container's init as its last step before execve.
#pragma once

#include <string>
#include <vector>

#include "nsenter_lite/oci_spec.hpp"

typedef void* scmp_filter_ctx;

namespace virtlab::nsenter_lite {

class OciSeccompFilter {
 public:
  // Throws usage for an unknown action, operator or architecture. Syscall names this libseccomp does not know are
  // skipped and listed (runc does the same: profiles name syscalls of newer kernels and other architectures).
  explicit OciSeccompFilter(const OciSeccomp& profile);
  ~OciSeccompFilter();
  OciSeccompFilter(const OciSeccompFilter&) = delete;
  OciSeccompFilter& operator=(const OciSeccompFilter&) = delete;

  scmp_filter_ctx ctx() const noexcept { return ctx_; }
  std::string pfc() const;  // the filter as libseccomp's readable pseudo-code
  int rules() const noexcept { return rules_; }
  const std::vector<std::string>& unknown_names() const noexcept { return unknown_names_; }

 private:
  scmp_filter_ctx ctx_ = nullptr;
  int rules_ = 0;
  std::vector<std::string> unknown_names_;
};

}  // namespace virtlab::nsenter_lite
