#include "views/layerspage.h"

#include <QComboBox>
#include <QGraphicsLineItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QPen>

#include "models/document.h"

namespace virtlab::explorer {

LayersPage::LayersPage(QObject* parent) : Page(parent) {}

QList<LayersPage::Source> LayersPage::sources() {
  // The contracts the home page reads. Each tool answers on its own; a missing tool only blanks its layer.
  return {
      {QStringLiteral("vmctl"), {QStringLiteral("info"), QStringLiteral("--json")}, ToolRunner::Output::Document},
      {QStringLiteral("nsenter-lite"), {QStringLiteral("ls"), QStringLiteral("--json")}, ToolRunner::Output::Document},
      {QStringLiteral("cgtop"),
       {QStringLiteral("-b"), QStringLiteral("--json"), QStringLiteral("-n"), QStringLiteral("2"), QStringLiteral("-d"),
        // Every depth: a container's cgroup is deep (/virtlab/nsenter-lite-PID, /system.slice/docker-ID.scope).
        QStringLiteral("0.5"), QStringLiteral("--depth"), QStringLiteral("-1")},
       ToolRunner::Output::Stream},
  };
}

void LayersPage::refresh() {
  stack_ = {};
  documents_.clear();
  problems_.clear();
  loaded_ = true;
  for (const Source& source : sources()) {
    ToolRunner* r = runner(source.tool);
    commands_[source.tool] = ToolRunner::commandLine(source.tool, source.args);
    disconnect(r, &ToolRunner::documentReady, this, nullptr);
    disconnect(r, &ToolRunner::failed, this, nullptr);
    disconnect(r, &ToolRunner::finished, this, nullptr);
    connect(r, &ToolRunner::documentReady, this, [this](const QJsonObject& doc) { addDocument(doc); });
    connect(r, &ToolRunner::failed, this, [this, tool = source.tool](const QString& error, int code) {
      problems_[tool] = {error, code};
      rebuild();
      settle();
    });
    connect(r, &ToolRunner::finished, this, [this] {
      rebuild();
      settle();
    });
    r->start(source.tool, source.args, source.output);
  }
  rebuild();
}

void LayersPage::addDocument(const QJsonObject& doc) {
  SchemaId id;
  QString error;
  if (!parseSchema(doc, &id, &error)) {
    Q_EMIT status(error, true);
    return;
  }
  const QString problem = addDocumentToStack(doc, &stack_);
  if (!problem.isEmpty()) {
    problems_[id.tool] = {problem, 1};
    Q_EMIT status(problem, true);
    return;
  }
  documents_.append(doc);
}

QString LayersPage::replay(const QList<QJsonObject>& documents) {
  stack_ = {};
  documents_.clear();
  problems_.clear();
  loaded_ = true;
  for (const QJsonObject& doc : documents) addDocument(doc);
  rebuild();
  if (documents_.isEmpty()) {
    return tr("no vmctl, nsenter-lite or cgtop document in this file: the layers view has nothing to draw");
  }
  return {};
}

QWidget* LayersPage::createControls(QWidget* parent) {
  auto* panel = new QWidget(parent);
  auto* layout = new QHBoxLayout(panel);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->addWidget(new QLabel(tr("Diagram:"), panel));
  auto* combo = new QComboBox(panel);
  combo->addItem(tr("This machine, live"), static_cast<int>(Diagram::Live));
  combo->addItem(tr("OS = kernel + userland"), static_cast<int>(Diagram::OsKernel));
  combo->addItem(tr("Containers vs VMs"), static_cast<int>(Diagram::ContainerVsVm));
  combo->addItem(tr("macOS + Docker Desktop / Multipass"), static_cast<int>(Diagram::MacDocker));
  combo->addItem(tr("EKS node"), static_cast<int>(Diagram::EksNode));
  combo->setCurrentIndex(combo->findData(static_cast<int>(diagram_)));
  connect(combo, &QComboBox::currentIndexChanged, this,
          [this, combo](int) { setDiagram(static_cast<Diagram>(combo->currentData().toInt())); });
  layout->addWidget(combo);
  layout->addStretch(1);
  return panel;
}

bool LayersPage::setOption(const QString& key, const QString& value) {
  if (key != QLatin1String("diagram")) return false;
  static const QMap<QString, Diagram> names{{QStringLiteral("live"), Diagram::Live},
                                            {QStringLiteral("os"), Diagram::OsKernel},
                                            {QStringLiteral("container-vs-vm"), Diagram::ContainerVsVm},
                                            {QStringLiteral("macos"), Diagram::MacDocker},
                                            {QStringLiteral("eks"), Diagram::EksNode}};
  if (!names.contains(value)) return false;
  setDiagram(names.value(value));
  return true;
}

void LayersPage::setDiagram(Diagram diagram) {
  diagram_ = diagram;
  rebuild();
}

void LayersPage::draw(SceneKit& kit) {
  switch (diagram_) {
    case Diagram::Live:
      drawLive(kit);
      break;
    case Diagram::OsKernel:
      drawOsKernel(kit);
      break;
    case Diagram::ContainerVsVm:
      drawContainerVsVm(kit);
      break;
    case Diagram::MacDocker:
      drawMacDocker(kit);
      break;
    case Diagram::EksNode:
      drawEksNode(kit);
      break;
  }
}

QString LayersPage::kernelLine() const {
  const MachineInfo& m = stack_.machine;
  QString line = m.kernelRelease.isEmpty() ? tr("Linux kernel") : tr("Linux %1").arg(m.kernelRelease);
  if (!m.architecture.isEmpty()) line += QStringLiteral(" (%1)").arg(m.architecture);
  return line;
}

QString LayersPage::hypervisorLine() const {
  const MachineInfo& m = stack_.machine;
  if (!m.known) return tr("unknown (vmctl info not read)");
  if (!m.isVirtualMachine) return tr("none: this machine is bare metal");
  return m.hypervisor.isEmpty() ? tr("a hypervisor (vendor not reported)") : m.hypervisor;
}

double LayersPage::drawSourceProblems(SceneKit& kit, double y, double width) {
  for (auto it = problems_.cbegin(); it != problems_.cend(); ++it) {
    y = drawProblem(kit, QPointF(0, y), width, QStringLiteral("%1: %2").arg(it.key(), it.value().first),
                    it.value().second, commands_.value(it.key(), it.key())) +
        8;
  }
  return y;
}

QStringList LayersPage::containerCgroupLines(const ContainerInfo& c) {
  // The container's cgroup (nsenter-lite ls) and that cgroup's numbers (the cgtop row with the same path).
  if (c.cgroupMatch == CgroupMatch::Unknown) return {tr("cgroup unknown (nsenter-lite gave none)")};
  QStringList lines{tr("cgroup %1").arg(c.cgroup)};
  switch (c.cgroupMatch) {
    case CgroupMatch::NoSnapshot:
      return lines << tr("cgtop has not answered: no cgroup numbers");
    case CgroupMatch::NotFound:
      return lines << tr("cgtop has no row for this cgroup");
    case CgroupMatch::Ancestor:
      lines << tr("numbers of the nearest ancestor %1 (no cgtop row of its own)").arg(c.cgroupRow);
      break;
    default:
      break;
  }
  const QString cpu = c.cpuPercent >= 0 ? tr("CPU %1%").arg(c.cpuPercent, 0, 'f', 1) : tr("CPU n/a");
  lines << (c.quotaCores >= 0 ? tr("%1 (limit %2 CPU)").arg(cpu).arg(c.quotaCores) : tr("%1 (no limit)").arg(cpu));
  if (c.memoryBytes >= 0) {
    lines << (c.memoryLimit >= 0 ? tr("memory %1 of limit %2").arg(humanBytes(c.memoryBytes), humanBytes(c.memoryLimit))
                                 : tr("memory %1 (no limit)").arg(humanBytes(c.memoryBytes)));
  }
  if (c.tasks >= 0) {
    lines << (c.tasksMax >= 0 ? tr("tasks %1 of max %2").arg(c.tasks).arg(c.tasksMax)
                              : tr("tasks %1 (no limit)").arg(c.tasks));
  }
  return lines;
}

void LayersPage::drawLive(SceneKit& kit) {
  const double width = 1100;
  const double gap = 10;
  const double u = kit.unit();
  double y = 0;
  kit.label(QPointF(0, y),
            tr("This machine as layers: %1")
                .arg(stack_.machine.hostname.isEmpty() ? tr("(no data yet)") : stack_.machine.hostname),
            1.5, true);
  y += u * 2;
  kit.label(QPointF(0, y), tr("Every box is live data from the tools' JSON. Click a layer to open its view."), 0.9);
  y += u * 1.6;
  if (!loaded_) {
    kit.note(QPointF(0, y), width, tr("No data yet"),
             tr("Press Refresh to ask vmctl, nsenter-lite and cgtop about this machine, or open a saved replay."));
    return;
  }

  // Row 1: above the kernel, side by side: host userland, containers, VMs.
  const double rowHeight = kit.boxHeight(7);  // a container: pid, namespaces, cgroup, its row, CPU, memory, tasks
  const double userlandWidth = 260;
  const double vmWidth = 280;
  const double containerArea = width - userlandWidth - vmWidth - 2 * gap;
  double x = 0;
  kit.box(QRectF(x, y, userlandWidth, rowHeight), tr("Userland (host)"),
          {tr("systemd, shells, daemons, tools"), tr("libraries: glibc, …"), tr("processes see the whole machine"),
           tr("→ Memory view: a process's pages")},
          colors::userland, QStringLiteral("open:memory"), QStringLiteral("layer:userland"));
  x += userlandWidth + gap;
  drawLiveContainers(kit, QRectF(x, y, containerArea, rowHeight), gap);
  x += containerArea + gap;
  drawLiveVms(kit, QRectF(x, y, vmWidth, rowHeight));
  y += rowHeight + u * 0.8;

  // The system-call boundary between userland and kernel (notes: app → system call → kernel → hardware).
  QPen dashed(colors::text, 1.5, Qt::DashLine);
  kit.label(QPointF(8, y), tr("▼ system calls: open, mmap, fork, clone, socket, ioctl(KVM_RUN) …"), 0.85);
  kit.scene()->addLine(0, y + u * 1.2, width, y + u * 1.2, dashed);
  y += u * 1.6;

  y = drawLiveKernel(kit, y, width, gap);
  y = drawLiveHardware(kit, y, width, gap);

  // OS = kernel + userland (the notes' first definition), as a bracket on the right.
  y = drawSourceProblems(kit, y + 4, width);
}

// The containers nsenter-lite found (up to four), each with its cgroup's numbers and runtime chain.
void LayersPage::drawLiveContainers(SceneKit& kit, const QRectF& area, double gap) {
  const int containerCount = static_cast<int>(stack_.containers.size());
  const double x = area.x(), y = area.y(), containerArea = area.width(), rowHeight = area.height();
  if (!stack_.haveContainers) {
    kit.box(QRectF(x, y, containerArea, rowHeight), tr("Containers"),
            {tr("nsenter-lite has not answered"), tr("(containers = processes in their own namespaces)")},
            colors::muted, QStringLiteral("open:namespaces"), QStringLiteral("layer:containers"));
  } else if (containerCount == 0) {
    kit.box(QRectF(x, y, containerArea, rowHeight), tr("Containers: none running"),
            {tr("no process group has its own namespaces"), tr("start one: runc run …, or nsenter-lite run …"),
             tr("they would share this kernel")},
            colors::container, QStringLiteral("open:namespaces"), QStringLiteral("layer:containers"));
  } else {
    const int shown = qMin(containerCount, 4);
    const double cw = (containerArea - gap * (shown - 1)) / shown;
    for (int i = 0; i < shown; ++i) {
      const ContainerInfo& c = stack_.containers.at(i);
      QStringList details{tr("pid %1, %n process(es)", nullptr, static_cast<int>(c.processes)).arg(c.pid),
                          tr("own ns: %1").arg(c.ownNamespaces.join(QStringLiteral(", ")))};
      details << containerCgroupLines(c);
      // The notes' Docker → containerd → shim → runc flow, as the live processes above this container.
      // The last link is the container's pid 1, already the first line.
      for (qsizetype link = 0; link + 1 < c.runtimeChain.size(); ++link)
        details << (link == 0 ? tr("runtime: %1").arg(c.runtimeChain[link])
                              : QStringLiteral("  → %1").arg(c.runtimeChain[link]));
      kit.box(QRectF(x + i * (cw + gap), y, cw, rowHeight), tr("Container: %1").arg(c.name), details, colors::container,
              QStringLiteral("open:namespaces"), QStringLiteral("layer:container:%1").arg(c.pid));
    }
    if (containerCount > shown) {
      kit.label(QPointF(x, y + rowHeight + 2), tr("… and %1 more containers").arg(containerCount - shown), 0.85);
    }
  }
}

// The VMs vmctl reported, and whether this kernel has /dev/kvm.
void LayersPage::drawLiveVms(SceneKit& kit, const QRectF& area) {
  const MachineInfo& m = stack_.machine;
  QStringList details;
  if (!stack_.vms.isEmpty()) {
    for (const VmInfo& vm : stack_.vms) details << QStringLiteral("%1: %2").arg(vm.name, vm.detail);
  } else {
    details << tr("no vmctl VM running");
  }
  details << tr("each VM has its own kernel");
  if (m.known && !m.kvmDevice) {
    details << tr("no /dev/kvm: nested") << tr("(QEMU TCG test VM with KVM inside)");
  } else if (m.known) {
    details << tr("/dev/kvm present: KVM in this kernel");
  }
  kit.box(area, tr("VMs (vmctl)"), details, colors::vm, QStringLiteral("open:vm"), QStringLiteral("layer:vms"));
}

// Host kernel.
double LayersPage::drawLiveKernel(SceneKit& kit, double y, double width, double gap) {
  const MachineInfo& m = stack_.machine;
  QStringList details;
  if (m.pagingLevels > 0) {
    details << tr("paging: %1-level page tables (%2-bit virtual addresses)")
                   .arg(m.pagingLevels)
                   .arg(m.pagingLevels == 5 ? 57 : 48);
  }
  if (!stack_.cgroupLayout.isEmpty()) {
    details << tr("cgroups: %1 hierarchy, %2 groups (cgtop) → Cgroups view")
                   .arg(stack_.cgroupLayout)
                   .arg(stack_.cgroupCount);
  }
  details << tr("namespaces + cgroups: what makes a container") << tr("memory management: page tables, page cache")
          << tr("KVM module: runs VMs' vCPUs");
  kit.box(QRectF(0, y, width, kit.boxHeight(details.size())), tr("Host kernel: %1").arg(kernelLine()), details,
          colors::kernel, QStringLiteral("open:memory"), QStringLiteral("layer:kernel"));
  y += kit.boxHeight(details.size()) + gap;
  return y;
}

// Hardware: virtual (this machine is a guest) or physical.
double LayersPage::drawLiveHardware(SceneKit& kit, double y, double width, double gap) {
  const MachineInfo& m = stack_.machine;
  QStringList hw;
  if (m.known) {
    hw << tr("CPU: %1, %2 logical CPUs").arg(m.cpuModel).arg(m.logicalCpus)
       << tr("memory: %1").arg(humanBytes(static_cast<double>(m.memoryBytes)));
    if (!m.nics.isEmpty()) hw << tr("NICs: %1").arg(m.nics.join(QStringLiteral("; ")));
  } else {
    hw << tr("vmctl info has not answered: CPU, memory and NICs unknown");
  }
  if (m.known && m.isVirtualMachine) {
    kit.box(QRectF(0, y, width, kit.boxHeight(hw.size())), tr("Virtual hardware (this machine is a VM)"), hw,
            colors::hypervisor.lighter(105), QStringLiteral("open:vm"), QStringLiteral("layer:virtual-hardware"));
    y += kit.boxHeight(hw.size()) + gap;
    QStringList hv{tr("vendor: %1").arg(hypervisorLine())};
    if (!m.vmEvidence.isEmpty()) hv << tr("detected by: %1").arg(m.vmEvidence);
    kit.box(QRectF(0, y, width, kit.boxHeight(hv.size())), tr("Hypervisor"), hv, colors::hypervisor,
            QStringLiteral("open:vm"), QStringLiteral("layer:hypervisor"));
    y += kit.boxHeight(hv.size()) + gap;
    kit.box(QRectF(0, y, width, kit.boxHeight(1)), tr("Physical server"),
            {tr("real CPUs, RAM and NICs: hidden from this machine by the hypervisor")}, colors::hardware, {},
            QStringLiteral("layer:physical"));
    y += kit.boxHeight(1) + gap;
  } else {
    kit.box(QRectF(0, y, width, kit.boxHeight(hw.size())), tr("Hardware"), hw, colors::hardware,
            QStringLiteral("open:vm"), QStringLiteral("layer:hardware"));
    y += kit.boxHeight(hw.size()) + gap;
  }
  return y;
}

namespace {

struct Layer {
  QString title;
  QString detail;
  QColor color;
  bool live = false;
  QString action;
};

// A column of layers drawn top (applications) to bottom (hardware), with arrows between them like the notes.
double drawColumn(SceneKit& kit, double x, double y, double width, const QString& heading, const QList<Layer>& layers,
                  const QString& keyPrefix) {
  kit.label(QPointF(x, y), heading, 1.15, true);
  y += kit.unit() * 1.7;
  const double h = kit.boxHeight(1);
  for (int i = 0; i < layers.size(); ++i) {
    const Layer& layer = layers.at(i);
    kit.box(QRectF(x, y, width, h), layer.title, {layer.detail}, layer.color, layer.action,
            QStringLiteral("%1:%2").arg(keyPrefix).arg(i), layer.live ? SceneKit::kThisMachine : 0);
    y += h;
    if (i + 1 < layers.size()) {
      kit.arrow(QPointF(x + width / 2, y), QPointF(x + width / 2, y + 18));
      y += 18;
    }
  }
  return y;
}

}  // namespace

void LayersPage::drawOsKernel(SceneKit& kit) {
  const MachineInfo& m = stack_.machine;
  kit.label(QPointF(0, 0), tr("Concept: OS / kernel / applications"), 1.5, true);
  const QString hw = m.known ? tr("%1 · %2 CPUs · %3").arg(m.cpuModel).arg(m.logicalCpus).arg(humanBytes(m.memoryBytes))
                             : tr("CPU / RAM / Disk / NIC");
  const double bottom = drawColumn(
      kit, 0, kit.unit() * 2.2, 640, tr("app → system call → kernel → hardware"),
      {{tr("Applications (user space)"), tr("bash, curl, node, nginx …"), colors::userland, true,
        QStringLiteral("open:memory")},
       {tr("System calls"), tr("open, fork, socket, bind, mmap …"), colors::muted, false, {}},
       {tr("Kernel (lowest core layer)"), tr("here: %1 — scheduling, memory, files/network, drivers").arg(kernelLine()),
        colors::kernel, true, QStringLiteral("open:memory")},
       {tr("Hardware"), tr("here: %1").arg(hw), colors::hardware, true, QStringLiteral("open:vm")}},
      QStringLiteral("os"));
  kit.note(QPointF(680, kit.unit() * 3.9), 400, tr("Operating system (OS)"),
           tr("OS = kernel + userland tools + services (e.g. Ubuntu, macOS, Windows).\nThe kernel is not the OS: "
              "macOS's XNU is not Linux, so Linux-only features (namespaces, cgroups) need a Linux kernel."));
  kit.label(QPointF(0, bottom + 10), tr("Red outline: this machine's live layer."), 0.9, false, colors::live);
}

void LayersPage::drawContainerVsVm(SceneKit& kit) {
  const MachineInfo& m = stack_.machine;
  kit.label(QPointF(0, 0), tr("Containers vs virtual machines"), 1.5, true);
  const double top = kit.unit() * 2.2;
  const QString containers =
      stack_.haveContainers ? tr("here: %n container(s) found", nullptr, static_cast<int>(stack_.containers.size()))
                            : tr("processes with their own namespaces");
  const double left = drawColumn(kit, 0, top, 480, tr("Container (on Linux)"),
                                 {{tr("Container processes"), containers, colors::container, stack_.haveContainers,
                                   QStringLiteral("open:namespaces")},
                                  {tr("Shared Linux kernel (namespaces, cgroups)"), tr("here: %1").arg(kernelLine()),
                                   colors::kernel, true, QStringLiteral("open:cgroups")},
                                  {tr("Host hardware"),
                                   !m.known             ? tr("vmctl info not read")
                                   : m.isVirtualMachine ? tr("here: virtual hardware of a VM")
                                                        : tr("here: real hardware"),
                                   colors::hardware,
                                   false,
                                   {}}},
                                 QStringLiteral("cvm-container"));
  const bool weAreGuest = m.known && m.isVirtualMachine;
  const double right = drawColumn(
      kit, 540, top, 520, tr("Virtual machine (VM)"),
      {{tr("Guest OS userland"),
        weAreGuest ? tr("here: this machine's userland") : tr("a guest's own userland"),
        colors::userland,
        weAreGuest,
        {}},
       {tr("Guest Linux kernel (independent)"), weAreGuest ? tr("here: %1").arg(kernelLine()) : tr("its own kernel"),
        colors::kernel, weAreGuest, QStringLiteral("open:memory")},
       {tr("Virtual hardware (vCPU/vRAM/vDisk/vNIC)"),
        weAreGuest ? tr("here: %1 vCPUs, %2").arg(m.logicalCpus).arg(humanBytes(m.memoryBytes)) : QString(),
        colors::hypervisor.lighter(105), weAreGuest, QStringLiteral("open:vm")},
       {tr("Hypervisor"), tr("here: %1").arg(hypervisorLine()), colors::hypervisor, false, QStringLiteral("open:vm")},
       {tr("Host OS / kernel"), weAreGuest ? tr("hidden from us") : QString(), colors::kernel.darker(110), false, {}},
       {tr("Host hardware"), weAreGuest ? tr("hidden from us") : QString(), colors::hardware, false, {}}},
      QStringLiteral("cvm-vm"));
  kit.paragraph(QPointF(0, qMax(left, right) + 12), 1060,
                tr("This machine is both at once: a guest kernel on a hypervisor (right), and the shared kernel for "
                   "its own containers (left). Red outline: live layer."),
                0.95);
}

void LayersPage::drawMacDocker(SceneKit& kit) {
  const MachineInfo& m = stack_.machine;
  kit.label(QPointF(0, 0), tr("macOS: Docker Desktop and Multipass"), 1.5, true);
  const double u = kit.unit();
  double y = u * 2.4;
  const double width = 1060;
  const double h = kit.boxHeight(1);
  const double colWidth = (width - 40) / 2;
  const double vmTop = y;
  // Both VMs are drawn above the hypervisor like the notes' mermaid graph (top = what runs inside).
  kit.label(QPointF(0, vmTop), tr("Linux VM (hidden, managed by Docker Desktop)"), 1.05, true);
  kit.label(QPointF(colWidth + 40, vmTop), tr("Multipass Ubuntu VM"), 1.05, true);
  y += u * 1.5;
  const bool guest = m.known && m.isVirtualMachine;
  const QList<QPair<Layer, Layer>> rows{
      {{tr("Containers"), tr("here: %n container(s)", nullptr, static_cast<int>(stack_.containers.size())),
        colors::container, stack_.haveContainers, QStringLiteral("open:namespaces")},
       {tr("(optional) Docker / TiNET"), QString(), colors::container, false, {}}},
      {{tr("Docker Engine (containerd …)"), tr("here: runc"), colors::userland, false, {}},
       {tr("Ubuntu userland + systemd"), QString(), colors::userland, false, {}}},
      {{tr("Linux kernel"), tr("here: %1").arg(kernelLine()), colors::kernel, guest, QStringLiteral("open:memory")},
       {tr("Linux kernel"), QString(), colors::kernel, false, {}}},
  };
  for (int i = 0; i < rows.size(); ++i) {
    const auto& row = rows.at(i);
    kit.box(QRectF(0, y, colWidth, h), row.first.title, {row.first.detail}, row.first.color, row.first.action,
            QStringLiteral("mac:docker:%1").arg(i), row.first.live ? SceneKit::kThisMachine : 0);
    kit.box(QRectF(colWidth + 40, y, colWidth, h), row.second.title, {row.second.detail}, row.second.color,
            row.second.action, QStringLiteral("mac:multipass:%1").arg(i), row.second.live ? SceneKit::kThisMachine : 0);
    y += h + 6;
  }
  const double vmBottom = y - 6;
  y += 18;
  kit.arrow(QPointF(colWidth / 2, vmBottom), QPointF(colWidth / 2, y));
  kit.arrow(QPointF(colWidth * 1.5 + 40, vmBottom), QPointF(colWidth * 1.5 + 40, y));
  kit.box(QRectF(0, y, width, h), tr("Hypervisor (hosted)"),
          {tr("Apple Hypervisor / Virtualization framework (or QEMU); here: %1").arg(hypervisorLine())},
          colors::hypervisor, QStringLiteral("open:vm"), QStringLiteral("mac:hypervisor"));
  y += h + 18;
  kit.box(QRectF(0, y, width, h), tr("macOS kernel (XNU)"), {tr("not Linux: no namespaces or cgroups")},
          colors::kernel.darker(110), {}, QStringLiteral("mac:xnu"));
  y += h + 18;
  kit.box(QRectF(0, y, width, h), tr("Mac hardware (Apple Silicon / Intel)"), {QString()}, colors::hardware, {},
          QStringLiteral("mac:hardware"));
  y += h + 12;
  kit.paragraph(QPointF(0, y), width,
                tr("Linux containers need a Linux kernel, so on a Mac they run inside a Linux VM. This machine is "
                   "in the same place as that hidden VM: a Linux kernel on a hypervisor (red outline)."),
                0.95);
}

void LayersPage::drawEksNode(SceneKit& kit) {
  const MachineInfo& m = stack_.machine;
  kit.label(QPointF(0, 0), tr("Amazon EKS node"), 1.5, true);
  const bool guest = m.known && m.isVirtualMachine;
  const double bottom = drawColumn(
      kit, 0, kit.unit() * 2.2, 700, tr("Where does an EKS container run?"),
      {{tr("Containers"), tr("here: %n container(s)", nullptr, static_cast<int>(stack_.containers.size())),
        colors::container, stack_.haveContainers, QStringLiteral("open:namespaces")},
       {tr("containerd / Docker"), tr("here: runc (the runtime below containerd)"), colors::userland, false, {}},
       {tr("Linux kernel"), tr("here: %1").arg(kernelLine()), colors::kernel, true, QStringLiteral("open:memory")},
       {tr("Linux OS (Amazon Linux / Bottlerocket / Ubuntu)"),
        tr("here: this machine's userland"),
        colors::userland,
        true,
        {}},
       {tr("EC2 instance (a VM)"),
        guest ? tr("here: this machine, a VM on %1").arg(hypervisorLine()) : tr("here: not a VM"), colors::hypervisor,
        guest, QStringLiteral("open:vm")},
       {tr("Physical server"), tr("AWS's hardware (Nitro hypervisor)"), colors::hardware, false, {}}},
      QStringLiteral("eks"));
  kit.note(QPointF(740, kit.unit() * 3.9), 340, tr("Answer from the notes"),
           tr("A container on EKS runs on a node: an EC2 instance (or Fargate). It uses that node's Linux kernel and "
              "its resources, limited by cgroups. The node itself is a VM, like this machine."));
  kit.label(QPointF(0, bottom + 10), tr("Red outline: this machine's live layer."), 0.9, false, colors::live);
}

}  // namespace virtlab::explorer
