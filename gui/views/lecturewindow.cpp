#include "views/lecturewindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QScreen>
#include <QStatusBar>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>
#include <QWindow>

#include "views/i18n.h"
#include "views/lecturesession.h"

namespace virtlab::explorer {

StepCanvas::StepCanvas(LectureSession* session, QWidget* parent) : QWidget(parent), session_(session) {
  setFocusPolicy(Qt::StrongFocus);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMinimumSize(640, 400);
}

void StepCanvas::setStep(int index) {
  index_ = index;
  update();
}

void StepCanvas::setPointSize(double pt) {
  pointSize_ = pt;
  update();
}

void StepCanvas::setJumpBuffer(const QString& digits) {
  jump_ = digits;
  update();
}

void StepCanvas::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const bool ready = session_->isReady(index_);
  paintStep(painter, QRectF(rect()), stepPaint(*session_, index_, currentLanguage(), pointSize_));
  if (!jump_.isEmpty()) {
    // The number being typed for "jump to step", bottom right.
    QFont f = painter.font();
    f.setPointSizeF(pointSize_ * 1.2);
    f.setBold(true);
    painter.setFont(f);
    const QString text = tr("go to %1 ⏎").arg(jump_);
    const QRectF box =
        painter.boundingRect(QRectF(rect()), Qt::AlignRight | Qt::AlignBottom, text).adjusted(-12, -8, 12, 8);
    const QRectF placed = box.translated(-16, -16);
    painter.fillRect(placed, QColor(0x21, 0x21, 0x21, 220));
    painter.setPen(Qt::white);
    painter.drawText(placed, Qt::AlignCenter, text);
  }
  painter.end();
  Q_EMIT painted(index_, ready);
}

PresenterWindow::PresenterWindow(LectureSession* session, QWidget* parent) : QWidget(parent), session_(session) {
  setWindowFlag(Qt::Window);
  auto* layout = new QVBoxLayout(this);
  auto label = [this, layout](double scale, bool bold, int stretch = 0) {
    auto* l = new QLabel(this);
    l->setWordWrap(true);
    l->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * scale);
    f.setBold(bold);
    l->setFont(f);
    layout->addWidget(l, stretch);
    return l;
  };
  position_ = label(1.4, false);
  elapsed_ = label(2.4, true);
  title_ = label(1.8, true);
  narration_ = label(1.5, false, 2);
  note_ = label(1.5, false, 2);
  note_->setStyleSheet(QStringLiteral("background: #fff3e0; padding: 8px"));
  next_ = label(1.4, false);
  next_->setStyleSheet(QStringLiteral("color: #616161"));
  clock_.start();
  startTimer(1000);
  retranslate();
}

void PresenterWindow::setStep(int index) {
  index_ = index;
  retranslate();
}

void PresenterWindow::retranslate() {
  const QString lang = currentLanguage();
  const Lecture& l = session_->lecture();
  const LectureStep& s = l.steps.at(index_);
  setWindowTitle(tr("virtlab presenter — %1").arg(l.title.in(lang)));
  position_->setText(tr("Step %1 of %2").arg(index_ + 1).arg(l.steps.size()));
  title_->setText(s.title.in(lang));
  narration_->setText(s.narration.in(lang));
  note_->setText(s.presenterNote.isEmpty() ? tr("(no presenter note)") : s.presenterNote.in(lang));
  next_->setText(index_ + 1 < l.steps.size() ? tr("Next: %1").arg(l.steps.at(index_ + 1).title.in(lang))
                                             : tr("Next: — (last step)"));
  timerEvent(nullptr);
}

void PresenterWindow::timerEvent(QTimerEvent*) {
  const qint64 s = clock_.elapsed() / 1000;
  elapsed_->setText(tr("Elapsed %1:%2:%3")
                        .arg(s / 3600)
                        .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
                        .arg(s % 60, 2, 10, QLatin1Char('0')));
}

LectureWindow::LectureWindow(LectureSession* session, const Options& options, QWidget* parent)
    : QMainWindow(parent), session_(session), options_(options) {
  session_->setParent(this);
  setAttribute(Qt::WA_DeleteOnClose, parent != nullptr);  // from the Lecture menu: freed when closed
  canvas_ = new StepCanvas(session_, this);
  canvas_->setPointSize(options.pointSize);
  setCentralWidget(canvas_);
  list_ = new QListWidget(this);
  listDock_ = new QDockWidget(this);
  listDock_->setWidget(list_);
  listDock_->setFeatures(QDockWidget::DockWidgetClosable);
  addDockWidget(Qt::LeftDockWidgetArea, listDock_);
  listDock_->hide();
  connect(list_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    goTo(list_->row(item));
    canvas_->setFocus();
  });
  connect(list_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    goTo(list_->row(item));
    canvas_->setFocus();
  });
  status_ = new QLabel(this);
  statusBar()->addWidget(status_, 1);
  connect(canvas_, &StepCanvas::painted, this, &LectureWindow::onPainted);
  connect(session_, &LectureSession::stepReady, this, [this](int index) {
    if (index == canvas_->step()) canvas_->update();
    updateStatus();
  });
  connect(session_, &LectureSession::progress, this, [this](const QString& line) {
    status_->setStyleSheet(QString());
    status_->setText(tr("Step %1/%2 · %3 (Esc cancels)").arg(canvas_->step() + 1).arg(session_->count()).arg(line));
    if (!session_->isReady(canvas_->step())) canvas_->update();
  });
  retranslate();
  goTo(0);
}

LectureWindow::~LectureWindow() {
  if (presenter_) delete presenter_;
}

int LectureWindow::step() const {
  return canvas_->step();
}

void LectureWindow::present() {
  const QList<QScreen*> screens = QGuiApplication::screens();
  if (options_.fullScreen) {
    // The whole screen also without a window manager (Xvfb, a bare X server on the lecture-hall PC).
    if (QScreen* s = screen()) setGeometry(s->geometry());
    showFullScreen();
  } else {
    resize(1600, 1000);
    show();
  }
  if (screens.size() > 1 || options_.presenter) {
    presenter_ = new PresenterWindow(session_);
    presenter_->setAttribute(Qt::WA_DeleteOnClose);
    presenter_->setStep(step());
    if (screens.size() > 1) {
      // The audience sees the window's screen; the presenter gets another one.
      QScreen* audience = screen();
      QScreen* other = screens.at(0) == audience ? screens.at(1) : screens.at(0);
      presenter_->setGeometry(other->availableGeometry());
      presenter_->show();
      presenter_->windowHandle()->setScreen(other);
      presenter_->showFullScreen();
    } else {
      presenter_->resize(900, 700);
      presenter_->show();
    }
  }
  if (options_.traceSteps) {
    QTextStream err(stderr);
    err << "screens " << screens.size() << ": presentation on " << (screen() ? screen()->name() : QString()) << ", ";
    if (presenter_) {
      err << "presenter window on " << (presenter_->screen() ? presenter_->screen()->name() : QString()) << "\n";
    } else {
      err << "no presenter window\n";
    }
  }
  activateWindow();
  canvas_->setFocus();
}

void LectureWindow::goTo(int index) {
  if (index < 0 || index >= session_->count()) return;
  if (index != canvas_->step() || tracedStep_ < 0) tracedStep_ = -1;
  session_->prepare(index);
  canvas_->setStep(index);
  {
    const QSignalBlocker block(list_);
    list_->setCurrentRow(index);
  }
  if (presenter_) presenter_->setStep(index);
  updateStatus();
}

void LectureWindow::onPainted(int index, bool ready) {
  if (!ready || index == tracedStep_) return;
  tracedStep_ = index;
  if (options_.traceSteps) {
    QTextStream err(stderr);
    err << "step " << index + 1 << "/" << session_->count() << " " << session_->lecture().steps.at(index).id;
    if (keyClock_.isValid()) err << " " << QString::number(keyClock_.nsecsElapsed() / 1e6, 'f', 2) << " ms";
    err << "\n";
    err.flush();
  }
  keyClock_.invalidate();
  // The next step is drawn ahead from the recording, so the next key only paints (live steps run when shown).
  // (EXPLORER_LECTURE_LOOKAHEAD=0 turns that off: the benchmark measures the cold replay too.)
  static const bool lookahead = qEnvironmentVariable("EXPLORER_LECTURE_LOOKAHEAD") != QLatin1String("0");
  if (lookahead && session_->mode() == LectureSession::Mode::Replay && index + 1 < session_->count()) {
    QTimer::singleShot(0, this, [this, next = index + 1] { session_->prepare(next); });
  }
}

// Digits typed to jump to a step ("12" Enter), and Backspace while some are typed.
bool LectureWindow::editJumpBuffer(int key) {
  if (key == Qt::Key_Backspace && !digits_.isEmpty()) {
    digits_.chop(1);
    canvas_->setJumpBuffer(digits_);
    return true;
  }
  if (key >= Qt::Key_0 && key <= Qt::Key_9 && digits_.size() < 4) {
    digits_ += QChar(QLatin1Char('0' + (key - Qt::Key_0)));
    canvas_->setJumpBuffer(digits_);
    return true;
  }
  return false;
}

// Keys that act on the window, not the step: Escape, the list, full screen, font size, language, quit.
bool LectureWindow::windowKey(int key) {
  switch (key) {
    case Qt::Key_Escape:
      if (!digits_.isEmpty()) {
        digits_.clear();
        canvas_->setJumpBuffer(digits_);
      } else if (session_->isRunning()) {
        session_->cancel();
      } else if (isFullScreen()) {
        showNormal();
      }
      return true;
    case Qt::Key_F2:
      listDock_->setVisible(!listDock_->isVisible());
      if (listDock_->isVisible()) list_->setFocus();
      return true;
    case Qt::Key_F11:
      isFullScreen() ? showNormal() : showFullScreen();
      return true;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      canvas_->setPointSize(qMin(canvas_->pointSize() + 2, 60.0));
      return true;
    case Qt::Key_Minus:
      canvas_->setPointSize(qMax(canvas_->pointSize() - 2, 8.0));
      return true;
    case Qt::Key_L:
      setLanguage(currentLanguage() == QLatin1String("ko") ? QStringLiteral("en") : QStringLiteral("ko"));
      return true;
    case Qt::Key_Q:
      close();
      return true;
    default:
      return false;
  }
}

// Enter: the step the typed digits name (-1 and a red status line if there is no such step); empties them.
int LectureWindow::takeJumpTarget() {
  int target = -1;
  if (!digits_.isEmpty()) target = digits_.toInt() - 1;
  if (target < 0 || target >= session_->count()) {
    if (!digits_.isEmpty()) {
      status_->setStyleSheet(QStringLiteral("color: #b71c1c; font-weight: bold"));
      status_->setText(tr("no step %1 (1–%2)").arg(digits_).arg(session_->count()));
    }
    target = -1;
  }
  digits_.clear();
  canvas_->setJumpBuffer(digits_);
  return target;
}

// The step a navigation key leads to (may be out of range); nothing for other keys.
std::optional<int> LectureWindow::stepTarget(int key, int current) {
  switch (key) {
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_Space:
    case Qt::Key_PageDown:
      return current + 1;
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_Backspace:
    case Qt::Key_PageUp:
      return current - 1;
    case Qt::Key_Home:
      return 0;
    case Qt::Key_End:
      return session_->count() - 1;
    case Qt::Key_Return:
    case Qt::Key_Enter:
      return takeJumpTarget();
    default:
      return std::nullopt;
  }
}

void LectureWindow::keyPressEvent(QKeyEvent* event) {
  const int key = event->key();
  if (editJumpBuffer(key) || windowKey(key)) return;
  const int current = canvas_->step();
  const std::optional<int> target = stepTarget(key, current);
  if (!target) {
    QMainWindow::keyPressEvent(event);
    return;
  }
  if (*target < 0 || *target >= session_->count() || *target == current) return;
  keyClock_.start();
  goTo(*target);
}

void LectureWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange && canvas_) {
    session_->rebuildAll();
    retranslate();
    canvas_->update();
    if (presenter_) presenter_->retranslate();
  }
  QMainWindow::changeEvent(event);
}

void LectureWindow::retranslate() {
  const QString lang = currentLanguage();
  setWindowTitle(tr("virtlab lecture — %1").arg(session_->lecture().title.in(lang)));
  listDock_->setWindowTitle(tr("Steps (F2)"));
  list_->clear();
  const QList<LectureStep>& steps = session_->lecture().steps;
  for (int i = 0; i < steps.size(); ++i)
    list_->addItem(QStringLiteral("%1. %2").arg(i + 1).arg(steps.at(i).title.in(lang)));
  list_->setCurrentRow(canvas_->step());
  updateStatus();
}

void LectureWindow::updateStatus() {
  const int i = canvas_->step();
  if (session_->isRunning() && !session_->isReady(i)) return;  // progress() is showing the tool
  const QString source = session_->sourceLine(i);
  const bool recorded = session_->fromRecording(i) && session_->mode() == LectureSession::Mode::Live;
  status_->setStyleSheet(recorded ? QStringLiteral("color: #e65100; font-weight: bold") : QString());
  status_->setText(tr("Step %1/%2 · %3 · → ← Space PgUp PgDn, number + Enter, F2 steps, L language")
                       .arg(i + 1)
                       .arg(session_->count())
                       .arg(source));
}

}  // namespace virtlab::explorer
