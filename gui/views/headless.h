// explorer --view NAME [--replay FILE] --screenshot OUT.png [--size WxH] [--lang ko|en]: draw one page
// offscreen (live tools or a replay), write the picture and exit. Used by tests and for the README's pictures.
#pragma once

#include <QMap>
#include <QSize>
#include <QString>

namespace virtlab::explorer {

struct HeadlessOptions {
  QString view = QStringLiteral("layers");
  QString replay;      // empty: live data
  QString screenshot;  // .png or .svg
  QSize size{1600, 1000};
  QString language;  // "ko" / "en"
  int fontSize = 11;
  QMap<QString, QString> pageOptions;  // --pid, --diagram, …
  bool printLabels = false;            // print the scene's text to stdout (what tests and humans check)
  int timeoutMs = 120000;
};

// Exit codes follow docs/exit-codes.md: 0 written, 1 failure, 2 usage, 3 replay file not found.
int runHeadless(const HeadlessOptions& options);

}  // namespace virtlab::explorer
