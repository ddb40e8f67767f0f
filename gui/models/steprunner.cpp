#include "models/steprunner.h"

#include <QEventLoop>

namespace virtlab::explorer {

StepRunner::StepRunner(QObject* parent) : QObject(parent) {
  timeout_.setSingleShot(true);
  connect(&timeout_, &QTimer::timeout, this, [this] {
    timedOut_ = true;
    runner_.cancel();
  });
  connect(&runner_, &ToolRunner::documentReady, this, [this](const QJsonObject& doc) { result_.documents << doc; });
  connect(&runner_, &ToolRunner::progress, this, [this](const QString& line) {
    if (index_ >= 0) Q_EMIT progress(index_, line);
  });
  connect(&runner_, &ToolRunner::failed, this, [this](const QString& error, int code) {
    timeout_.stop();
    // --record: "not supported here" (exit 5) from a command that names what it needs goes to the test VM once
    // (e.g. this kernel's bridge cannot filter VLANs, though no config file said so beforehand).
    const LectureCommand& c = lecture_->steps.at(index_).commands.at(command_);
    QStringList vmNeeds = c.needs;
    vmNeeds.removeAll(QStringLiteral("root"));
    if (code == 5 && useTestVm_ && !inVm_ && !vmNeeds.isEmpty() && c.tool != QLatin1String("testvm")) {
      const QStringList vm = testVmArguments(c, vmNeeds);
      if (!vm.isEmpty()) {
        Q_EMIT progress(index_, QStringLiteral("%1; running it in the test VM").arg(error));
        startCommand(QStringLiteral("testvm"), vm, c.stream, c.timeoutSeconds + 240, true);
        return;
      }
    }
    fail(code, error);
    next();
  });
  connect(&runner_, &ToolRunner::finished, this, [this](int) {
    timeout_.stop();
    ++command_;
    next();
  });
  connect(&runner_, &ToolRunner::cancelled, this, [this] {
    timeout_.stop();
    const LectureCommand& c = lecture_->steps.at(index_).commands.at(command_);
    if (timedOut_) {
      // A stream stopped at its timeout keeps what it printed; a single document that never came is a failure.
      timedOut_ = false;
      if (!c.stream || result_.documents.isEmpty()) {
        fail(124, QStringLiteral("%1 did not finish within %2 s: stopped").arg(c.tool).arg(c.timeoutSeconds));
      } else {
        ++command_;
      }
      next();
      return;
    }
    fail(130, QStringLiteral("%1 cancelled").arg(c.tool));
    cancelled_ = true;  // next() still runs the step's cleanup commands
    next();
  });
}

void StepRunner::start(const Lecture& lecture, int stepIndex) {
  abandonNow();  // a step still running is stopped here and now, its cleanup commands run
  lecture_ = &lecture;
  index_ = stepIndex;
  command_ = 0;
  cancelled_ = timedOut_ = false;
  result_ = {};
  result_.lecture = lecture.id;
  result_.step = lecture.steps.at(stepIndex).id;
  result_.recorded = QDateTime::currentDateTimeUtc();
  currentHost(&result_.hostname, &result_.kernel);
  // Asynchronously, so finished() never arrives before the caller connected and returned.
  QTimer::singleShot(0, this, [this, stepIndex] {
    if (index_ == stepIndex && !runner_.isRunning()) next();
  });
}

StepRunner::~StepRunner() {
  abandonNow();
}

void StepRunner::abandonNow() {
  if (!isRunning()) return;
  // What earlier commands made (a NAT switch) must not outlive the step, even when the explorer closes mid-step.
  const QList<LectureCommand>& commands = lecture_->steps.at(index_).commands;
  const bool wasRunning = runner_.isRunning();
  const bool stoppedCleanup = wasRunning && command_ < commands.size() && commands.at(command_).cleanup;
  runner_.stopNow();
  // A cleanup command stopped halfway runs again from its start (they are idempotent: net down).
  for (qsizetype i = command_ + (wasRunning && !stoppedCleanup ? 1 : 0); i < commands.size(); ++i) {
    if (commands.at(i).cleanup)
      ToolRunner::runBlocking(commands.at(i).tool, commands.at(i).args,
                              static_cast<int>(commands.at(i).timeoutSeconds * 1000));
  }
  index_ = -1;
}

void StepRunner::cancel() {
  if (!isRunning()) return;
  const QList<LectureCommand>& commands = lecture_->steps.at(index_).commands;
  if (runner_.isRunning() && command_ < commands.size() && commands.at(command_).cleanup) {
    cancelled_ = true;  // a cleanup command is never stopped: it runs to its end, then the step finishes
    return;
  }
  if (runner_.isRunning()) {
    runner_.cancel();  // cancelled() finishes the step
    return;
  }
  cancelled_ = true;
}

void StepRunner::fail(int exitCode, const QString& error) {
  const LectureCommand& c = lecture_->steps.at(index_).commands.at(command_);
  result_.failures << RecordedFailure{c.tool, c.args, exitCode,
                                      inVm_ ? QStringLiteral("in the test VM: %1").arg(error) : error};
  inVm_ = false;
  ++command_;
}

void StepRunner::next() {
  if (index_ < 0) return;
  const LectureStep& step = lecture_->steps.at(index_);
  while (command_ < step.commands.size()) {
    const LectureCommand& c = step.commands.at(command_);
    if (cancelled_ && !c.cleanup) {
      ++command_;
      continue;
    }
    inVm_ = false;
    QString missing;
    for (const QString& need : c.needs) {
      missing = missingNeed(need);
      if (!missing.isEmpty()) break;
    }
    const double timeoutSeconds = c.timeoutSeconds;
    if (!missing.isEmpty()) {
      QStringList lacking;
      for (const QString& need : c.needs) {
        if (!missingNeed(need).isEmpty()) lacking << need;
      }
      const QStringList vm =
          useTestVm_ && !lacking.contains(QStringLiteral("root")) && c.tool != QLatin1String("testvm")
              ? testVmArguments(c, lacking)
              : QStringList();
      if (vm.isEmpty()) {
        fail(missing.startsWith(QLatin1String("needs root")) ? 4 : 5, missing);
        continue;
      }
      Q_EMIT progress(index_, QStringLiteral("%1; running it in the test VM").arg(missing));
      startCommand(QStringLiteral("testvm"), vm, c.stream, timeoutSeconds + 240, true);  // + the VM's boot
      return;
    }
    startCommand(c.tool, c.args, c.stream, timeoutSeconds, false);
    return;  // failed() may already have come (tool not found): next() was called from there
  }
  const int index = index_;
  const bool cancelled = cancelled_;
  index_ = -1;
  const RecordedStep result = result_;
  Q_EMIT finished(index, result, cancelled);
}

void StepRunner::startCommand(const QString& tool, const QStringList& args, bool stream, double timeoutSeconds,
                              bool inVm) {
  inVm_ = inVm;
  Q_EMIT commandStarted(index_, command_, static_cast<int>(lecture_->steps.at(index_).commands.size()),
                        ToolRunner::commandLine(tool, args));
  timeout_.start(static_cast<int>(timeoutSeconds * 1000));
  runner_.start(tool, args, stream ? ToolRunner::Output::Stream : ToolRunner::Output::Document);
}

QStringList StepRunner::testVmArguments(const LectureCommand& command, const QStringList& missingNeeds) {
  const QString program = ToolRunner::locate(command.tool);
  if (program.isEmpty()) return {};
  QStringList args{QStringLiteral("run"), QStringLiteral("--timeout"),
                   QString::number(static_cast<int>(command.timeoutSeconds) + 120)};
  if (missingNeeds.contains(QStringLiteral("swap"))) args << QStringLiteral("--swap") << QStringLiteral("256M");
  if (missingNeeds.contains(QStringLiteral("cgroup2"))) args << QStringLiteral("--cgroup") << QStringLiteral("v2");
  if (missingNeeds.contains(QStringLiteral("kvm")) || missingNeeds.contains(QStringLiteral("vlan-filtering"))) {
    args << QStringLiteral("--cpus") << QStringLiteral("2");
  }
  args << QStringLiteral("--") << program << command.args;
  return args;
}

RecordedStep StepRunner::runBlocking(const Lecture& lecture, int stepIndex, bool* cancelled, bool useTestVm) {
  StepRunner runner;
  runner.setUseTestVm(useTestVm);
  RecordedStep result;
  QEventLoop loop;
  connect(&runner, &StepRunner::finished, &loop, [&](int, const RecordedStep& r, bool c) {
    result = r;
    if (cancelled) *cancelled = c;
    loop.quit();
  });
  runner.start(lecture, stepIndex);
  loop.exec();
  return result;
}

}  // namespace virtlab::explorer
