// `vmctl info`: what this machine offers for virtualization — /dev/kvm, API version, CPU vendor and extension,
// capabilities with meanings — and the "machine" block the GUI's layers view draws (is this machine itself a VM?).
// Works without /dev/kvm: the kvm block then says absent and why.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace virtlab::vmctl {

struct CpuInfo {
  std::string vendor;    // "AuthenticAMD", "GenuineIntel"
  std::string model;     // "AMD EPYC 7B13"
  int logical_cpus = 0;  // "processor" lines
  std::set<std::string> flags;
};
// Pure: parses /proc/cpuinfo text (first processor's vendor/model/flags, count of processors).
CpuInfo parse_cpuinfo(std::string_view text);
// Pure: "MemTotal:  24582404 kB" → bytes; nullopt when missing.
std::optional<std::uint64_t> parse_meminfo_total(std::string_view text);
// "vmx" → "Intel VT-x", "svm" → "AMD-V (SVM)", none → "".
std::string virtualization_extension(const std::set<std::string>& flags);

struct HypervisorInfo {
  bool cpuid_hypervisor_bit = false;  // CPUID.1:ECX[31], set by every hypervisor for its guests
  std::string cpuid_vendor;           // CPUID 0x40000000: "KVMKVMKVM", "TCGTCGTCGTCG", "Microsoft Hv", "VMwareVMware"
  std::string dmi_sys_vendor;         // /sys/class/dmi/id/sys_vendor ("QEMU", "Google", "Amazon EC2")
  std::string dmi_product_name;       // /sys/class/dmi/id/product_name
};
// Pure: names the hypervisor from a CPUID vendor signature ("KVMKVMKVM\0\0\0" → "KVM").
std::string hypervisor_name(std::string_view cpuid_vendor);

struct NicInfo {
  std::string name;
  std::string mac;
  std::string driver;  // e.g. "virtio_net", "e1000", "vmxnet3"; empty for software devices
  bool is_virtual;     // /sys/devices/virtual/net/…: a software device (lo, veth, bridge), no hardware behind it
  std::string kind;    // one line: "paravirtual NIC (virtio)", "emulated NIC (Intel E1000)", "software device"
};
// Pure: what a NIC driver means for the notes' emulated vs paravirtual comparison.
std::string nic_kind(std::string_view driver, bool is_virtual);

// The IOMMU (the notes' 001#19): DMA remapping that makes device passthrough to a VM safe.
struct IommuUnit {
  std::string name;  // /sys/class/iommu entry: "dmar0", "ivhd0", "0000:00:03.0" (virtio-iommu)
  std::string kind;  // iommu_unit_kind(name)
};
struct IommuInfo {
  std::vector<IommuUnit> units;  // /sys/class/iommu: the remapping hardware the kernel drives
  int groups = 0;                // /sys/kernel/iommu_groups: the smallest sets of devices VFIO can hand to a VM
  int grouped_devices = 0;       // devices in some group
  int pci_devices = 0;           // /sys/bus/pci/devices
  std::string acpi_table;        // the firmware's IOMMU table: "DMAR" (Intel), "IVRS" (AMD), "VIOT" (virtio); "" none
};
// Pure: what an IOMMU unit's name says it is ("dmar0" → Intel VT-d, "ivhd0" → AMD-Vi).
std::string iommu_unit_kind(std::string_view name);

struct KvmCapability {
  std::string name;
  long id;
  int value;  // KVM_CHECK_EXTENSION result
  std::string meaning;
};

// Everything `vmctl info` shows, gathered from the kernel now. Never throws for a missing /dev/kvm.
nlohmann::ordered_json gather_info();
// The text rendering of gather_info().
void print_info(std::ostream& out, const nlohmann::ordered_json& info, bool color);

}  // namespace virtlab::vmctl
