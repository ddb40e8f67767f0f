#include "views/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include "models/document.h"
#include "views/exporter.h"
#include "views/graphicsview.h"
#include "views/i18n.h"
#include "views/lecturecli.h"
#include "views/page.h"

namespace virtlab::explorer {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  auto* splitter = new QSplitter(this);
  pageList_ = new QListWidget(splitter);
  pageList_->setMaximumWidth(200);
  stack_ = new QStackedWidget(splitter);
  splitter->setStretchFactor(1, 1);
  setCentralWidget(splitter);

  for (const QString& id : pageIds()) {
    PageSlot slot;
    slot.page = createPage(id, this);
    slot.container = new QWidget(stack_);
    auto* layout = new QVBoxLayout(slot.container);
    layout->setContentsMargins(0, 0, 0, 0);
    slot.controls = slot.page->createControls(slot.container);
    if (slot.controls) layout->addWidget(slot.controls);
    slot.view = new GraphicsView(slot.container);
    slot.view->setScene(slot.page->scene());
    layout->addWidget(slot.view, 1);
    stack_->addWidget(slot.container);
    connect(slot.view, &GraphicsView::actionTriggered, this, [this, page = slot.page](const QString& action) {
      if (action.startsWith(QLatin1String("open:"))) {
        showPage(action.mid(5));
      } else {
        page->handleAction(action);
      }
    });
    connect(slot.page, &Page::status, this, &MainWindow::setStatus);
    connect(slot.page, &Page::openPage, this, &MainWindow::showPage);
    connect(slot.page, &Page::progress, this, [this](const QString& line) { busy_->setFormat(line.left(80)); });
    connect(slot.page, &Page::busyChanged, this, [this](bool busy) {
      busy_->setVisible(busy);
      actions_.value(QStringLiteral("cancel"))->setEnabled(busy);
    });
    slot.page->rebuild();
    slots_.append(slot);
  }
  connect(pageList_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row < 0) return;
    stack_->setCurrentIndex(row);
    updateTitle();
  });
  // A page picked in the list runs its tools the first time, like a page opened from a layer.
  connect(pageList_, &QListWidget::itemClicked, this,
          [this](QListWidgetItem* item) { showPage(slots_.at(pageList_->row(item)).page->id()); });

  statusLabel_ = new QLabel(this);
  statusLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  busy_ = new QProgressBar(this);
  busy_->setRange(0, 0);
  busy_->setMaximumWidth(260);
  busy_->setTextVisible(true);
  busy_->hide();
  statusBar()->addWidget(statusLabel_, 1);
  statusBar()->addPermanentWidget(busy_);

  buildActions();
  retranslate();
  pageList_->setCurrentRow(0);
  resize(1400, 900);
}

void MainWindow::buildActions() {
  toolbar_ = addToolBar(QString());
  toolbar_->setMovable(false);
  auto add = [this](const QString& name, const QKeySequence& key, auto slot) {
    auto* action = new QAction(this);
    action->setShortcut(key);
    connect(action, &QAction::triggered, this, slot);
    toolbar_->addAction(action);
    actions_.insert(name, action);
  };
  add(QStringLiteral("refresh"), QKeySequence::Refresh, [this] { refreshCurrent(); });
  add(QStringLiteral("cancel"), QKeySequence(Qt::Key_Escape), [this] {
    if (Page* page = currentPage()) page->cancel();
  });
  actions_.value(QStringLiteral("cancel"))->setEnabled(false);
  toolbar_->addSeparator();
  add(QStringLiteral("open"), QKeySequence::Open, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open replay"), QString(),
                                                      tr("Tool JSON (*.json *.jsonl);;All files (*)"));
    if (!path.isEmpty()) openReplay(path);
  });
  add(QStringLiteral("save"), QKeySequence::Save, [this] { saveJson(); });
  add(QStringLiteral("export"), QKeySequence(Qt::CTRL | Qt::Key_E), [this] { exportPicture(); });
  exportSize_ = new QComboBox(this);
  for (const char* size : {"1920x1080", "1280x720", "3840x2160", "1024x768"}) exportSize_->addItem(QLatin1String(size));
  toolbar_->addWidget(exportSize_);
  toolbar_->addSeparator();
  add(QStringLiteral("zoomIn"), QKeySequence::ZoomIn, [this] { currentView()->zoomBy(1.2); });
  add(QStringLiteral("zoomOut"), QKeySequence::ZoomOut, [this] { currentView()->zoomBy(1 / 1.2); });
  add(QStringLiteral("fit"), QKeySequence(Qt::CTRL | Qt::Key_0), [this] { currentView()->fit(); });
  add(QStringLiteral("fontUp"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Plus), [this] { changeFontSize(+2); });
  add(QStringLiteral("fontDown"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Minus), [this] { changeFontSize(-2); });
  toolbar_->addSeparator();
  language_ = new QComboBox(this);
  language_->addItem(QStringLiteral("한국어"), QStringLiteral("ko"));
  language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
  language_->setCurrentIndex(language_->findData(currentLanguage()));
  connect(language_, &QComboBox::currentIndexChanged, this, [this](int) {
    if (!setLanguage(language_->currentData().toString())) {
      setStatus(
          tr("translation not found: the build did not embed explorer_%1.qm").arg(language_->currentData().toString()),
          true);
    }
  });
  toolbar_->addWidget(language_);

  // Lecture ▸ Open walkthrough…: a lectures/<id>.json presented full screen (live, its recording as fallback).
  lectureMenu_ = menuBar()->addMenu(QString());
  auto* openLecture = lectureMenu_->addAction(QString());
  openLecture->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
  actions_.insert(QStringLiteral("lecture"), openLecture);
  connect(openLecture, &QAction::triggered, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open walkthrough"), QStringLiteral("lectures"),
                                                      tr("Walkthrough (*.json)"));
    if (path.isEmpty()) return;
    QString error;
    if (!openLectureWindow(path, &error, this)) setStatus(error, true);
  });
}

void MainWindow::updateTitle() {
  // The page in the title: window lists and scripts (xdotool getwindowname) see where the lecture is.
  const Page* page = currentPage();
  setWindowTitle(page ? tr("virtlab explorer — %1").arg(page->title()) : tr("virtlab explorer"));
}

void MainWindow::retranslate() {
  updateTitle();
  toolbar_->setWindowTitle(tr("Tools"));
  lectureMenu_->setTitle(tr("&Lecture"));
  const QMap<QString, QPair<QString, QString>> texts{
      {QStringLiteral("refresh"), {tr("Refresh"), tr("Run the tools again (F5)")}},
      {QStringLiteral("cancel"), {tr("Cancel"), tr("Stop the running tool (Esc)")}},
      {QStringLiteral("open"), {tr("Open replay…"), tr("Open saved tool JSON or JSON Lines")}},
      {QStringLiteral("save"), {tr("Save JSON…"), tr("Save the data on screen as replayable JSON")}},
      {QStringLiteral("export"), {tr("Export…"), tr("Export the view as PNG or SVG at the chosen size")}},
      {QStringLiteral("zoomIn"), {tr("Zoom in"), tr("Zoom in (Ctrl+wheel)")}},
      {QStringLiteral("zoomOut"), {tr("Zoom out"), tr("Zoom out (Ctrl+wheel)")}},
      {QStringLiteral("fit"), {tr("Fit"), tr("Fit the whole picture")}},
      {QStringLiteral("fontUp"), {tr("A+"), tr("Larger presentation font")}},
      {QStringLiteral("fontDown"), {tr("A−"), tr("Smaller presentation font")}},
      {QStringLiteral("lecture"),
       {tr("Open walkthrough…"), tr("Present a lecture walkthrough (lectures/*.json) step by step")}},
  };
  for (auto it = texts.cbegin(); it != texts.cend(); ++it) {
    if (QAction* action = actions_.value(it.key())) {
      action->setText(it.value().first);
      action->setToolTip(it.value().second);
    }
  }
  const int row = pageList_->currentRow();
  pageList_->clear();
  for (const PageSlot& slot : slots_) pageList_->addItem(slot.page->title());
  pageList_->setCurrentRow(row < 0 ? 0 : row);
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange && toolbar_) {
    retranslate();
    const QSignalBlocker block(language_);
    language_->setCurrentIndex(language_->findData(currentLanguage()));
    for (PageSlot& slot : slots_) {
      slot.page->rebuild();
      // Page panels hold translated labels: build them again in the new language.
      if (slot.controls) {
        auto* layout = static_cast<QVBoxLayout*>(slot.container->layout());
        slot.controls->deleteLater();
        slot.controls = slot.page->createControls(slot.container);
        layout->insertWidget(0, slot.controls);
      }
    }
  }
  QMainWindow::changeEvent(event);
}

Page* MainWindow::currentPage() const {
  const int i = stack_->currentIndex();
  return i >= 0 && i < slots_.size() ? slots_.at(i).page : nullptr;
}

GraphicsView* MainWindow::currentView() const {
  const int i = stack_->currentIndex();
  return slots_.at(i < 0 ? 0 : i).view;
}

void MainWindow::showPage(const QString& id) {
  for (int i = 0; i < slots_.size(); ++i) {
    if (slots_.at(i).page->id() == id) {
      pageList_->setCurrentRow(i);
      if (slots_.at(i).page->record().isEmpty() && !slots_.at(i).page->isBusy()) slots_.at(i).page->refresh();
      return;
    }
  }
  setStatus(tr("no page called %1").arg(id), true);
}

void MainWindow::refreshCurrent() {
  if (Page* page = currentPage()) page->refresh();
}

void MainWindow::openReplay(const QString& path) {
  const LoadResult loaded = loadReplayFile(path);
  if (loaded.documents.isEmpty()) {
    setStatus(loaded.error, true);
    return;
  }
  // The page whose tool wrote the first document draws it; the layers page takes the machine's documents.
  SchemaId id;
  QString error;
  Page* target = currentPage();
  if (parseSchema(loaded.documents.first(), &id, &error)) {
    const QMap<QString, QString> pageOfTool{{QStringLiteral("pagewalk"), QStringLiteral("memory")},
                                            {QStringLiteral("cgtop"), QStringLiteral("cgroups")},
                                            {QStringLiteral("nsenter-lite"), QStringLiteral("namespaces")},
                                            {QStringLiteral("vmctl"), QStringLiteral("vm")}};
    for (int i = 0; i < slots_.size(); ++i) {
      if (slots_.at(i).page->id() == pageOfTool.value(id.tool)) target = slots_.at(i).page;
    }
  }
  const QString problem = target->replay(loaded.documents);
  showPage(target->id());
  if (!problem.isEmpty()) {
    setStatus(problem, true);
  } else if (!loaded.error.isEmpty()) {
    setStatus(tr("replayed what was readable; %1").arg(loaded.error), true);
  } else {
    setStatus(tr("replaying %1 (%n document(s))", nullptr, static_cast<int>(loaded.documents.size())).arg(path), false);
  }
}

void MainWindow::saveJson() {
  Page* page = currentPage();
  const QString path = QFileDialog::getSaveFileName(this, tr("Save JSON"), page->id() + QStringLiteral(".json"),
                                                    tr("Tool JSON (*.json *.jsonl)"));
  if (path.isEmpty()) return;
  QString error;
  if (saveDocuments(path, page->record(), &error)) {
    setStatus(tr("saved %1: open it with File ▸ Open replay or explorer --replay").arg(path), false);
  } else {
    setStatus(error, true);
  }
}

void MainWindow::exportPicture() {
  Page* page = currentPage();
  const QString path = QFileDialog::getSaveFileName(this, tr("Export picture"), page->id() + QStringLiteral(".png"),
                                                    tr("PNG image (*.png);;SVG drawing (*.svg)"));
  if (path.isEmpty()) return;
  const QStringList wh = exportSize_->currentText().split(QLatin1Char('x'));
  QString error;
  if (exportScene(page->scene(), path, QSize(wh.value(0).toInt(), wh.value(1).toInt()), &error)) {
    setStatus(tr("exported %1").arg(path), false);
  } else {
    setStatus(error, true);
  }
}

void MainWindow::changeFontSize(int delta) {
  fontSize_ = qBound(7, fontSize_ + delta, 40);
  for (const PageSlot& slot : slots_) {
    SceneStyle style = slot.page->style();
    style.basePointSize = fontSize_;
    slot.page->setStyle(style);
  }
  setStatus(tr("presentation font: %1 pt").arg(fontSize_), false);
}

void MainWindow::setStatus(const QString& message, bool isError) {
  statusLabel_->setStyleSheet(isError ? QStringLiteral("color: #b71c1c; font-weight: bold") : QString());
  statusLabel_->setText(message);
}

}  // namespace virtlab::explorer
