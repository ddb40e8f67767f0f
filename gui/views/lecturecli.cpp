#include "views/lecturecli.h"

#include <QApplication>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextStream>

#include "views/exporter.h"
#include "views/i18n.h"
#include "views/lecturesession.h"
#include "views/lecturewindow.h"
#include "views/page.h"

namespace virtlab::explorer {

namespace {

constexpr double kScreenPointSize = 22;
constexpr double kPdfPointSize = 13;

// The page options the walkthrough gives must be options the page takes (as on the command line).
QString checkPageOptions(const Lecture& lecture) {
  for (int i = 0; i < lecture.steps.size(); ++i) {
    const LectureStep& step = lecture.steps.at(i);
    std::unique_ptr<Page> page(createPage(step.page, nullptr));
    if (!page) continue;  // a page this build does not have yet: said on screen for that step
    for (auto it = step.options.cbegin(); it != step.options.cend(); ++it) {
      if (!page->setOption(it.key(), it.value())) {
        return QStringLiteral("%1: step \"%2\" (#%3): field \"view.options.%4\": \"%5\" does not apply to the %6 page")
            .arg(lecture.path, step.id)
            .arg(i + 1)
            .arg(it.key(), it.value(), step.page);
      }
    }
  }
  return {};
}

// Loads and validates; prints the one-line error. Returns 0 or the exit code.
int load(const QString& path, Lecture* lecture) {
  QTextStream err(stderr);
  if (!QFileInfo::exists(path)) {
    err << "explorer: error: walkthrough " << path << " not found (check the path; walkthroughs are lectures/*.json)\n";
    return 2;
  }
  LectureLoad loaded = loadLecture(path);
  QString error = loaded.error;
  if (error.isEmpty()) error = checkPageOptions(loaded.lecture);
  if (!error.isEmpty()) {
    err << "explorer: error: " << error << "\n";
    return 2;
  }
  *lecture = loaded.lecture;
  return 0;
}

int record(const Lecture& lecture, const QString& path, bool useTestVm) {
  QTextStream err(stderr);
  // Steps this machine cannot run (kvm/cgroup2 steps are recorded in the test VM) keep their previous recording.
  const RecordingLoad previous = QFileInfo::exists(path) ? loadRecording(path, lecture.id) : RecordingLoad{};
  QList<RecordedStep> lines;
  int live = 0;
  int kept = 0;
  int failed = 0;
  for (int i = 0; i < lecture.steps.size(); ++i) {
    const LectureStep& step = lecture.steps.at(i);
    err << "step " << i + 1 << "/" << lecture.steps.size() << " " << step.id << ": " << step.commands.size()
        << " command(s)\n";
    err.flush();
    const RecordedStep result = StepRunner::runBlocking(lecture, i, nullptr, useTestVm);
    for (const RecordedFailure& f : result.failures) {
      err << "  failed: " << ToolRunner::commandLine(f.tool, f.args) << ": " << f.error << " (exit " << f.exitCode
          << ")\n";
    }
    const auto old = previous.steps.constFind(step.id);
    if (!result.failures.isEmpty() && old != previous.steps.cend() && !old->documents.isEmpty()) {
      err << "  kept the previous recording of this step (" << old->recorded.toString(Qt::ISODate) << " on "
          << old->hostname << ", kernel " << old->kernel << ")\n";
      lines << *old;
      ++kept;
    } else {
      err << "  " << result.documents.size() << " document(s)\n";
      lines << result;
      if (result.failures.isEmpty()) {
        ++live;
      } else {
        ++failed;
      }
    }
    err.flush();
  }
  QString error;
  if (!saveRecording(path, lines, &error)) {
    err << "explorer: error: " << error << "\n";
    return 1;
  }
  err << "recorded " << lines.size() << " step(s) of " << lecture.id << " to " << path << ": " << live << " live, "
      << kept << " kept from the previous recording, " << failed << " with failures\n";
  return failed > 0 ? 1 : 0;
}

}  // namespace

bool exportLecturePdf(LectureSession& session, const QString& path, double pointSize, QString* error) {
  QPdfWriter writer(path);
  writer.setPageSize(QPageSize(QPageSize::A4));
  writer.setPageOrientation(QPageLayout::Landscape);
  writer.setPageMargins(QMarginsF(0, 0, 0, 0));
  writer.setResolution(150);
  writer.setTitle(session.lecture().title.in(currentLanguage()));
  writer.setCreator(QStringLiteral("virtlab explorer"));
  QPainter painter;
  if (!painter.begin(&writer)) {
    if (error) *error = QStringLiteral("cannot write %1 (is the directory writable?)").arg(path);
    return false;
  }
  const QRectF page(0, 0, writer.width(), writer.height());
  for (int i = 0; i < session.count(); ++i) {
    if (!session.prepareBlocking(i)) {
      if (error)
        *error = QStringLiteral("step %1 (%2) did not get its data").arg(i + 1).arg(session.lecture().steps.at(i).id);
      painter.end();
      return false;
    }
    if (i > 0) writer.newPage();
    paintStep(painter, page, stepPaint(session, i, currentLanguage(), pointSize));
  }
  painter.end();
  return true;
}

namespace {

// The recording the session starts from: --replay's file, or (live) the lecture's default recording if one
// exists. Returns 0, or the exit code of the error it printed.
int loadSessionRecording(const Lecture& lecture, const LectureCliOptions& options, QTextStream& err,
                         LectureSession::Mode* mode, RecordingLoad* recording) {
  *mode = LectureSession::Mode::Live;
  QString recordingPath = options.replay;
  if (!options.replay.isEmpty()) {
    *mode = LectureSession::Mode::Replay;
    if (!QFileInfo::exists(options.replay)) {
      err << "explorer: error: recording " << options.replay << " not found (check the path)\n";
      return 3;
    }
  } else {
    recordingPath = defaultRecordingPath(lecture);
  }
  if (QFileInfo::exists(recordingPath)) {
    *recording = loadRecording(recordingPath, lecture.id);
    if (!recording->ok()) {
      err << "explorer: error: " << recording->error << "\n";
      if (*mode == LectureSession::Mode::Replay) return 1;
    }
  }
  return 0;
}

// --step N --screenshot OUT.png: one step painted into an image of --size.
int screenshotStep(LectureSession& session, const Lecture& lecture, const LectureCliOptions& options, double pt,
                   QTextStream& err) {
  const int index = options.step > 0 ? options.step - 1 : 0;
  if (!session.prepareBlocking(index)) {
    err << "explorer: error: step " << index + 1 << " did not get its data in time\n";
    return 1;
  }
  if (!session.problem(index).isEmpty())
    err << "explorer: step " << index + 1 << ": " << session.problem(index) << "\n";
  QImage image(options.size, QImage::Format_ARGB32_Premultiplied);
  image.setDotsPerMeterX(3780);  // 96 dpi: point sizes as on a common screen
  image.setDotsPerMeterY(3780);
  QPainter painter(&image);
  paintStep(painter, QRectF(QPointF(0, 0), options.size), stepPaint(session, index, currentLanguage(), pt));
  painter.end();
  if (!image.save(options.screenshot, "PNG")) {
    err << "explorer: error: cannot write " << options.screenshot << " (is the directory writable?)\n";
    return 1;
  }
  if (options.traceSteps) {
    err << "step " << index + 1 << "/" << session.count() << " " << lecture.steps.at(index).id << "\n";
  }
  return 0;
}

// Without a window: --screenshot and/or --export OUT.pdf.
int renderLecture(LectureSession& session, const Lecture& lecture, const LectureCliOptions& options, QTextStream& err) {
  const double pt = options.pointSize > 0 ? options.pointSize : kScreenPointSize;
  if (!options.screenshot.isEmpty()) {
    if (const int code = screenshotStep(session, lecture, options, pt, err)) return code;
  }
  if (!options.exportPdf.isEmpty()) {
    QString error;
    if (!exportLecturePdf(session, options.exportPdf, options.pointSize > 0 ? options.pointSize : kPdfPointSize,
                          &error)) {
      err << "explorer: error: " << error << "\n";
      return 1;
    }
    err << "wrote " << options.exportPdf << ": " << session.count() << " page(s), one per step\n";
  }
  return 0;
}

// The lecture window (it takes the session) until it is closed.
int presentLecture(LectureSession* session, const LectureCliOptions& options, QTextStream& err) {
  if (options.noDisplay) {
    delete session;
    err << "explorer: error: no display (DISPLAY and WAYLAND_DISPLAY are unset): present it in a desktop session, or "
           "render it with --export OUT.pdf or --step N --screenshot OUT.png\n";
    return 5;
  }
  LectureWindow::Options windowOptions;
  windowOptions.pointSize = options.pointSize > 0 ? options.pointSize : kScreenPointSize;
  windowOptions.traceSteps = options.traceSteps;
  windowOptions.presenter = options.presenter;
  windowOptions.fullScreen = options.fullScreen;
  LectureWindow window(session, windowOptions);
  if (options.step > 0) window.goTo(options.step - 1);
  window.present();
  return QApplication::exec();
}

}  // namespace

int runLecture(const LectureCliOptions& options) {
  QTextStream err(stderr);
  Lecture lecture;
  if (const int code = load(options.lecture, &lecture)) return code;
  if (options.step < 0 || options.step > lecture.steps.size()) {
    err << "explorer: error: --step " << options.step << " is not a step of " << lecture.id << " (1-"
        << lecture.steps.size() << ")\n";
    return 2;
  }
  if (!options.record.isEmpty()) {
    if (!options.replay.isEmpty()) {
      err << "explorer: error: --record runs every step live: it does not take --replay\n";
      return 2;
    }
    return record(lecture, options.record, !options.noTestVm);
  }
  LectureSession::Mode mode = LectureSession::Mode::Live;
  RecordingLoad recording;
  if (const int code = loadSessionRecording(lecture, options, err, &mode, &recording)) return code;
  auto* session = new LectureSession(lecture, mode, recording);
  QObject::connect(session, &LectureSession::progress, session, [&err, &options](const QString& line) {
    if (!options.screenshot.isEmpty() || !options.exportPdf.isEmpty()) {
      err << "explorer: " << line << "\n";
      err.flush();
    }
  });
  if (!options.exportPdf.isEmpty() || !options.screenshot.isEmpty()) {
    std::unique_ptr<LectureSession> owner(session);
    return renderLecture(*session, lecture, options, err);
  }
  return presentLecture(session, options, err);
}

bool openLectureWindow(const QString& path, QString* error, QWidget* parent) {
  LectureLoad loaded = loadLecture(path);
  QString problem = loaded.error;
  if (problem.isEmpty()) problem = checkPageOptions(loaded.lecture);
  if (!problem.isEmpty()) {
    if (error) *error = problem;
    return false;
  }
  RecordingLoad recording;
  const QString recordingPath = defaultRecordingPath(loaded.lecture);
  if (QFileInfo::exists(recordingPath)) recording = loadRecording(recordingPath, loaded.lecture.id);
  auto* session = new LectureSession(loaded.lecture, LectureSession::Mode::Live, recording);
  LectureWindow::Options options;
  auto* window = new LectureWindow(session, options, parent);
  window->present();
  return true;
}

}  // namespace virtlab::explorer
