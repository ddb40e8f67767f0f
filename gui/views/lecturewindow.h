// The presentation: one step at a time, full screen (title, the page's scene, narration in presentation fonts),
// driven by what clickers send (→ ← Space PgUp PgDn Home End), a number + Enter to jump, a step list (F2), Esc to
// cancel a live step's tools, progress in the status bar. With a second screen a presenter window shows the
// narration, the presenter note, the next step and the elapsed time. --trace-steps prints
// "step N/M <id> <ms> ms" to stderr when a step is painted (the time from the key press to the end of the paint).
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>
#include <QWidget>
#include <optional>

class QDockWidget;
class QLabel;
class QListWidget;

namespace virtlab::explorer {

class LectureSession;

class StepCanvas : public QWidget {
  Q_OBJECT
 public:
  StepCanvas(LectureSession* session, QWidget* parent);
  void setStep(int index);
  int step() const { return index_; }
  void setPointSize(double pt);
  double pointSize() const { return pointSize_; }
  void setJumpBuffer(const QString& digits);

 Q_SIGNALS:
  void painted(int index, bool ready);

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  LectureSession* session_;
  int index_ = 0;
  double pointSize_ = 22;
  QString jump_;
};

class PresenterWindow : public QWidget {
  Q_OBJECT
 public:
  PresenterWindow(LectureSession* session, QWidget* parent = nullptr);
  void setStep(int index);
  void retranslate();

 protected:
  void timerEvent(QTimerEvent* event) override;

 private:
  LectureSession* session_;
  int index_ = 0;
  QElapsedTimer clock_;
  QLabel* position_ = nullptr;
  QLabel* elapsed_ = nullptr;
  QLabel* title_ = nullptr;
  QLabel* narration_ = nullptr;
  QLabel* note_ = nullptr;
  QLabel* next_ = nullptr;
};

class LectureWindow : public QMainWindow {
  Q_OBJECT
 public:
  struct Options {
    double pointSize = 22;
    bool traceSteps = false;
    bool presenter = false;  // force the presenter window on one screen (the second screen gets it by default)
    bool fullScreen = true;
  };
  // Takes ownership of the session.
  LectureWindow(LectureSession* session, const Options& options, QWidget* parent = nullptr);
  ~LectureWindow() override;
  void goTo(int index);
  int step() const;
  // Shows the window (full screen when asked) and the presenter window on the second screen.
  void present();

 protected:
  void keyPressEvent(QKeyEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void updateStatus();
  void retranslate();
  void onPainted(int index, bool ready);
  // The steps of keyPressEvent().
  bool editJumpBuffer(int key);
  bool windowKey(int key);
  int takeJumpTarget();
  std::optional<int> stepTarget(int key, int current);

  LectureSession* session_;
  Options options_;
  StepCanvas* canvas_ = nullptr;
  QDockWidget* listDock_ = nullptr;
  QListWidget* list_ = nullptr;
  QLabel* status_ = nullptr;
  QPointer<PresenterWindow> presenter_;
  QString digits_;
  QElapsedTimer keyClock_;  // from the key press that changed the step to its paint
  int tracedStep_ = -1;     // the last step whose ready paint was traced
};

}  // namespace virtlab::explorer
