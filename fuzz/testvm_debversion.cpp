// Debian version ordering (deb-version(7)) and the kernel package names testvm picks its kernel from.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "virtlab/testvm/debversion.hpp"

using namespace virtlab::testvm;

namespace {

int sign(int v) {
  return (v > 0) - (v < 0);
}

// deb-version(7): starts with a digit; letters, digits and . + ~ - : only. apt prints nothing else, and dpkg refuses
// anything else, so the order is only defined on these.
bool valid_version(std::string_view v) {
  return !v.empty() && v.front() >= '0' && v.front() <= '9' &&
         v.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+~-:") ==
             std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  // Two versions split at the first newline, a third at the second: the order is a total order.
  std::size_t nl = text.find('\n');
  std::string_view a = text.substr(0, nl);
  std::string_view rest = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  std::size_t nl2 = rest.find('\n');
  std::string_view b = rest.substr(0, nl2);
  std::string_view c = nl2 == std::string_view::npos ? std::string_view() : rest.substr(nl2 + 1);
  if (auto release = cloud_kernel_release(text))
    FUZZ_CHECK(!release->empty() && text.find(*release) != std::string_view::npos);
  auto releases = cloud_kernel_releases_newest_first(text);
  for (std::size_t i = 1; i < releases.size(); ++i)
    FUZZ_CHECK(compare_debian_versions(releases[i - 1], releases[i]) >= 0);
  FUZZ_CHECK(compare_debian_versions(a, a) == 0);
  if (!valid_version(a) || !valid_version(b) || !valid_version(c)) {
    (void)compare_debian_versions(a, b);  // still no crash on junk
    return 0;
  }
  int ab = sign(compare_debian_versions(a, b));
  FUZZ_CHECK(ab == -sign(compare_debian_versions(b, a)));
  int bc = sign(compare_debian_versions(b, c));
  if (ab <= 0 && bc <= 0) FUZZ_CHECK(compare_debian_versions(a, c) <= 0);
  return 0;
}
