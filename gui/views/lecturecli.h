// explorer --lecture FILE [--replay REC.jsonl] [--record REC.jsonl] [--export OUT.pdf] [--step N --screenshot OUT]
// [--lang ko|en] [--font-size PT] [--trace-steps] [--presenter]: load + validate the walkthrough (a bad file: one
// line naming the step and the field, exit 2), then present it, record it, export the PDF handout or render one step.
#pragma once

#include <QSize>
#include <QString>

class QWidget;

namespace virtlab::explorer {

class LectureSession;

struct LectureCliOptions {
  QString lecture;
  QString replay;      // present only from this recording
  QString record;      // run every step live and write the recording
  QString exportPdf;   // the handout
  QString screenshot;  // one step (--step), offscreen
  int step = 0;        // 1-based; 0 = the first
  QString language;
  double pointSize = 0;  // 0: the default (22 pt on screen, 16 pt in the handout)
  QSize size{1920, 1080};
  bool traceSteps = false;
  bool presenter = false;
  bool fullScreen = true;
  bool noTestVm = false;   // --record: never run a command in the test VM (what this machine lacks fails)
  bool noDisplay = false;  // no DISPLAY/WAYLAND_DISPLAY: the window cannot be shown (exit 5 after validation)
};

// Exit codes: 0 done, 1 failure (a step without data, a file not written), 2 bad walkthrough or usage,
// 3 recording not found, 5 no display for the window.
int runLecture(const LectureCliOptions& options);

// The Lecture menu: loads FILE (errors come back in `error`, one line) and opens the presentation window
// (live, falling back to the walkthrough's committed recording).
bool openLectureWindow(const QString& path, QString* error, QWidget* parent);

// Writes the handout: one PDF page per step (picture + title + narration) in the current language.
bool exportLecturePdf(LectureSession& session, const QString& path, double pointSize, QString* error);

}  // namespace virtlab::explorer
