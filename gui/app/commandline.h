// The explorer's start-up steps, in the order main() runs them: choose the platform (a headless run draws
// offscreen), declare and parse the options, pick the language, then one of three modes: a walkthrough
// (--lecture), a headless render (--screenshot, --print-labels) or the main window.
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

namespace virtlab::explorer {

// What the arguments and the environment ask for, decided before QApplication exists (it picks the platform).
struct LaunchMode {
  bool headless = false;               // renders or prints only: the offscreen platform, no display needed
  bool lectureWithoutDisplay = false;  // --lecture without a display: validated, its window then refused (exit 5)
};

LaunchMode chooseLaunchMode(int argc, char** argv);

// Sets QT_QPA_PLATFORM=offscreen for a headless run. False (after one line on stderr) when a window is asked
// for and there is no display: the caller exits 5.
bool prepareDisplay(const LaunchMode& mode);

// Every option of the explorer, declared once; parser.process(app) fills them.
struct ExplorerCommandLine {
  ExplorerCommandLine();

  QCommandLineParser parser;
  // Views (window and headless).
  QCommandLineOption view, replay, screenshot, size, lang, fontSize, pid, address, diagram, demo, guest, printLabels;
  // Walkthroughs (--lecture and the options only it takes).
  QCommandLineOption lecture, record, exportPdf, step, traceSteps, presenter, noTestVm, windowed;
};

// Runs the mode the parsed command line asks for; returns the exit code (docs/exit-codes.md).
int runExplorer(const ExplorerCommandLine& commandLine, const LaunchMode& mode);

}  // namespace virtlab::explorer
