// explorer: the virtlab GUI. With --screenshot it renders one view offscreen and exits (no display needed).
// The steps live in app/commandline.cpp.
#include <QApplication>

#include "app/commandline.h"

int main(int argc, char** argv) {
  using namespace virtlab::explorer;
  const LaunchMode mode = chooseLaunchMode(argc, argv);
  if (!prepareDisplay(mode)) return 5;  // no display for a window (docs/exit-codes.md: unsupported here)
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("explorer"));
  QApplication::setApplicationVersion(QStringLiteral(VIRTLAB_EXPLORER_VERSION));
  ExplorerCommandLine commandLine;
  commandLine.parser.process(app);
  return runExplorer(commandLine, mode);
}
