#include "views/memorypage.h"

#include <cmath>

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "models/document.h"
#include "models/vmctl.h"
#include "views/i18n.h"

namespace virtlab::explorer {

namespace {
const QStringList kDemos{QStringLiteral("fault"),      QStringLiteral("two-processes"), QStringLiteral("cow"),
                         QStringLiteral("referenced"), QStringLiteral("file-vs-anon"),  QStringLiteral("thp"),
                         QStringLiteral("swap")};
QString hex(quint64 v) {
  return QStringLiteral("0x%1").arg(v, 0, 16);
}
constexpr int kMaxVmaRows = 48;
}  // namespace

MemoryPage::MemoryPage(QObject* parent) : Page(parent), pid_(QCoreApplication::applicationPid()) {}

QList<QJsonObject> MemoryPage::record() const {
  QList<QJsonObject> docs;
  if (haveSummary_) docs << summaryDoc_;
  if (haveWalk_) docs << walkDoc_;
  if (haveDemo_) docs << demoDoc_;
  if (haveList_) docs << listDoc_;
  if (machine_.known) docs << machineDoc_;
  return docs;
}

bool MemoryPage::setOption(const QString& key, const QString& value) {
  bool ok = false;
  if (key == QLatin1String("pid")) {
    const qint64 pid = value.toLongLong(&ok);
    if (ok && pid > 0) pid_ = pid;
    return ok && pid > 0;
  }
  if (key == QLatin1String("address")) {
    pendingAddress_ =
        value.startsWith(QLatin1String("0x")) ? value.mid(2).toULongLong(&ok, 16) : value.toULongLong(&ok, 0);
    return ok;
  }
  if (key == QLatin1String("demo") && kDemos.contains(value)) {
    pendingDemo_ = value;
    return true;
  }
  return false;
}

QString MemoryPage::take(const QJsonObject& doc) {
  QString error;
  if (vmctlCommand(doc) == QLatin1String("info")) {
    MachineInfo machine;
    KvmInfo kvm;
    if (!parseVmctlInfo(doc, &machine, &kvm, &error)) return error;
    machine_ = machine;
    machineDoc_ = doc;
    return {};
  }
  const QString kind = pagewalkKind(doc);
  if (kind == QLatin1String("summary")) {
    MemorySummary s;
    if (!parseMemorySummary(doc, &s, &error)) return error;
    summary_ = s;
    summaryDoc_ = doc;
    haveSummary_ = true;
    pid_ = s.pid;
  } else if (kind == QLatin1String("walk")) {
    PageWalk w;
    if (!parsePageWalk(doc, &w, &error)) return error;
    walk_ = w;
    walkDoc_ = doc;
    haveWalk_ = true;
  } else if (kind == QLatin1String("list")) {
    PageList l;
    if (!parsePageList(doc, &l, &error)) return error;
    list_ = l;
    listDoc_ = doc;
    haveList_ = true;
  } else if (kind == QLatin1String("demo")) {
    MemoryDemo d;
    if (!parseMemoryDemo(doc, &d, &error)) return error;
    demo_ = d;
    demoDoc_ = doc;
    haveDemo_ = true;
  } else if (kind.isEmpty()) {
    return checkSchema(doc, QStringLiteral("pagewalk"), kPagewalkMajor);
  }
  return {};
}

void MemoryPage::run(const QString& purpose, const QStringList& args) {
  runTool(purpose, QStringLiteral("pagewalk"), args, ToolRunner::Output::Document, [this, purpose] {
    // --address: walk it once the summary is drawn.
    if (purpose != QLatin1String("summary") || pendingAddress_ == 0) return false;
    const quint64 address = pendingAddress_;
    pendingAddress_ = 0;
    walkAddress(address);
    return true;
  });
}

void MemoryPage::refresh() {
  if (!pendingDemo_.isEmpty()) {
    const QString demo = pendingDemo_;
    pendingDemo_.clear();
    runDemo(demo);
    return;
  }
  // The machine's memory size for the physical-memory map: optional, so a failure is no problem of this page.
  if (!machine_.known) {
    runTool(QStringLiteral("machine"), QStringLiteral("vmctl"), {QStringLiteral("info"), QStringLiteral("--json")},
            ToolRunner::Output::Document, {}, [](int) { return true; });
  }
  run(QStringLiteral("summary"), {QString::number(pid_), QStringLiteral("--json")});
}

void MemoryPage::walkAddress(quint64 address) {
  run(QStringLiteral("walk"), {QString::number(pid_), hex(address), QStringLiteral("--json")});
}

void MemoryPage::runDemo(const QString& name) {
  run(QStringLiteral("demo"), {QStringLiteral("demo"), name, QStringLiteral("--json")});
}

void MemoryPage::handleAction(const QString& action) {
  if (action.startsWith(QLatin1String("walk:"))) {
    bool ok = false;
    const quint64 address = action.mid(7).toULongLong(&ok, 16);  // "walk:0x…"
    if (ok) walkAddress(address);
  }
}

QString MemoryPage::replay(const QList<QJsonObject>& documents) {
  haveSummary_ = haveWalk_ = haveDemo_ = haveList_ = false;
  machine_ = {};
  for (const QJsonObject& doc : documents) {
    if (vmctlCommand(doc) == QLatin1String("info")) take(doc);  // the machine's RAM, for the physical-memory map
  }
  return replayTool(
      documents, QStringLiteral("pagewalk"), [this] { return haveSummary_ || haveWalk_ || haveDemo_ || haveList_; },
      tr("no pagewalk summary, walk or demo document in this file"));
}

QWidget* MemoryPage::createControls(QWidget* parent) {
  auto* panel = new QWidget(parent);
  auto* layout = new QHBoxLayout(panel);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->addWidget(new QLabel(tr("Process:"), panel));
  auto* pid = new QSpinBox(panel);
  pid->setRange(1, 4194304);
  pid->setValue(static_cast<int>(pid_));
  layout->addWidget(pid);
  auto* show = new QPushButton(tr("Show"), panel);
  connect(show, &QPushButton::clicked, this, [this, pid] {
    pid_ = pid->value();
    refresh();
  });
  layout->addWidget(show);
  layout->addSpacing(16);
  layout->addWidget(new QLabel(tr("Address:"), panel));
  auto* address = new QLineEdit(panel);
  address->setPlaceholderText(QStringLiteral("0x7ffd…"));
  layout->addWidget(address);
  auto* walk = new QPushButton(tr("Walk"), panel);
  connect(walk, &QPushButton::clicked, this, [this, pid, address] {
    bool ok = false;
    const QString text = address->text().trimmed();
    const quint64 a =
        text.startsWith(QLatin1String("0x")) ? text.mid(2).toULongLong(&ok, 16) : text.toULongLong(&ok, 0);
    if (!ok) {
      Q_EMIT status(tr("not an address: %1 (write it as 0x7ffd1234)").arg(text), true);
      return;
    }
    pid_ = pid->value();
    walkAddress(a);
  });
  layout->addWidget(walk);
  auto* frames = new QPushButton(tr("Frames of the VMA"), panel);
  frames->setToolTip(tr("pagewalk --list: which physical frame backs each page of the walked address's VMA"));
  connect(frames, &QPushButton::clicked, this, [this] {
    if (!haveWalk_) {
      Q_EMIT status(tr("walk an address first: its VMA is the range that gets listed"), true);
      return;
    }
    listFrames(walk_.vma.start, walk_.vma.end);
  });
  layout->addWidget(frames);
  layout->addSpacing(16);
  layout->addWidget(new QLabel(tr("Demo:"), panel));
  auto* demo = new QComboBox(panel);
  demo->addItems(kDemos);
  layout->addWidget(demo);
  auto* runButton = new QPushButton(tr("Run demo"), panel);
  connect(runButton, &QPushButton::clicked, this, [this, demo] { runDemo(demo->currentText()); });
  layout->addWidget(runButton);
  layout->addStretch(1);
  return panel;
}

void MemoryPage::draw(SceneKit& kit) {
  const double u = kit.unit();
  double y = 0;
  if (haveSummary_) {
    kit.label(QPointF(0, y), tr("Memory of process %1 (%2)").arg(summary_.pid).arg(summary_.command), 1.5, true);
  } else {
    kit.label(QPointF(0, y), tr("Memory: virtual pages → page tables → physical frames"), 1.5, true);
  }
  y += u * 2;
  y = drawProblem(kit, QPointF(0, y), 1400);
  if (!haveSummary_ && !haveWalk_ && !haveDemo_ && !haveList_) {
    if (problem_.text.isEmpty()) {
      kit.note(QPointF(0, y), 1400, tr("No data yet"),
               tr("Press Refresh to run pagewalk on process %1, pick a demo, or open a saved replay.").arg(pid_));
    }
    return;
  }
  double bottom = y;
  if (haveSummary_) bottom = qMax(bottom, drawVmaMap(kit, 0, y));
  if (haveWalk_) {
    bottom = qMax(bottom, drawWalk(kit, walk_, haveSummary_ ? 760 : 0, y, 640));
  } else if (haveSummary_) {
    kit.note(QPointF(760, y), 640, tr("Page walk"),
             tr("Click a VMA on the left to walk its first page through the page tables (or type an address "
                "above)."));
  }
  if (haveList_) bottom = drawList(kit, bottom + u);
  if (haveDemo_) drawDemo(kit, bottom + u);
}

void MemoryPage::listFrames(quint64 start, quint64 end) {
  run(QStringLiteral("list"),
      {QString::number(pid_), QStringLiteral("--list"), QStringLiteral("--all"), QStringLiteral("--range"),
       QStringLiteral("%1-%2").arg(hex(start), hex(end)), QStringLiteral("--json")});
}

double MemoryPage::drawList(SceneKit& kit, double y) {
  const double u = kit.unit();
  const PageList& l = list_;
  const double width = 1400;
  int presentRuns = 0, singlePageRuns = 0;
  qint64 maxPfn = 0;
  for (const PageRun& r : l.runs) {
    if (r.state != QLatin1String("present")) continue;
    ++presentRuns;
    singlePageRuns += r.pages == 1 ? 1 : 0;
    maxPfn = qMax(maxPfn, r.pfn + r.pages);
  }
  kit.label(QPointF(0, y),
            tr("Frames behind %1-%2 of process %3 %4 (pagewalk --list): %n page(s)", nullptr, static_cast<int>(l.pages))
                .arg(hex(l.start), hex(l.end))
                .arg(l.pid)
                .arg(l.command),
            1.2, true);
  y += u * 1.8;
  // Virtual range on top, physical memory below, a line from each present run to its frame.
  const double ram = machine_.known ? static_cast<double>(machine_.memoryBytes) : 0;
  const double extent = qMax(ram, static_cast<double>(maxPfn) * 4096.0 * (ram > 0 ? 1.0 : 1.1));
  const double span = static_cast<double>(qMax<quint64>(1, l.end - l.start));
  const double barH = u * 1.4, gap = u * 6;
  const double vy = y + u * 1.2, py = vy + barH + gap;
  kit.label(QPointF(0, y), tr("virtual: %1 … %2").arg(hex(l.start), hex(l.end)), 0.85, true);
  kit.scene()->addRect(QRectF(0, vy, width, barH), QPen(Qt::gray), QBrush(colors::absent));
  constexpr int kMaxLines = 600;  // beyond this the lines are a grey blur: draw the first ones
  int drawn = 0;
  for (const PageRun& r : l.runs) {
    const double x0 = width * static_cast<double>(r.start - l.start) / span;
    const double x1 = width * static_cast<double>(r.end - l.start) / span;
    const QColor fill = r.state == QLatin1String("present")   ? (r.fileShared ? colors::file : colors::anon)
                        : r.state == QLatin1String("swapped") ? colors::swapped
                                                              : colors::absent;
    kit.scene()->addRect(QRectF(x0, vy, qMax(1.0, x1 - x0), barH), QPen(Qt::NoPen), QBrush(fill));
    if (r.state == QLatin1String("present") && r.pfn > 0 && extent > 0 && drawn < kMaxLines) {
      const double px = width * qMin(1.0, static_cast<double>(r.pfn) * 4096.0 / extent);
      kit.scene()->addLine(QLineF((x0 + x1) / 2, vy + barH, px, py), QPen(QColor(0x21, 0x21, 0x21, 70), 1));
      kit.scene()->addRect(QRectF(px - 1, py, 2, barH), QPen(Qt::NoPen), QBrush(colors::live));
      ++drawn;
    }
  }
  kit.scene()->addRect(QRectF(0, py, width, barH), QPen(Qt::gray), QBrush(Qt::NoBrush));
  kit.label(QPointF(0, py + barH + 2),
            ram > 0 ? tr("physical: 0 … %1 (MemTotal from vmctl info)").arg(humanBytes(ram))
                    : tr("physical: 0 … %1 (the highest frame listed; MemTotal unknown)").arg(humanBytes(extent)),
            0.85, true);
  y = py + barH + u * 1.6;
  y += kit.paragraph(QPointF(0, y), width,
                     tr("%1 of %2 runs are present; %3 of those are a single page: consecutive virtual pages get "
                        "frames from wherever the allocator had free ones, so the page table is what makes the range "
                        "look contiguous.")
                         .arg(presentRuns)
                         .arg(l.runs.size())
                         .arg(singlePageRuns),
                     0.85) +
       u * 0.3;
  return drawListRuns(kit, y, width);
}

// The first runs as the CLI prints them, then the notes.
double MemoryPage::drawListRuns(SceneKit& kit, double y, double width) {
  const double u = kit.unit();
  const PageList& l = list_;
  const int rows = qMin<int>(l.runs.size(), 12);
  for (int i = 0; i < rows; ++i) {
    const PageRun& r = l.runs.at(i);
    QString target;
    if (r.state == QLatin1String("present")) {
      target = tr("PFN %1 (physical %2)").arg(r.pfn).arg(hex(static_cast<quint64>(r.pfn) * 4096));
    } else if (r.state == QLatin1String("swapped")) {
      target = tr("swapped out");
    } else {
      target = tr("not present");
    }
    auto* row = kit.label(
        QPointF(20, y),
        tr("%1-%2  %n page(s)  →  %3", nullptr, static_cast<int>(r.pages)).arg(hex(r.start), hex(r.end), target), 0.8);
    row->setData(kKeyRole, QStringLiteral("run:%1").arg(hex(r.start)));
    y += u * 1.0;
  }
  if (l.runs.size() > rows) {
    kit.label(QPointF(20, y), tr("… %1 more runs").arg(l.runs.size() - rows), 0.8);
    y += u;
  }
  for (const QString& note : l.notes) y += kit.paragraph(QPointF(0, y), width, tr("note: %1").arg(note), 0.8);
  return y + u;
}

double MemoryPage::drawVmaMap(SceneKit& kit, double x, double y) {
  const double u = kit.unit();
  const MemorySummary& s = summary_;
  kit.label(QPointF(x, y),
            tr("%1 · %2 VMAs · resident %3 · swapped %4 · minor faults %5, major %6")
                .arg(s.pagingMode)
                .arg(s.vmas.size())
                .arg(humanBytes(static_cast<double>(s.totals.resident) * 4096))
                .arg(humanBytes(static_cast<double>(s.totals.swapped) * 4096))
                .arg(s.minorFaults)
                .arg(s.majorFaults),
            0.95);
  y += u * 1.4;
  // Legend.
  const QList<QPair<QColor, QString>> legend{{colors::anon, tr("anonymous, in RAM")},
                                             {colors::file, tr("file / shared, in RAM")},
                                             {colors::swapped, tr("swapped out")},
                                             {colors::absent, tr("not present (never touched or dropped)")}};
  double lx = x;
  for (const auto& item : legend) {
    kit.scene()->addRect(QRectF(lx, y + 3, u * 0.8, u * 0.8), QPen(item.first.darker(140)), QBrush(item.first));
    auto* label = kit.label(QPointF(lx + u, y), item.second, 0.85);
    lx += u + label->boundingRect().width() + 16;
  }
  y += u * 1.5;
  const double labelWidth = 430;
  const double barWidth = 280;
  const double rowH = u * 1.25;
  int rows = 0;
  for (const Vma& v : s.vmas) {
    if (rows == kMaxVmaRows) {
      kit.label(QPointF(x, y), tr("… %1 more VMAs (save the JSON to see them all)").arg(s.vmas.size() - rows), 0.85);
      y += rowH;
      break;
    }
    ++rows;
    const QString name = v.path.isEmpty() ? QStringLiteral("[%1]").arg(v.kind) : v.path.section(QLatin1Char('/'), -1);
    auto* text = kit.label(QPointF(x, y),
                           QStringLiteral("%1-%2 %3 %4")
                               .arg(v.start, 12, 16, QLatin1Char('0'))
                               .arg(v.end, 12, 16, QLatin1Char('0'))
                               .arg(v.perms, name),
                           0.8);
    text->setToolTip(v.path);
    const double total = qMax<qint64>(1, v.counts.pages);
    const qint64 anon = v.counts.anonymous;
    const qint64 fileRes = qMax<qint64>(0, v.counts.resident - anon);
    const qint64 swapped = v.counts.swapped;
    const qint64 absent = qMax<qint64>(0, v.counts.pages - v.counts.resident - swapped);
    double bx = x + labelWidth;
    auto* frame = kit.scene()->addRect(QRectF(bx, y + 2, barWidth, rowH - 4), QPen(Qt::gray), QBrush(colors::absent));
    frame->setData(kActionRole, QStringLiteral("walk:%1").arg(hex(v.start)));
    frame->setData(kKeyRole, QStringLiteral("vma:%1").arg(hex(v.start)));
    frame->setCursor(Qt::PointingHandCursor);
    frame->setToolTip(tr("%1 pages: %2 anonymous, %3 file/shared in RAM, %4 swapped, %5 not present — click to walk")
                          .arg(v.counts.pages)
                          .arg(anon)
                          .arg(fileRes)
                          .arg(swapped)
                          .arg(absent));
    for (const auto& [n, color] :
         {std::pair{anon, colors::anon}, std::pair{fileRes, colors::file}, std::pair{swapped, colors::swapped}}) {
      if (n <= 0) continue;
      const double w = qMax(1.0, barWidth * n / total);
      auto* seg = kit.scene()->addRect(QRectF(bx, y + 2, w, rowH - 4), QPen(Qt::NoPen), QBrush(color));
      seg->setParentItem(frame);
      bx += w;
    }
    kit.label(QPointF(x + labelWidth + barWidth + 6, y),
              QStringLiteral("%1/%2").arg(v.counts.resident).arg(v.counts.pages), 0.75);
    y += rowH;
  }
  for (const QString& note : s.notes) {
    y += kit.paragraph(QPointF(x, y), labelWidth + barWidth, tr("note: %1").arg(note), 0.8);
  }
  return y;
}

double MemoryPage::drawWalk(SceneKit& kit, const PageWalk& w, double x, double y, double width) {
  const double u = kit.unit();
  kit.label(QPointF(x, y), tr("Page walk of %1 in process %2").arg(hex(w.address)).arg(w.pid), 1.2, true);
  y += u * 1.6;
  kit.label(QPointF(x, y),
            tr("%1 · VMA %2-%3 %4 %5").arg(w.pagingMode, hex(w.vma.start), hex(w.vma.end), w.vma.perms, w.vma.path),
            0.85);
  y += u * 1.4;
  // The address split into its bit fields: one box per level, width by number of bits.
  int totalBits = 0;
  for (const WalkLevel& l : w.levels) totalBits += l.highBit - l.lowBit + 1;
  double bx = x;
  const double h = kit.boxHeight(2);
  for (const WalkLevel& l : w.levels) {
    const double bw = width * (l.highBit - l.lowBit + 1) / qMax(1, totalBits);
    kit.box(QRectF(bx, y, bw - 2, h), l.name, {tr("bits %1-%2").arg(l.highBit).arg(l.lowBit), tr("= %1").arg(l.index)},
            l.name == QLatin1String("offset") ? colors::muted : colors::kernel, {},
            QStringLiteral("split:%1").arg(l.name));
    bx += bw;
  }
  y += h + u * 0.6;
  // The walk: CR3 → each table's entry [index] → frame.
  kit.label(QPointF(x, y), tr("CR3 (this process's top-level table)"), 0.9, true);
  y += u * 1.2;
  const double stepH = kit.boxHeight(1);
  for (const WalkLevel& l : w.levels) {
    if (l.name == QLatin1String("offset")) continue;
    kit.arrow(QPointF(x + 20, y), QPointF(x + 20, y + 12));
    y += 14;
    // Built from the level's bit range (structured), so it reads in either language; the tool's sentence is the
    // tooltip.
    const int indexBits = l.highBit - l.lowBit + 1;
    auto* step = kit.box(QRectF(x, y, width, stepH), tr("%1 table, entry %2").arg(l.name).arg(l.index),
                         {tr("one of %1 entries; each covers %2 of the address space")
                              .arg(1LL << qBound(0, indexBits, 30))
                              .arg(humanBytes(std::ldexp(1.0, l.lowBit)))},
                         colors::kernel, {}, QStringLiteral("walk:%1").arg(l.name));
    step->setToolTip(toolSays(QStringLiteral("pagewalk"), l.meaning));
    y += stepH;
  }
  kit.arrow(QPointF(x + 20, y), QPointF(x + 20, y + 12));
  y += 14;
  QStringList frame;
  if (w.present && w.pfn >= 0) {
    frame << tr("PFN %1 (%2) → physical address %3").arg(w.pfn).arg(hex(static_cast<quint64>(w.pfn)), w.physAddress);
    if (!w.frameFlags.isEmpty()) frame << tr("frame flags: %1").arg(w.frameFlags.join(QLatin1Char(' ')));
    if (w.mapCount >= 0) frame << tr("mapped %n time(s) (kpagecount)", nullptr, static_cast<int>(w.mapCount));
    if (!w.cgroupPath.isEmpty()) frame << tr("charged to memory cgroup %1").arg(w.cgroupPath);
  } else if (w.present) {
    frame << tr("present in RAM, but the PFN is hidden: pagemap shows PFNs only to root");
  } else if (w.swapped) {
    frame << tr("not in RAM: swapped out (the entry holds the swap location)");
  } else {
    frame << tr("not present: never touched, or dropped — the next access is a page fault");
  }
  const double fh = kit.boxHeight(frame.size());
  kit.box(QRectF(x, y, width, fh), w.present ? tr("Physical frame") : tr("No frame"), frame,
          w.present ? colors::hardware : colors::warning, {}, QStringLiteral("frame"));
  y += fh + u * 0.5;
  if (w.present && w.pfn >= 0) y = drawPhysicalMap(kit, w, x, y, width);
  kit.label(QPointF(x, y), tr("pagemap entry %1").arg(w.pagemapRaw), 0.9, true);
  y += u * 1.2;
  if (currentLanguage() != QLatin1String("en")) {
    kit.label(QPointF(x, y), tr("(bit meanings: pagewalk's output, English)"), 0.75, false, Qt::darkGray);
    y += u;
  }
  for (const PagemapField& f : w.fields) {
    kit.label(QPointF(x, y), QStringLiteral("bit %1  %2 = %3  %4").arg(f.bits, f.name).arg(f.value).arg(f.meaning),
              0.8);
    y += u * 1.05;
  }
  for (const QString& note : w.notes) y += kit.paragraph(QPointF(x, y), width, tr("note: %1").arg(note), 0.8);
  kit.paragraph(QPointF(x, y), width,
                tr("Upper-level entry values live in kernel memory; pagemap reports the walk's result for the page."),
                0.8, Qt::darkGray);
  return y + u * 2;
}

double MemoryPage::drawPhysicalMap(SceneKit& kit, const PageWalk& w, double x, double y, double width) {
  const double u = kit.unit();
  const double frameAddress = static_cast<double>(w.pfn) * 4096.0;
  kit.label(QPointF(x, y), tr("The frame in physical memory"), 0.95, true);
  y += u * 1.3;
  // The JSON carries no RAM ranges (/proc/iomem), so the bar is 0 … installed memory (vmctl info), or 0 … just past
  // the frame when that is unknown. A frame beyond MemTotal is normal: RAM is remapped above the PCI hole below 4 GiB.
  const double ram = machine_.known ? static_cast<double>(machine_.memoryBytes) : 0;
  const double extent = qMax(ram, frameAddress + 4096.0) * (ram > 0 ? 1.0 : 1.25);
  const double barH = u * 1.6;
  kit.scene()->addRect(QRectF(x, y, width, barH), QPen(Qt::gray), QBrush(colors::muted));
  if (ram > 0) {
    kit.scene()->addRect(QRectF(x, y, width * qMin(1.0, ram / extent), barH), QPen(Qt::NoPen),
                         QBrush(colors::hardware));
  }
  // GiB ticks so the position reads as an address.
  const double gib = 1024.0 * 1024 * 1024;
  const double step = extent > 16 * gib ? 4 * gib : extent > 4 * gib ? gib : extent > gib ? gib / 4 : extent / 4;
  for (double a = 0; a <= extent && step > 0; a += step) {
    const double tx = x + width * a / extent;
    kit.scene()->addLine(QLineF(tx, y + barH, tx, y + barH + 4), QPen(Qt::darkGray));
    kit.label(QPointF(tx - 4, y + barH + 4), humanBytes(a), 0.65, false, Qt::darkGray);
  }
  const double fx = x + width * qMin(1.0, frameAddress / extent);
  auto* marker = kit.scene()->addRect(QRectF(fx - 2, y - 4, 4, barH + 8), QPen(Qt::NoPen), QBrush(colors::live));
  marker->setData(kKeyRole, QStringLiteral("physmap:frame"));
  marker->setToolTip(w.physAddress);
  auto* where = kit.label(QPointF(qMin(fx + 6, x + width - 260), y - u * 1.2),
                          tr("PFN %1 = %2").arg(w.pfn).arg(w.physAddress), 0.8, true, colors::live);
  where->setData(kKeyRole, QStringLiteral("physmap:label"));
  y += barH + u * 1.4;
  QString caption;
  if (ram > 0) {
    caption = tr("Physical address space from 0; shaded: the %1 of RAM this machine has (MemTotal, from vmctl info). "
                 "The frame is at %2 (%3 % of the way). Frames above MemTotal are normal: firmware and the PCI hole "
                 "below 4 GiB push part of RAM to higher addresses.")
                  .arg(humanBytes(ram), humanBytes(frameAddress))
                  .arg(100.0 * frameAddress / ram, 0, 'f', 1);
  } else {
    caption = tr("Physical address space from 0 to just past the frame (%1). Open or run vmctl info to draw it "
                 "against this machine's RAM.")
                  .arg(humanBytes(frameAddress));
  }
  y += kit.paragraph(QPointF(x, y), width, caption, 0.8, Qt::darkGray) + u * 0.5;
  return y;
}

double MemoryPage::drawDemo(SceneKit& kit, double y) {
  const double u = kit.unit();
  const MemoryDemo& d = demo_;
  kit.label(QPointF(0, y), tr("Demo: %1").arg(d.title), 1.3, true);
  y += u * 1.8;
  y += kit.paragraph(QPointF(0, y), 1400, toolSays(QStringLiteral("pagewalk"), d.intro), 0.9) + 6;
  if (!d.ran) {
    y = kit.note(QPointF(0, y), 1400, tr("Not shown on this machine"),
                 toolSays(QStringLiteral("pagewalk"), d.notes.join(QLatin1Char('\n'))))
            .bottom() +
        8;
  }
  const int n = static_cast<int>(d.stages.size());
  const double colW = n > 0 ? qMin(460.0, (1400.0 - (n - 1) * 12) / n) : 460;
  double bottom = y;
  for (int i = 0; i < n; ++i) {
    const DemoStage& stage = d.stages.at(i);
    const double cx = i * (colW + 12);
    double cy = y;
    cy += kit.paragraph(QPointF(cx, cy), colW, stage.title, 1.0, colors::text, true);
    cy += kit.paragraph(QPointF(cx, cy), colW, toolSays(QStringLiteral("pagewalk"), stage.explanation), 0.8) + 4;
    for (const DemoObservation& o : stage.observations) {
      const PageWalk& w = o.walk;
      QStringList lines;
      lines << (w.present   ? tr("present, PFN %1").arg(w.pfn >= 0 ? hex(static_cast<quint64>(w.pfn)) : tr("hidden"))
                : w.swapped ? tr("swapped")
                            : tr("not present"));
      lines << tr("%1 %2").arg(hex(w.address), w.exclusive ? tr("exclusive") : QString());
      if (!w.frameFlags.isEmpty()) lines << w.frameFlags.join(QLatin1Char(' '));
      const double h = kit.boxHeight(lines.size());
      kit.box(QRectF(cx, cy, colW, h), o.label, lines, w.present ? colors::anon.lighter(140) : colors::absent, {},
              QStringLiteral("demo:%1:%2").arg(i).arg(o.label));
      cy += h + 6;
    }
    bottom = qMax(bottom, cy);
  }
  y = bottom + u * 0.5;
  for (const DemoFact& f : d.facts) {
    kit.label(QPointF(0, y), QStringLiteral("%1 = %2  — %3").arg(f.name, f.value, f.meaning), 0.85);
    y += u * 1.1;
  }
  if (!d.conclusion.isEmpty())
    y = kit.note(QPointF(0, y + 4), 1400, tr("What this shows"), d.conclusion, colors::userland).bottom();
  return y;
}

}  // namespace virtlab::explorer
