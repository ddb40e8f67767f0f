#include "views/page.h"

#include <unistd.h>

#include <utility>

#include <QApplication>

#include "views/i18n.h"

namespace virtlab::explorer {

Page::Page(QObject* parent) : QObject(parent) {
  scene_.setBackgroundBrush(Qt::white);
}

QWidget* Page::createControls(QWidget*) {
  return nullptr;
}
void Page::handleAction(const QString&) {}
bool Page::setOption(const QString&, const QString&) {
  return false;
}

void Page::setStyle(const SceneStyle& style) {
  style_ = style;
  rebuild();
}

bool Page::isBusy() const {
  for (const ToolRunner* r : runners_) {
    if (r->isRunning()) return true;
  }
  return false;
}

void Page::cancel() {
  for (ToolRunner* r : runners_) r->cancel();
}

void Page::rebuild() {
  scene_.clear();
  SceneKit kit(&scene_, style_);
  draw(kit);
  // Fit the scene rect to what was drawn (plus a margin) so exports and "fit" show everything.
  scene_.setSceneRect(scene_.itemsBoundingRect().adjusted(-20, -20, 20, 20));
}

ToolRunner* Page::runner(const QString& name) {
  if (ToolRunner* existing = runners_.value(name)) return existing;
  auto* r = new ToolRunner(this);
  runners_.insert(name, r);
  // The page-wide wiring (busy, status, progress) hangs on its own context object, so pages can drop their
  // per-run connections with disconnect(r, nullptr, this, nullptr) without losing it.
  auto* wiring = new QObject(r);
  connect(r, &ToolRunner::started, wiring, [this](const QString& cmd) {
    if (!wasBusy_) {
      wasBusy_ = true;
      Q_EMIT busyChanged(true);
    }
    Q_EMIT status(tr("running: %1").arg(cmd), false);
  });
  connect(r, &ToolRunner::progress, wiring, [this](const QString& line) { Q_EMIT progress(line); });
  connect(r, &ToolRunner::failed, wiring, [this, r](const QString& error) {
    if (!explainsFailures_.contains(r)) Q_EMIT status(error, true);  // else runTool() decides
  });
  connect(r, &ToolRunner::cancelled, wiring, [this, r] {
    Q_EMIT status(tr("%1 cancelled").arg(r->tool()), false);
    settle();
  });
  return r;
}

void Page::settle() {
  if (isBusy()) return;
  if (wasBusy_) {
    wasBusy_ = false;
    Q_EMIT busyChanged(false);
  }
  Q_EMIT ready();
}

QString Page::toolSays(const QString& tool, const QString& text) {
  if (text.isEmpty() || currentLanguage() == QLatin1String("en")) return text;
  return tr("[%1 output, English] %2").arg(tool, text);
}

bool Page::isRoot() {
  return ::geteuid() == 0;
}

double Page::drawProblem(SceneKit& kit, const QPointF& pos, double width, const QString& problem, int exitCode,
                         const QString& commandLine) {
  QString title = tr("Could not get the data");
  QString body = problem;
  if (exitCode == 4 || (!isRoot() && problem.contains(QStringLiteral("permission"), Qt::CaseInsensitive))) {
    title = tr("This view needs root");
    body = tr("The kernel shows these numbers only to root. Run the explorer as root, or run the tool yourself and "
              "open its output (File ▸ Open replay):\n  sudo %1 > out.json\n\nTool said: %2")
               .arg(commandLine, problem);
  } else if (exitCode == 127) {
    title = tr("Tool not available");
  } else if (exitCode == 5) {
    title = tr("Not supported on this machine");
  }
  return kit.note(pos, width, title, body).bottom();
}

QString Page::take(const QJsonObject&) {
  return tr("this page does not read tool documents");
}

void Page::runTool(const QString& purpose, const QString& tool, const QStringList& args, ToolRunner::Output output,
                   std::function<bool()> then, std::function<bool(int)> failureExplained) {
  ToolRunner* r = runner(purpose);
  disconnect(r, nullptr, this, nullptr);  // the previous run's handlers; the page wiring stays (see runner())
  problem_ = {};
  problem_.command = ToolRunner::commandLine(tool, args);
  connect(r, &ToolRunner::documentReady, this, [this, output](const QJsonObject& doc) {
    const QString error = take(doc);
    if (!error.isEmpty()) {
      problem_.text = error;
      problem_.exitCode = 1;
    }
    if (output == ToolRunner::Output::Stream) rebuild();  // live streams redraw on every sample
  });
  if (failureExplained) {
    explainsFailures_.insert(r);
  } else {
    explainsFailures_.remove(r);
  }
  connect(r, &ToolRunner::failed, this,
          [this, failureExplained = std::move(failureExplained)](const QString& error, int code) {
            // An explained failure (no switch yet, a command's own exit status) is what the page draws, not an error.
            if (!failureExplained || !failureExplained(code)) {
              problem_.text = error;
              problem_.exitCode = code;
              if (failureExplained) Q_EMIT status(error, true);
            }
            rebuild();
            settle();
          });
  connect(r, &ToolRunner::finished, this, [this, then = std::move(then)] {
    rebuild();
    if (then && then()) return;
    settle();
  });
  r->start(tool, args, output);
}

QString Page::replayTool(const QList<QJsonObject>& documents, const QString& tool, const std::function<bool()>& hasData,
                         const QString& nothingMessage) {
  problem_ = {};
  for (const QJsonObject& doc : documents) {
    if (doc.value(QStringLiteral("tool")).toString() != tool) continue;
    const QString error = take(doc);
    if (!error.isEmpty() && problem_.text.isEmpty()) problem_.text = error;
  }
  if (!hasData() && problem_.text.isEmpty()) problem_.text = nothingMessage;
  problem_.exitCode = problem_.text.isEmpty() ? 0 : 1;
  rebuild();
  return problem_.text;
}

double Page::drawProblem(SceneKit& kit, const QPointF& pos, double width) {
  if (problem_.text.isEmpty()) return pos.y();
  return drawProblem(kit, pos, width, problem_.text, problem_.exitCode, problem_.command) + 10;
}

}  // namespace virtlab::explorer
