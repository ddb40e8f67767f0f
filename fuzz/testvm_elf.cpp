// testvm's ELF reader (PT_INTERP, DT_NEEDED, DT_RPATH, DT_RUNPATH): offsets and sizes come from the file.
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "fuzz_check.hpp"
#include "virtlab/testvm/elf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view image = virtlab_fuzz::as_text(data, size);
  try {
    auto deps = virtlab::testvm::parse_elf_deps(image);
    if (!deps) return 0;
    FUZZ_CHECK(
        image.starts_with("\x7f"
                          "ELF"));
    // Every name comes from the file's own string table.
    for (const auto& name : deps->needed) FUZZ_CHECK(!name.empty() && image.find(name) != std::string_view::npos);
    if (!deps->interpreter.empty()) FUZZ_CHECK(image.find(deps->interpreter) != std::string_view::npos);
    auto dirs = virtlab::testvm::library_search_dirs(*deps, "/origin", {"/ld/path"});
    FUZZ_CHECK(!dirs.empty());
  } catch (const std::runtime_error& e) {
    FUZZ_CHECK(image.starts_with("\x7f"
                                 "ELF") &&
               *e.what() != '\0');
  }
  return 0;
}
