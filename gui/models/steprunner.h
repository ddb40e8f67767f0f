// Runs one lecture step's commands live, in order, through ToolRunner (argument lists, never a shell): collects
// every document they print and every command that failed, could not run here (a `needs` this machine lacks),
// timed out or was cancelled. Qt Core only; used by the presentation (async) and by --record (with an event loop).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include "models/lecture.h"
#include "models/toolrunner.h"

namespace virtlab::explorer {

class StepRunner : public QObject {
  Q_OBJECT
 public:
  explicit StepRunner(QObject* parent = nullptr);
  ~StepRunner() override;  // runs the step's pending cleanup commands (blocking) when destroyed mid-step

  // Starts the step (a running one is abandoned first, its cleanup commands run). finished() comes once, also for a
  // step without commands.
  void start(const Lecture& lecture, int stepIndex);
  // Esc: the running tool gets SIGTERM, later commands are skipped except cleanup ones (a running cleanup command
  // is left to finish); the step finishes with cancelled = true.
  void cancel();
  bool isRunning() const { return index_ >= 0; }
  int stepIndex() const { return index_; }

  // --record: a command whose `needs` this machine lacks (kvm, cgroup2, swap, vlan-filtering — not root) runs inside
  // the test VM instead (`testvm run [--swap 256M] [--cgroup v2] -- /path/to/tool ARGS`: real KVM, pure cgroup v2,
  // swap, a Debian kernel whose bridge filters VLANs); its documents are the guest's.
  void setUseTestVm(bool use) { useTestVm_ = use; }
  // testvm's arguments for running `command` in the VM; empty when the tool is not found.
  static QStringList testVmArguments(const LectureCommand& command, const QStringList& missingNeeds);

  // Runs the step to completion inside a local event loop (--record, headless).
  static RecordedStep runBlocking(const Lecture& lecture, int stepIndex, bool* cancelled = nullptr,
                                  bool useTestVm = false);

 Q_SIGNALS:
  void commandStarted(int stepIndex, int command, int commands, const QString& commandLine);
  void progress(int stepIndex, const QString& line);
  void finished(int stepIndex, const virtlab::explorer::RecordedStep& result, bool cancelled);

 private:
  void next();
  // Stops the running step synchronously, without finished(); runs its cleanup commands that have not run yet.
  void abandonNow();
  void startCommand(const QString& tool, const QStringList& args, bool stream, double timeoutSeconds, bool inVm);
  void fail(int exitCode, const QString& error);

  ToolRunner runner_;
  QTimer timeout_;
  const Lecture* lecture_ = nullptr;
  int index_ = -1;
  int command_ = 0;
  bool cancelled_ = false;
  bool timedOut_ = false;
  bool useTestVm_ = false;
  bool inVm_ = false;  // the running command is the test VM running the step's command
  RecordedStep result_;
};

}  // namespace virtlab::explorer
