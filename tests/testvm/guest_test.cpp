#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "virtlab/testvm/guest.hpp"
#include "virtlab/testvm/image.hpp"

namespace {

virtlab::testvm::GuestPlan plan() {
  virtlab::testvm::GuestPlan p;
  p.command = {"/work/build/tests/vmctl_tests", "--gtest_filter=Kvm.*", "it's"};
  p.kvm_modules = {"/lib/modules/r/irqbypass.ko", "/lib/modules/r/kvm.ko", "/lib/modules/r/kvm-amd.ko"};
  p.swap_modules = {"/lib/modules/r/virtio_blk.ko"};
  p.network_modules = {"/lib/modules/r/bridge.ko"};
  p.library_dirs = {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"};
  p.env = {{"GTEST_COLOR", "no"}};
  p.workdir = "/work/build";
  return p;
}

bool has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST(Guest, ShellQuoteSurvivesQuotes) {
  EXPECT_EQ(virtlab::testvm::shell_quote("abc"), "'abc'");
  EXPECT_EQ(virtlab::testvm::shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(virtlab::testvm::shell_quote(""), "''");
  EXPECT_EQ(virtlab::testvm::shell_quote("$(reboot)"), "'$(reboot)'");
}

TEST(Guest, InitForPureV2LoadsKvmAndRunsTheCommand) {
  std::string init = virtlab::testvm::generate_init_script(plan());
  EXPECT_TRUE(init.starts_with("#!/bin/busybox sh\n"));
  EXPECT_TRUE(has(init, "mount -t cgroup2 -o nsdelegate cgroup2 /sys/fs/cgroup"));
  EXPECT_TRUE(has(init, "cgroup.subtree_control"));
  EXPECT_FALSE(has(init, "mount -t cgroup -o"));
  auto irq = init.find("insmod '/lib/modules/r/irqbypass.ko'");
  auto kvm = init.find("insmod '/lib/modules/r/kvm.ko'");
  auto amd = init.find("insmod '/lib/modules/r/kvm-amd.ko'");
  ASSERT_NE(irq, std::string::npos);
  EXPECT_LT(irq, kvm);
  EXPECT_LT(kvm, amd) << "kvm-amd needs kvm, kvm needs irqbypass";
  EXPECT_TRUE(has(init, "insmod '/lib/modules/r/bridge.ko'")) << "virtual switches need the bridge at every boot";
  EXPECT_FALSE(has(init, "swapon")) << "no swap unless asked";
  EXPECT_TRUE(has(init, "export LD_LIBRARY_PATH='/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu'"));
  EXPECT_TRUE(has(init, "export GTEST_COLOR='no'"));
  EXPECT_TRUE(
      has(init, "'/work/build/tests/vmctl_tests' '--gtest_filter=Kvm.*' 'it'\\''s' </dev/null >\"$OUT\" 2>\"$ERR\""));
  auto ready = init.find("echo \"ready");
  auto command = init.find("'/work/build/tests/vmctl_tests'");
  auto exit_line = init.find("echo \"exit $?\" >&9");
  EXPECT_LT(ready, command);
  EXPECT_LT(command, exit_line);
  EXPECT_TRUE(has(init, "poweroff -f"));
}

TEST(Guest, InitForHybridAndSwap) {
  auto p = plan();
  p.cgroup = virtlab::testvm::CgroupMode::hybrid;
  p.swap = true;
  std::string init = virtlab::testvm::generate_init_script(p);
  EXPECT_TRUE(has(init, "mount -t cgroup -o $c cgroup /sys/fs/cgroup/$c"));
  EXPECT_TRUE(has(init, "mount -t cgroup2 -o nsdelegate cgroup2 /sys/fs/cgroup/unified"));
  EXPECT_TRUE(has(init, "insmod '/lib/modules/r/virtio_blk.ko'"));
  EXPECT_TRUE(has(init, "mkswap /dev/vda"));
  EXPECT_LT(init.find("swapon /dev/vda"), init.find("echo \"ready"));
}

TEST(Guest, InitIsValidShell) {
  for (auto mode : {virtlab::testvm::CgroupMode::v2, virtlab::testvm::CgroupMode::hybrid}) {
    auto p = plan();
    p.cgroup = mode;
    p.swap = mode == virtlab::testvm::CgroupMode::hybrid;
    const std::string path = ::testing::TempDir() + "/testvm_init.sh";
    std::ofstream(path) << virtlab::testvm::generate_init_script(p);
    EXPECT_EQ(std::system(("sh -n " + path).c_str()), 0) << "sh -n rejects the generated /init";
    std::remove(path.c_str());
  }
}

TEST(Guest, KernelCommandLine) {
  EXPECT_EQ(virtlab::testvm::kernel_command_line(virtlab::testvm::CgroupMode::v2, false),
            "console=ttyS0 quiet panic=-1 rdinit=/init cgroup_no_v1=all");
  EXPECT_EQ(virtlab::testvm::kernel_command_line(virtlab::testvm::CgroupMode::hybrid, true),
            "console=ttyS0 panic=-1 rdinit=/init");
}

TEST(Guest, QemuArgvHasTcgSvmPortsAndSwapDisk) {
  virtlab::testvm::QemuPlan q;
  q.kernel = "/cache/vmlinuz";
  q.initrd = "/tmp/run,1/initrd.cpio";
  q.append = "console=ttyS0";
  q.memory_mib = 1024;
  q.cpus = 2;
  q.console_fifo = "/tmp/run,1/console";
  q.stdout_fifo = "/tmp/run,1/stdout";
  q.stderr_fifo = "/tmp/run,1/stderr";
  q.status_fifo = "/tmp/run,1/status";
  q.swap_image = "/tmp/run,1/swap.img";
  auto argv = virtlab::testvm::qemu_argv(q);
  auto after = [&](const std::string& flag) {
    auto it = std::find(argv.begin(), argv.end(), flag);
    return it == argv.end() || it + 1 == argv.end() ? std::string() : *(it + 1);
  };
  EXPECT_EQ(after("-accel"), "tcg,thread=single");
  EXPECT_EQ(after("-cpu"), "qemu64,+svm");
  EXPECT_EQ(after("-m"), "1024");
  EXPECT_EQ(after("-smp"), "2");
  EXPECT_EQ(after("-initrd"), "/tmp/run,1/initrd.cpio") << "-initrd is a plain path, not an option list";
  EXPECT_NE(std::find(argv.begin(), argv.end(), "-no-reboot"), argv.end());
  EXPECT_NE(std::find(argv.begin(), argv.end(), "file,id=console,path=/tmp/run,,1/console"), argv.end())
      << "commas in paths are doubled inside option lists";
  EXPECT_NE(std::find(argv.begin(), argv.end(), "virtserialport,chardev=out,name=virtlab.stdout"), argv.end());
  EXPECT_NE(std::find(argv.begin(), argv.end(), "virtio-blk-pci,drive=swap"), argv.end());
}

TEST(Modules, LoadOrderFollowsModulesDep) {
  // Debian 6.1 cloud: virtio, virtio_pci and virtio_console are modules; 6.12 builds them in.
  const char* dep =
      "kernel/drivers/virtio/virtio.ko:\n"
      "kernel/drivers/virtio/virtio_ring.ko:\n"
      "kernel/drivers/virtio/virtio_pci_modern_dev.ko:\n"
      "kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_pci_modern_dev.ko "
      "kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio.ko\n"
      "kernel/drivers/char/virtio_console.ko: kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio.ko\n"
      "kernel/virt/lib/irqbypass.ko.xz:\n"
      "kernel/arch/x86/kvm/kvm.ko.xz: kernel/virt/lib/irqbypass.ko.xz\n"
      "kernel/arch/x86/kvm/kvm-amd.ko.xz: kernel/arch/x86/kvm/kvm.ko.xz kernel/virt/lib/irqbypass.ko.xz\n"
      "kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio.ko\n";
  auto boot = virtlab::testvm::module_load_order(dep, {"virtio_pci", "virtio_console"});
  auto pos = [&](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) - v.begin();
  };
  ASSERT_EQ(boot.size(), 5u);
  EXPECT_LT(pos(boot, "kernel/drivers/virtio/virtio.ko"), pos(boot, "kernel/drivers/virtio/virtio_pci.ko"));
  EXPECT_LT(pos(boot, "kernel/drivers/virtio/virtio_ring.ko"), pos(boot, "kernel/drivers/char/virtio_console.ko"));
  auto kvm = virtlab::testvm::module_load_order(dep, {"irqbypass", "kvm", "kvm-amd"}, boot);
  EXPECT_EQ(kvm, (std::vector<std::string>{"kernel/virt/lib/irqbypass.ko.xz", "kernel/arch/x86/kvm/kvm.ko.xz",
                                           "kernel/arch/x86/kvm/kvm-amd.ko.xz"}));
  auto swap = virtlab::testvm::module_load_order(dep, {"virtio_blk"}, boot);
  EXPECT_EQ(swap, std::vector<std::string>{"kernel/drivers/block/virtio_blk.ko"}) << "virtio core already loaded";
  EXPECT_TRUE(virtlab::testvm::module_load_order(dep, {"virtio_scsi"}).empty()) << "not a module: built in";
}

TEST(Guest, BootModulesLoadBeforeThePortsAreLookedUp) {
  auto p = plan();
  p.boot_modules = {"/lib/modules/r/virtio_console.ko"};
  std::string init = virtlab::testvm::generate_init_script(p);
  auto insmod = init.find("insmod '/lib/modules/r/virtio_console.ko'");
  ASSERT_NE(insmod, std::string::npos);
  EXPECT_LT(insmod, init.find("/sys/class/virtio-ports/*"));
}

TEST(Manifest, RoundTripsAndRejectsOtherFormats) {
  virtlab::testvm::BaseImage base;
  base.kernel_release = "6.12.117+deb12-cloud-amd64";
  base.kernel_package = "linux-image-6.12.117+deb12-cloud-amd64_6.12.117-1~deb12u1_amd64.deb";
  base.busybox_package = "busybox-static_1%3a1.35.0-4+deb12u1+b1_amd64.deb";
  base.kvm_modules = {"/lib/modules/x/irqbypass.ko", "/lib/modules/x/kvm.ko", "/lib/modules/x/kvm-amd.ko"};
  base.boot_modules = {"/lib/modules/x/virtio.ko", "/lib/modules/x/virtio_console.ko"};
  base.swap_modules = {"/lib/modules/x/virtio_blk.ko"};
  base.network_modules = {"/lib/modules/x/llc.ko", "/lib/modules/x/stp.ko", "/lib/modules/x/bridge.ko"};
  base.applets = {"cat", "sh"};
  auto text = virtlab::testvm::format_base_manifest(base);
  auto back = virtlab::testvm::parse_base_manifest(text, "/cache/base/x");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->kernel_release, base.kernel_release);
  EXPECT_EQ(back->kvm_modules, base.kvm_modules);
  EXPECT_EQ(back->boot_modules, base.boot_modules);
  EXPECT_EQ(back->swap_modules, base.swap_modules);
  EXPECT_EQ(back->network_modules, base.network_modules);
  EXPECT_EQ(back->applets, base.applets);
  EXPECT_EQ(back->kernel, "/cache/base/x/vmlinuz");
  std::string old = text;
  const std::string current = "format=" + std::to_string(virtlab::testvm::kBaseFormat);
  old.replace(old.find(current), current.size(), "format=" + std::to_string(virtlab::testvm::kBaseFormat - 1));
  EXPECT_FALSE(virtlab::testvm::parse_base_manifest(old, "/x")) << "an older layout is rebuilt, not trusted";
}

}  // namespace
