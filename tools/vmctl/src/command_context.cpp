#include <unistd.h>

#include <iostream>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"
#include "vmctl/commands.hpp"
#include "vmctl/nested.hpp"

namespace virtlab::vmctl {

namespace {

bool kvm_device_present() {
  return access("/dev/kvm", F_OK) == 0;
}

std::vector<std::uint8_t> read_image(const std::string& path) {
  constexpr std::size_t kMaxImageBytes = std::size_t{1} << 30;  // more than any guest's RAM
  const auto data = virtlab::try_read_file(path, kMaxImageBytes);
  const int err = errno;
  virtlab::explain("open+read", path, data ? "ok" : virtlab::errno_result(err), "the student's flat binary");
  if (!data) virtlab::throw_errno(err, "cannot read image " + path, "give the path of a flat binary (nasm -f bin)");
  return {data->begin(), data->end()};
}

}  // namespace

void use_image(RunOptions& options, const std::string& path, const std::string& mode) {
  options.builtin = nullptr;
  options.image_path = path;
  options.image = read_image(path);
  options.placement.mode = *x86::parse_cpu_mode(mode);
}

std::uint64_t parse_memory_option(const std::string& text) {
  const auto m = virtlab::parse_size(text);
  if (!m) throw Error(ExitCode::usage, "--mem '" + text + "' is not a size", "e.g. --mem 2M");
  return *m;
}

std::optional<int> run_in_test_vm_without_kvm(const CommandContext& context, const std::string& image_path) {
  if (!kvm_device_present() && !inside_nested() && !context.no_nested) {
    const auto why = nested_unavailable_reason();
    if (!why || context.nested) {
      if (why)
        throw Error(ExitCode::unsupported, "/dev/kvm is missing and the test VM cannot run: " + *why,
                    "run vmctl on a machine with KVM, or install QEMU (scripts/install-deps)");
      std::vector<std::string> args;
      for (const auto& arg : context.args)
        if (arg != "--nested") args.push_back(arg);
      // The image lives on this host: ship it into the VM and point the inner vmctl at its copy.
      std::vector<NestedFile> files;
      if (!image_path.empty()) args = forward_image_args(args, image_path, files);
      return run_nested(args, context.json, files);
    }
  }
  if (context.nested && !inside_nested() && kvm_device_present())
    std::cerr << "vmctl: /dev/kvm is present; --nested ignored, running on this machine's KVM\n";
  return std::nullopt;
}

}  // namespace virtlab::vmctl
