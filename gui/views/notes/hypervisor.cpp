// Notes 001 and 004: the hypervisor diagrams — the ESXi structure with three VMs (001#7), vCPU allocation
// (001#8), time slices (001#23), the hypervisor's roles (001#22), IOMMU (001#19), the host/guest process list
// (001#20), the evolution summary (001#33) and type 1 vs hosted hypervisors (004#1, 004#2).
#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <algorithm>
#include <cstdlib>
#include <limits>

#include "models/layers.h"
#include "views/notes/notesdata.h"
#include "views/notespage.h"

namespace virtlab::explorer {

using notes::at;
using notes::hex;

namespace {

QColor vcpuColor(int index) {
  static const QList<QColor> palette{colors::anon, colors::swapped, colors::file, colors::vm.darker(120),
                                     colors::container.darker(120)};
  return palette.at(std::abs(index) % palette.size());
}

}  // namespace

QString NotesPage::machineLine(const QJsonObject* info) {
  if (!info) {
    return missing(tr("this machine's CPU and memory"), QStringLiteral("vmctl info --json → info.machine"));
  }
  return tr("%1, %2 logical CPUs, %3 RAM")
      .arg(at(*info, QStringLiteral("info.machine.cpu_model")).toString())
      .arg(at(*info, QStringLiteral("info.machine.logical_cpus")).toInt())
      .arg(humanBytes(at(*info, QStringLiteral("info.machine.memory_total")).toDouble()));
}

QString NotesPage::hypervisorName(const QJsonObject* info) {
  if (!info) return missing(tr("the hypervisor below"), QStringLiteral("vmctl info --json → info.machine.hypervisor"));
  if (!at(*info, QStringLiteral("info.machine.is_vm")).toBool()) return tr("none: this machine is bare metal");
  const QString name = at(*info, QStringLiteral("info.machine.hypervisor.name")).toString();
  const QString vendor = at(*info, QStringLiteral("info.machine.hypervisor.cpuid_vendor")).toString().trimmed();
  const QString dmi = at(*info, QStringLiteral("info.machine.hypervisor.dmi_sys_vendor")).toString();
  QString line = name.isEmpty() ? tr("a hypervisor (vendor not reported)") : name;
  if (!vendor.isEmpty()) line += tr(" (CPUID \"%1\")").arg(vendor);
  if (!dmi.isEmpty()) line += tr(", DMI %1").arg(dmi);
  return line;
}

QString NotesPage::kvmLine(const QJsonObject* info) {
  if (!info) return missing(tr("KVM on this machine"), QStringLiteral("vmctl info --json → info.kvm"));
  if (!at(*info, QStringLiteral("info.kvm.present")).toBool()) {
    return tr("no /dev/kvm here: %1").arg(at(*info, QStringLiteral("info.kvm.reason")).toString());
  }
  QStringList modules;
  for (const auto& m : at(*info, QStringLiteral("info.kvm.modules")).toArray()) {
    if (m[QStringLiteral("loaded")].toBool()) modules << m[QStringLiteral("name")].toString();
  }
  return tr("/dev/kvm, KVM API %1, modules %2")
      .arg(at(*info, QStringLiteral("info.kvm.api_version")).toInt())
      .arg(modules.join(QStringLiteral(", ")));
}

void NotesPage::drawEsxiStructure(SceneKit& kit) {
  double y = drawHeader(kit, tr("Hypervisor structure: three VMs"), QStringLiteral("001#7"));
  const double u = kit.unit();
  const double width = 1200;
  const QJsonObject* info = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("info"));
  const QList<const QJsonObject*> runs =
      findAll(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("run"));
  VmTotals totals;
  y = drawEsxiVms(kit, y, width, runs, &totals);
  kit.arrow(QPointF(width / 2, y), QPointF(width / 2, y + 18));
  y += 22;
  y = drawEsxiHypervisor(kit, y, width, info, runs.isEmpty(), totals);
  kit.arrow(QPointF(width / 2, y), QPointF(width / 2, y + 18));
  y += 22;
  y = drawEsxiHardware(kit, y, width, info);
  drawFooter(kit, y + u);
}

// Row 1: the VMs (the notes' Linux / Windows / FreeBSD; here vmctl's guests), adding up what the hypervisor row
// shows; returns the y below them.
double NotesPage::drawEsxiVms(SceneKit& kit, double y, double width, const QList<const QJsonObject*>& runs,
                              VmTotals* totals) {
  const double vw = (width - 20) / 3, vh = kit.boxHeight(5);
  for (int i = 0; i < 3; ++i) {
    const QRectF rect(i * (vw + 10), y, vw, vh);
    if (i >= runs.size()) {
      kit.box(rect, tr("VM%1").arg(i + 1),
              {missing(tr("a VM's numbers"), QStringLiteral("vmctl run GUEST --json (needs /dev/kvm)"))}, colors::muted,
              {}, QStringLiteral("esxi:vm:%1").arg(i + 1));
      continue;
    }
    const QJsonObject r = runs.at(i)->value(QStringLiteral("run")).toObject();
    const quint64 memory = static_cast<quint64>(r.value(QStringLiteral("memory")).toDouble());
    const int vcpus = r.value(QStringLiteral("vcpus")).toInt();
    const quint64 exits = static_cast<quint64>(at(r, QStringLiteral("exits.total")).toDouble());
    totals->memory += memory;
    totals->vcpus += vcpus;
    totals->exits += exits;
    QStringList reasons;
    for (const auto& h : at(r, QStringLiteral("exits.histogram")).toArray()) {
      reasons << QStringLiteral("%1 %2")
                     .arg(h[QStringLiteral("reason")].toString())
                     .arg(h[QStringLiteral("count")].toInteger());
      if (h[QStringLiteral("reason")].toString() == QLatin1String("IO") ||
          h[QStringLiteral("reason")].toString() == QLatin1String("MMIO"))
        totals->ioExits += static_cast<quint64>(h[QStringLiteral("count")].toDouble());
    }
    for (const auto& c : r.value(QStringLiteral("vcpu_reports")).toArray())
      totals->tids << QString::number(c[QStringLiteral("tid")].toInteger());
    kit.box(rect, tr("VM%1: guest \"%2\"").arg(i + 1).arg(r.value(QStringLiteral("guest")).toString()),
            {tr("Guest code in %1 mode (no OS: vmctl's own image)").arg(r.value(QStringLiteral("mode")).toString()),
             tr("vRAM %1, %n vCPU(s)", nullptr, vcpus).arg(humanBytes(static_cast<double>(memory))),
             tr("%1 VM exits: %2").arg(exits).arg(reasons.join(QStringLiteral(", "))),
             tr("outcome: %1").arg(r.value(QStringLiteral("outcome")).toString())},
            colors::vm, QStringLiteral("open:vm"), QStringLiteral("esxi:vm:%1").arg(i + 1));
  }
  return y + vh + 8;
}

// Row 2: the hypervisor with its three jobs; returns the y below it.
double NotesPage::drawEsxiHypervisor(SceneKit& kit, double y, double width, const QJsonObject* info, bool noRuns,
                                     const VmTotals& totals) {
  const double u = kit.unit();
  const bool kvm = info && at(*info, QStringLiteral("info.kvm.present")).toBool();
  const double hh = kit.boxHeight(5);
  kit.box(QRectF(0, y, width, hh), tr("Hypervisor (notes: VMware ESXi; here: KVM in Linux %1)").arg(hostKernel()),
          {kvmLine(info)}, colors::hypervisor, QStringLiteral("open:vm"), QStringLiteral("esxi:hypervisor"),
          kvm ? SceneKit::kThisMachine : 0);
  const double sw = (width - 40) / 3, sy = y + u * 2.9, sh = hh - u * 2.9 - 8;
  const QList<QPair<QString, QStringList>> jobs{
      {tr("CPU scheduling"),
       {noRuns
            ? missing(tr("vCPU threads"), QStringLiteral("vmctl run --json → run.vcpu_reports[].tid"))
            : tr("%n vCPU(s) = host threads %1", nullptr, totals.vcpus).arg(totals.tids.join(QStringLiteral(", ")))}},
      {tr("Memory management"),
       {noRuns ? missing(tr("guest memory"), QStringLiteral("vmctl run --json → run.memory"))
               : tr("%1 of guest RAM in memslots").arg(humanBytes(static_cast<double>(totals.memory)))}},
      {tr("I/O management"),
       {noRuns ? missing(tr("I/O exits"), QStringLiteral("vmctl run --json → run.exits.histogram"))
               : tr("%1 of %2 exits were I/O (IO/MMIO)").arg(totals.ioExits).arg(totals.exits)}},
  };
  for (int i = 0; i < jobs.size(); ++i) {
    kit.box(QRectF(10 + i * (sw + 10), sy, sw, sh), jobs.at(i).first, jobs.at(i).second,
            colors::hypervisor.lighter(110), {}, QStringLiteral("esxi:job:%1").arg(i));
  }
  return y + hh + 8;
}

// Row 3: the hardware under it (this machine's, itself virtual when it is a VM); returns the y below it.
double NotesPage::drawEsxiHardware(SceneKit& kit, double y, double width, const QJsonObject* info) {
  QStringList nics;
  if (info) {
    for (const auto& n : at(*info, QStringLiteral("info.machine.nics")).toArray()) {
      if (!n[QStringLiteral("virtual")].toBool())
        nics << QStringLiteral("%1 (%2)").arg(n[QStringLiteral("name")].toString(),
                                              n[QStringLiteral("driver")].toString());
    }
  }
  QStringList hw{tr("CPU + RAM: %1").arg(machineLine(info)),
                 tr("NIC: %1").arg(
                     nics.isEmpty() ? missing(tr("the NICs"), QStringLiteral("vmctl info --json → info.machine.nics"))
                                    : nics.join(QStringLiteral(", ")))};
  if (info && at(*info, QStringLiteral("info.machine.is_vm")).toBool())
    hw << tr("this \"hardware\" is itself virtual: this machine runs on %1").arg(hypervisorName(info));
  const double hwh = kit.boxHeight(hw.size());
  kit.box(QRectF(0, y, width, hwh), tr("Physical hardware"), hw, colors::hardware, {}, QStringLiteral("esxi:hardware"));
  y += hwh;
  return y;
}

void NotesPage::drawVcpuAllocation(SceneKit& kit) {
  double y = drawHeader(kit, tr("CPU virtualization: vCPU allocation"), QStringLiteral("001#8"));
  const double u = kit.unit();
  const QJsonObject* info = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("info"));
  const QList<const QJsonObject*> runs =
      findAll(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("run"));
  const int cpus = info ? at(*info, QStringLiteral("info.machine.logical_cpus")).toInt() : 0;
  const double bh = kit.boxHeight(2);
  kit.box(QRectF(0, y, 330, bh), tr("Physical CPU"),
          {info ? tr("%n logical CPU(s)", nullptr, cpus)
                : missing(tr("physical CPUs"), QStringLiteral("vmctl info --json → info.machine.logical_cpus")),
           info ? at(*info, QStringLiteral("info.machine.cpu_model")).toString() : QString()},
          colors::hardware, {}, QStringLiteral("vcpu:physical"));
  kit.arrow(QPointF(334, y + bh / 2), QPointF(396, y + bh / 2));
  kit.box(QRectF(400, y, 330, bh), tr("Hypervisor (KVM)"), {kvmLine(info)}, colors::hypervisor, {},
          QStringLiteral("vcpu:hypervisor"));
  kit.arrow(QPointF(734, y + bh / 2), QPointF(796, y + bh / 2));
  int total = 0;
  double vy = y;
  for (const QJsonObject* doc : runs) {
    const QJsonObject r = doc->value(QStringLiteral("run")).toObject();
    const int n = r.value(QStringLiteral("vcpus")).toInt();
    total += n;
    QStringList threads;
    for (const auto& c : r.value(QStringLiteral("vcpu_reports")).toArray())
      threads << tr("vCPU %1 = thread %2")
                     .arg(c[QStringLiteral("index")].toInt())
                     .arg(c[QStringLiteral("tid")].toInteger());
    kit.box(QRectF(800, vy, 400, kit.boxHeight(1)),
            tr("guest \"%1\": %n vCPU(s)", nullptr, n).arg(r.value(QStringLiteral("guest")).toString()),
            {threads.join(QStringLiteral(", "))}, colors::vm, QStringLiteral("open:vm"),
            QStringLiteral("vcpu:guest:%1").arg(r.value(QStringLiteral("guest")).toString()));
    vy += kit.boxHeight(1) + 6;
  }
  if (runs.isEmpty()) {
    kit.box(QRectF(800, vy, 400, bh), tr("VMs"),
            {missing(tr("vCPUs per VM"), QStringLiteral("vmctl run smp --json → run.vcpus"))}, colors::muted, {},
            QStringLiteral("vcpu:none"));
    vy += bh + 6;
  }
  y = std::max(y + bh, vy) + u * 0.5;
  if (info && total > 0) {
    kit.label(QPointF(0, y),
              total > cpus
                  ? tr("Total: %1 vCPUs on %2 CPUs — more vCPUs than CPUs, so they take turns").arg(total).arg(cpus)
                  : tr("Total: %1 vCPUs on %2 CPUs").arg(total).arg(cpus),
              1.0, true);
    y += u * 1.6;
  }
  y = drawTimeSlices(kit, y, /*rowsAreHostCpus=*/true);
  drawFooter(kit, y + u);
}

// The smp guest's samples: at each tick a vCPU reports the host CPU its thread was on (sched_getcpu()).
const QJsonObject* NotesPage::sliceSource(bool* fromTrace) const {
  // The smp guest's samples (vCPU + the host CPU its thread was on); otherwise the exit trace of the run with the
  // most exits (vCPU + time, the host CPU unknown).
  const QList<const QJsonObject*> runs =
      findAll(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("run"));
  for (const QJsonObject* doc : runs) {
    if (!at(*doc, QStringLiteral("run.details.samples")).toArray().isEmpty()) {
      *fromTrace = false;
      return doc;
    }
  }
  const QJsonObject* best = nullptr;
  for (const QJsonObject* doc : runs) {
    const qsizetype n = at(*doc, QStringLiteral("run.exits.trace")).toArray().size();
    if (n > 0 && (!best || n > at(*best, QStringLiteral("run.exits.trace")).toArray().size())) best = doc;
  }
  *fromTrace = true;
  return best;
}

namespace {

// Each exit ends a stretch of guest execution on its vCPU; which host CPU ran it is not in the trace (-1).
QJsonArray traceAsSamples(const QJsonObject& smp) {
  QJsonArray samples;
  for (const auto& e : at(smp, QStringLiteral("run.exits.trace")).toArray()) {
    samples.append(QJsonObject{{QStringLiteral("t_ns"), e[QStringLiteral("t_ns")]},
                               {QStringLiteral("vcpu"), e[QStringLiteral("vcpu")]},
                               {QStringLiteral("host_cpu"), -1},
                               {QStringLiteral("reason"), e[QStringLiteral("reason")]}});
  }
  return samples;
}

}  // namespace

double NotesPage::drawTimeSlices(SceneKit& kit, double y, bool rowsAreHostCpus) {
  const double u = kit.unit();
  bool fromTrace = false;
  const QJsonObject* smp = sliceSource(&fromTrace);
  kit.label(QPointF(0, y), tr("In reality: time slices"), 1.1, true);
  y += u * 1.5;
  if (!smp) {
    kit.label(QPointF(0, y), missing(tr("time slices"), QStringLiteral("vmctl run smp --json → run.details.samples")),
              1.0);
    return y + u * 1.5;
  }
  QJsonArray samples = at(*smp, QStringLiteral("run.details.samples")).toArray();
  if (fromTrace) {
    rowsAreHostCpus = false;
    samples = traceAsSamples(*smp);
    missing(tr("the host CPU of each slice"), QStringLiteral("vmctl run smp --json → run.details.samples"));
    kit.label(QPointF(0, y),
              tr("guest \"%1\": every VM exit ends a slice of guest execution on its vCPU (the exit trace)")
                  .arg(at(*smp, QStringLiteral("run.guest")).toString()),
              0.9);
    y += u * 1.3;
  }
  y = drawSliceChart(kit, y, samples, rowsAreHostCpus, fromTrace);
  return drawSliceLines(kit, y, *smp, samples);
}

// One row per host CPU (or vCPU), a mark per sample at its time; returns the y below the time axis.
double NotesPage::drawSliceChart(SceneKit& kit, double y, const QJsonArray& samples, bool rowsAreHostCpus,
                                 bool fromTrace) {
  const double u = kit.unit();
  QSet<int> rowSet;
  qint64 tmin = -1, tmax = 0;
  for (const auto& s : samples) {
    rowSet.insert(s[rowsAreHostCpus ? QStringLiteral("host_cpu") : QStringLiteral("vcpu")].toInt());
    const qint64 t = s[QStringLiteral("t_ns")].toInteger();
    tmin = tmin < 0 ? t : std::min(tmin, t);
    tmax = std::max(tmax, t);
  }
  QList<int> rows = rowSet.values();
  std::sort(rows.begin(), rows.end());
  const double x0 = 170, tw = 1000, rh = u * 1.6;
  const double span = static_cast<double>(std::max<qint64>(1, tmax - tmin));
  for (int i = 0; i < rows.size(); ++i) {
    const double ry = y + i * (rh + 4);
    kit.label(QPointF(0, ry + 2), rowsAreHostCpus ? tr("host CPU %1").arg(rows.at(i)) : tr("vCPU %1").arg(rows.at(i)),
              0.95, true);
    kit.scene()->addRect(QRectF(x0, ry, tw, rh), QPen(Qt::gray), QBrush(colors::muted));
  }
  // Each sample is one moment: the vCPU's thread reported the host CPU it was running on (between two samples the
  // scheduler may have moved it, so nothing is drawn there).
  // Wide enough for a label, narrower when there are many (an exit trace).
  const double mark =
      fromTrace ? 3.0 : std::clamp(tw / static_cast<double>(std::max<qsizetype>(1, samples.size())) - 2, 4.0, 62.0);
  for (int k = 0; k < samples.size(); ++k) {
    const QJsonObject s = samples.at(k).toObject();
    const int vcpu = s.value(QStringLiteral("vcpu")).toInt();
    const int host = s.value(QStringLiteral("host_cpu")).toInt();
    const qint64 t = s.value(QStringLiteral("t_ns")).toInteger();
    const int row = rows.indexOf(rowsAreHostCpus ? host : vcpu);
    const double sx = std::min(x0 + tw - mark, x0 + (tw - mark) * static_cast<double>(t - tmin) / span);
    const double ry = y + row * (rh + 4);
    auto* slice = kit.scene()->addRect(QRectF(sx, ry + 2, mark, rh - 4), QPen(Qt::NoPen),
                                       QBrush(vcpuColor(rowsAreHostCpus || host < 0 ? vcpu : host)));
    slice->setData(kKeyRole, QStringLiteral("slice:%1:%2").arg(vcpu).arg(k));
    slice->setToolTip(
        tr("%1 ms: vCPU %2 on host CPU %3").arg(static_cast<double>(t) / 1e6, 0, 'f', 1).arg(vcpu).arg(host));
    if (mark >= 30) {
      kit.label(QPointF(sx + 3, ry + 2),
                rowsAreHostCpus ? tr("vCPU %1").arg(vcpu)
                : host >= 0     ? tr("CPU %1").arg(host)
                                : s.value(QStringLiteral("reason")).toString(),
                0.75);
    }
  }
  y += rows.size() * (rh + 4) + 4;
  kit.label(QPointF(x0, y), tr("%1 ms").arg(static_cast<double>(tmin) / 1e6, 0, 'f', 1), 0.75);
  kit.label(QPointF(x0 + tw - 90, y), tr("%1 ms").arg(static_cast<double>(tmax) / 1e6, 0, 'f', 1), 0.75);
  kit.label(QPointF(x0 + tw / 2 - 120, y), tr("time since the VM was created →"), 0.75);
  y += u * 1.3;
  return y;
}

// The notes' "Time Slice 1" lines, the vCPU threads' migrations and how the guest ended.
double NotesPage::drawSliceLines(SceneKit& kit, double y, const QJsonObject& smp, const QJsonArray& samples) {
  const double u = kit.unit();
  // The notes' "Time Slice 1: VM1 uses Core 0,1" lines, from the first samples.
  for (int k = 0; k < std::min<qsizetype>(samples.size(), 4); ++k) {
    const QJsonObject s = samples.at(k).toObject();
    const double ms = static_cast<double>(s.value(QStringLiteral("t_ns")).toInteger()) / 1e6;
    const int host = s.value(QStringLiteral("host_cpu")).toInt();
    kit.label(QPointF(0, y),
              host >= 0 ? tr("Time slice %1 (%2 ms): vCPU %3 ran on host CPU %4")
                              .arg(k + 1)
                              .arg(ms, 0, 'f', 1)
                              .arg(s.value(QStringLiteral("vcpu")).toInt())
                              .arg(host)
                        : tr("Time slice %1 ended at %2 ms: vCPU %3 left the guest (%4 exit)")
                              .arg(k + 1)
                              .arg(ms, 0, 'f', 3)
                              .arg(s.value(QStringLiteral("vcpu")).toInt())
                              .arg(s.value(QStringLiteral("reason")).toString()),
              0.9);
    y += u * 1.1;
  }
  for (const auto& t : at(smp, QStringLiteral("run.details.threads")).toArray()) {
    kit.label(QPointF(0, y),
              tr("vCPU %1 (host thread %2): %3 migration(s) between host CPUs")
                  .arg(t[QStringLiteral("vcpu")].toInt())
                  .arg(t[QStringLiteral("tid")].toInteger())
                  .arg(t[QStringLiteral("migrations")].toInt()),
              0.9);
    y += u * 1.1;
  }
  const QString outcome = at(smp, QStringLiteral("run.outcome")).toString();
  if (outcome != QLatin1String("halted")) {
    y += kit.paragraph(
        QPointF(0, y), 1200,
        tr("The guest did not finish (%1): %2")
            .arg(outcome, toolSays(QStringLiteral("vmctl"), at(smp, QStringLiteral("run.outcome_meaning")).toString())),
        0.85);
  }
  return y;
}

void NotesPage::drawCpuTimeSlices(SceneKit& kit) {
  double y = drawHeader(kit, tr("CPU virtualization in detail: time slices"), QStringLiteral("001#23"));
  const double u = kit.unit();
  y = drawTimeSlices(kit, y, /*rowsAreHostCpus=*/false) + u * 0.5;
  kit.label(QPointF(0, y), tr("Each VM keeps its own CPU state:"), 1.05, true);
  y += u * 1.5;
  bool fromTrace = false;
  const QJsonObject* smp = sliceSource(&fromTrace);
  if (!smp) {
    kit.label(QPointF(0, y), missing(tr("vCPU registers"), QStringLiteral("vmctl run smp --json → run.vcpu_reports")),
              1.0);
    drawFooter(kit, y + u * 2);
    return;
  }
  double x = 0;
  double bottom = y;
  for (const auto& c : at(*smp, QStringLiteral("run.vcpu_reports")).toArray()) {
    const QJsonObject regs = c[QStringLiteral("registers")].toObject();
    const QJsonObject sregs = c[QStringLiteral("sregs")].toObject();
    const QStringList lines{
        tr("registers: RAX %1  RBX %2  RCX %3")
            .arg(hex(static_cast<quint64>(regs.value(QStringLiteral("rax")).toDouble())),
                 hex(static_cast<quint64>(regs.value(QStringLiteral("rbx")).toDouble())),
                 hex(static_cast<quint64>(regs.value(QStringLiteral("rcx")).toDouble()))),
        tr("RIP %1  RSP %2")
            .arg(hex(static_cast<quint64>(regs.value(QStringLiteral("rip")).toDouble())),
                 hex(static_cast<quint64>(regs.value(QStringLiteral("rsp")).toDouble()))),
        tr("flags register RFLAGS %1").arg(hex(static_cast<quint64>(regs.value(QStringLiteral("rflags")).toDouble()))),
        tr("page-table base CR3 %1").arg(hex(static_cast<quint64>(sregs.value(QStringLiteral("cr3")).toDouble()))),
        tr("interrupt vector table: none (vmctl's guests have no IDT)")};
    const double h = kit.boxHeight(lines.size());
    kit.box(QRectF(x, y, 590, h),
            tr("vCPU %1 (host thread %2)")
                .arg(c[QStringLiteral("index")].toInt())
                .arg(c[QStringLiteral("tid")].toInteger()),
            lines, colors::vm, QStringLiteral("open:vm"),
            QStringLiteral("slices:vcpu:%1").arg(c[QStringLiteral("index")].toInt()));
    bottom = std::max(bottom, y + h);
    x += 610;
  }
  drawFooter(kit, bottom + u);
}

void NotesPage::drawHypervisorRoles(SceneKit& kit) {
  double y = drawHeader(kit, tr("What the hypervisor does"), QStringLiteral("001#22"));
  const double u = kit.unit();
  const QJsonObject* info = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("info"));
  const QJsonObject* run = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("run"));
  const QJsonObject* xlate = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("translate"));
  const QJsonObject r = run ? run->value(QStringLiteral("run")).toObject() : QJsonObject();
  const QString runSource = QStringLiteral("vmctl run hello --json");
  QStringList histogram;
  for (const auto& h : at(r, QStringLiteral("exits.histogram")).toArray())
    histogram << QStringLiteral("%1 ×%2")
                     .arg(h[QStringLiteral("reason")].toString())
                     .arg(h[QStringLiteral("count")].toInteger());
  QString chain;
  if (xlate) {
    const QJsonObject c = at(*xlate, QStringLiteral("translate.chains")).toArray().first().toObject();
    const auto value = [&](const char* key) {
      const QJsonValue v = c.value(QLatin1String(key));
      return v.isDouble() ? hex(static_cast<quint64>(v.toDouble())) : tr("—");
    };
    chain = tr("GVA %1 → GPA %2 → HPA %3").arg(value("gva"), value("gpa"), value("hpa"));
  } else {
    chain = missing(tr("a translation"), QStringLiteral("vmctl translate --guest long 0x1000 --json"));
  }
  const bool npt = info && at(*info, QStringLiteral("info.cpu.npt_or_ept")).toBool();
  const QList<QPair<QString, QStringList>> sections{
      {tr("1. Resource scheduling"),
       {run ? tr("CPU time (time slicing): %n vCPU thread(s)", nullptr, r.value(QStringLiteral("vcpus")).toInt())
            : missing(tr("vCPUs"), runSource + QStringLiteral(" → run.vcpus")),
        tr("memory (EPT/NPT): %1; %2")
            .arg(info ? (npt ? tr("the CPU has NPT/EPT") : tr("no NPT/EPT flag visible"))
                      : missing(tr("NPT/EPT"), QStringLiteral("vmctl info --json → info.cpu.npt_or_ept")),
                 chain),
        run ? tr("I/O: %1 exits handled").arg(at(r, QStringLiteral("exits.total")).toInteger())
            : missing(tr("I/O exits"), runSource)}},
      {tr("2. Isolation and security"),
       {run ? tr("each VM its own memory: %1 memslot(s)", nullptr)
                  .arg(r.value(QStringLiteral("memslots")).toArray().size())
            : missing(tr("memslots"), runSource + QStringLiteral(" → run.memslots")),
        tr("hardware access controlled: the guest's I/O traps to the hypervisor"),
        run ? tr("privileged instructions emulated: exits %1").arg(histogram.join(QStringLiteral(", ")))
            : missing(tr("exits"), runSource)}},
      {tr("3. Hardware abstraction"),
       {run ? tr("vCPU: %1,  vRAM: %2")
                  .arg(r.value(QStringLiteral("vcpus")).toInt())
                  .arg(humanBytes(r.value(QStringLiteral("memory")).toDouble()))
            : missing(tr("vCPU/vRAM"), runSource),
        tr("vNIC: none in vmctl's guests (a serial port at 0x3f8 instead)"),
        tr("vDisk: none (the guest image is copied into its RAM)")}},
  };
  const double h = kit.boxHeight(3);
  const double width = 1200;
  const double outer = h * 3 + 40 + u * 2;
  kit.box(QRectF(0, y, width, outer), tr("Hypervisor layer (here: KVM, %1)").arg(kvmLine(info)), {}, colors::hypervisor,
          {}, QStringLiteral("roles:hypervisor"));
  double sy = y + u * 2;
  for (int i = 0; i < sections.size(); ++i) {
    kit.box(QRectF(12, sy, width - 24, h), sections.at(i).first, sections.at(i).second, colors::hypervisor.lighter(112),
            {}, QStringLiteral("roles:%1").arg(i + 1));
    sy += h + 10;
  }
  drawFooter(kit, y + outer + u);
}

// The IOMMU as vmctl info read it from sysfs: its units, or that there is none, and the groups VFIO could pass on.
QString NotesPage::iommuLine(const QJsonObject* info) {
  const QJsonValue iommu = info ? at(*info, QStringLiteral("info.machine.iommu")) : QJsonValue();
  if (!iommu.isObject()) return missing(tr("the IOMMU"), QStringLiteral("vmctl info --json → info.machine.iommu"));
  const QJsonObject o = iommu.toObject();
  const QJsonArray units = o.value(QStringLiteral("units")).toArray();
  if (units.isEmpty())
    return tr("IOMMU: none (/sys/class/iommu empty, %n PCI device(s) without a group): no safe passthrough here",
              nullptr, o.value(QStringLiteral("pci_devices")).toInt());
  QStringList names;
  for (const auto& u : units)
    names << QStringLiteral("%1 (%2)").arg(u[QStringLiteral("name")].toString(), u[QStringLiteral("kind")].toString());
  return tr("IOMMU: %1; %2 group(s) holding %3 of %4 PCI devices")
      .arg(names.join(QStringLiteral(", ")))
      .arg(o.value(QStringLiteral("groups")).toInt())
      .arg(o.value(QStringLiteral("grouped_devices")).toInt())
      .arg(o.value(QStringLiteral("pci_devices")).toInt());
}

void NotesPage::drawIommu(SceneKit& kit) {
  double y = drawHeader(kit, tr("IOMMU: DMA remapping for VMs"), QStringLiteral("001#19"));
  const double u = kit.unit();
  const QJsonObject* info = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("info"));
  const QStringList names{tr("VM1"), tr("Virtual device"), tr("IOMMU"), tr("Physical device")};
  const double bw = 250, gap = 60, h = kit.boxHeight(1);
  const QStringList details{tr("guest driver"), tr("what the guest sees"), tr("DMA address translation + isolation"),
                            tr("does the DMA")};
  for (int i = 0; i < names.size(); ++i) {
    kit.box(QRectF(i * (bw + gap), y, bw, h), names.at(i), {details.at(i)},
            i == 2 ? colors::kernel : (i == 3 ? colors::hardware : colors::vm), {}, QStringLiteral("iommu:%1").arg(i));
    if (i > 0) kit.arrow(QPointF(i * (bw + gap) - gap + 4, y + h / 2), QPointF(i * (bw + gap) - 4, y + h / 2));
  }
  y += h + u;
  y += kit.paragraph(QPointF(0, y), 1200,
                     tr("Without it: a VM's device could DMA into any physical memory (a security risk). With it: the "
                        "IOMMU gives each VM its own DMA address space."),
                     0.95);
  y += u * 0.5;
  QStringList lines;
  if (info) {
    const QJsonValue ext = at(*info, QStringLiteral("info.cpu.virtualization_extension"));
    lines << tr("CPU virtualization extension: %1").arg(ext.isString() ? ext.toString() : tr("none visible"))
          << tr("nested paging (NPT/EPT): %1")
                 .arg(at(*info, QStringLiteral("info.cpu.npt_or_ept")).toBool() ? tr("yes") : tr("no"))
          << tr("this machine is a VM: %1").arg(hypervisorName(info));
  } else {
    lines << missing(tr("the CPU's virtualization extension"), QStringLiteral("vmctl info --json → info.cpu"));
  }
  lines << iommuLine(info);
  const double bh = kit.boxHeight(lines.size());
  kit.box(QRectF(0, y, 1200, bh), tr("This machine"), lines, colors::kernel, QStringLiteral("open:vm"),
          QStringLiteral("iommu:machine"), SceneKit::kThisMachine);
  drawFooter(kit, y + bh + u);
}

void NotesPage::drawHostGuestProcesses(SceneKit& kit) {
  double y = drawHeader(kit, tr("Processes of a VM host, and what a container removes"), QStringLiteral("001#20"));
  const double u = kit.unit();
  const QJsonObject* info = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("info"));
  const QJsonObject* ls = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("ls"));
  // pid namespaces: the host's (the one holding the lowest pid, PID 1's where it is visible) and the others.
  qint64 hostProcs = -1, otherProcs = 0;
  int otherNs = 0;
  if (ls) {
    QList<QPair<qint64, qint64>> pidNamespaces;  // (lowest pid, processes)
    for (const auto& ns : ls->value(QStringLiteral("namespaces")).toArray()) {
      if (ns[QStringLiteral("type")].toString() != QLatin1String("pid")) continue;
      qint64 lowest = std::numeric_limits<qint64>::max();
      for (const auto& pid : ns[QStringLiteral("pids")].toArray()) lowest = std::min(lowest, pid.toInteger());
      pidNamespaces.append({lowest, ns[QStringLiteral("nprocs")].toInteger()});
    }
    std::sort(pidNamespaces.begin(), pidNamespaces.end());
    for (int i = 0; i < pidNamespaces.size(); ++i) {
      if (i == 0) {
        hostProcs = pidNamespaces.at(i).second;
      } else {
        ++otherNs;
        otherProcs += pidNamespaces.at(i).second;
      }
    }
  }
  const QString lsSource = QStringLiteral("nsenter-lite ls --json → namespaces[type=pid].nprocs");
  const QStringList rows{
      tr("1. Host processes (e.g. Excel): here %1 processes in the host's pid namespace")
          .arg(hostProcs >= 0 ? QString::number(hostProcs) : missing(tr("host processes"), lsSource)),
      tr("2. Host OS: here Linux %1").arg(hostKernel()),
      tr("3. Guest processes: here %1 process(es) in %2 other pid namespace(s) (containers)")
          .arg(ls ? QString::number(otherProcs) : missing(tr("container processes"), lsSource))
          .arg(ls ? QString::number(otherNs) : tr("—")),
      tr("4. Guest OS (its own kernel): %1")
          .arg(missing(tr("a guest's own process count"), QStringLiteral("testvm run -- nsenter-lite ls --json"))),
      tr("5. Virtual hardware (a process too): this machine itself runs on %1").arg(hypervisorName(info)),
  };
  for (int i = 0; i < rows.size(); ++i) {
    const bool removed = i == 3 || i == 4;
    kit.box(QRectF(0, y, 1100, kit.boxHeight(0) + 4), rows.at(i), {}, removed ? colors::muted : colors::userland, {},
            QStringLiteral("procs:%1").arg(i + 1));
    if (removed) kit.label(QPointF(1110, y + 6), tr("← a container does without it"), 0.9, true, colors::live);
    y += kit.boxHeight(0) + 10;
  }
  y += kit.paragraph(QPointF(0, y), 1100,
                     tr("If host and guest run the same OS, 4 and 5 are not needed: the container's processes (3) run "
                        "directly on the host kernel (2)."),
                     0.95);
  drawFooter(kit, y + u);
}

void NotesPage::drawVirtualizationEvolution(SceneKit& kit) {
  double y = drawHeader(kit, tr("The evolution of virtualization"), QStringLiteral("001#33"));
  const double u = kit.unit();
  LayerStack stack;
  for (const QJsonObject& doc : documents_) addDocumentToStack(doc, &stack);
  const QJsonObject* info = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("info"));
  const bool vm = info && at(*info, QStringLiteral("info.machine.is_vm")).toBool();
  QString rootCpu;
  for (const CgroupSample& row : stack.cgroupRows) {
    if (row.path == QLatin1String("/") && row.cpuPercent >= 0 && stack.machine.logicalCpus > 0)
      rootCpu = tr("CPU in use now: %1% of %2 CPUs (cgtop)")
                    .arg(row.cpuPercent / stack.machine.logicalCpus, 0, 'f', 1)
                    .arg(stack.machine.logicalCpus);
  }
  if (rootCpu.isEmpty()) rootCpu = missing(tr("CPU use"), QStringLiteral("cgtop -b -n 2 --json → the / row's CPU %"));
  const QStringList titles{tr("1. Physical server (1990s)"), tr("2. Virtual machines (2000s)"),
                           tr("3. Containers (2010s)"), tr("4. Container orchestration (now)")};
  const QList<QStringList> details{
      {tr("1 server = 1 application"), tr("utilisation 5–15% (notes)")},
      {tr("1 server = many VMs"),
       vm ? tr("here: this machine is one, on %1").arg(hypervisorName(info)) : tr("here: not a VM"), rootCpu},
      {tr("1 server = dozens of containers"),
       stack.haveContainers ? tr("here: %n container(s) running", nullptr, static_cast<int>(stack.containers.size()))
                            : missing(tr("containers"), QStringLiteral("nsenter-lite ls --json"))},
      {tr("a cluster = thousands of containers"), tr("here: no orchestrator")}};
  const double bw = 285, h = kit.boxHeight(3);
  for (int i = 0; i < titles.size(); ++i) {
    const bool lit = (i == 1 && vm) || (i == 2 && stack.haveContainers && !stack.containers.isEmpty());
    kit.box(QRectF(i * (bw + 20), y, bw, h), titles.at(i), details.at(i),
            i == 0   ? colors::hardware
            : i == 1 ? colors::vm
            : i == 2 ? colors::container
                     : colors::userland,
            {}, QStringLiteral("evolution:%1").arg(i + 1), lit ? SceneKit::kOutline : 0);
    if (i > 0) kit.arrow(QPointF(i * (bw + 20) - 18, y + h / 2), QPointF(i * (bw + 20) - 2, y + h / 2));
  }
  y += h + u;
  kit.label(QPointF(0, y), tr("Red outline: where this machine is."), 0.9, false, colors::live);
  drawFooter(kit, y + u * 1.5);
}

void NotesPage::drawHypervisorTypes(SceneKit& kit) {
  double y =
      drawHeader(kit, tr("Hypervisor types: bare-metal (type 1) vs hosted (type 2)"), QStringLiteral("004#1, 004#2"));
  const double u = kit.unit();
  const QJsonObject* info = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("info"));
  const bool vm = info && at(*info, QStringLiteral("info.machine.is_vm")).toBool();
  const bool kvm = info && at(*info, QStringLiteral("info.kvm.present")).toBool();
  struct Node {
    int depth;
    QString title, detail;
    QColor color;
    bool lit;
  };
  const auto drawTree = [&](double x, double top, const QString& caption, const QList<Node>& nodes) {
    kit.label(QPointF(x, top), caption, 1.1, true);
    double ty = top + u * 1.6;
    const double h = kit.boxHeight(1);
    for (const Node& n : nodes) {
      const double nx = x + n.depth * 40;
      if (n.depth > 0) {
        kit.scene()->addLine(nx - 24, ty - 6, nx - 24, ty + h / 2, QPen(colors::text, 1.5));
        kit.scene()->addLine(nx - 24, ty + h / 2, nx, ty + h / 2, QPen(colors::text, 1.5));
      }
      kit.box(QRectF(nx, ty, 540 - n.depth * 40, h), n.title, {n.detail}, n.color, {},
              QStringLiteral("types:%1").arg(n.title), n.lit ? SceneKit::kThisMachine : 0);
      ty += h + 6;
    }
    return ty;
  };
  const QString here = hypervisorName(info);
  const double left = drawTree(
      0, y, tr("Type 1: bare-metal hypervisor"),
      {{0, tr("Hardware"), vm ? tr("hidden from this machine") : tr("here: %1").arg(machineLine(info)),
        colors::hardware, false},
       {1, tr("Bare-metal hypervisor"), vm ? tr("under this machine: %1").arg(here) : tr("here: none"),
        colors::hypervisor, false},
       {2, tr("My computer's OS"), QString(), colors::kernel, false},
       {2, tr("Virtual environment 1 (OS)"), vm ? tr("this machine: Linux %1").arg(hostKernel()) : QString(),
        colors::vm, vm},
       {2, tr("Virtual environment 2 (OS)"), vm ? tr("other guests: hidden from us") : QString(), colors::vm, false}});
  const double right =
      drawTree(620, y, tr("Type 2: hosted hypervisor"),
               {{0, tr("Hardware"), tr("here: %1").arg(machineLine(info)), colors::hardware, false},
                {1, tr("My computer's OS"), tr("here: Linux %1").arg(hostKernel()), colors::kernel, true},
                {2, tr("Hosted hypervisor"), tr("here: %1").arg(kvmLine(info)), colors::hypervisor, kvm},
                {3, tr("Virtual environment 1 (OS)"), tr("vmctl guests, the test VM (QEMU)"), colors::vm, false},
                {3, tr("Virtual environment 2 (OS)"), QString(), colors::vm, false}});
  y = std::max(left, right) + u * 0.5;
  y += kit.paragraph(
      QPointF(0, y), 1160,
      tr("This machine gives two answers. Below it: a hypervisor named by CPUID/DMI (%1); from inside a VM its type "
         "cannot be seen, only its name. In it: KVM is part of the Linux kernel itself, and vmctl/QEMU are ordinary "
         "processes that use it.")
          .arg(here),
      0.95);
  notMeasured(tr("the type of the hypervisor below"),
              tr("not visible from inside a VM (vmctl info gives its name only)"));
  drawFooter(kit, y + u);
}

}  // namespace virtlab::explorer
