#include "views/vmpage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <algorithm>

#include "models/document.h"

namespace virtlab::explorer {

namespace {
const QStringList kGuests{QStringLiteral("hello"), QStringLiteral("long"),           QStringLiteral("protected"),
                          QStringLiteral("mmio"),  QStringLiteral("emulated-vs-pv"), QStringLiteral("smp"),
                          QStringLiteral("dirty"), QStringLiteral("triple-fault")};
QString hex(quint64 v) {
  return QStringLiteral("0x%1").arg(v, 0, 16);
}
QColor reasonColor(const QString& reason) {
  if (reason == QLatin1String("IO")) return colors::anon;
  if (reason == QLatin1String("MMIO")) return colors::swapped;
  if (reason == QLatin1String("HLT")) return colors::file;
  return colors::vm.darker(115);
}
}  // namespace

VmPage::VmPage(QObject* parent) : Page(parent) {}

QList<QJsonObject> VmPage::record() const {
  QList<QJsonObject> docs;
  if (haveInfo_) docs << infoDoc_;
  if (haveRun_) docs << runDoc_;
  if (haveTranslate_) docs << translateDoc_;
  if (haveBoot_) docs << bootDoc_;
  return docs;
}

bool VmPage::setOption(const QString& key, const QString& value) {
  if (key == QLatin1String("guest") && kGuests.contains(value)) {
    guest_ = value;
    return true;
  }
  return false;
}

QString VmPage::take(const QJsonObject& doc) {
  const QString command = vmctlCommand(doc);
  QString error;
  if (command == QLatin1String("info")) {
    if (!parseVmctlInfo(doc, &machine_, &kvm_, &error)) return error;
    infoDoc_ = doc;
    haveInfo_ = true;
  } else if (command == QLatin1String("run")) {
    VmRun r;
    if (!parseVmRun(doc, &r, &error)) return error;
    run_ = r;
    runDoc_ = doc;
    haveRun_ = true;
  } else if (command == QLatin1String("translate")) {
    VmTranslate t;
    if (!parseVmTranslate(doc, &t, &error)) return error;
    translate_ = t;
    translateDoc_ = doc;
    haveTranslate_ = true;
  } else if (command == QLatin1String("boot")) {
    VmBoot b;
    if (!parseVmBoot(doc, &b, &error)) return error;
    boot_ = b;
    bootDoc_ = doc;
    haveBoot_ = true;
  } else {
    return checkSchema(doc, QStringLiteral("vmctl"), kVmctlMajor);
  }
  return {};
}

void VmPage::run(const QString& purpose, const QStringList& args) {
  runTool(purpose, QStringLiteral("vmctl"), args, ToolRunner::Output::Document, [this, purpose] {
    // --guest: run it once info is drawn.
    if (purpose != QLatin1String("info") || guest_.isEmpty()) return false;
    const QString guest = guest_;
    guest_.clear();
    runGuest(guest);
    return true;
  });
}

void VmPage::refresh() {
  run(QStringLiteral("info"), {QStringLiteral("info"), QStringLiteral("--json")});
}
void VmPage::runGuest(const QString& guest) {
  run(QStringLiteral("run"), {QStringLiteral("run"), guest, QStringLiteral("--json")});
}
void VmPage::translate() {
  run(QStringLiteral("translate"), {QStringLiteral("translate"), QStringLiteral("--json")});
}
// A Linux boot takes minutes nested (the test VM): vmctl's stderr lines are the progress, Cancel sends SIGTERM and
// vmctl stops its guest (and the test VM) itself. stdin stays closed, so the guest shell gets EOF and powers off.
// A guest that panics or times out makes vmctl exit 1 with its document: that document explains the failure.
void VmPage::boot() {
  haveBoot_ = false;
  runTool(QStringLiteral("boot"), QStringLiteral("vmctl"),
          {QStringLiteral("boot"), QStringLiteral("--console"), QStringLiteral("virtio"), QStringLiteral("--timeout"),
           QStringLiteral("400"), QStringLiteral("--json")},
          ToolRunner::Output::Document, {},
          [this](int exitCode) { return exitCode == 1 && haveBoot_ && !boot_.succeeded; });
}

QString VmPage::replay(const QList<QJsonObject>& documents) {
  haveInfo_ = haveRun_ = haveTranslate_ = haveBoot_ = false;
  return replayTool(
      documents, QStringLiteral("vmctl"), [this] { return haveInfo_ || haveRun_ || haveTranslate_ || haveBoot_; },
      tr("no vmctl document in this file"));
}

QWidget* VmPage::createControls(QWidget* parent) {
  auto* panel = new QWidget(parent);
  auto* layout = new QHBoxLayout(panel);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->addWidget(new QLabel(tr("Guest:"), panel));
  auto* guest = new QComboBox(panel);
  guest->addItems(kGuests);
  layout->addWidget(guest);
  auto* runButton = new QPushButton(tr("Run guest"), panel);
  connect(runButton, &QPushButton::clicked, this, [this, guest] { runGuest(guest->currentText()); });
  layout->addWidget(runButton);
  auto* translateButton = new QPushButton(tr("GVA → HPA"), panel);
  connect(translateButton, &QPushButton::clicked, this, [this] { translate(); });
  layout->addWidget(translateButton);
  auto* bootButton = new QPushButton(tr("Boot Linux"), panel);
  bootButton->setToolTip(tr("vmctl boot --console virtio --json: minutes when nested; Esc cancels"));
  connect(bootButton, &QPushButton::clicked, this, [this] { boot(); });
  layout->addWidget(bootButton);
  layout->addStretch(1);
  return panel;
}

void VmPage::draw(SceneKit& kit) {
  const double u = kit.unit();
  double y = 0;
  kit.label(QPointF(0, y), tr("Virtual machines: KVM exits and memory translation"), 1.5, true);
  y += u * 2;
  const NestedInfo nested = haveRun_ ? run_.nested : haveTranslate_ ? translate_.nested : boot_.nested;
  if ((haveRun_ || haveTranslate_ || haveBoot_) && nested.nested) {
    // vmctl explains the nesting itself (in English); the translated sentence is for documents without it.
    y = kit.note(QPointF(0, y), 1400, tr("Nested: no /dev/kvm here"),
                 nested.meaning.isEmpty() ? tr("vmctl ran inside the test VM (%1: QEMU TCG with KVM inside), so these "
                                               "exits are an L2 guest's. %2")
                                                .arg(nested.via, QString())
                                          : toolSays(QStringLiteral("vmctl"), nested.meaning))
            .bottom() +
        8;
  }
  y = drawProblem(kit, QPointF(0, y), 1400);
  if (!haveInfo_ && !haveRun_ && !haveTranslate_ && !haveBoot_) {
    if (problem_.text.isEmpty()) {
      kit.note(QPointF(0, y), 1400, tr("No data yet"),
               tr("Press Refresh for vmctl info, run a guest, boot Linux, or open a replay."));
    }
    return;
  }
  if (haveInfo_) y = drawInfo(kit, y) + u;
  if (haveRun_) y = drawRun(kit, y) + u;
  if (haveBoot_) y = drawBoot(kit, y) + u;
  if (haveTranslate_) drawTranslate(kit, y);
}

double VmPage::drawInfo(SceneKit& kit, double y) {
  QStringList lines;
  lines << (kvm_.present ? tr("/dev/kvm present, KVM API %1").arg(kvm_.apiVersion)
                         : tr("no /dev/kvm: %1 — vmctl runs guests nested in the test VM").arg(kvm_.reason));
  lines << tr("CPU extension: %1").arg(kvm_.cpuExtension.isEmpty() ? tr("none visible") : kvm_.cpuExtension);
  if (!kvm_.modules.isEmpty()) lines << tr("modules: %1").arg(kvm_.modules.join(QStringLiteral(", ")));
  lines << tr("this machine: %1, %2 CPUs, %3; a VM: %4")
               .arg(machine_.cpuModel)
               .arg(machine_.logicalCpus)
               .arg(humanBytes(static_cast<double>(machine_.memoryBytes)))
               .arg(machine_.isVirtualMachine ? machine_.hypervisor : tr("no"));
  const double h = kit.boxHeight(lines.size());
  kit.box(QRectF(0, y, 1400, h), tr("KVM on this machine"), lines, kvm_.present ? colors::kernel : colors::warning,
          QStringLiteral("open:layers"), QStringLiteral("vm:info"));
  return y + h;
}

double VmPage::drawRun(SceneKit& kit, double y) {
  const double u = kit.unit();
  const VmRun& r = run_;
  kit.label(QPointF(0, y),
            tr("Guest \"%1\" (%2 mode, %3): %4 — %5 exits in %6 s")
                .arg(r.guest, r.mode, humanBytes(static_cast<double>(r.memory)), r.outcome)
                .arg(r.totalExits)
                .arg(r.wallSeconds, 0, 'f', 3),
            1.2, true);
  y += u * 1.6;
  if (!r.outcomeMeaning.isEmpty())
    y += kit.paragraph(QPointF(0, y), 1400, toolSays(QStringLiteral("vmctl"), r.outcomeMeaning), 0.9);
  const double top = y + 6;
  const double hy = drawExitHistogram(kit, top);
  const double ry = drawExitTimeline(kit, top);
  y = std::max(hy, ry) + u * 0.5;
  y = drawIoPhases(kit, y);
  for (const QString& f : r.findings)
    y += kit.paragraph(QPointF(0, y), 1400, QStringLiteral("• %1").arg(toolSays(QStringLiteral("vmctl"), f)), 0.85);
  if (!r.serial.isEmpty()) {
    y += 4;
    y = kit.note(QPointF(0, y), 1400, tr("Guest serial output (port 0x3f8)"), r.serial.left(600), colors::muted)
            .bottom();
  }
  return y;
}

// Histogram (left) — one bar per exit reason; returns the y below it.
double VmPage::drawExitHistogram(SceneKit& kit, double top) {
  const double u = kit.unit();
  const VmRun& r = run_;
  kit.label(QPointF(0, top), tr("Exit histogram"), 1.05, true);
  double hy = top + u * 1.5;
  quint64 maxCount = 1;
  for (const ExitCount& e : r.histogram) maxCount = std::max(maxCount, e.count);
  for (const ExitCount& e : r.histogram) {
    kit.label(QPointF(0, hy), e.reason, 0.9, true);
    const double w = 320.0 * static_cast<double>(e.count) / static_cast<double>(maxCount);
    auto* bar =
        kit.scene()->addRect(QRectF(90, hy + 2, qMax(2.0, w), u - 4), QPen(Qt::NoPen), QBrush(reasonColor(e.reason)));
    bar->setData(kKeyRole, QStringLiteral("exit:%1").arg(e.reason));
    bar->setToolTip(toolSays(QStringLiteral("vmctl"), e.meaning));
    kit.label(QPointF(96 + w, hy), QString::number(e.count), 0.85);
    hy += u * 1.2;
  }
  return hy;
}

// Timeline (right) — every exit in the ring at its time since VM creation — and the vCPUs' registers at the end
// of the run under it; returns the y below them.
double VmPage::drawExitTimeline(SceneKit& kit, double top) {
  const double u = kit.unit();
  const VmRun& r = run_;
  const double tx = 560, tw = 840, th = u * 3;
  kit.label(QPointF(tx, top), tr("Exit timeline (%n exit(s) in the ring)", nullptr, static_cast<int>(r.trace.size())),
            1.05, true);
  const double ty = top + u * 1.5;
  kit.scene()->addRect(QRectF(tx, ty, tw, th), QPen(Qt::gray), QBrush(colors::muted));
  quint64 tmin = r.trace.isEmpty() ? 0 : r.trace.first().timeNs, tmax = tmin + 1;
  for (const VmExit& e : r.trace) {
    tmin = std::min(tmin, e.timeNs);
    tmax = std::max(tmax, e.timeNs);
  }
  for (const VmExit& e : r.trace) {
    const double x =
        tx + tw * static_cast<double>(e.timeNs - tmin) / static_cast<double>(qMax<quint64>(1, tmax - tmin));
    auto* tick = kit.scene()->addLine(x, ty + 2, x, ty + th - 2, QPen(reasonColor(e.reason), 2));
    tick->setToolTip(QStringLiteral("#%1 %2 ns vCPU %3: %4").arg(e.seq).arg(e.timeNs).arg(e.vcpu).arg(e.text));
  }
  kit.label(QPointF(tx, ty + th + 2), tr("%1 ns").arg(tmin), 0.75);
  kit.label(QPointF(tx + tw - 90, ty + th + 2), tr("%1 ns").arg(tmax), 0.75);
  double ry = ty + th + u * 1.5;
  // vCPU registers at the end of the run.
  for (const VcpuReport& c : r.vcpus.mid(0, 2)) {
    QStringList regs;
    for (const auto& [name, value] : c.registers) regs << QStringLiteral("%1=%2").arg(name, hex(value));
    QStringList lines{regs.mid(0, 4).join(QStringLiteral("  ")), regs.mid(4).join(QStringLiteral("  ")),
                      tr("exits seen by vmctl: %1; counted in the kernel: %2")
                          .arg(c.userspaceExits)
                          .arg(c.kernelExits >= 0 ? QString::number(c.kernelExits) : tr("not available"))};
    const double h = kit.boxHeight(lines.size());
    kit.box(QRectF(tx, ry, tw, h), tr("vCPU %1 registers").arg(c.index), lines, colors::vm, {},
            QStringLiteral("vcpu:%1").arg(c.index));
    ry += h + 6;
  }
  return ry;
}

// Emulated vs paravirtual I/O: the same bytes, very different exit counts.
double VmPage::drawIoPhases(SceneKit& kit, double y) {
  const double u = kit.unit();
  const VmRun& r = run_;
  if (!r.phases.isEmpty()) {
    kit.label(QPointF(0, y), tr("Emulated vs paravirtual I/O (same bytes)"), 1.05, true);
    y += u * 1.5;
    quint64 maxExits = 1;
    for (const IoPhase& p : r.phases) maxExits = std::max(maxExits, p.exits);
    for (const IoPhase& p : r.phases) {
      kit.label(QPointF(0, y), p.name, 0.9, true);
      const double w = 700.0 * static_cast<double>(p.exits) / static_cast<double>(maxExits);
      auto* bar = kit.scene()->addRect(QRectF(220, y + 2, qMax(2.0, w), u - 4), QPen(Qt::NoPen),
                                       QBrush(colors::vm.darker(110)));
      bar->setData(kKeyRole, QStringLiteral("phase:%1").arg(p.name));
      kit.label(QPointF(226 + w, y),
                tr("%1 exits for %2 bytes (%3 exits/byte, %4 s)")
                    .arg(p.exits)
                    .arg(p.bytes)
                    .arg(p.exitsPerByte, 0, 'g', 3)
                    .arg(p.seconds, 0, 'f', 4),
                0.85);
      y += u * 1.3;
    }
    if (r.paravirtualSpeedup > 0) {
      kit.label(QPointF(0, y), tr("paravirtual speed-up: ×%1").arg(r.paravirtualSpeedup, 0, 'f', 1), 1.0, true);
      y += u * 1.4;
    }
  }
  return y;
}

double VmPage::drawTranslate(SceneKit& kit, double y) {
  const double u = kit.unit();
  const VmTranslate& t = translate_;
  kit.label(QPointF(0, y),
            tr("Memory virtualization: three translations (guest \"%1\", CR3 %2)").arg(t.guest, hex(t.cr3)), 1.2, true);
  y += u * 1.8;
  for (const TranslationChain& c : t.chains.mid(0, 4)) y = drawChain(kit, c, y);
  return y;
}

// One chain as four boxes GVA → GPA → HVA → HPA joined by how each step is done, then the guest walk's levels.
double VmPage::drawChain(SceneKit& kit, const TranslationChain& c, double y) {
  const double u = kit.unit();
  const double bw = 260, gap = 120;
  const QStringList titles{tr("GVA"), tr("GPA"), tr("HVA"), tr("HPA")};
  const QStringList subtitles{tr("guest virtual"), tr("guest physical"), tr("host virtual (vmctl's memory)"),
                              tr("host physical (a frame)")};
  const QList<qint64> values{static_cast<qint64>(c.gva), c.gpa, c.hva, c.hpa};
  const double h = kit.boxHeight(2);
  for (int i = 0; i < 4; ++i) {
    const bool known = values.at(i) >= 0;
    kit.box(QRectF(i * (bw + gap), y, bw, h),
            QStringLiteral("%1 %2").arg(titles.at(i), known ? hex(static_cast<quint64>(values.at(i))) : tr("—")),
            {subtitles.at(i), i == 3 && !known ? tr("hidden: needs root (pagemap)") : QString()},
            i == 0   ? colors::userland
            : i == 1 ? colors::kernel
            : i == 2 ? colors::vm
                     : colors::hardware,
            {}, QStringLiteral("xlate:%1:%2").arg(hex(c.gva), titles.at(i)));
  }
  const QStringList how{tr("guest page tables (%1)").arg(c.paging), tr("KVM memslot"), tr("host page tables")};
  for (int i = 0; i < 3; ++i) {
    const double x0 = i * (bw + gap) + bw, x1 = (i + 1) * (bw + gap);
    kit.arrow(QPointF(x0 + 4, y + h / 2), QPointF(x1 - 4, y + h / 2), colors::text);
    kit.label(QPointF(x0 + 4, y + h / 2 + 2), how.at(i), 0.7);
  }
  y += h + 4;
  QStringList steps;
  for (const GuestWalkLevel& l : c.levels) {
    steps << QStringLiteral("%1[%2] @%3 = %4 %5").arg(l.table).arg(l.index).arg(hex(l.tableGpa), hex(l.entry), l.flags);
  }
  QString line = steps.join(QStringLiteral(" → "));
  if (!c.fault.isEmpty()) line += tr("  fault: %1").arg(c.fault);
  line += c.kvmAgrees ? tr("  (KVM_TRANSLATE agrees)") : tr("  (KVM_TRANSLATE differs)");
  y += kit.paragraph(QPointF(0, y), 1400, line, 0.8) + u * 0.6;
  return y;
}

}  // namespace virtlab::explorer
