// Runs one lecture step's commands live, in order, through ToolRunner (argument lists, never a shell): collects
// every document they print and every command that failed, could not run here (a `needs` this machine lacks),
// timed out or was cancelled. Qt Core only; used by the presentation (async) and by --record (with an event loop).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include "models/lecture.h"
#include "models/toolrunner.h"

namespace explorer {

class StepRunner : public QObject {
  Q_OBJECT
 public:
  explicit StepRunner(QObject* parent = nullptr);

  // Starts the step (a running one is cancelled first). finished() comes once, also for a step without commands.
  void start(const Lecture& lecture, int stepIndex);
  void cancel();  // Esc: the running tool gets SIGTERM; the step finishes with cancelled = true
  bool isRunning() const { return index_ >= 0; }
  int stepIndex() const { return index_; }

  // Runs the step to completion inside a local event loop (--record, headless).
  static RecordedStep runBlocking(const Lecture& lecture, int stepIndex, bool* cancelled = nullptr);

 Q_SIGNALS:
  void commandStarted(int stepIndex, int command, int commands, const QString& commandLine);
  void progress(int stepIndex, const QString& line);
  void finished(int stepIndex, const explorer::RecordedStep& result, bool cancelled);

 private:
  void next();
  void fail(int exitCode, const QString& error);

  ToolRunner runner_;
  QTimer timeout_;
  const Lecture* lecture_ = nullptr;
  int index_ = -1;
  int command_ = 0;
  bool cancelled_ = false;
  bool timedOut_ = false;
  RecordedStep result_;
};

}  // namespace explorer
