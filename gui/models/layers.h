// The layers view's model: this machine as the notes' stack (hardware → hypervisor? → kernel → userland with
// containers and VMs side by side), assembled only from tool documents (vmctl info, nsenter-lite, cgtop, vmctl).
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "models/cgtop.h"

namespace virtlab::explorer {

struct MachineInfo {
  bool known = false;             // a vmctl info document was read
  QString hostname;               // from any document's "host" header
  QString kernelRelease;          // "6.18.0-…" (uname -r)
  QString architecture;           // "x86_64"
  QString cpuModel;               // "AMD EPYC 7B13"
  int logicalCpus = 0;            // online logical CPUs
  qint64 memoryBytes = 0;         // MemTotal
  bool isVirtualMachine = false;  // this machine itself is a guest (CPUID hypervisor bit / DMI)
  QString hypervisor;             // vendor: "KVM", "Microsoft Hv", "VMware", … (empty on bare metal)
  QString vmEvidence;             // how that was detected
  int pagingLevels = 0;           // 4 or 5 (LA57)
  QStringList nics;               // "eth0 52:54:00:… 10.0.2.15"
  bool kvmDevice = false;         // /dev/kvm exists: VMs run directly on KVM; otherwise nested under QEMU TCG
  QString kvmNote;                // why not, in the tool's words
};

// How a container's cgroup was found among cgtop's rows.
enum class CgroupMatch {
  Unknown,     // nsenter-lite gave no "cgroup" (an older nsenter-lite, or the process was gone)
  NoSnapshot,  // the cgroup is known but no cgtop snapshot was read
  Exact,       // cgtop has a row with exactly this path
  Ancestor,    // no row for the path (cgtop's --depth, or made after it looked): the nearest ancestor row
  NotFound,    // not even "/" was in the snapshot
};

struct ContainerInfo {
  QString name;               // the engine's name for it ("docker web"), else the command
  QStringList runtimeChain;   // engine → daemon → shim → pid 1, each "command pid" (empty: not an engine's)
  qint64 pid = 0;             // a process inside it
  QStringList ownNamespaces;  // kinds it does not share with the host: "pid", "net", "mnt", …
  QString cgroup;             // its lowest pid's cgroup path from nsenter-lite ls (empty = unknown)
  qint64 processes = 0;       // processes seen in it
  // Joined from the cgtop snapshot row with the same path (cgroupRow), or its nearest ancestor's.
  CgroupMatch cgroupMatch = CgroupMatch::Unknown;
  QString cgroupRow;        // the cgtop row's path
  double memoryBytes = -1;  // memory.current / usage_in_bytes, -1 = unknown
  double memoryLimit = -1;  // -1 = no limit or unknown
  double cpuPercent = -1;   // over cgtop's interval; 100 = one CPU, -1 = unknown (first snapshot)
  double quotaCores = -1;   // CPU limit in CPUs, -1 = none
  qint64 tasks = -1;        // pids.current
  qint64 tasksMax = -1;     // pids.max, -1 = none
};

struct VmInfo {
  QString name;     // "vmctl run long-mode"
  QString backend;  // "kvm" / "nested (QEMU TCG test VM)"
  QString detail;   // exits, memory, result
};

struct LayerStack {
  MachineInfo machine;
  QList<ContainerInfo> containers;
  QList<VmInfo> vms;
  bool haveContainers = false;  // a namespace document was read (an empty list then means "none running")
  bool haveVms = false;
  QString cgroupLayout;  // from cgtop: v1, v2 or hybrid
  int cgroupCount = 0;
  bool haveCgroups = false;        // a cgtop snapshot was read
  QList<CgroupSample> cgroupRows;  // its rows, to join containers to (the last snapshot wins)
};

// Fills each container's cgroup numbers from the cgtop row with the same path, or the nearest ancestor row.
// Called after every document, so the order nsenter-lite and cgtop answer in does not matter.
void joinContainerCgroups(LayerStack* stack);

// Fills what any tool document's common header tells (hostname, kernel release, architecture).
void applyHostHeader(const QJsonObject& doc, MachineInfo* machine);

}  // namespace virtlab::explorer

namespace virtlab::explorer {

// Adds one tool document to the stack (vmctl info → machine, nsenter-lite → containers, cgtop → their cgroup
// usage, vmctl runs → VMs). Returns an error for a document of a known tool that does not parse; documents of
// other tools are ignored (returns empty).
QString addDocumentToStack(const QJsonObject& doc, LayerStack* stack);

}  // namespace virtlab::explorer
