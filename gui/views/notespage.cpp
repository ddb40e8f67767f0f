#include "views/notespage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <memory>

#include "models/document.h"
#include "views/notes/notesdata.h"

namespace virtlab::explorer {

namespace {

// The tools whose documents the notes' diagrams read.
const QStringList kTools{QStringLiteral("pagewalk"), QStringLiteral("vmctl"), QStringLiteral("nsenter-lite"),
                         QStringLiteral("cgtop"), QStringLiteral("testvm")};

QStringList args(std::initializer_list<const char*> list) {
  QStringList out;
  for (const char* a : list) out << QLatin1String(a);
  return out;
}

}  // namespace

struct NotesPage::DiagramInfo {
  const char* name;   // lectures/diagrams.json: drawn_by.options.diagram
  const char* title;  // QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", …), translated when shown
  void (NotesPage::*draw)(SceneKit&);
};

// In the notes' order.
const QList<NotesPage::DiagramInfo>& NotesPage::diagramInfos() {
  static const QList<DiagramInfo> all{
      {"page-fault-flow", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#4 Page fault handling"),
       &NotesPage::drawPageFaultFlow},
      {"lru-table", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#5 Swap: the LRU table"),
       &NotesPage::drawLruTable},
      {"vm-nic-stack", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#6 One physical NIC, virtual NICs"),
       &NotesPage::drawVmNicStack},
      {"esxi-structure", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#7 Hypervisor structure (ESXi)"),
       &NotesPage::drawEsxiStructure},
      {"vcpu-allocation", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#8 vCPU allocation"),
       &NotesPage::drawVcpuAllocation},
      {"nat-table", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#12 NAT mode and its table"),
       &NotesPage::drawNatTable},
      {"disk-image-files", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#16 Virtual disk files"),
       &NotesPage::drawDiskImageFiles},
      {"disk-snapshot-chain", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#17 Snapshot chain"),
       &NotesPage::drawDiskSnapshotChain},
      {"iommu", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#19 IOMMU"), &NotesPage::drawIommu},
      {"host-guest-processes", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#20 Host and guest processes"),
       &NotesPage::drawHostGuestProcesses},
      {"hypervisor-roles", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#22 What the hypervisor does"),
       &NotesPage::drawHypervisorRoles},
      {"cpu-time-slices", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#23 CPU time slices"),
       &NotesPage::drawCpuTimeSlices},
      {"container-runtime-functions",
       QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#26 The container runtime's OS functions"),
       &NotesPage::drawContainerRuntimeFunctions},
      {"image-layers", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#29 Container layers"),
       &NotesPage::drawImageLayers},
      {"docker-engine-flow", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#30 Docker Engine flow"),
       &NotesPage::drawDockerEngineFlow},
      {"performance-table", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#31 Performance: VM vs container"),
       &NotesPage::drawPerformanceTable},
      {"kubernetes-problems", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#32 Why Kubernetes"),
       &NotesPage::drawKubernetesProblems},
      {"virtualization-evolution",
       QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "001#33 The evolution of virtualization"),
       &NotesPage::drawVirtualizationEvolution},
      {"docker-runtime-chain", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "002#3 Docker daemon → runC"),
       &NotesPage::drawDockerRuntimeChain},
      {"hypervisor-types", QT_TRANSLATE_NOOP("virtlab::explorer::NotesPage", "004#1 Type 1 vs hosted hypervisor"),
       &NotesPage::drawHypervisorTypes},
  };
  return all;
}

NotesPage::NotesPage(QObject* parent) : Page(parent) {}

QStringList NotesPage::diagramNames() {
  QStringList names;
  for (const DiagramInfo& d : diagramInfos()) names << QLatin1String(d.name);
  return names;
}

QList<NotesPage::Feed> NotesPage::feeds(const QString& diagram) {
  // The same commands as lectures/diagrams.json's "feeds" (a lecture step runs those; the page alone runs these).
  const QString vmctl = QStringLiteral("vmctl"), nsenter = QStringLiteral("nsenter-lite"),
                pagewalk = QStringLiteral("pagewalk"), testvm = QStringLiteral("testvm"),
                cgtop = QStringLiteral("cgtop");
  const Feed info{vmctl, args({"info", "--json"})};
  const Feed ls{nsenter, args({"ls", "--json"})};
  const Feed smp{vmctl, args({"run", "smp", "--json"})};
  const QMap<QString, QList<Feed>> all{
      {QStringLiteral("page-fault-flow"),
       {{pagewalk, args({"demo", "fault", "--json"})}, {pagewalk, args({"demo", "swap", "--json"})}}},
      {QStringLiteral("lru-table"),
       {{pagewalk, args({"simulate", "Aw", "B", "C", "D", "E", "-a", "lru", "--frames", "4", "--json"})}}},
      {QStringLiteral("vm-nic-stack"), {info, {nsenter, args({"net", "switch", "--hosts", "2", "--rm", "--json"})}}},
      {QStringLiteral("esxi-structure"),
       {info,
        {vmctl, args({"run", "hello", "--json"})},
        {vmctl, args({"run", "protected", "--json"})},
        {vmctl, args({"run", "long", "--json"})}}},
      {QStringLiteral("vcpu-allocation"), {info, smp}},
      // The NAT switch stays for `net nat` to read its conntrack; `net down` removes it (also after a cancel).
      {QStringLiteral("nat-table"),
       {{nsenter, args({"net", "switch", "--mode", "nat", "--hosts", "2", "--json"})},
        {nsenter, args({"net", "nat", "--json"})},
        {nsenter, args({"net", "down", "--json"}), false, true}}},
      {QStringLiteral("disk-image-files"),
       {{testvm, args({"status", "--json"})}, {testvm, args({"run", "--json", "--", "true"})}}},
      {QStringLiteral("disk-snapshot-chain"),
       {{nsenter, args({"run", "--json", "--layers", "busybox", "--", "sh", "-c", "echo changed > /delta-file"})}}},
      {QStringLiteral("iommu"), {info}},
      {QStringLiteral("host-guest-processes"), {ls, info}},
      {QStringLiteral("hypervisor-roles"),
       {info,
        {vmctl, args({"run", "hello", "--json"})},
        {vmctl, args({"translate", "--guest", "long", "0x1000", "--json"})}}},
      {QStringLiteral("cpu-time-slices"), {info, smp}},
      {QStringLiteral("container-runtime-functions"),
       {{nsenter, args({"run", "--json", "--rootfs", "busybox", "--memory", "64M", "--pids", "32", "--net", "veth",
                        "--", "true"})}}},
      {QStringLiteral("image-layers"), {{nsenter, args({"run", "--json", "--layers", "busybox", "--", "true"})}}},
      {QStringLiteral("docker-engine-flow"),
       {{nsenter,
         args({"--explain", "run", "--json", "--rootfs", "busybox", "--net", "veth", "--", "cat", "/etc/hostname"})}}},
      {QStringLiteral("performance-table"),
       {{nsenter, args({"run", "--json", "--rootfs", "busybox", "--", "true"})},
        {testvm, args({"run", "--json", "--", "true"})},
        info}},
      {QStringLiteral("kubernetes-problems"),
       {{cgtop,
         args({"run", "--json", "--memory", "16M", "-d", "0.2", "--", "python3", "-c", "b = bytearray(64 << 20)"}),
         true},
        ls}},
      {QStringLiteral("virtualization-evolution"),
       {info, ls, {cgtop, args({"-b", "-n", "2", "-d", "0.5", "--depth", "-1", "--json"})}}},
      {QStringLiteral("docker-runtime-chain"),
       {{nsenter, args({"--explain", "run", "--json", "--rootfs", "busybox", "--memory", "64M", "--", "true"})}}},
      {QStringLiteral("hypervisor-types"), {info}},
  };
  return all.value(diagram);
}

bool NotesPage::setOption(const QString& key, const QString& value) {
  if (key != QLatin1String("diagram") || !diagramNames().contains(value)) return false;
  setDiagram(value);
  return true;
}

void NotesPage::setDiagram(const QString& name) {
  diagram_ = name;
  rebuild();
}

QWidget* NotesPage::createControls(QWidget* parent) {
  auto* panel = new QWidget(parent);
  auto* layout = new QHBoxLayout(panel);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->addWidget(new QLabel(tr("Diagram:"), panel));
  auto* combo = new QComboBox(panel);
  for (const DiagramInfo& d : diagramInfos()) combo->addItem(tr(d.title), QLatin1String(d.name));
  combo->setCurrentIndex(combo->findData(diagram_));
  connect(combo, &QComboBox::currentIndexChanged, this, [this, combo](int) {
    setDiagram(combo->currentData().toString());
    refresh();
  });
  layout->addWidget(combo);
  layout->addStretch(1);
  return panel;
}

void NotesPage::refresh() {
  documents_.clear();
  failures_.clear();
  loaded_ = true;
  queue_ = feeds(diagram_);
  rebuild();
  runNext();
}

void NotesPage::runNext() {
  if (queue_.isEmpty()) {
    rebuild();
    settle();
    return;
  }
  const Feed feed = queue_.takeFirst();
  ToolRunner* r = runner(QStringLiteral("feed"));
  disconnect(r, nullptr, this, nullptr);
  const QString command = ToolRunner::commandLine(feed.tool, feed.args);
  auto documents = std::make_shared<int>(0);
  connect(r, &ToolRunner::documentReady, this, [this, documents](const QJsonObject& doc) {
    documents_.append(doc);
    ++*documents;
  });
  connect(r, &ToolRunner::failed, this, [this, command, documents](const QString& error, int code) {
    // One tool failing (needs root, no KVM) blanks only its numbers: the next feed still runs. A stream that printed
    // its documents and then exited non-zero (cgtop run: the command was OOM-killed) told its outcome already.
    if (*documents == 0) failures_.append({command, error, code});
    runNext();
  });
  connect(r, &ToolRunner::finished, this, [this] { runNext(); });
  connect(r, &ToolRunner::cancelled, this, [this] {
    // Cancelled (Esc): the rest does not run, except what removes what the earlier feeds made (`net down`).
    QList<Feed> cleanup;
    for (const Feed& f : std::as_const(queue_)) {
      if (f.cleanup) cleanup << f;
    }
    queue_ = cleanup;
    if (!queue_.isEmpty()) runNext();
  });
  r->start(feed.tool, feed.args, feed.stream ? ToolRunner::Output::Stream : ToolRunner::Output::Document);
}

QString NotesPage::replay(const QList<QJsonObject>& documents) {
  documents_.clear();
  failures_.clear();
  loaded_ = true;
  QString error;
  for (const QJsonObject& doc : documents) {
    SchemaId schema;
    QString why;
    if (!parseSchema(doc, &schema, &why)) {
      if (error.isEmpty()) error = why;
      continue;
    }
    if (!kTools.contains(schema.tool)) continue;
    const QString unsupported = checkSchema(doc, schema.tool, 1);
    if (!unsupported.isEmpty()) {
      if (error.isEmpty()) error = unsupported;
      continue;
    }
    documents_.append(doc);
  }
  rebuild();
  if (!error.isEmpty()) return error;
  if (documents_.isEmpty()) return tr("no pagewalk, vmctl, nsenter-lite, cgtop or testvm document in this file");
  return {};
}

const QJsonObject* NotesPage::find(const QString& tool, const QString& field, const QString& value) const {
  for (auto it = documents_.crbegin(); it != documents_.crend(); ++it) {
    if (it->value(QStringLiteral("tool")).toString() != tool) continue;
    if (!field.isEmpty() && notes::at(*it, field).toString() != value) continue;
    return &*it;
  }
  return nullptr;
}

QList<const QJsonObject*> NotesPage::findAll(const QString& tool, const QString& field, const QString& value) const {
  QList<const QJsonObject*> out;
  for (const QJsonObject& doc : documents_) {
    if (doc.value(QStringLiteral("tool")).toString() == tool && notes::at(doc, field).toString() == value) out << &doc;
  }
  return out;
}

QString NotesPage::hostKernel() const {
  for (const QJsonObject& doc : documents_) {
    const QString kernel = notes::at(doc, QStringLiteral("host.kernel")).toString();
    if (!kernel.isEmpty()) return kernel;
  }
  return tr("—");
}

QString NotesPage::missing(const QString& what, const QString& source) {
  const QString line = tr("%1: not measured here (%2 would give it)").arg(what, source);
  if (!missing_.contains(line)) missing_ << line;
  return tr("—");
}

QString NotesPage::notMeasured(const QString& what, const QString& why) {
  const QString line = tr("%1: not measured here — %2").arg(what, why);
  if (!missing_.contains(line)) missing_ << line;
  return tr("—");
}

double NotesPage::drawHeader(SceneKit& kit, const QString& title, const QString& block) {
  kit.label(QPointF(0, 0), title, 1.5, true);
  kit.label(QPointF(0, kit.unit() * 1.9), tr("From the notes: %1. Numbers: this machine's tool output.").arg(block),
            0.85, false, colors::text);
  double y = kit.unit() * 3.4;
  headerBottom_ = y;
  for (const Failure& f : failures_) {
    y = drawProblem(kit, QPointF(0, y), 1200, QStringLiteral("%1: %2").arg(f.command, f.error), f.exitCode, f.command) +
        8;
  }
  return y;
}

double NotesPage::drawFooter(SceneKit& kit, double y) {
  if (missing_.isEmpty()) return y;
  return kit
      .note(QPointF(0, y + 10), 1200, tr("Not measured on this machine (shown as —)"), missing_.join(QLatin1Char('\n')),
            colors::muted)
      .bottom();
}

void NotesPage::draw(SceneKit& kit) {
  missing_.clear();
  if (!loaded_) {
    kit.label(QPointF(0, 0), tr("Notes' diagrams"), 1.5, true);
    kit.note(QPointF(0, kit.unit() * 2.4), 1000, tr("No data yet"),
             tr("Press Refresh to run the tools that feed this diagram, or open a replay."));
    return;
  }
  for (const DiagramInfo& d : diagramInfos()) {
    if (diagram_ == QLatin1String(d.name)) (this->*d.draw)(kit);
  }
}

}  // namespace virtlab::explorer
