// The thin main window: a page list, the current page's controls and view, a toolbar, and a status area for
// hints and errors (no dialogs except the file choosers).
#pragma once

#include <QMainWindow>
#include <QMap>

class QComboBox;
class QLabel;
class QMenu;
class QListWidget;
class QProgressBar;
class QStackedWidget;
class QToolBar;
class QAction;

namespace virtlab::explorer {

class GraphicsView;
class Page;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  void showPage(const QString& id);
  // Opens a replay file into the page that can draw it (or the current one); errors go to the status area.
  void openReplay(const QString& path);
  void refreshCurrent();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct PageSlot {
    Page* page = nullptr;
    QWidget* container = nullptr;
    QWidget* controls = nullptr;  // the page's own panel; rebuilt when the language changes
    GraphicsView* view = nullptr;
  };
  Page* currentPage() const;
  GraphicsView* currentView() const;
  void buildActions();
  void updateTitle();
  void retranslate();
  void setStatus(const QString& message, bool isError);
  void saveJson();
  void exportPicture();
  void changeFontSize(int delta);

  QList<PageSlot> slots_;
  QListWidget* pageList_ = nullptr;
  QStackedWidget* stack_ = nullptr;
  QToolBar* toolbar_ = nullptr;
  QMenu* lectureMenu_ = nullptr;
  QLabel* statusLabel_ = nullptr;
  QProgressBar* busy_ = nullptr;
  QComboBox* language_ = nullptr;
  QComboBox* exportSize_ = nullptr;
  QMap<QString, QAction*> actions_;
  int fontSize_ = 11;
};

}  // namespace virtlab::explorer
