// vmctl/1 (schemas/vmctl.v1.json): "command" tells the documents apart —
//   info       `vmctl info --json`        the machine (CPU, memory, VM or not, NICs), CPU extension, /dev/kvm
//   run        `vmctl run GUEST --json`   a guest's VM exits (trace + histogram), vCPU registers, findings
//   translate  `vmctl translate --json`   GVA → GPA (guest page tables) → HVA (memslot) → HPA (host pagemap)
//   boot       `vmctl boot --json`        a Linux kernel booted to /init: exits by reason and device, phases, timeline,
//                                         virtio-console; optional disk (virtio-blk) and walk (a guest process's GVA)
// Every document says whether vmctl ran nested (inside the QEMU TCG test VM, when /dev/kvm is missing).
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "models/layers.h"

namespace virtlab::explorer {

inline constexpr int kVmctlMajor = 1;

struct NestedInfo {
  bool nested = false;  // vmctl ran as an L2 guest inside the test VM
  QString via;          // "testvm"
  QString meaning;
};

struct KvmInfo {
  bool present = false;  // /dev/kvm exists
  QString reason;        // why not
  QString hint;
  int apiVersion = 0;
  QString cpuExtension;  // "svm", "vmx" or empty
  QStringList modules;   // "kvm_amd (nested)"
};

struct VmExit {
  quint64 seq = 0;
  quint64 timeNs = 0;  // since the VM was created
  int vcpu = 0;
  QString reason;  // IO, HLT, MMIO, SHUTDOWN …
  QString text;
};

struct ExitCount {
  QString reason;
  quint64 count = 0;
  QString meaning;
};

struct IoPhase {  // emulated-vs-pv: the same bytes moved two ways
  QString name;
  quint64 bytes = 0;
  quint64 exits = 0;
  double exitsPerByte = 0;
  double seconds = 0;
};

struct VcpuReport {
  int index = 0;
  quint64 userspaceExits = 0;
  qint64 kernelExits = -1;                   // KVM_GET_STATS_FD "exits" (-1: not available)
  QList<QPair<QString, quint64>> registers;  // rip, rsp, rflags, rax, …
};

struct VmRun {
  NestedInfo nested;
  QString guest;
  QString mode;  // real / protected / long
  quint64 memory = 0;
  QString outcome;
  QString outcomeMeaning;
  double wallSeconds = 0;
  QString serial;
  quint64 totalExits = 0;
  QList<VmExit> trace;
  QList<ExitCount> histogram;
  QList<VcpuReport> vcpus;
  QList<IoPhase> phases;
  double paravirtualSpeedup = 0;
  QStringList findings;
};

struct GuestWalkLevel {
  QString table;  // "PML4", "PDPT", "PD", "PT"
  quint64 tableGpa = 0;
  quint64 index = 0;
  quint64 entry = 0;
  QString flags;
  bool leaf = false;
};

struct TranslationChain {
  quint64 gva = 0;
  QString paging;  // "4-level", "none", …
  QList<GuestWalkLevel> levels;
  qint64 gpa = -1;  // -1: the guest walk faulted
  QString fault;
  bool kvmAgrees = false;  // KVM_TRANSLATE gave the same GPA
  qint64 hva = -1;
  qint64 hpa = -1;  // -1: hidden or not present
  QString hostMeaning;
};

struct VmTranslate {
  NestedInfo nested;
  QString guest;
  quint64 cr3 = 0;
  QList<TranslationChain> chains;
};

// A name with a count: an exit reason, a device ("UART 8250 (COM1)", "CMOS RTC"), a KVM statistic.
struct NamedCount {
  QString name;
  quint64 count = 0;
};

struct BootPhase {  // decompression, kernel-init, userspace
  QString phase;
  QString meaning;
  bool reached = false;
  double startSeconds = -1, endSeconds = -1;  // -1: not in the document (phase not reached)
  quint64 exits = 0;                          // exits to vmctl during the phase
  qint64 kvmExits = -1;                       // every exit, also those KVM handled (-1: no KVM_GET_STATS_FD)
  QList<NamedCount> byDevice;
};

struct BootBucket {
  double startSeconds = 0;
  quint64 exits = 0;
};

struct BootVirtioConsole {  // --console virtio
  bool present = false;
  quint64 address = 0;
  bool ioeventfd = false, driverOk = false;
  quint64 mmioKicks = 0, ioeventfdKicks = 0, irqRaises = 0, transmittedBytes = 0, receivedBytes = 0;
};

struct BootDiskFile {
  quint64 stSize = 0, allocated = 0;  // the length the guest sees, st_blocks × 512
  QString provisioning;               // thin / thick
};

struct BootDisk {  // --disk FILE[,ro|,snapshot] (virtio-blk)
  bool present = false;
  QString path, mode;  // rw / ro / snapshot
  quint64 capacitySectors = 0;
  BootDiskFile file;
  bool hasDelta = false;  // snapshot: the delta file the writes went to
  QString deltaPath;
  BootDiskFile delta;
  quint64 deltaSectors = 0;
  quint64 reads = 0, writes = 0, bytesRead = 0, bytesWritten = 0, mmioKicks = 0, ioeventfdKicks = 0;
};

struct BootWalk {  // --walk: a guest process's variable, GVA → GPA → HVA → HPA
  bool present = false;
  QString program, verdict, verdictMeaning;
  int cpl = -1;  // privilege level at the doorbell exit (-1: the doorbell never rang)
  bool hasChain = false;
  TranslationChain chain;
};

struct VmBoot {
  NestedInfo nested;
  QString kernelPath, kernelVersion, protocol;
  quint64 kernelBytes = 0, initrdBytes = 0, memory = 0;
  QString cmdline, outcome, outcomeDetail;
  bool succeeded = false;
  double firstOutputSeconds = -1, initSeconds = -1, markerSeconds = -1, totalSeconds = 0;  // -1: never got there
  quint64 totalExits = 0;                // exits to vmctl: the sum of by_reason
  QList<NamedCount> byReason, byDevice;  // largest first
  quint64 irqRaises = 0, consoleBytes = 0;
  QList<BootPhase> phases;
  double bucketSeconds = 0;
  QList<BootBucket> buckets;
  QList<NamedCount> kvmVcpuStats;  // KVM_GET_STATS_FD of vCPU 0 at the end
  int vcpus = 1;                   // vmctl boot runs one vCPU unless the document says otherwise
  BootVirtioConsole virtio;
  BootDisk disk;
  BootWalk walk;
  bool hasCompareConsole = false;
  QString consoleTail;
};

QString vmctlCommand(const QJsonObject& doc);  // "info", "run", "translate", "boot" ("" when not vmctl/1)
bool parseVmctlInfo(const QJsonObject& doc, MachineInfo* machine, KvmInfo* kvm, QString* error);
bool parseVmRun(const QJsonObject& doc, VmRun* out, QString* error);
bool parseVmTranslate(const QJsonObject& doc, VmTranslate* out, QString* error);
bool parseVmBoot(const QJsonObject& doc, VmBoot* out, QString* error);

}  // namespace virtlab::explorer
