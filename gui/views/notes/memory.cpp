// Notes 001: the page-fault flow (001#4) and the LRU swap table (001#5).
#include <QJsonArray>

#include "views/notes/notesdata.h"
#include "views/notespage.h"

namespace virtlab::explorer {

using notes::at;
using notes::hex;

struct NotesPage::FaultStep {
  QString key;  // scene item key ("fault:2." is what walkthroughs highlight)
  QString title, detail;
};

// One fact of `pagewalk demo fault --json` as the diagram writes it, or "—" naming the field that would give it.
QString NotesPage::faultFact(const QJsonObject* fault, const char* name, FactFormat format, const QString& what) {
  const QJsonValue v = fault ? at(*fault, QStringLiteral("facts.") + QLatin1String(name)) : QJsonValue();
  const QString source = QStringLiteral("pagewalk demo fault --json → facts.%1").arg(QLatin1String(name));
  switch (format) {
    case FactFormat::Number:
      return v.isDouble() ? QString::number(static_cast<qint64>(v.toDouble())) : missing(what, source);
    case FactFormat::Address:
      return v.isDouble() ? hex(static_cast<quint64>(v.toDouble())) : missing(what, source);
    case FactFormat::Frame:
      return v.isDouble() ? hex(static_cast<quint64>(v.toDouble()))
                          : missing(what, source + QStringLiteral(" (as root)"));
    case FactFormat::Bit:
      return v.isBool() ? QString::number(v.toBool() ? 1 : 0) : missing(what, source);
  }
  return {};
}

// A column of the flow's steps, each followed by an arrow (the last one only when `arrowAfterLast`).
double NotesPage::drawFaultSteps(SceneKit& kit, const QList<FaultStep>& steps, double y, bool outlined,
                                 bool arrowAfterLast) {
  const double w = 640, h = kit.boxHeight(1);
  for (int i = 0; i < steps.size(); ++i) {
    kit.box(QRectF(0, y, w, h), steps.at(i).title, {steps.at(i).detail}, colors::kernel, {}, steps.at(i).key,
            outlined ? SceneKit::kOutline : 0);
    y += h;
    if (i + 1 < steps.size() || arrowAfterLast) {
      kit.arrow(QPointF(w / 2, y + 2), QPointF(w / 2, y + 20));
      y += 22;
    }
  }
  return y;
}

// Branch b) of the flow: what `pagewalk demo swap` saw; *lit when pages really came back from swap.
QStringList NotesPage::swapBranchLines(const QJsonObject* swap, bool* lit) {
  *lit = false;
  if (!swap)
    return {missing(tr("a swap-in"), QStringLiteral("pagewalk demo swap --json → facts.major_faults_coming_back"))};
  const QJsonValue available = at(*swap, QStringLiteral("facts.swap_available"));
  const QJsonValue majors = at(*swap, QStringLiteral("facts.major_faults_coming_back"));
  *lit = majors.toDouble() > 0;
  QStringList lines{available.toBool()
                        ? tr("here: swap is on (%1)").arg(at(*swap, QStringLiteral("facts.swap_device")).toString())
                        : tr("here: no swap area (pagewalk demo swap)")};
  if (majors.isDouble())
    lines << tr("page back from disk: %n major fault(s)", nullptr, static_cast<int>(majors.toDouble()));
  if (!available.toBool() && at(*swap, QStringLiteral("facts.file_on_disk")).toBool())
    lines << tr("(a clean file page, re-read from its file)");
  return lines;
}

// Step 5: the three kinds of fault side by side; the ones this machine's demos took are outlined.
double NotesPage::drawFaultBranches(SceneKit& kit, const QJsonObject* fault, const QJsonObject* swap, double y) {
  const double bw = 300, bh = kit.boxHeight(3);
  const bool readZero = fault && at(*fault, QStringLiteral("facts.after_read_zero_page")).toBool();
  const QStringList first{
      readZero ? tr("here: first read → the shared zero page") : tr("here: first read → a frame"),
      tr("PFN %1").arg(faultFact(fault, "after_read_pfn", FactFormat::Frame, tr("the zero page's frame"))),
      tr("first write → own frame, PFN %1")
          .arg(faultFact(fault, "after_write_pfn", FactFormat::Frame, tr("the new frame")))};
  bool swapLit = false;
  const QStringList swapped = swapBranchLines(swap, &swapLit);
  const QList<std::tuple<QString, QStringList, bool>> branches{
      {tr("a) First access: allocate a new frame"), first, fault != nullptr},
      {tr("b) Swapped out: load it from disk"), swapped, swapLit},
      {tr("c) Invalid access: Segmentation fault"),
       {tr("SIGSEGV to the process"), tr("described, not run here")},
       false},
  };
  for (int i = 0; i < branches.size(); ++i) {
    const auto& [title, lines, lit] = branches.at(i);
    kit.box(QRectF(i * (bw + 10), y, bw, bh), title, lines, lit ? colors::userland : colors::muted, {},
            QStringLiteral("fault:5%1").arg(QChar(u'a' + i)), lit ? SceneKit::kOutline : 0);
  }
  return y + bh;
}

// The right column: the demo's own stages, in its words.
void NotesPage::drawFaultDemoStages(SceneKit& kit, const QJsonObject& fault) {
  const double u = kit.unit();
  const double rx = 3 * 300 + 60, rw = 480;
  double ry = headerBottom_;
  kit.label(QPointF(rx, ry), tr("This machine: pagewalk demo fault"), 1.05, true);
  ry += u * 1.5;
  for (const auto& stage : at(fault, QStringLiteral("stages")).toArray()) {
    ry += kit.paragraph(QPointF(rx, ry), rw,
                        toolSays(QStringLiteral("pagewalk"), stage[QStringLiteral("title")].toString()), 0.85,
                        colors::text, true);
    ry += kit.paragraph(QPointF(rx, ry), rw,
                        toolSays(QStringLiteral("pagewalk"), stage[QStringLiteral("explanation")].toString()), 0.8) +
          4;
  }
}

void NotesPage::drawPageFaultFlow(SceneKit& kit) {
  double y = drawHeader(kit, tr("Page fault handling"), QStringLiteral("001#4"));
  const double u = kit.unit();
  const QJsonObject* fault = find(QStringLiteral("pagewalk"), QStringLiteral("demo"), QStringLiteral("fault"));
  const QJsonObject* swap = find(QStringLiteral("pagewalk"), QStringLiteral("demo"), QStringLiteral("swap"));
  const auto number = [&](const char* name, const QString& what) {
    return faultFact(fault, name, FactFormat::Number, what);
  };
  const QString address = faultFact(fault, "address", FactFormat::Address, tr("the address"));
  const QList<FaultStep> before{
      {QStringLiteral("fault:1."), tr("1. The CPU tries to access a virtual address"),
       tr("here: the demo child touches %1").arg(address)},
      {QStringLiteral("fault:2."), tr("2. The MMU checks the page table → Present = 0"),
       tr("here: pagemap bit 63 = %1 before the touch; pages with a frame: %2")
           .arg(faultFact(fault, "before_present", FactFormat::Bit, tr("the Present bit")),
                number("present_pages_before", tr("present pages before")))},
      {QStringLiteral("fault:3."), tr("3. A hardware exception is raised (page fault)"),
       tr("here: the child's minor faults before: %1").arg(number("minor_faults_before", tr("minor faults")))},
      {QStringLiteral("fault:4."), tr("4. The CPU jumps to the OS's page-fault handler"),
       tr("the kernel counts each fault in /proc/PID/stat (field 10 minor, 12 major)")},
  };
  y = drawFaultSteps(kit, before, y, fault != nullptr, true);
  kit.label(QPointF(0, y), tr("5. The OS decides what kind of fault it is:"), 1.05, true);
  y = drawFaultBranches(kit, fault, swap, y + u * 1.5);
  kit.arrow(QPointF(320, y + 2), QPointF(320, y + 20));
  const QList<FaultStep> after{
      {QStringLiteral("fault:6"), tr("6. The page table is updated"),
       tr("here: Present = %1; pages with a frame: %2")
           .arg(faultFact(fault, "after_write_present", FactFormat::Bit, tr("the Present bit")),
                number("present_pages_after", tr("present pages after")))},
      {QStringLiteral("fault:7"), tr("7. The instruction is executed again"),
       tr("here: minor faults %1 → %2 (after the read) → %3 (after the writes)")
           .arg(number("minor_faults_before", tr("minor faults")),
                number("minor_faults_after_read", tr("minor faults")),
                number("minor_faults_after_write", tr("minor faults")))},
  };
  y = drawFaultSteps(kit, after, y + 22, fault != nullptr, false);
  if (fault) drawFaultDemoStages(kit, *fault);
  drawFooter(kit, y + u);
}

void NotesPage::drawLruTable(SceneKit& kit) {
  double y = drawHeader(kit, tr("Swap: the LRU table"), QStringLiteral("001#5"));
  const double u = kit.unit();
  const QJsonObject* sim = find(QStringLiteral("pagewalk"), QStringLiteral("kind"), QStringLiteral("simulate"));
  QJsonObject run;
  if (sim) {
    for (const auto& r : at(*sim, QStringLiteral("runs")).toArray()) {
      if (run.isEmpty() || r[QStringLiteral("algorithm")].toString() == QLatin1String("lru")) run = r.toObject();
      if (run.value(QStringLiteral("algorithm")).toString() == QLatin1String("lru")) break;
    }
  }
  if (run.isEmpty()) {
    missing(tr("the LRU steps"),
            QStringLiteral("pagewalk simulate Aw B C D E -a lru --frames 4 --json → runs[].steps"));
    kit.note(QPointF(0, y), 1000, tr("No simulator run"),
             tr("Run: pagewalk simulate Aw B C D E -a lru --frames 4 --json"));
    drawFooter(kit, y + u * 4);
    return;
  }
  const QJsonArray steps = run.value(QStringLiteral("steps")).toArray();
  const int frames = run.value(QStringLiteral("frames")).toInt();
  // The first eviction is the notes' moment: "a new page is needed and every frame is full".
  int evict = -1;
  for (int i = 0; i < steps.size(); ++i) {
    if (!steps.at(i)[QStringLiteral("victim")].isNull() && !steps.at(i)[QStringLiteral("victim")].isUndefined()) {
      evict = i;
      break;
    }
  }
  kit.label(QPointF(0, y),
            tr("Physical memory: %n frame(s) (pagewalk simulate, LRU), references: %1", nullptr, frames)
                .arg(sim->value(QStringLiteral("reference_string")).toString()),
            1.0);
  y += u * 1.6;
  y = drawLruEviction(kit, y, steps, frames, evict);
  y = drawLruSteps(kit, y, steps, frames, evict);
  kit.label(QPointF(0, y + 4),
            tr("Faults %1, hits %2, evictions %3, write-backs %4   (* = Dirty)")
                .arg(run.value(QStringLiteral("faults")).toInt())
                .arg(run.value(QStringLiteral("hits")).toInt())
                .arg(run.value(QStringLiteral("evictions")).toInt())
                .arg(run.value(QStringLiteral("write_backs")).toInt()),
            0.95, true);
  drawFooter(kit, y + u * 2);
}

// The frames of one LRU step side by side (litFrame outlined); returns the y below them.
double NotesPage::drawLruFrames(SceneKit& kit, double fy, const QJsonArray& content, int frames, int litFrame,
                                const QString& caption) {
  const double u = kit.unit();
  kit.label(QPointF(0, fy), caption, 1.0, true);
  fy += u * 1.4;
  const double fw = 130, fh = kit.boxHeight(2);
  for (int f = 0; f < frames; ++f) {
    const QJsonObject slot = content.at(f).toObject();
    const QString page = slot.value(QStringLiteral("page")).toString();
    const bool dirty = slot.value(QStringLiteral("dirty")).toBool();
    kit.box(QRectF(f * (fw + 6), fy, fw, fh), tr("Frame %1").arg(f),
            {page.isEmpty() ? tr("(empty)") : tr("Page %1").arg(page), dirty ? tr("Dirty = 1") : tr("Dirty = 0")},
            page.isEmpty() ? colors::muted : colors::anon.lighter(140), {}, QStringLiteral("lru:frame:%1").arg(f),
            f == litFrame ? SceneKit::kOutline : 0);
  }
  return fy + fh;
}

// The notes' moment: the first eviction, before and after, and what LRU did (or that nothing had to leave).
double NotesPage::drawLruEviction(SceneKit& kit, double y, const QJsonArray& steps, int frames, int evict) {
  const double u = kit.unit();
  if (evict < 0) {
    kit.note(QPointF(0, y), 1000, tr("No eviction"), tr("Every page fitted in the frames: nothing had to leave."));
    y += u * 4;
  } else {
    const QJsonObject e = steps.at(evict).toObject();
    const QJsonArray beforeFrames = evict > 0 ? steps.at(evict - 1)[QStringLiteral("frames")].toArray() : QJsonArray();
    const int frame = e.value(QStringLiteral("frame")).toInt();
    const QString victim = e.value(QStringLiteral("victim")).toString();
    bool victimDirty = false;
    for (const auto& f : beforeFrames) {
      if (f[QStringLiteral("page")].toString() == victim) victimDirty = f[QStringLiteral("dirty")].toBool();
    }
    y = drawLruFrames(kit, y, beforeFrames, frames, frame, tr("Before step %1: every frame is full").arg(evict + 1)) +
        u * 0.8;
    const QString page = e.value(QStringLiteral("page")).toString();
    const bool wroteBack = e.value(QStringLiteral("write_back")).toBool();
    const QStringList lines{tr("A new page %1 is needed:").arg(page),
                            tr("1. LRU finds the least recently used page: Page %1 (Frame %2)").arg(victim).arg(frame),
                            victimDirty ? tr("2. Page %1's Dirty bit = 1: modified → written to disk, then removed%2")
                                              .arg(victim, wroteBack ? tr(" (write-back: yes)") : QString())
                                        : tr("2. Page %1's Dirty bit = 0: only read → simply removed").arg(victim),
                            tr("3. Page %1 is loaded into Frame %2").arg(page).arg(frame),
                            tr("4. The page table is updated")};
    const double bh = kit.boxHeight(lines.size());
    kit.box(QRectF(0, y, 820, bh), tr("Step %1: reference %2").arg(evict + 1).arg(page), lines, colors::warning, {},
            QStringLiteral("lru:eviction"), SceneKit::kOutline);
    y += bh + u * 0.8;
    y = drawLruFrames(kit, y, e.value(QStringLiteral("frames")).toArray(), frames, frame,
                      tr("After step %1").arg(evict + 1)) +
        u;
  }
  return y;
}

// The simulator's whole step table, the first eviction's row highlighted.
double NotesPage::drawLruSteps(SceneKit& kit, double y, const QJsonArray& steps, int frames, int evict) {
  const double u = kit.unit();
  kit.label(QPointF(0, y), tr("Every step (the simulator's table)"), 1.05, true);
  y += u * 1.5;
  const double cw = 110;
  QStringList header{tr("step"), tr("reference"), tr("result")};
  for (int f = 0; f < frames; ++f) header << tr("Frame %1").arg(f);
  header << tr("victim");
  for (int c = 0; c < header.size(); ++c) kit.label(QPointF(c * cw, y), header.at(c), 0.9, true);
  y += u * 1.2;
  for (int i = 0; i < steps.size(); ++i) {
    const QJsonObject s = steps.at(i).toObject();
    const bool hit = s.value(QStringLiteral("hit")).toBool();
    QStringList cells{QString::number(s.value(QStringLiteral("step")).toInt()),
                      s.value(QStringLiteral("page")).toString() +
                          (s.value(QStringLiteral("write")).toBool() ? tr(" (write)") : QString()),
                      hit ? tr("hit") : tr("fault")};
    const QJsonArray content = s.value(QStringLiteral("frames")).toArray();
    for (int f = 0; f < frames; ++f) {
      const QJsonObject slot = content.at(f).toObject();
      const QString p = slot.value(QStringLiteral("page")).toString();
      cells << (p.isEmpty() ? QStringLiteral("·")
                            : p + (slot.value(QStringLiteral("dirty")).toBool() ? QStringLiteral("*") : QString()));
    }
    const QJsonValue victim = s.value(QStringLiteral("victim"));
    cells << (victim.isString()
                  ? victim.toString() +
                        (s.value(QStringLiteral("write_back")).toBool() ? tr(" (written back)") : QString())
                  : QString());
    for (int c = 0; c < cells.size(); ++c) {
      kit.label(QPointF(c * cw, y), cells.at(c), 0.9, i == evict, i == evict ? colors::live : colors::text);
    }
    y += u * 1.1;
  }
  return y;
}

}  // namespace virtlab::explorer
