#include "views/lecturesession.h"

#include <QEventLoop>
#include <QGraphicsRectItem>
#include <QTextOption>
#include <QTimer>

#include "views/page.h"
#include "views/scenekit.h"

namespace virtlab::explorer {

namespace {

QString when(const QDateTime& t) {
  return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) : QStringLiteral("?");
}

}  // namespace

LectureSession::LectureSession(Lecture lecture, Mode mode, RecordingLoad recording, QObject* parent)
    : QObject(parent), lecture_(std::move(lecture)), mode_(mode), recording_(std::move(recording)) {
  states_.resize(lecture_.steps.size());
  connect(&runner_, &StepRunner::commandStarted, this, [this](int, int command, int commands, const QString& line) {
    runningCommand_ = QStringLiteral("[%1/%2] %3").arg(command + 1).arg(commands).arg(line);
    Q_EMIT progress(tr("running: %1").arg(runningCommand_));
  });
  connect(&runner_, &StepRunner::progress, this, [this](int, const QString& line) { Q_EMIT progress(line); });
  connect(&runner_, &StepRunner::finished, this, &LectureSession::onLiveFinished);
}

LectureSession::~LectureSession() {
  runner_.disconnect(this);
}

void LectureSession::prepare(int index) {
  if (index < 0 || index >= count()) return;
  State& s = states_[index];
  if (s.ready) return;
  if (mode_ == Mode::Replay) {
    const auto it = recording_.steps.constFind(lecture_.steps.at(index).id);
    s.fromRecording = true;
    if (it == recording_.steps.cend()) {
      s.noRecording = true;
      show(index, {});
    } else {
      show(index, *it);
    }
    Q_EMIT stepReady(index);
    return;
  }
  if (runner_.isRunning()) {
    // Only the step asked for last waits (the one on screen); steps skipped past are run when shown again.
    if (runner_.stepIndex() != index) queue_ = {index};
    return;
  }
  runningCommand_.clear();
  Q_EMIT busyChanged(true);
  runner_.start(lecture_, index);
}

void LectureSession::onLiveFinished(int index, const RecordedStep& result, bool cancelled) {
  State& s = states_[index];
  s.liveFailures = result.failures;
  runningCommand_.clear();
  const bool failed = !result.failures.isEmpty() || cancelled;
  const auto recorded = recording_.steps.constFind(result.step);
  if (failed && recorded != recording_.steps.cend() && !recorded->documents.isEmpty()) {
    s.fromRecording = true;
    show(index, *recorded);
  } else {
    s.noRecording = failed;
    show(index, result);
  }
  Q_EMIT stepReady(index);
  // The step asked for while this one ran.
  while (!queue_.isEmpty()) {
    const int next = queue_.takeFirst();
    if (!states_.at(next).ready) {
      prepare(next);
      return;
    }
  }
  Q_EMIT busyChanged(false);
}

void LectureSession::show(int index, const RecordedStep& data) {
  State& s = states_[index];
  const LectureStep& step = lecture_.steps.at(index);
  s.data = data;
  s.ready = true;
  if (!s.page) {
    s.page = createPage(step.page, this);
    if (!s.page) {
      s.problem = tr("the page \"%1\" is not in this build of the explorer").arg(step.page);
      return;
    }
    SceneStyle style;
    style.basePointSize = 12;
    s.page->setStyle(style);
    for (auto it = step.options.cbegin(); it != step.options.cend(); ++it) {
      if (!s.page->setOption(it.key(), it.value())) {
        s.problem = tr("option %1=%2 does not apply to the %3 page").arg(it.key(), it.value(), step.page);
      }
    }
  }
  const QString error = s.page->replay(data.documents);
  if (s.problem.isEmpty() && !data.documents.isEmpty()) s.problem = error;
  if (s.problem.isEmpty() && data.documents.isEmpty() && !step.commands.isEmpty()) s.problem = error;
  outlineKeys(s.page->scene(), step.highlight);
}

void LectureSession::cancel() {
  queue_.clear();
  runner_.cancel();
}

bool LectureSession::prepareBlocking(int index, int timeoutMs) {
  if (isReady(index)) return true;
  QEventLoop loop;
  const auto connection = connect(this, &LectureSession::stepReady, &loop, [&loop, index](int ready) {
    if (ready == index) loop.quit();
  });
  QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
  prepare(index);
  if (!isReady(index)) loop.exec();
  disconnect(connection);
  if (!isReady(index)) cancel();
  return isReady(index);
}

void LectureSession::rebuildAll() {
  for (int i = 0; i < states_.size(); ++i) {
    if (!states_.at(i).page) continue;
    states_.at(i).page->rebuild();
    outlineKeys(states_.at(i).page->scene(), lecture_.steps.at(i).highlight);
  }
}

QString LectureSession::sourceLine(int index) const {
  const State& s = states_.at(index);
  if (!s.ready) return {};
  const RecordedStep& d = s.data;
  const QString host = d.hostname.isEmpty() ? QStringLiteral("?") : d.hostname;
  QString why;
  if (!s.liveFailures.isEmpty()) {
    const RecordedFailure& f = s.liveFailures.first();
    why = f.exitCode == 130 ? tr("live run cancelled") : tr("live: %1 (exit %2)").arg(f.error).arg(f.exitCode);
  }
  if (s.noRecording && mode_ == Mode::Replay) return tr("no recording of this step");
  if (s.noRecording) return tr("%1; no recording of this step to show instead").arg(why);
  if (s.fromRecording) {
    const QString recorded = tr("recorded %1 on %2 (kernel %3)").arg(when(d.recorded), host, d.kernel);
    return why.isEmpty() ? recorded : tr("%1 — %2").arg(recorded, why);
  }
  return tr("live %1 on %2").arg(when(d.recorded), host);
}

void outlineKeys(QGraphicsScene* scene, const QStringList& keys) {
  if (!scene || keys.isEmpty()) return;
  QList<QRectF> rects;
  for (const QGraphicsItem* item : scene->items()) {
    const QString key = item->data(kKeyRole).toString();
    if (!key.isEmpty() && keys.contains(key)) rects << item->sceneBoundingRect();
  }
  for (const QRectF& r : rects) {
    // Amber, apart from the pages' own red "this machine" outline.
    auto* outline = scene->addRect(r.adjusted(-7, -7, 7, 7), QPen(QColor(0xff, 0x8f, 0x00), 6));
    outline->setZValue(1000);
    outline->setData(kKeyRole, QStringLiteral("highlight"));
  }
}

StepPaint stepPaint(const LectureSession& session, int index, const QString& language, double pointSize) {
  const Lecture& l = session.lecture();
  const LectureStep& step = l.steps.at(index);
  StepPaint p;
  p.header = QStringLiteral("%1 — %2/%3").arg(l.title.in(language)).arg(index + 1).arg(l.steps.size());
  p.title = step.title.in(language);
  p.narration = step.narration.in(language);
  p.missing = step.missing.in(language);
  p.pointSize = pointSize;
  if (!session.isReady(index)) {
    p.busy = session.runningStep() == index && !session.runningCommand().isEmpty()
                 ? LectureSession::tr("running: %1").arg(session.runningCommand())
                 : LectureSession::tr("running the step's tools…");
    return p;
  }
  p.footer = session.sourceLine(index);
  p.problem = session.problem(index);
  if (Page* page = session.page(index)) p.scene = page->scene();
  return p;
}

namespace {

// What the parts of a step page are drawn with: the painter, the text area inside the margins and its measures.
struct StepPageCanvas {
  QPainter& painter;
  QRectF inner;
  double margin = 0;
  int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;

  QFont font(double pt, bool bold) const {
    QFont f = painter.font();
    f.setPointSizeF(pt);
    f.setBold(bold);
    return f;
  }
  // The height `text` takes at the full text width (0 for no text); leaves `f` set on the painter.
  double height(const QFont& f, const QString& text) const {
    if (text.isEmpty()) return 0.0;
    painter.setFont(f);
    return painter.boundingRect(QRectF(0, 0, inner.width(), 1e6), flags, text).height();
  }
};

// The header line and the title; returns the y below them.
double paintHeading(const StepPageCanvas& c, const StepPaint& step) {
  QPainter& painter = c.painter;
  double top = c.inner.top();
  const QFont headerFont = c.font(step.pointSize * 0.6, false);
  painter.setFont(headerFont);
  painter.setPen(QColor(0x75, 0x75, 0x75));
  const double headerH = c.height(headerFont, step.header);
  painter.drawText(QRectF(c.inner.left(), top, c.inner.width(), headerH), c.flags, step.header);
  top += headerH;
  const QFont titleFont = c.font(step.pointSize * 1.5, true);
  const double titleH = c.height(titleFont, step.title);
  painter.setFont(titleFont);
  painter.setPen(colors::text);
  painter.drawText(QRectF(c.inner.left(), top, c.inner.width(), titleH), c.flags, step.title);
  return top + titleH + c.margin * 0.3;
}

// The texts under the scene, with the fonts and heights they fit in.
struct StepBottom {
  QString footer;
  QFont footerFont, narrationFont, missingFont;
  double footerH = 0, narrationH = 0, missingH = 0;
};

// The bottom, from the end up: footer, problem, narration (shrunk until the scene keeps ≥ 45% of the height),
// and the "missing here" note.
StepBottom fitBottom(const StepPageCanvas& c, const StepPaint& step, double top) {
  StepBottom b;
  b.footerFont = c.font(step.pointSize * 0.55, false);
  b.footer = step.problem.isEmpty()
                 ? step.footer
                 : (step.footer.isEmpty() ? step.problem : step.footer + QStringLiteral(" · ") + step.problem);
  b.footerH = c.height(b.footerFont, b.footer);
  double scale = 1.0;
  b.narrationFont = c.font(step.pointSize, false);
  b.missingFont = c.font(step.pointSize * 0.7, false);
  for (;;) {
    b.narrationFont = c.font(step.pointSize * scale, false);
    b.missingFont = c.font(step.pointSize * 0.7 * scale, false);
    b.narrationH = c.height(b.narrationFont, step.narration);
    b.missingH = step.missing.isEmpty() ? 0 : c.height(b.missingFont, step.missing) + c.margin * 0.4;
    const double sceneH = c.inner.bottom() - top - b.footerH - b.narrationH - b.missingH - c.margin * 0.6;
    if (sceneH >= c.inner.height() * 0.45 || scale < 0.5) break;
    scale *= 0.9;
  }
  return b;
}

// Draws the bottom texts; returns the y above them.
double paintBottom(const StepPageCanvas& c, const StepPaint& step, const StepBottom& b) {
  QPainter& painter = c.painter;
  const QRectF& inner = c.inner;
  double bottom = inner.bottom();
  if (b.footerH > 0) {
    bottom -= b.footerH;
    painter.setFont(b.footerFont);
    painter.setPen(step.problem.isEmpty() ? QColor(0x61, 0x61, 0x61) : QColor(0xb7, 0x1c, 0x1c));
    painter.drawText(QRectF(inner.left(), bottom, inner.width(), b.footerH), c.flags, b.footer);
  }
  bottom -= b.narrationH + c.margin * 0.2;
  painter.setFont(b.narrationFont);
  painter.setPen(colors::text);
  painter.drawText(QRectF(inner.left(), bottom, inner.width(), b.narrationH), c.flags, step.narration);
  if (b.missingH > 0) {
    bottom -= b.missingH;
    const QRectF box(inner.left(), bottom, inner.width(), b.missingH - c.margin * 0.2);
    painter.setPen(QPen(QColor(0xef, 0x6c, 0x00), 2));
    painter.setBrush(colors::warning);
    painter.drawRect(box);
    painter.setFont(b.missingFont);
    painter.setPen(colors::text);
    painter.drawText(box.adjusted(c.margin * 0.2, c.margin * 0.1, -c.margin * 0.2, 0), c.flags, step.missing);
  }
  return bottom;
}

}  // namespace

void paintStep(QPainter& painter, const QRectF& rect, const StepPaint& step) {
  painter.save();
  painter.fillRect(rect, Qt::white);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setRenderHint(QPainter::TextAntialiasing);
  const double margin = rect.width() * 0.025;
  const StepPageCanvas canvas{painter, rect.adjusted(margin, margin * 0.7, -margin, -margin * 0.7), margin};
  const double top = paintHeading(canvas, step);
  const double bottom = paintBottom(canvas, step, fitBottom(canvas, step, top));
  const QRectF sceneRect(canvas.inner.left(), top, canvas.inner.width(), bottom - top - margin * 0.2);
  if (!step.busy.isEmpty()) {
    painter.setFont(canvas.font(step.pointSize, false));
    painter.setPen(QColor(0x61, 0x61, 0x61));
    painter.setBrush(Qt::NoBrush);
    painter.drawText(sceneRect, Qt::AlignCenter | Qt::TextWordWrap, step.busy);
  } else if (step.scene) {
    QGraphicsScene* scene = step.scene;
    scene->render(&painter, sceneRect, scene->sceneRect(), Qt::KeepAspectRatio);
  }
  painter.restore();
}

}  // namespace virtlab::explorer
