#include "models/toolrunner.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

#include "models/document.h"

namespace virtlab::explorer {

ToolRunner::ToolRunner(QObject* parent) : QObject(parent) {}

ToolRunner::~ToolRunner() {
  stopNow();
}

void ToolRunner::stopNow() {
  if (process_ && process_->state() != QProcess::NotRunning) {
    // Never leave a tool behind (it may hold cgroups or namespaces): terminate and wait for its cleanup.
    const QSignalBlocker quiet(process_);  // no finished/cancelled signals from a runner being torn down
    process_->terminate();
    if (!process_->waitForFinished(2000)) {
      process_->kill();
      process_->waitForFinished(1000);
    }
  }
}

QString ToolRunner::locate(const QString& tool) {
  QStringList dirs;
  const QString env = qEnvironmentVariable("VIRTLAB_BIN_DIR");
  if (!env.isEmpty()) dirs << env;
  if (QCoreApplication::instance()) dirs << QCoreApplication::applicationDirPath();
  for (const QString& dir : dirs) {
    const QFileInfo info(QDir(dir).filePath(tool));
    if (info.isFile() && info.isExecutable()) return info.absoluteFilePath();
  }
  return QStandardPaths::findExecutable(tool);
}

QString ToolRunner::commandLine(const QString& tool, const QStringList& args) {
  QStringList parts{tool};
  for (const QString& arg : args) {
    parts << (arg.contains(QLatin1Char(' ')) ? QStringLiteral("'%1'").arg(arg) : arg);
  }
  return parts.join(QLatin1Char(' '));
}

QString ToolRunner::oneLineError(const QByteArray& stderrBytes, const QString& tool, int exitCode) {
  const QList<QByteArray> lines = stderrBytes.split('\n');
  QString fallback;
  for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
    const QString line = QString::fromUtf8(it->trimmed());
    if (line.isEmpty()) continue;
    if (line.contains(QStringLiteral("error"), Qt::CaseInsensitive)) return line;
    if (fallback.isEmpty()) fallback = line;
  }
  if (!fallback.isEmpty()) return fallback;
  return QStringLiteral("%1 exited with code %2 and printed no error").arg(tool).arg(exitCode);
}

void ToolRunner::start(const QString& tool, const QStringList& args, Output output) {
  if (isRunning()) cancel();
  tool_ = tool;
  output_ = output;
  stdout_.clear();
  stderr_.clear();
  stderrLine_.clear();
  cancelling_ = false;
  const QString program = locate(tool);
  if (program.isEmpty()) {
    Q_EMIT failed(QStringLiteral("%1 not found: build it (cmake --build build/default --target %1) or set "
                                 "VIRTLAB_BIN_DIR")
                      .arg(tool),
                  127);
    return;
  }
  if (process_) process_->deleteLater();
  process_ = new QProcess(this);
  process_->setProgram(program);
  process_->setArguments(args);
  connect(process_, &QProcess::readyReadStandardOutput, this, &ToolRunner::onStdout);
  connect(process_, &QProcess::readyReadStandardError, this, &ToolRunner::onStderr);
  connect(process_, &QProcess::finished, this, &ToolRunner::onFinished);
  connect(process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError err) {
    if (err == QProcess::FailedToStart) {
      Q_EMIT failed(QStringLiteral("%1 failed to start: %2").arg(tool_, process_->errorString()), 127);
    }
  });
  Q_EMIT started(commandLine(tool, args));
  process_->start();
}

void ToolRunner::cancel() {
  if (!isRunning()) return;
  cancelling_ = true;
  process_->terminate();
  QProcess* process = process_;
  QTimer::singleShot(2000, process, [process] {
    if (process->state() != QProcess::NotRunning) process->kill();
  });
}

bool ToolRunner::isRunning() const {
  return process_ && process_->state() != QProcess::NotRunning;
}

void ToolRunner::onStdout() {
  stdout_ += process_->readAllStandardOutput();
  if (output_ != Output::Stream) return;
  // Streams: every complete line is one document, delivered as it arrives.
  qsizetype newline;
  while ((newline = stdout_.indexOf('\n')) >= 0) {
    const QByteArray line = stdout_.left(newline).trimmed();
    stdout_.remove(0, newline + 1);
    if (line.isEmpty()) continue;
    const LoadResult parsed = parseDocuments(line);
    if (!parsed.ok()) {
      Q_EMIT progress(QStringLiteral("%1: skipped a bad stream line: %2").arg(tool_, parsed.error));
      continue;
    }
    Q_EMIT documentReady(parsed.documents.first());
  }
}

void ToolRunner::onStderr() {
  const QByteArray chunk = process_->readAllStandardError();
  stderr_ += chunk;
  stderrLine_ += chunk;
  qsizetype newline;
  while ((newline = stderrLine_.indexOf('\n')) >= 0) {
    const QString line = QString::fromUtf8(stderrLine_.left(newline)).trimmed();
    stderrLine_.remove(0, newline + 1);
    if (!line.isEmpty()) Q_EMIT progress(line);
  }
}

void ToolRunner::onFinished(int exitCode, QProcess::ExitStatus status) {
  onStdout();
  if (cancelling_) {
    Q_EMIT cancelled();
    return;
  }
  if (status == QProcess::CrashExit) {
    Q_EMIT failed(QStringLiteral("%1 crashed: %2").arg(tool_, oneLineError(stderr_, tool_, exitCode)), exitCode);
    return;
  }
  if (exitCode != 0) {
    Q_EMIT failed(oneLineError(stderr_, tool_, exitCode), exitCode);
    return;
  }
  if (output_ == Output::Document) {
    const LoadResult parsed = parseDocuments(stdout_);
    if (!parsed.ok()) {
      Q_EMIT failed(QStringLiteral("%1 printed unreadable JSON: %2").arg(tool_, parsed.error), exitCode);
      return;
    }
    for (const QJsonObject& doc : parsed.documents) Q_EMIT documentReady(doc);
  }
  Q_EMIT finished(exitCode);
}

RunResult ToolRunner::runBlocking(const QString& tool, const QStringList& args, int timeoutMs, int maxDocuments) {
  RunResult result;
  const QString program = locate(tool);
  if (program.isEmpty()) {
    result.exitCode = 127;
    result.error = QStringLiteral(
                       "%1 not found: build it (cmake --build build/default --target %1) or set "
                       "VIRTLAB_BIN_DIR")
                       .arg(tool);
    return result;
  }
  QProcess process;
  process.start(program, args);
  if (!process.waitForStarted(10000)) {
    result.exitCode = 127;
    result.error = QStringLiteral("%1 failed to start: %2").arg(tool, process.errorString());
    return result;
  }
  QByteArray out;
  QElapsedTimer clock;
  clock.start();
  bool stopped = false;
  while (process.state() != QProcess::NotRunning) {
    process.waitForReadyRead(100);
    out += process.readAllStandardOutput();
    if (maxDocuments > 0 && out.count('\n') >= maxDocuments) {
      stopped = true;
      break;
    }
    if (timeoutMs >= 0 && clock.elapsed() > timeoutMs) {
      result.error = QStringLiteral("%1 did not finish within %2 s: stopped").arg(tool).arg(timeoutMs / 1000);
      stopped = true;
      break;
    }
  }
  if (stopped) {
    process.terminate();
    if (!process.waitForFinished(2000)) {
      process.kill();
      process.waitForFinished(1000);
    }
  }
  out += process.readAllStandardOutput();
  const QByteArray err = process.readAllStandardError();
  result.exitCode = stopped ? 0 : process.exitCode();
  if (!result.error.isEmpty()) return result;
  if (!stopped && (process.exitStatus() != QProcess::NormalExit || result.exitCode != 0)) {
    result.error = oneLineError(err, tool, result.exitCode);
    return result;
  }
  if (stopped && maxDocuments > 0) {
    // Keep only complete lines of the stream we cut.
    out.truncate(out.lastIndexOf('\n') + 1);
  }
  const LoadResult parsed = parseDocuments(out);
  if (!parsed.ok()) {
    result.error = QStringLiteral("%1 printed unreadable JSON: %2").arg(tool, parsed.error);
    return result;
  }
  result.documents = parsed.documents;
  return result;
}

}  // namespace virtlab::explorer
