#include "vmctl/nested.hpp"

#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"

#include "virtlab/testvm/run.hpp"

namespace virtlab::vmctl {

bool inside_nested() {
  return std::getenv(kNestedEnv) != nullptr;
}

nlohmann::ordered_json nested_marker() {
  const char* via = std::getenv(kNestedEnv);
  if (!via) return {{"nested", false}};
  const char* outer = std::getenv("VMCTL_OUTER_HOST");
  return {{"nested", true},
          {"via", via},
          {"outer_host", outer ? outer : ""},
          {"meaning",
           "vmctl ran inside the test VM: QEMU TCG emulates an AMD CPU with SVM, the VM's kernel runs KVM on it, and "
           "vmctl's guest is a VM inside that VM (L2). Exits are real KVM exits of the VM's kernel; timings are "
           "far slower than on hardware, and \"host physical\" means the test VM's physical memory."}};
}

std::optional<std::string> nested_unavailable_reason() {
  if (inside_nested()) return "already inside the test VM (no third level)";
  const auto a = testvm::check_availability();
  if (a.qemu && a.kernel) return std::nullopt;
  return a.reason.empty() ? std::string("the test VM cannot start here") : a.reason;
}

std::vector<std::string> forward_image_args(const std::vector<std::string>& args, const std::string& image_path,
                                            std::vector<NestedFile>& files) {
  const std::string base = std::filesystem::path(image_path).filename().string();
  const std::string guest_path = "/tmp/vmctl-files/" + std::to_string(files.size()) + "-" + base;
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(image_path, ec);
  files.push_back({ec ? image_path : absolute.string(), guest_path});
  std::vector<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--image" && i + 1 < args.size()) {
      out.push_back(args[i]);
      out.push_back(guest_path);
      ++i;
    } else if (args[i].rfind("--image=", 0) == 0) {
      out.push_back("--image=" + guest_path);
    } else {
      out.push_back(args[i]);
    }
  }
  return out;
}

int run_nested(const std::vector<std::string>& args, bool quiet, const std::vector<NestedFile>& files,
               std::chrono::seconds budget, testvm::OutputSink* sink) {
  char self[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) virtlab::throw_errno("cannot find vmctl's own executable (/proc/self/exe)");
  self[n] = '\0';
  testvm::RunSpec spec;
  spec.command = {"/usr/bin/vmctl"};
  spec.command.insert(spec.command.end(), args.begin(), args.end());
  spec.files.push_back({self, "/usr/bin/vmctl"});
  for (const auto& f : files) {
    spec.files.push_back({f.host_path, f.guest_path});
    virtlab::explain("testvm file", f.host_path + " → " + f.guest_path, "copied into the VM's initramfs",
                     "the inner vmctl reads it there");
  }
  spec.cpus = 2;  // the smp guest wants two host CPUs to be scheduled on
  spec.memory_mib = 512;
  spec.timeout = budget;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  spec.env = {{kNestedEnv, "testvm"}, {"VMCTL_OUTER_HOST", host}};
  if (!quiet)
    std::cerr << "vmctl: no /dev/kvm here; running inside the test VM (QEMU TCG + nested KVM), output is marked "
                 "nested\n";
  virtlab::explain("testvm::run", "/usr/bin/vmctl " + std::to_string(args.size()) + " args, 2 vCPUs, 512 MiB",
                   "booting", "the test VM boots a Debian kernel under QEMU TCG with SVM and loads kvm_amd");
  testvm::StreamSink stream;
  const testvm::RunResult r = testvm::run(spec, sink ? *sink : stream);
  virtlab::explain("testvm::run", "finished", "exit " + std::to_string(r.exit_code),
                   "guest kernel " + r.kernel_release + ", boot " + std::to_string(r.boot_seconds) + " s");
  return r.exit_code;
}

}  // namespace virtlab::vmctl
