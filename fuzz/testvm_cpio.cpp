// testvm's initramfs writer (newc cpio) and its guest-path normaliser. The input is a list of entries to add, one
// per line: "d<path>", "f<path>=<data>", "l<path>=<target>", "c<path>". The archive is then read back the way the
// kernel's initramfs unpacker reads it, and every entry must be there, in a well-formed archive.
#include <cstddef>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>

#include "fuzz_check.hpp"
#include "virtlab/testvm/cpio.hpp"
#include "virtlab/text.hpp"

using virtlab::testvm::archive_path;

namespace {

std::uint32_t hex8(std::string_view field) {
  FUZZ_CHECK(field.size() == 8 && field.find_first_not_of("0123456789ABCDEF") == std::string_view::npos);
  return static_cast<std::uint32_t>(std::stoul(std::string(field), nullptr, 16));
}

// Names as the kernel sees them (C strings), up to TRAILER!!!; checks the layout on the way.
std::set<std::string> read_back(const std::string& archive) {
  FUZZ_CHECK(archive.size() % 512 == 0);
  std::set<std::string> names;
  std::size_t at = 0;
  while (true) {
    FUZZ_CHECK(at + 110 <= archive.size());
    std::string_view header(archive.data() + at, 110);
    FUZZ_CHECK(header.substr(0, 6) == "070701");
    std::uint32_t file_size = hex8(header.substr(54, 8));
    std::uint32_t name_size = hex8(header.substr(94, 8));
    FUZZ_CHECK(name_size >= 2 && at + 110 + name_size <= archive.size());
    std::string name(archive.c_str() + at + 110);  // the kernel stops at the first NUL
    FUZZ_CHECK(name.size() + 1 == name_size);      // so the name must not hold one
    at = (at + 110 + name_size + 3) / 4 * 4;
    if (name == "TRAILER!!!") break;
    names.insert(name);
    at = (at + file_size + 3) / 4 * 4;
  }
  FUZZ_CHECK(archive.find_first_not_of('\0', at) == std::string::npos);
  return names;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  virtlab::testvm::CpioWriter writer;
  std::set<std::string> added;
  for (std::string_view line : virtlab::split_lines(text)) {
    if (line.empty()) continue;
    char op = line.front();
    line.remove_prefix(1);
    std::size_t eq = line.find('=');
    std::string_view path = line.substr(0, eq);
    std::string_view payload = eq == std::string_view::npos ? std::string_view() : line.substr(eq + 1);
    std::string clean = archive_path(path);
    FUZZ_CHECK(archive_path(clean) == clean);  // normalised once is normalised
    FUZZ_CHECK(clean.empty() || (clean.front() != '/' && clean.find("//") == std::string::npos));
    try {
      if (op == 'd')
        writer.add_directory(path);
      else if (op == 'f')
        writer.add_file(path, payload);
      else if (op == 'l')
        writer.add_symlink(path, payload);
      else if (op == 'c')
        writer.add_char_device(path, 1, 3);
      else
        continue;
      FUZZ_CHECK(!clean.empty());
      added.insert(clean);
    } catch (const std::invalid_argument&) {
      FUZZ_CHECK(clean.empty());
    }
  }
  std::set<std::string> names = read_back(writer.finish());
  for (const auto& name : added) FUZZ_CHECK(names.contains(name));
  return 0;
}
