#include "views/cgroupspage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>

#include "models/document.h"
#include "views/i18n.h"

namespace virtlab::explorer {

namespace {

QString signalName(qint64 signal) {
  switch (signal) {
    case 2:
      return QStringLiteral("SIGINT");
    case 6:
      return QStringLiteral("SIGABRT");
    case 9:
      return QStringLiteral("SIGKILL");
    case 11:
      return QStringLiteral("SIGSEGV");
    case 15:
      return QStringLiteral("SIGTERM");
    default:
      return QStringLiteral("signal %1").arg(signal);
  }
}

const QStringList kTreeArgs{QStringLiteral("-b"), QStringLiteral("--json"),  QStringLiteral("--depth"),
                            QStringLiteral("2"),  QStringLiteral("--order"), QStringLiteral("memory")};
}  // namespace

CgroupsPage::CgroupsPage(QObject* parent) : Page(parent) {}

QList<QJsonObject> CgroupsPage::record() const {
  QList<QJsonObject> docs;
  if (haveTree_) docs << treeDoc_;
  docs << runDocs_;
  return docs;
}

QString CgroupsPage::take(const QJsonObject& doc) {
  const QString kind = cgtopKind(doc);
  QString error;
  if (kind == QLatin1String("snapshot")) {
    CgroupSnapshot s;
    if (!parseCgroupSnapshot(doc, &s, &error)) return error;
    // A snapshot holding only a /virtlab/run-… group is a `cgtop run` live sample.
    const bool runSample = s.cgroups.size() == 1 && s.cgroups.first().path.startsWith(QLatin1String("/virtlab/"));
    if (runSample) {
      runSample_ = s;
      haveRunSample_ = true;
      runDocs_ << doc;
    } else {
      tree_ = s;
      treeDoc_ = doc;
      haveTree_ = true;
    }
  } else if (kind == QLatin1String("run-report")) {
    if (!parseCgroupRunReport(doc, &report_, &error)) return error;
    haveReport_ = true;
    runDocs_ << doc;
  } else {
    return checkSchema(doc, QStringLiteral("cgtop"), kCgtopMajor);
  }
  return {};
}

void CgroupsPage::refresh() {
  QStringList args = kTreeArgs;
  // Two refreshes give CPU % (a difference); the window keeps streaming once a second until Cancel.
  if (!live_) args << QStringLiteral("-n") << QStringLiteral("2") << QStringLiteral("-d") << QStringLiteral("0.5");
  runTool(QStringLiteral("tree"), QStringLiteral("cgtop"), args, ToolRunner::Output::Stream);
}

void CgroupsPage::runLimited(const QStringList& command, const QString& cpu, const QString& memory,
                             const QString& pids) {
  QStringList args{QStringLiteral("run"), QStringLiteral("--json"), QStringLiteral("-d"), QStringLiteral("0.5")};
  if (!cpu.isEmpty()) args << QStringLiteral("--cpu") << cpu;
  if (!memory.isEmpty()) args << QStringLiteral("--memory") << memory;
  if (!pids.isEmpty()) args << QStringLiteral("--pids") << pids;
  args << QStringLiteral("--") << command;
  haveRunSample_ = haveReport_ = false;
  runDocs_.clear();
  // cgtop run exits with the command's own status (137 after an OOM kill): with a report that is no failure.
  runTool(QStringLiteral("run"), QStringLiteral("cgtop"), args, ToolRunner::Output::Stream, {},
          [this](int) { return haveReport_; });
}

QString CgroupsPage::replay(const QList<QJsonObject>& documents) {
  haveTree_ = haveRunSample_ = haveReport_ = false;
  runDocs_.clear();
  return replayTool(
      documents, QStringLiteral("cgtop"), [this] { return haveTree_ || haveRunSample_ || haveReport_; },
      tr("no cgtop document in this file"));
}

QWidget* CgroupsPage::createControls(QWidget* parent) {
  live_ = true;  // a window: stream until Cancel
  auto* panel = new QWidget(parent);
  auto* layout = new QHBoxLayout(panel);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->addWidget(new QLabel(tr("Run under limits:"), panel));
  auto* command = new QLineEdit(panel);
  command->setPlaceholderText(tr("command, e.g. stress-ng --vm 1 --vm-bytes 128M"));
  layout->addWidget(command, 2);
  auto addField = [&](const QString& label, const QString& placeholder) {
    layout->addWidget(new QLabel(label, panel));
    auto* edit = new QLineEdit(panel);
    edit->setPlaceholderText(placeholder);
    edit->setMaximumWidth(80);
    layout->addWidget(edit);
    return edit;
  };
  QLineEdit* cpu = addField(tr("CPU"), QStringLiteral("0.5"));
  QLineEdit* memory = addField(tr("memory"), QStringLiteral("64M"));
  QLineEdit* pids = addField(tr("tasks"), QStringLiteral("32"));
  auto* run = new QPushButton(tr("Run"), panel);
  connect(run, &QPushButton::clicked, this, [this, command, cpu, memory, pids] {
    // Split like a shell would, but run without one: the argument list goes straight to cgtop.
    const QStringList argv = QProcess::splitCommand(command->text());
    if (argv.isEmpty()) {
      Q_EMIT status(tr("type a command to run under the limits"), true);
      return;
    }
    runLimited(argv, cpu->text().trimmed(), memory->text().trimmed(), pids->text().trimmed());
  });
  layout->addWidget(run);
  return panel;
}

void CgroupsPage::draw(SceneKit& kit) {
  const double u = kit.unit();
  double y = 0;
  kit.label(QPointF(0, y), tr("Control groups: what each group uses against its limits"), 1.5, true);
  y += u * 2;
  y = drawProblem(kit, QPointF(0, y), 1400);
  if (!haveTree_ && !haveRunSample_ && !haveReport_) {
    if (problem_.text.isEmpty())
      kit.note(QPointF(0, y), 1400, tr("No data yet"), tr("Press Refresh to stream cgtop, or open a replay."));
    return;
  }
  if (haveRunSample_ || haveReport_) {
    kit.label(QPointF(0, y), tr("cgtop run: a command in its own cgroup"), 1.2, true);
    y += u * 1.6;
    if (haveRunSample_) y = drawTree(kit, runSample_, y, 1) + u * 0.5;
    if (haveReport_) {
      const CgroupRunReport& r = report_;
      QString outcome =
          r.signal >= 0 ? tr("killed by signal %1").arg(r.signal) : tr("exit status %1").arg(r.exitStatus);
      if (r.oomKills > 0) outcome += tr(" — OOM kill ×%1").arg(r.oomKills);
      const QRectF note =
          kit.note(QPointF(0, y), 1400,
                   tr("%1: %2 in %3 s (limits: %4)")
                       .arg(r.command.join(QLatin1Char(' ')).simplified().left(60), outcome)
                       .arg(r.wallSeconds, 0, 'f', 2)
                       .arg(r.limits.join(QStringLiteral(", "))),
                   runVerdict(r).join(QLatin1Char('\n')), r.oomKills > 0 ? colors::vm : colors::userland);
      y = note.bottom() + u * 0.4;
      // cgtop's own sentences are English free text: shown as the tool's output, never machine-translated.
      if (!r.explanation.isEmpty() && currentLanguage() != QLatin1String("en")) {
        y += kit.paragraph(QPointF(0, y), 1400,
                           tr("cgtop's own explanation (tool output, English):") + QLatin1Char('\n') +
                               r.explanation.join(QLatin1Char('\n')),
                           0.8, Qt::darkGray);
      }
      y += u;
    }
  }
  if (haveTree_) {
    kit.label(QPointF(0, y),
              tr("%1 hierarchy · %2 CPUs · refresh %3 (rates over %4 s) · %n cgroup(s)", nullptr,
                 static_cast<int>(tree_.cgroups.size()))
                  .arg(tree_.layout)
                  .arg(tree_.cpus)
                  .arg(tree_.refresh)
                  .arg(tree_.intervalSeconds, 0, 'f', 2),
              0.95);
    y += u * 1.5;
    drawTree(kit, tree_, y, 60);
  }
}

QStringList CgroupsPage::runVerdict(const CgroupRunReport& r) {
  // Built from cgtop's numbers, so both languages say the same thing (cgtop's own sentences are English).
  QStringList lines;
  const QString seconds = QString::number(r.wallSeconds, 'f', 2);
  if (r.interruptedBy >= 0) {
    lines << tr("cgtop was stopped by %1 and stopped the command after %2 s in cgroup %3.")
                 .arg(signalName(r.interruptedBy), seconds, r.cgroup);
  } else if (r.signal >= 0) {
    lines << tr("The command ran for %1 s in cgroup %2 (%3 hierarchy) and was killed by %4.")
                 .arg(seconds, r.cgroup, r.layout, signalName(r.signal));
  } else {
    lines << tr("The command ran for %1 s in cgroup %2 (%3 hierarchy) and exited with status %4.")
                 .arg(seconds, r.cgroup, r.layout)
                 .arg(r.exitStatus);
  }
  lines << tr("CPU: %1 s of CPU time = %2 % of one CPU on average (100 % = one CPU fully busy).")
               .arg(r.cpuUsageNs / 1e9, 0, 'f', 2)
               .arg(r.cpuAveragePercent, 0, 'f', 1);
  if (r.nrThrottled > 0) {
    lines << tr("CPU limit hit: throttled in %1 of %2 periods, %3 s in all waiting for the next period.")
                 .arg(r.nrThrottled)
                 .arg(r.nrPeriods)
                 .arg(static_cast<double>(r.throttledNs) / 1e9, 0, 'f', 2);
  } else if (r.nrPeriods > 0) {
    lines << tr("CPU limit never reached: %1 of %2 periods throttled.")
                 .arg(qMax<qint64>(0, r.nrThrottled))
                 .arg(r.nrPeriods);
  }
  const CgroupLimit memoryLimit = r.limitOf(QStringLiteral("memory"));
  bool limitIsBytes = false;
  const double limitBytes = memoryLimit.value.toDouble(&limitIsBytes);
  const QString limitText = memoryLimit.file.isEmpty() ? tr("no limit")
                            : limitIsBytes ? QStringLiteral("%1 = %2").arg(memoryLimit.file, humanBytes(limitBytes))
                                           : QStringLiteral("%1 = %2").arg(memoryLimit.file, memoryLimit.value);
  if (r.oomKills > 0) {
    lines << tr("Memory limit hit: %n OOM kill(s) at a peak of %1 (%2). The kernel could not reclaim enough memory in "
                "the group, so it killed the largest task.",
                nullptr, static_cast<int>(r.oomKills))
                 .arg(humanBytes(qMax(0.0, r.memoryPeak)), limitText);
  } else if (r.memoryPeak >= 0) {
    lines << tr("Memory: peak %1 (%2).").arg(humanBytes(r.memoryPeak), limitText);
  }
  if (r.memoryMaxEvents > 0) {
    lines << tr("The memory limit was reached %n time(s): the kernel reclaimed pages of the group each time.", nullptr,
                static_cast<int>(r.memoryMaxEvents));
  }
  if (r.forkRefused > 0) {
    lines << tr("Tasks limit hit: the kernel refused %n fork(s).", nullptr, static_cast<int>(r.forkRefused));
  }
  return lines;
}

double CgroupsPage::drawTree(SceneKit& kit, const CgroupSnapshot& s, double y, int maxRows) {
  const double u = kit.unit();
  const double nameW = 470, barW = 230, rowH = u * 1.35;
  const double cpuX = nameW, memX = cpuX + barW + 70, ioX = memX + barW + 90;
  kit.label(QPointF(0, y), tr("cgroup"), 0.9, true);
  kit.label(QPointF(cpuX, y), tr("CPU (100 % = one CPU; bar to the limit)"), 0.8, true);
  kit.label(QPointF(memX, y), tr("memory (bar to the limit)"), 0.8, true);
  kit.label(QPointF(ioX, y), tr("I/O · tasks · events"), 0.8, true);
  y += u * 1.3;
  double rootMemory = 1;
  for (const CgroupSample& c : s.cgroups) rootMemory = qMax(rootMemory, c.memoryCurrent);
  int rows = 0, hidden = 0, more = 0;
  for (const CgroupSample& c : s.cgroups) {
    // Empty groups (no tasks, no memory, no CPU) only add noise: count them instead of drawing them.
    if (c.depth > 0 && c.tasks <= 0 && c.memoryCurrent <= 0 && c.cpuPercent <= 0) {
      ++hidden;
      continue;
    }
    if (rows == maxRows) {
      ++more;
      continue;
    }
    ++rows;
    const QString name = c.path == QLatin1String("/") ? c.path
                         : c.depth == 0               ? c.path
                                                      : c.path.section(QLatin1Char('/'), -1);
    auto* text = kit.label(QPointF(c.depth * 18, y),
                           c.label.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, c.label), 0.85, c.depth == 0);
    text->setToolTip(c.path);
    text->setData(kKeyRole, QStringLiteral("cgroup:%1").arg(c.path));
    // CPU bar: against the quota when there is one, else against all CPUs.
    const double cpuScale = c.quotaCores > 0 ? c.quotaCores * 100 : qMax(1, s.cpus) * 100.0;
    kit.scene()->addRect(QRectF(cpuX, y + 3, barW, rowH - 6), QPen(Qt::gray), QBrush(colors::muted));
    if (c.cpuPercent >= 0) {
      const bool throttled = c.nrThrottled > 0;
      kit.scene()->addRect(QRectF(cpuX, y + 3, qMin(1.0, c.cpuPercent / cpuScale) * barW, rowH - 6), QPen(Qt::NoPen),
                           QBrush(throttled ? colors::swapped : colors::anon));
      kit.label(QPointF(cpuX + barW + 4, y), QStringLiteral("%1%").arg(c.cpuPercent, 0, 'f', 1), 0.75);
    } else {
      kit.label(QPointF(cpuX + 4, y), tr("n/a"), 0.7, false, Qt::darkGray);
    }
    if (c.quotaCores > 0) kit.label(QPointF(cpuX + barW - 60, y), tr("≤ %1 CPU").arg(c.quotaCores, 0, 'g', 3), 0.7);
    // Memory bar: against the limit, else against the largest group.
    const double memScale = c.memoryLimit > 0 ? c.memoryLimit : rootMemory;
    kit.scene()->addRect(QRectF(memX, y + 3, barW, rowH - 6), QPen(c.memoryLimit > 0 ? colors::live : Qt::gray),
                         QBrush(colors::muted));
    if (c.memoryCurrent >= 0) {
      kit.scene()->addRect(QRectF(memX, y + 3, qMin(1.0, c.memoryCurrent / memScale) * barW, rowH - 6), QPen(Qt::NoPen),
                           QBrush(colors::file));
      if (c.workingSet >= 0) {
        kit.scene()->addRect(QRectF(memX, y + rowH / 2, qMin(1.0, c.workingSet / memScale) * barW, 3), QPen(Qt::NoPen),
                             QBrush(colors::file.darker(160)));
      }
      kit.label(QPointF(memX + barW + 4, y),
                c.memoryLimit > 0 ? QStringLiteral("%1/%2").arg(humanBytes(c.memoryCurrent), humanBytes(c.memoryLimit))
                                  : humanBytes(c.memoryCurrent),
                0.75);
    } else {
      kit.label(QPointF(memX + 4, y), tr("n/a"), 0.7, false, Qt::darkGray);
    }
    QStringList extra;
    if (c.ioReadBps >= 0)
      extra << tr("r %1/s w %2/s").arg(humanBytes(c.ioReadBps), humanBytes(qMax(0.0, c.ioWriteBps)));
    if (c.tasks >= 0)
      extra << (c.tasksMax >= 0 ? tr("%1/%2 tasks").arg(c.tasks).arg(c.tasksMax) : tr("%1 tasks").arg(c.tasks));
    if (c.nrThrottled > 0) extra << tr("⏸ throttled %1×").arg(c.nrThrottled);
    kit.label(QPointF(ioX, y), extra.join(QStringLiteral(" · ")), 0.75);
    if (c.oomKills > 0) {
      kit.label(QPointF(ioX + 300, y), tr("OOM kill ×%1").arg(c.oomKills), 0.85, true, colors::live);
    }
    y += rowH;
  }
  if (more > 0 || hidden > 0) {
    kit.label(
        QPointF(0, y),
        tr("… %1 more cgroups not drawn; %2 empty cgroups hidden (no tasks, memory or CPU)").arg(more).arg(hidden),
        0.85);
    y += rowH;
  }
  return y;
}

}  // namespace virtlab::explorer
