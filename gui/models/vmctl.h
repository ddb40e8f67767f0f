// vmctl/1 (schemas/vmctl.v1.json): "command" tells the documents apart —
//   info       `vmctl info --json`        the machine (CPU, memory, VM or not, NICs), CPU extension, /dev/kvm
//   run        `vmctl run GUEST --json`   a guest's VM exits (trace + histogram), vCPU registers, findings
//   translate  `vmctl translate --json`   GVA → GPA (guest page tables) → HVA (memslot) → HPA (host pagemap)
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

QString vmctlCommand(const QJsonObject& doc);  // "info", "run", "translate" ("" when not vmctl/1)
bool parseVmctlInfo(const QJsonObject& doc, MachineInfo* machine, KvmInfo* kvm, QString* error);
bool parseVmRun(const QJsonObject& doc, VmRun* out, QString* error);
bool parseVmTranslate(const QJsonObject& doc, VmTranslate* out, QString* error);

}  // namespace virtlab::explorer
