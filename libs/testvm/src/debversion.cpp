#include "virtlab/testvm/debversion.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

namespace virtlab::testvm {
namespace {

int order(char c) {
  if (std::isdigit(static_cast<unsigned char>(c))) return 0;
  if (std::isalpha(static_cast<unsigned char>(c))) return c;
  if (c == '~') return -1;
  if (c != '\0') return c + 256;
  return 0;
}

// dpkg's verrevcmp: alternate non-digit runs (compared by order()) and digit runs (compared numerically).
int compare_part(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    int first_diff = 0;
    while ((i < a.size() && !std::isdigit(static_cast<unsigned char>(a[i]))) ||
           (j < b.size() && !std::isdigit(static_cast<unsigned char>(b[j])))) {
      int ac = order(i < a.size() ? a[i] : '\0');
      int bc = order(j < b.size() ? b[j] : '\0');
      if (ac != bc) return ac - bc;
      ++i;
      ++j;
    }
    while (i < a.size() && a[i] == '0') ++i;
    while (j < b.size() && b[j] == '0') ++j;
    while (i < a.size() && std::isdigit(static_cast<unsigned char>(a[i])) && j < b.size() &&
           std::isdigit(static_cast<unsigned char>(b[j]))) {
      if (first_diff == 0) first_diff = a[i] - b[j];
      ++i;
      ++j;
    }
    if (i < a.size() && std::isdigit(static_cast<unsigned char>(a[i]))) return 1;
    if (j < b.size() && std::isdigit(static_cast<unsigned char>(b[j]))) return -1;
    if (first_diff != 0) return first_diff;
  }
  return 0;
}

struct Parsed {
  long epoch = 0;
  std::string_view upstream;
  std::string_view revision;
};

Parsed parse(std::string_view v) {
  Parsed p;
  if (auto colon = v.find(':'); colon != std::string_view::npos) {
    p.epoch = std::strtol(std::string(v.substr(0, colon)).c_str(), nullptr, 10);
    v.remove_prefix(colon + 1);
  }
  if (auto dash = v.rfind('-'); dash != std::string_view::npos) {
    p.revision = v.substr(dash + 1);
    v = v.substr(0, dash);
  }
  p.upstream = v;
  return p;
}

}  // namespace

int compare_debian_versions(std::string_view a, std::string_view b) {
  Parsed pa = parse(a), pb = parse(b);
  if (pa.epoch != pb.epoch) return pa.epoch < pb.epoch ? -1 : 1;
  if (int c = compare_part(pa.upstream, pb.upstream); c != 0) return c;
  return compare_part(pa.revision, pb.revision);
}

std::optional<std::string> cloud_kernel_release(std::string_view package_name) {
  // A release starts with a digit and has at least one '.' then more before -cloud-amd64 ("6.1.0-56",
  // "6.12.117+deb12"); "6.12" alone is the meta package that depends on the newest 6.12 build.
  static const std::regex kPattern(R"(^linux-image-([0-9]+\.[0-9]+[.-][0-9A-Za-z.+~-]*)-cloud-amd64$)");
  std::string name(package_name);
  std::smatch m;
  if (!std::regex_match(name, m, kPattern)) return std::nullopt;
  return m[1].str() + "-cloud-amd64";
}

std::vector<std::string> cloud_kernel_releases_newest_first(std::string_view pkgnames_output) {
  std::vector<std::string> releases;
  std::size_t pos = 0;
  while (pos < pkgnames_output.size()) {
    std::size_t end = pkgnames_output.find('\n', pos);
    if (end == std::string_view::npos) end = pkgnames_output.size();
    std::string_view line = pkgnames_output.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (auto release = cloud_kernel_release(line)) releases.push_back(*release);
  }
  std::sort(releases.begin(), releases.end(),
            [](const std::string& a, const std::string& b) { return compare_debian_versions(a, b) > 0; });
  releases.erase(std::unique(releases.begin(), releases.end()), releases.end());
  return releases;
}

}  // namespace virtlab::testvm
