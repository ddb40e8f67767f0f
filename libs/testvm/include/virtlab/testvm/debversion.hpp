// Debian version ordering (deb-version(7)), used to pick the newest linux-image-*-cloud-amd64 apt knows,
// so a new kernel package never needs a code change.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace virtlab::testvm {

// <0, 0, >0 like strcmp, following dpkg --compare-versions (epoch, upstream, revision; '~' sorts first).
int compare_debian_versions(std::string_view a, std::string_view b);

// "linux-image-6.12.117+deb12-cloud-amd64" → "6.12.117+deb12-cloud-amd64" (the kernel release, uname -r).
// nullopt for meta packages ("linux-image-cloud-amd64", "linux-image-6.12-cloud-amd64"), -dbg and -unsigned.
std::optional<std::string> cloud_kernel_release(std::string_view package_name);

// The newest kernel releases first, from `apt-cache pkgnames linux-image-` output (one name per line).
std::vector<std::string> cloud_kernel_releases_newest_first(std::string_view pkgnames_output);

}  // namespace virtlab::testvm
