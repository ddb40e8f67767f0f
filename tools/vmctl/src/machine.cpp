#include "vmctl/machine.hpp"

#include <cpuid.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <ostream>

#include <linux/kvm.h>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/table.hpp"
#include "virtlab/text.hpp"

namespace virtlab::vmctl {

using Json = nlohmann::ordered_json;

CpuInfo parse_cpuinfo(std::string_view text) {
  CpuInfo info;
  bool first_done = false;
  for (auto line : virtlab::split_lines(text)) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      if (info.logical_cpus > 0) first_done = true;
      continue;
    }
    const auto key = virtlab::trim(line.substr(0, colon));
    const auto value = virtlab::trim(line.substr(colon + 1));
    if (key == "processor") ++info.logical_cpus;
    if (first_done) continue;
    if (key == "vendor_id")
      info.vendor = value;
    else if (key == "model name")
      info.model = value;
    else if (key == "flags")
      for (auto f : virtlab::split_whitespace(value)) info.flags.emplace(f);
  }
  return info;
}

std::optional<std::uint64_t> parse_meminfo_total(std::string_view text) {
  for (auto line : virtlab::split_lines(text)) {
    if (!virtlab::starts_with(line, "MemTotal:")) continue;
    const auto fields = virtlab::split_whitespace(line);
    if (fields.size() < 2) return std::nullopt;
    // The kernel writes kB in decimal; "0x10" is not a meminfo number (parse_u64 alone would take it as hex).
    if (fields[1].find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    const auto kb = virtlab::parse_u64(fields[1]);
    if (!kb || *kb > UINT64_MAX / 1024) return std::nullopt;  // would wrap around as bytes
    return *kb * 1024;
  }
  return std::nullopt;
}

std::string virtualization_extension(const std::set<std::string>& flags) {
  if (flags.count("vmx")) return "Intel VT-x (vmx)";
  if (flags.count("svm")) return "AMD-V (svm)";
  return {};
}

std::string hypervisor_name(std::string_view vendor) {
  std::string v(vendor.substr(0, vendor.find('\0')));
  if (v.rfind("KVMKVMKVM", 0) == 0) return "KVM";
  if (v == "TCGTCGTCGTCG") return "QEMU TCG (software emulation)";
  if (v == "Microsoft Hv") return "Microsoft Hyper-V";
  if (v == "VMwareVMware") return "VMware";
  if (v == "XenVMMXenVMM") return "Xen";
  if (v == "VBoxVBoxVBox") return "VirtualBox";
  if (v == "ACRNACRNACRN") return "ACRN";
  if (v == "bhyve bhyve ") return "bhyve";
  if (v == " lrpepyh  vr") return "Parallels";
  return v.empty() ? std::string{} : "unknown (" + v + ")";
}

std::string nic_kind(std::string_view driver, bool is_virtual) {
  if (is_virtual) return "software device (no hardware, e.g. loopback, veth, bridge)";
  if (driver == "virtio_net") return "paravirtual NIC (virtio): the guest knows it is virtual, batches through rings";
  if (driver == "vmxnet3") return "paravirtual NIC (VMware VMXNET3)";
  if (driver == "netvsc" || driver == "hv_netvsc") return "paravirtual NIC (Hyper-V netvsc)";
  if (driver == "gve") return "paravirtual NIC (Google gVNIC)";
  if (driver == "ena") return "paravirtual NIC (AWS ENA)";
  if (driver == "e1000" || driver == "e1000e") return "emulated NIC (Intel E1000 model): register accesses exit";
  if (driver == "8139cp" || driver == "8139too" || driver == "ne2k-pci" || driver == "pcnet32")
    return "emulated NIC (a classic card model): every register access exits";
  if (driver.empty()) return "unknown";
  return "physical or passthrough NIC (" + std::string(driver) + ")";
}

std::string iommu_unit_kind(std::string_view name) {
  if (virtlab::starts_with(name, "dmar")) return "Intel VT-d (DMA remapping unit)";
  if (virtlab::starts_with(name, "ivhd")) return "AMD-Vi (I/O virtualization hardware)";
  if (name.find("smmu") != std::string_view::npos) return "Arm SMMU";
  return "other (e.g. virtio-iommu given by a hypervisor)";
}

namespace {

// Names in a directory, sorted, without . and ..; empty when it cannot be opened (explained).
std::vector<std::string> directory_names(const std::string& path) {
  std::vector<std::string> names;
  DIR* dir = opendir(path.c_str());
  const int err = errno;
  if (dir) {
    while (dirent* e = readdir(dir))
      if (e->d_name[0] != '.') names.emplace_back(e->d_name);
    closedir(dir);
  }
  std::sort(names.begin(), names.end());
  virtlab::explain("opendir", path, dir ? std::to_string(names.size()) + " entries" : virtlab::errno_result(err));
  return names;
}

std::string read_trimmed(const std::string& path) {
  const auto text = virtlab::try_read_file(path, 4096);
  virtlab::explain("read", path, text ? std::to_string(text->size()) + " bytes" : virtlab::errno_result(errno));
  return text ? std::string(virtlab::trim(*text)) : std::string{};
}

HypervisorInfo probe_hypervisor() {
  HypervisorInfo h;
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (__get_cpuid(1, &a, &b, &c, &d)) h.cpuid_hypervisor_bit = (c >> 31) & 1;
  virtlab::explain("cpuid", "leaf 1", "ECX bit 31 = " + std::to_string(h.cpuid_hypervisor_bit),
                   "the 'hypervisor present' bit: hypervisors set it for their guests");
  if (h.cpuid_hypervisor_bit) {
    __cpuid(0x40000000, a, b, c, d);
    char vendor[13] = {};
    std::memcpy(vendor, &b, 4);
    std::memcpy(vendor + 4, &c, 4);
    std::memcpy(vendor + 8, &d, 4);
    h.cpuid_vendor.assign(vendor, strnlen(vendor, 12));
    virtlab::explain("cpuid", "leaf 0x40000000", "\"" + h.cpuid_vendor + "\"", "the hypervisor's vendor signature");
  }
  h.dmi_sys_vendor = read_trimmed("/sys/class/dmi/id/sys_vendor");
  h.dmi_product_name = read_trimmed("/sys/class/dmi/id/product_name");
  return h;
}

std::vector<NicInfo> probe_nics() {
  std::vector<NicInfo> nics;
  for (const auto& name : directory_names("/sys/class/net")) {
    NicInfo nic;
    nic.name = name;
    const std::string base = "/sys/class/net/" + name;
    nic.mac = read_trimmed(base + "/address");
    char target[PATH_MAX];
    const ssize_t n = readlink(base.c_str(), target, sizeof target - 1);
    nic.is_virtual =
        n > 0 && std::string_view(target, static_cast<std::size_t>(n)).find("/virtual/") != std::string_view::npos;
    const ssize_t m = readlink((base + "/device/driver").c_str(), target, sizeof target - 1);
    if (m > 0) {
      std::string_view path(target, static_cast<std::size_t>(m));
      nic.driver = std::string(path.substr(path.rfind('/') + 1));
    }
    virtlab::explain(
        "readlink", base + " and " + base + "/device/driver",
        (nic.is_virtual ? "virtual" : "device") + std::string(nic.driver.empty() ? "" : ", driver " + nic.driver));
    nic.kind = nic_kind(nic.driver, nic.is_virtual);
    nics.push_back(std::move(nic));
  }
  return nics;
}

IommuInfo probe_iommu() {
  IommuInfo iommu;
  for (const auto& name : directory_names("/sys/class/iommu")) iommu.units.push_back({name, iommu_unit_kind(name)});
  for (const auto& group : directory_names("/sys/kernel/iommu_groups")) {
    ++iommu.groups;
    iommu.grouped_devices += static_cast<int>(directory_names("/sys/kernel/iommu_groups/" + group + "/devices").size());
  }
  iommu.pci_devices = static_cast<int>(directory_names("/sys/bus/pci/devices").size());
  for (const char* table : {"DMAR", "IVRS", "VIOT"}) {
    const std::string path = std::string("/sys/firmware/acpi/tables/") + table;
    const bool present = access(path.c_str(), F_OK) == 0;
    virtlab::explain("access", path, present ? "present" : "absent", "the firmware's table describing the IOMMU");
    if (present && iommu.acpi_table.empty()) iommu.acpi_table = table;
  }
  return iommu;
}

Json iommu_json(const IommuInfo& iommu) {
  Json units = Json::array();
  for (const auto& u : iommu.units) units.push_back({{"name", u.name}, {"kind", u.kind}});
  return {{"units", units},
          {"groups", iommu.groups},
          {"grouped_devices", iommu.grouped_devices},
          {"pci_devices", iommu.pci_devices},
          {"acpi_table", iommu.acpi_table.empty() ? Json(nullptr) : Json(iommu.acpi_table)},
          {"passthrough_possible", iommu.groups > 0}};
}

struct CapabilitySpec {
  const char* name;
  long id;
  const char* meaning;
};

const CapabilitySpec kCapabilities[] = {
    {"KVM_CAP_USER_MEMORY", KVM_CAP_USER_MEMORY, "guest RAM is ordinary process memory handed over as memslots"},
    {"KVM_CAP_NR_MEMSLOTS", KVM_CAP_NR_MEMSLOTS, "how many memslots (GPA ranges backed by host memory) a VM may have"},
    {"KVM_CAP_READONLY_MEM", KVM_CAP_READONLY_MEM, "read-only memslots: reads are memory, writes exit as MMIO (ROM)"},
    {"KVM_CAP_IMMEDIATE_EXIT", KVM_CAP_IMMEDIATE_EXIT,
     "kvm_run.immediate_exit: another thread can stop a vCPU without a race (vmctl --timeout)"},
    {"KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2", KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2,
     "dirty log read without re-protecting all pages at once (faster live migration)"},
    {"KVM_CAP_DIRTY_LOG_RING", KVM_CAP_DIRTY_LOG_RING, "dirty pages reported through a ring instead of a bitmap"},
    {"KVM_CAP_BINARY_STATS_FD", KVM_CAP_BINARY_STATS_FD,
     "KVM_GET_STATS_FD: in-kernel counters, including exits userspace never sees"},
    {"KVM_CAP_NR_VCPUS", KVM_CAP_NR_VCPUS, "recommended maximum vCPUs per VM"},
    {"KVM_CAP_MAX_VCPUS", KVM_CAP_MAX_VCPUS, "hard maximum vCPUs per VM"},
    {"KVM_CAP_IOEVENTFD", KVM_CAP_IOEVENTFD,
     "a guest write to a port/address signals an eventfd inside the kernel: how virtio kicks skip userspace"},
    {"KVM_CAP_IRQFD", KVM_CAP_IRQFD, "an eventfd injects a guest interrupt (device → guest without an ioctl)"},
    {"KVM_CAP_COALESCED_MMIO", KVM_CAP_COALESCED_MMIO, "MMIO writes batched in a ring instead of one exit each"},
    {"KVM_CAP_NESTED_STATE", KVM_CAP_NESTED_STATE, "nested virtualization state can be saved (a guest may run KVM)"},
};

Json probe_kvm(const CpuInfo& cpu, const HypervisorInfo& hyp) {
  Json kvm;
  kvm["device"] = "/dev/kvm";
  Json modules = Json::array();
  for (const char* module : {"kvm", "kvm_amd", "kvm_intel"}) {
    const std::string dir = std::string("/sys/module/") + module;
    const bool loaded = access(dir.c_str(), F_OK) == 0;
    Json m{{"name", module}, {"loaded", loaded}};
    if (loaded && std::string(module) != "kvm") {
      const std::string nested = read_trimmed(dir + "/parameters/nested");
      if (!nested.empty()) m["nested"] = nested == "1" || nested == "Y";
      const std::string tdp =
          read_trimmed(dir + (std::string(module) == "kvm_amd" ? "/parameters/npt" : "/parameters/ept"));
      if (!tdp.empty()) m["two_dimensional_paging"] = tdp == "1" || tdp == "Y";
    }
    modules.push_back(std::move(m));
  }
  kvm["modules"] = modules;
  const int fd = ::open("/dev/kvm", O_RDWR | O_CLOEXEC);
  const int err = errno;
  virtlab::explain("openat", "/dev/kvm O_RDWR", fd < 0 ? virtlab::errno_result(err) : "fd " + std::to_string(fd));
  if (fd < 0) {
    kvm["present"] = false;
    std::string reason;
    const bool has_ext = !virtualization_extension(cpu.flags).empty();
    if (err == EACCES || err == EPERM) {
      reason = "/dev/kvm exists but this user may not open it (run as root or join the kvm group)";
    } else if (!has_ext) {
      reason = "the CPU offers no VT-x/AMD-V (no vmx/svm flag)";
      if (hyp.cpuid_hypervisor_bit)
        reason += ": this machine is itself a VM (" +
                  (hyp.cpuid_vendor.empty() ? std::string("hypervisor") : hypervisor_name(hyp.cpuid_vendor)) +
                  ") and its hypervisor does not expose nested virtualization";
      else
        reason += "; enable virtualization in the firmware setup";
    } else {
      reason = "the CPU has " + virtualization_extension(cpu.flags) +
               " but the kvm modules are not loaded (modprobe kvm_amd or kvm_intel)";
    }
    kvm["reason"] = reason;
    kvm["errno"] = err;
    kvm["hint"] = "vmctl --nested runs vmctl inside the test VM (QEMU TCG with nested KVM) instead";
    return kvm;
  }
  virtlab::UniqueFd kvm_fd(fd);
  kvm["present"] = true;
  const int version = ioctl(fd, KVM_GET_API_VERSION, 0);
  virtlab::explain("ioctl(KVM_GET_API_VERSION)", "/dev/kvm", std::to_string(version));
  kvm["api_version"] = version;
  Json caps = Json::array();
  for (const auto& spec : kCapabilities) {
    const int value = ioctl(fd, KVM_CHECK_EXTENSION, spec.id);
    virtlab::explain("ioctl(KVM_CHECK_EXTENSION)", spec.name, std::to_string(value));
    caps.push_back({{"name", spec.name}, {"id", spec.id}, {"value", value < 0 ? 0 : value}, {"meaning", spec.meaning}});
  }
  kvm["capabilities"] = caps;
  return kvm;
}

}  // namespace

Json gather_info() {
  const std::string cpuinfo_text = virtlab::read_file("/proc/cpuinfo");
  virtlab::explain("read", "/proc/cpuinfo", std::to_string(cpuinfo_text.size()) + " bytes");
  const CpuInfo cpu = parse_cpuinfo(cpuinfo_text);
  const auto meminfo = virtlab::try_read_file("/proc/meminfo");
  virtlab::explain("read", "/proc/meminfo", meminfo ? std::to_string(meminfo->size()) + " bytes" : "failed");
  const HypervisorInfo hyp = probe_hypervisor();
  utsname uts{};
  uname(&uts);
  const bool la57 = cpu.flags.count("la57") > 0;

  Json machine;
  machine["cpu_model"] = cpu.model;
  machine["cpu_vendor"] = cpu.vendor;
  machine["logical_cpus"] = cpu.logical_cpus;
  const auto total = meminfo ? parse_meminfo_total(*meminfo) : std::nullopt;
  machine["memory_total"] = total ? Json(*total) : Json(nullptr);
  machine["kernel_release"] = uts.release;
  machine["architecture"] = uts.machine;
  // LA57 in the CPU flags means the CPU can do 5-level paging; the kernel uses it unless booted with no5lvl.
  machine["paging_levels"] = la57 ? 5 : 4;
  machine["la57"] = la57;
  const std::string hname = hypervisor_name(hyp.cpuid_vendor);
  machine["is_vm"] = hyp.cpuid_hypervisor_bit;
  machine["hypervisor"] = {{"cpuid_hypervisor_bit", hyp.cpuid_hypervisor_bit},
                           {"cpuid_vendor", hyp.cpuid_vendor},
                           {"name", hname},
                           {"dmi_sys_vendor", hyp.dmi_sys_vendor},
                           {"dmi_product_name", hyp.dmi_product_name}};
  Json nics = Json::array();
  for (const auto& n : probe_nics())
    nics.push_back(
        {{"name", n.name}, {"mac", n.mac}, {"driver", n.driver}, {"virtual", n.is_virtual}, {"kind", n.kind}});
  machine["nics"] = nics;
  machine["iommu"] = iommu_json(probe_iommu());

  Json cpu_json;
  cpu_json["vendor"] = cpu.vendor;
  cpu_json["model"] = cpu.model;
  const std::string ext = virtualization_extension(cpu.flags);
  cpu_json["virtualization_extension"] = ext.empty() ? Json(nullptr) : Json(ext);
  cpu_json["vmx"] = cpu.flags.count("vmx") > 0;
  cpu_json["svm"] = cpu.flags.count("svm") > 0;
  cpu_json["npt_or_ept"] = cpu.flags.count("npt") > 0 || cpu.flags.count("ept") > 0;

  Json info;
  info["machine"] = machine;
  info["cpu"] = cpu_json;
  info["kvm"] = probe_kvm(cpu, hyp);
  return info;
}

namespace {

void print_iommu(std::ostream& out, const Json& iommu) {
  out << "  IOMMU          ";
  if (iommu["units"].empty()) {
    out << "none (/sys/class/iommu is empty" << (iommu["acpi_table"].is_null() ? ", no DMAR/IVRS/VIOT table" : "")
        << "): no safe passthrough of a device to a VM\n";
    return;
  }
  for (const auto& u : iommu["units"])
    out << u["name"].get<std::string>() << " (" << u["kind"].get<std::string>() << ") ";
  out << "\n  IOMMU groups   " << iommu["groups"].get<int>() << " holding " << iommu["grouped_devices"].get<int>()
      << " of " << iommu["pci_devices"].get<int>() << " PCI devices: each group is what VFIO can pass to a VM\n";
}

}  // namespace

void print_info(std::ostream& out, const Json& info, bool color) {
  virtlab::Terminal term;
  term.color = color;
  auto head = [&](const char* text) { out << virtlab::paint(term, virtlab::Style::bold, text) << '\n'; };
  const auto& m = info["machine"];
  head("Machine");
  out << "  CPU            " << m["cpu_model"].get<std::string>() << " (" << m["cpu_vendor"].get<std::string>() << "), "
      << m["logical_cpus"].get<int>() << " logical CPUs\n";
  if (!m["memory_total"].is_null())
    out << "  memory         " << virtlab::human_bytes(m["memory_total"].get<std::uint64_t>()) << '\n';
  out << "  kernel         " << m["kernel_release"].get<std::string>() << ", " << m["paging_levels"].get<int>()
      << "-level paging" << (m["la57"].get<bool>() ? " (LA57 available)" : "") << '\n';
  const auto& h = m["hypervisor"];
  if (m["is_vm"].get<bool>()) {
    out << "  this machine   is itself a VM: CPUID hypervisor bit set, vendor \""
        << h["cpuid_vendor"].get<std::string>() << "\" (" << h["name"].get<std::string>() << ")";
    if (!h["dmi_sys_vendor"].get<std::string>().empty())
      out << ", DMI " << h["dmi_sys_vendor"].get<std::string>() << " / " << h["dmi_product_name"].get<std::string>();
    out << '\n';
  } else {
    out << "  this machine   bare metal as far as CPUID says (hypervisor bit clear)\n";
  }
  for (const auto& n : m["nics"])
    out << "  NIC " << n["name"].get<std::string>()
        << std::string(11 - std::min<std::size_t>(10, n["name"].get<std::string>().size()), ' ')
        << (n["mac"].get<std::string>().empty() ? "-" : n["mac"].get<std::string>()) << "  "
        << n["kind"].get<std::string>() << '\n';
  print_iommu(out, m["iommu"]);
  head("CPU virtualization");
  const auto& c = info["cpu"];
  out << "  extension      "
      << (c["virtualization_extension"].is_null() ? std::string("none (no vmx/svm flag)")
                                                  : c["virtualization_extension"].get<std::string>())
      << (c["npt_or_ept"].get<bool>() ? ", with nested page tables (EPT/NPT: GPA→HPA in hardware)" : "") << '\n';
  head("KVM");
  const auto& k = info["kvm"];
  if (!k["present"].get<bool>()) {
    out << "  /dev/kvm       " << virtlab::paint(term, virtlab::Style::yellow, "absent") << ": "
        << k["reason"].get<std::string>() << '\n';
    out << "  hint           " << k["hint"].get<std::string>() << '\n';
  } else {
    out << "  /dev/kvm       present, API version " << k["api_version"].get<int>() << '\n';
    virtlab::Table table({{"capability"}, {"value", virtlab::Align::right}, {"meaning"}});
    for (const auto& cap : k["capabilities"])
      table.add_row(
          {cap["name"].get<std::string>(), std::to_string(cap["value"].get<int>()), cap["meaning"].get<std::string>()});
    table.render(out, term);
  }
  for (const auto& mod : k["modules"]) {
    if (!mod["loaded"].get<bool>()) continue;
    out << "  module " << mod["name"].get<std::string>() << " loaded";
    if (mod.contains("nested")) out << ", nested=" << (mod["nested"].get<bool>() ? "on" : "off");
    if (mod.contains("two_dimensional_paging"))
      out << ", NPT/EPT=" << (mod["two_dimensional_paging"].get<bool>() ? "on" : "off (shadow paging)");
    out << '\n';
  }
}

}  // namespace virtlab::vmctl
