// A walkthrough being presented: one explorer Page per step (its options set, its documents replayed, its
// highlight outlined), filled live (StepRunner: the step's commands, results kept so going back is instant) or
// from a recording; a live step whose command fails, needs root or lacks kvm/cgroup2/… falls back to the recorded
// documents of that step and says so. paintStep() draws one step (title, the page's scene, narration, where the
// data came from) for the window, the screenshot and every page of the PDF handout.
#pragma once

#include <QGraphicsScene>
#include <QObject>
#include <QPainter>
#include <QVector>

#include "models/lecture.h"
#include "models/steprunner.h"

namespace virtlab::explorer {

class Page;

class LectureSession : public QObject {
  Q_OBJECT
 public:
  enum class Mode { Live, Replay };
  // `recording` may be empty (no file): live steps then have nothing to fall back on.
  LectureSession(Lecture lecture, Mode mode, RecordingLoad recording, QObject* parent = nullptr);
  ~LectureSession() override;

  const Lecture& lecture() const { return lecture_; }
  int count() const { return static_cast<int>(lecture_.steps.size()); }
  Mode mode() const { return mode_; }

  // Makes step `index` ready: replay at once; live starts its commands (stepReady() when done; kept afterwards).
  void prepare(int index);
  bool isReady(int index) const { return states_.at(index).ready; }
  bool isRunning() const { return runner_.isRunning(); }
  int runningStep() const { return runner_.stepIndex(); }
  void cancel();  // the live step finishes with the recording (or what it has)
  // Blocks (local event loop) until the step is ready; false after `timeoutMs`.
  bool prepareBlocking(int index, int timeoutMs = 300000);
  // Redraws every prepared page (after a language change).
  void rebuildAll();

  Page* page(int index) const { return states_.at(index).page; }
  // One line: where the step's data came from ("live …" / "recorded <date> on <host>" / why the recording is
  // shown), translated; empty while a live step runs.
  QString sourceLine(int index) const;
  // Why the step's picture may be incomplete (the page's replay error, an unknown page or option); empty if none.
  QString problem(int index) const { return states_.at(index).problem; }
  bool fromRecording(int index) const { return states_.at(index).fromRecording; }
  const RecordedStep& data(int index) const { return states_.at(index).data; }
  QString runningCommand() const { return runningCommand_; }

 Q_SIGNALS:
  void stepReady(int index);
  void progress(const QString& line);  // the running command and its stderr lines (status bar)
  void busyChanged(bool busy);

 private:
  struct State {
    Page* page = nullptr;
    bool ready = false;
    bool fromRecording = false;
    bool noRecording = false;  // live failed and the recording has no such step
    RecordedStep data;         // the documents on screen
    QList<RecordedFailure> liveFailures;
    QString problem;
  };
  void show(int index, const RecordedStep& data);
  void onLiveFinished(int index, const RecordedStep& result, bool cancelled);

  Lecture lecture_;
  Mode mode_;
  RecordingLoad recording_;
  QVector<State> states_;
  StepRunner runner_;
  QList<int> queue_;  // the live step asked for while another one runs
  QString runningCommand_;
};

// Outlines the scene items whose key (kKeyRole) is listed (the step's "highlight").
void outlineKeys(QGraphicsScene* scene, const QStringList& keys);

struct StepPaint {
  QString header;  // "Lecture title — 3/12"
  QString title;
  QString narration;
  QString missing;  // what this machine cannot show
  QString footer;   // where the data came from
  QString problem;
  QString busy;  // non-empty while the step's tools run: drawn instead of the scene
  QGraphicsScene* scene = nullptr;
  double pointSize = 20;  // narration; the title is 1.5×
};
StepPaint stepPaint(const LectureSession& session, int index, const QString& language, double pointSize);
// Paints one step into `rect` (white background): header, title, scene (aspect kept), missing note, narration,
// footer. Fonts are in points, so the same call fits a 1920×1080 window, a PNG and an A4 PDF page.
void paintStep(QPainter& painter, const QRectF& rect, const StepPaint& step);

}  // namespace virtlab::explorer
