// One explorer page: a QGraphicsScene drawn from tool documents, either live (tools run through ToolRunner)
// or replayed from a saved file. Pages never show dialogs: problems are drawn in the scene and sent to the
// window's status area through status().
#pragma once

#include <QGraphicsScene>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QSet>
#include <functional>

#include "models/toolrunner.h"
#include "views/scenekit.h"

class QWidget;

namespace virtlab::explorer {

class Page : public QObject {
  Q_OBJECT
 public:
  explicit Page(QObject* parent = nullptr);

  virtual QString id() const = 0;     // "layers", "memory", "cgroups", "namespaces", "vm"
  virtual QString title() const = 0;  // translated

  QGraphicsScene* scene() { return &scene_; }
  const QGraphicsScene* scene() const { return &scene_; }

  // Live: start the tools this page needs; busyChanged(false) + ready() when everything has answered.
  virtual void refresh() = 0;
  // Replay: draw saved documents exactly as live. Returns an error (empty = drawn). Documents of tools this
  // page does not use are ignored, so one JSON Lines file can carry a whole lecture.
  virtual QString replay(const QList<QJsonObject>& documents) = 0;
  // Record: the tool documents behind what is on screen (saved as JSON / JSON Lines, replayable).
  virtual QList<QJsonObject> record() const = 0;
  // An optional panel above the view (process id, demo buttons, diagram choice). Created on demand.
  virtual QWidget* createControls(QWidget* parent);
  // A click on an item whose action is not "open:<page>".
  virtual void handleAction(const QString& action);
  // Page-specific option from the command line (e.g. memory: "pid=1234", layers: "diagram=eks").
  virtual bool setOption(const QString& key, const QString& value);

  void setStyle(const SceneStyle& style);
  const SceneStyle& style() const { return style_; }
  bool isBusy() const;
  void cancel();
  // Clears and redraws the scene from the current model (after new data, a language or font change).
  void rebuild();

 Q_SIGNALS:
  void busyChanged(bool busy);
  void ready();
  void status(const QString& message, bool isError);
  void openPage(const QString& id);
  void progress(const QString& line);

 protected:
  virtual void draw(SceneKit& kit) = 0;
  // A named ToolRunner owned by this page, wired to status/progress/busy.
  ToolRunner* runner(const QString& name);
  // Called by pages after a runner finished or failed, to emit ready() once nothing runs any more.
  void settle();
  // Draws the "needs root" / "tool missing" / error note used by every page. Returns the note's bottom.
  double drawProblem(SceneKit& kit, const QPointF& pos, double width, const QString& problem, int exitCode,
                     const QString& commandLine);
  // The same for this page's current problem (nothing drawn, `pos.y()` returned, when there is none).
  double drawProblem(SceneKit& kit, const QPointF& pos, double width);
  static bool isRoot();
  // A tool's own free-text sentence (its JSON has no fields to build it from): unchanged in English, labelled as
  // the tool's English output in other languages. Never translated by matching the English text.
  static QString toolSays(const QString& tool, const QString& text);

  // One tool document of this page's tool: store it, or return why it cannot be drawn.
  virtual QString take(const QJsonObject& doc);
  // Runs `tool args` on the runner named `purpose`: each document goes to take() (its error becomes the page's
  // problem), a failure becomes the problem (unless `failureExplained` says the documents already tell it, e.g.
  // `cgtop run` exits with the command's own status; it gets the exit code), and the scene is redrawn. `then` runs
  // after success and returns true when it started the next run.
  void runTool(const QString& purpose, const QString& tool, const QStringList& args,
               ToolRunner::Output output = ToolRunner::Output::Document, std::function<bool()> then = {},
               std::function<bool(int exitCode)> failureExplained = {});
  // Replay: take() every document of `tool`; the first error, or `nothingMessage` when `hasData` stays false.
  QString replayTool(const QList<QJsonObject>& documents, const QString& tool, const std::function<bool()>& hasData,
                     const QString& nothingMessage);

  struct Problem {
    QString text;      // one line: the tool's error or why a document cannot be drawn
    int exitCode = 0;  // the tool's exit code (4 = permission: drawn as "needs root" with the command)
    QString command;   // the command line that produced it
  };
  Problem problem_;
  SceneStyle style_;

 private:
  QGraphicsScene scene_;
  QMap<QString, ToolRunner*> runners_;
  QSet<ToolRunner*> explainsFailures_;  // runners whose last runTool() may explain a failure away
  bool wasBusy_ = false;
};

// Creates a page by id; nullptr for an unknown id.
Page* createPage(const QString& id, QObject* parent);
QStringList pageIds();

}  // namespace virtlab::explorer
