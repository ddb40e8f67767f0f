#include <gtest/gtest.h>

#include "vmctl/machine.hpp"

namespace virtlab::vmctl {
namespace {

constexpr const char* kCpuinfo =
    "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n"
    "flags\t\t: fpu vme de pse hypervisor lahf_lm svm npt\n\n"
    "processor\t: 1\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n"
    "flags\t\t: fpu vme de pse hypervisor lahf_lm svm npt la57\n\n";

TEST(Cpuinfo, FirstProcessorAndCount) {
  const CpuInfo info = parse_cpuinfo(kCpuinfo);
  EXPECT_EQ(info.vendor, "AuthenticAMD");
  EXPECT_EQ(info.model, "AMD EPYC 7B13");
  EXPECT_EQ(info.logical_cpus, 2);
  EXPECT_TRUE(info.flags.count("svm"));
  EXPECT_FALSE(info.flags.count("la57"));  // only the first processor's flags are used
  EXPECT_EQ(virtualization_extension(info.flags), "AMD-V (svm)");
  EXPECT_EQ(virtualization_extension({"vmx"}), "Intel VT-x (vmx)");
  EXPECT_EQ(virtualization_extension({"fpu"}), "");
}

TEST(Meminfo, Total) {
  EXPECT_EQ(parse_meminfo_total("MemTotal:       24582404 kB\nMemFree: 1 kB\n"), 24582404ull * 1024);
  EXPECT_EQ(parse_meminfo_total("MemFree: 1 kB\n"), std::nullopt);
  EXPECT_EQ(parse_meminfo_total("MemTotal: lots\n"), std::nullopt);
  EXPECT_EQ(parse_meminfo_total("MemTotal: 0x200 kB\n"), std::nullopt);  // found by fuzz/vmctl_proc_text
}

TEST(Hypervisor, Names) {
  EXPECT_EQ(hypervisor_name(std::string_view("KVMKVMKVM\0\0\0", 12)), "KVM");
  EXPECT_EQ(hypervisor_name("TCGTCGTCGTCG"), "QEMU TCG (software emulation)");
  EXPECT_EQ(hypervisor_name("Microsoft Hv"), "Microsoft Hyper-V");
  EXPECT_EQ(hypervisor_name("VMwareVMware"), "VMware");
  EXPECT_EQ(hypervisor_name(""), "");
  EXPECT_EQ(hypervisor_name("NewThing"), "unknown (NewThing)");
}

TEST(Nic, KindsFollowTheNotes) {
  EXPECT_NE(nic_kind("e1000", false).find("emulated"), std::string::npos);
  EXPECT_NE(nic_kind("vmxnet3", false).find("paravirtual"), std::string::npos);
  EXPECT_NE(nic_kind("virtio_net", false).find("paravirtual"), std::string::npos);
  EXPECT_NE(nic_kind("", true).find("software"), std::string::npos);
  EXPECT_NE(nic_kind("mlx5_core", false).find("mlx5_core"), std::string::npos);
}

TEST(Iommu, UnitKindsFromTheirNames) {
  EXPECT_NE(iommu_unit_kind("dmar0").find("Intel VT-d"), std::string::npos);
  EXPECT_NE(iommu_unit_kind("ivhd1").find("AMD-Vi"), std::string::npos);
  EXPECT_EQ(iommu_unit_kind("smmu3.0x0000000009050000"), "Arm SMMU");
  EXPECT_NE(iommu_unit_kind("0000:00:03.0").find("virtio-iommu"), std::string::npos);
}

}  // namespace
}  // namespace virtlab::vmctl
