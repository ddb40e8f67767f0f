// Runs one virtlab tool through QProcess with an argument list (never a shell) and turns its stdout into
// JSON documents: one document for `tool --json`, one per line for streams (`cgtop --json` keeps running).
// stderr lines are progress (--explain steps, notices); on failure the tool's one-line error is surfaced.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QStringList>

namespace virtlab::explorer {

struct RunResult {
  QList<QJsonObject> documents;
  int exitCode = -1;
  QString error;  // empty on success: otherwise the tool's own one-line error or why it could not start
  bool ok() const { return error.isEmpty(); }
};

class ToolRunner : public QObject {
  Q_OBJECT
 public:
  enum class Output { Document, Stream };

  explicit ToolRunner(QObject* parent = nullptr);
  ~ToolRunner() override;

  // Where a tool binary is: $VIRTLAB_BIN_DIR, the explorer's own directory (build/bin), then $PATH.
  // Empty when not found.
  static QString locate(const QString& tool);
  // "pagewalk 1234 --json" — for hints ("run: sudo …") and the status line.
  static QString commandLine(const QString& tool, const QStringList& args);
  // The last meaningful stderr line ("pagewalk: error: …"), which is the tools' one-line error format.
  static QString oneLineError(const QByteArray& stderrBytes, const QString& tool, int exitCode);

  // Starts the tool; a running one is cancelled first. Emits failed() (not an exception) when it cannot start.
  void start(const QString& tool, const QStringList& args, Output output = Output::Document);
  // SIGTERM (the tools clean up and exit 128+15), SIGKILL if it does not exit within two seconds.
  void cancel();
  // The same, synchronously and without signals (teardown): returns once the tool has exited.
  void stopNow();
  bool isRunning() const;
  QString tool() const { return tool_; }

  // Runs to completion (headless mode, tests). timeoutMs < 0 waits forever; a stream is stopped after
  // `maxDocuments` documents.
  static RunResult runBlocking(const QString& tool, const QStringList& args, int timeoutMs = 120000,
                               int maxDocuments = 0);

 Q_SIGNALS:
  void started(const QString& commandLine);
  void progress(const QString& line);          // a stderr line while it runs
  void documentReady(const QJsonObject& doc);  // each document as it arrives
  void failed(const QString& error, int exitCode);
  void finished(int exitCode);  // after success; failures emit failed() instead
  void cancelled();

 private:
  void onStdout();
  void onStderr();
  void onFinished(int exitCode, QProcess::ExitStatus status);

  QProcess* process_ = nullptr;
  QString tool_;
  Output output_ = Output::Document;
  QByteArray stdout_;
  QByteArray stderr_;
  QByteArray stderrLine_;
  bool cancelling_ = false;
};

}  // namespace virtlab::explorer
