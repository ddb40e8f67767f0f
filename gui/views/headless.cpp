#include "views/headless.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

#include "models/document.h"
#include "views/exporter.h"
#include "views/page.h"

namespace virtlab::explorer {

int runHeadless(const HeadlessOptions& options) {
  QTextStream err(stderr);
  QTextStream out(stdout);
  Page* page = createPage(options.view, nullptr);
  if (!page) {
    err << "explorer: error: unknown view \"" << options.view << "\" (views: " << pageIds().join(QStringLiteral(", "))
        << ")\n";
    return 2;
  }
  std::unique_ptr<Page> owner(page);
  for (auto it = options.pageOptions.cbegin(); it != options.pageOptions.cend(); ++it) {
    if (!page->setOption(it.key(), it.value())) {
      err << "explorer: error: --" << it.key() << " " << it.value() << " does not apply to the " << options.view
          << " view\n";
      return 2;
    }
  }
  SceneStyle style;
  style.basePointSize = options.fontSize;
  page->setStyle(style);
  QObject::connect(page, &Page::status, [&err](const QString& message, bool isError) {
    if (isError) err << "explorer: " << message << "\n";
    err.flush();
  });

  if (!options.replay.isEmpty()) {
    if (!QFileInfo::exists(options.replay)) {
      err << "explorer: error: replay file " << options.replay << " not found (check the path)\n";
      return 3;
    }
    const LoadResult loaded = loadReplayFile(options.replay);
    if (!loaded.error.isEmpty()) {
      // Reported, not crashed on: draw what was readable, say what was not, and fail the run.
      err << "explorer: error: " << loaded.error << "\n";
      if (loaded.documents.isEmpty()) return 1;
    }
    const QString problem = page->replay(loaded.documents);
    if (!problem.isEmpty()) err << "explorer: " << problem << "\n";
  } else {
    QEventLoop loop;
    // ready() comes when no tool of the page runs any more (a tool that is missing fails at once).
    QObject::connect(page, &Page::ready, &loop, &QEventLoop::quit);
    QTimer::singleShot(options.timeoutMs, &loop, &QEventLoop::quit);
    page->refresh();
    if (page->isBusy()) loop.exec();
    if (page->isBusy()) {
      err << "explorer: error: the tools did not answer within " << options.timeoutMs / 1000 << " s; cancelled\n";
      page->cancel();
    }
  }
  page->rebuild();
  if (options.printLabels) {
    for (const QString& text : sceneTexts(*page->scene())) out << text << "\n";
    out.flush();
  }
  if (!options.screenshot.isEmpty()) {
    QString error;
    if (!exportScene(page->scene(), options.screenshot, options.size, &error)) {
      err << "explorer: error: " << error << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace virtlab::explorer
