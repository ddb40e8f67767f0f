// explorer: the virtlab GUI. With --screenshot it renders one view offscreen and exits (no display needed).
#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>

#include "views/headless.h"
#include "views/i18n.h"
#include "views/lecturecli.h"
#include "views/mainwindow.h"

namespace {

bool hasArgument(int argc, char** argv, const char* name) {
  const QByteArray option(name);
  for (int i = 1; i < argc; ++i) {
    const QByteArray arg(argv[i]);
    if (arg == option || arg.startsWith(option + '=')) return true;
  }
  return false;
}

bool wantsHeadless(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const QByteArray arg(argv[i]);
    if (arg == "--screenshot" || arg.startsWith("--screenshot=") || arg == "--print-labels") return true;
    // --help and --version only print (man page generation and package tests run them without a display).
    if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" || arg == "-v") return true;
    // Lecture handouts and recordings need no window either.
    if (arg == "--export" || arg.startsWith("--export=") || arg == "--record" || arg.startsWith("--record=")) {
      return true;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const bool noDisplay = qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
  // A walkthrough is validated before anything is shown, also without a display (then only its window needs one).
  const bool lectureWithoutDisplay =
      noDisplay && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && hasArgument(argc, argv, "--lecture");
  const bool headless = wantsHeadless(argc, argv) || lectureWithoutDisplay;
  // Headless renders need no display server: the offscreen platform draws into memory.
  if (headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  if (!headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
      qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
    QTextStream(stderr) << "explorer: error: no display (DISPLAY and WAYLAND_DISPLAY are unset): run it in a desktop "
                           "session, or render a view with --view NAME --screenshot OUT.png\n";
    return 5;
  }
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("explorer"));
  QApplication::setApplicationVersion(QStringLiteral(VIRTLAB_EXPLORER_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "virtlab explorer: this machine drawn as the notes' layered diagrams from live tool JSON or a replay."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption view(QStringLiteral("view"),
                                QStringLiteral("View: layers, memory, cgroups, namespaces, vm."),
                                QStringLiteral("NAME"), QStringLiteral("layers"));
  const QCommandLineOption replay(QStringLiteral("replay"), QStringLiteral("Draw a saved tool JSON / JSON Lines file."),
                                  QStringLiteral("FILE"));
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QStringLiteral("Render offscreen to OUT (.png or .svg) and exit."),
                                      QStringLiteral("OUT"));
  const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Picture size."), QStringLiteral("WxH"),
                                QStringLiteral("1600x1000"));
  const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Language: ko or en."), QStringLiteral("LANG"));
  const QCommandLineOption fontSize(QStringLiteral("font-size"), QStringLiteral("Presentation font size in points."),
                                    QStringLiteral("PT"), QStringLiteral("11"));
  const QCommandLineOption pid(QStringLiteral("pid"), QStringLiteral("Memory view: the process to show."),
                               QStringLiteral("PID"));
  const QCommandLineOption address(QStringLiteral("address"), QStringLiteral("Memory view: the address to walk."),
                                   QStringLiteral("ADDR"));
  const QCommandLineOption diagram(QStringLiteral("diagram"),
                                   QStringLiteral("Layers view: live, os, container-vs-vm, macos or eks."),
                                   QStringLiteral("NAME"));
  const QCommandLineOption demo(QStringLiteral("demo"),
                                QStringLiteral("Memory view: run pagewalk demo NAME (fault, cow, referenced, …)."),
                                QStringLiteral("NAME"));
  const QCommandLineOption guest(QStringLiteral("guest"), QStringLiteral("VM view: run vmctl guest NAME after info."),
                                 QStringLiteral("NAME"));
  const QCommandLineOption printLabels(QStringLiteral("print-labels"),
                                       QStringLiteral("Print the view's text labels (offscreen) and exit."));
  const QCommandLineOption lecture(
      QStringLiteral("lecture"),
      QStringLiteral("Present a walkthrough (lectures/<id>.json): live tools, falling back "
                     "to its recording; with --replay only from the recording."),
      QStringLiteral("FILE"));
  const QCommandLineOption record(QStringLiteral("record"),
                                  QStringLiteral("Lecture: run every step live and write the recording (JSON Lines)."),
                                  QStringLiteral("FILE"));
  const QCommandLineOption exportPdf(QStringLiteral("export"),
                                     QStringLiteral("Lecture: write the handout PDF, one page per step."),
                                     QStringLiteral("FILE.pdf"));
  const QCommandLineOption step(
      QStringLiteral("step"), QStringLiteral("Lecture: the step to start at or to render with --screenshot (1-based)."),
      QStringLiteral("N"));
  const QCommandLineOption traceSteps(QStringLiteral("trace-steps"),
                                      QStringLiteral("Lecture: print \"step N/M ID [ms]\" to stderr when a step is "
                                                     "painted (ms: from the key press to the end of the paint)."));
  const QCommandLineOption presenter(QStringLiteral("presenter"),
                                     QStringLiteral("Lecture: show the presenter window even with one screen."));
  const QCommandLineOption noTestVm(QStringLiteral("no-testvm"),
                                    QStringLiteral("Lecture --record: run nothing in the test VM (a command whose "
                                                   "needs this machine lacks fails; the previous recording is kept)."));
  const QCommandLineOption windowed(QStringLiteral("windowed"),
                                    QStringLiteral("Lecture: a normal window instead of full screen."));
  parser.addOptions({view,      replay,  screenshot, size,      lang,        fontSize, pid,
                     address,   diagram, demo,       guest,     printLabels, lecture,  record,
                     exportPdf, step,    traceSteps, presenter, windowed,    noTestVm});
  parser.process(app);

  const QString fontFamily = explorer::installCjkFont();
  const QString language = parser.isSet(lang) ? parser.value(lang) : explorer::defaultLanguage();
  if (language != QLatin1String("ko") && language != QLatin1String("en")) {
    QTextStream(stderr) << "explorer: error: --lang " << language << " is not available (use ko or en)\n";
    return 2;
  }
  if (!explorer::setLanguage(language)) {
    QTextStream(stderr) << "explorer: warning: translation " << language << " missing from this build\n";
  }
  if (fontFamily.isEmpty() && language == QLatin1String("ko")) {
    QTextStream(stderr) << "explorer: warning: no Korean font found: install fonts-noto-cjk (scripts/install-deps)\n";
  }

  if (parser.isSet(lecture)) {
    explorer::LectureCliOptions options;
    options.lecture = parser.value(lecture);
    options.replay = parser.value(replay);
    options.record = parser.value(record);
    options.exportPdf = parser.value(exportPdf);
    options.screenshot = parser.value(screenshot);
    options.language = language;
    options.traceSteps = parser.isSet(traceSteps);
    options.presenter = parser.isSet(presenter);
    options.fullScreen = !parser.isSet(windowed);
    options.noTestVm = parser.isSet(noTestVm);
    options.noDisplay = lectureWithoutDisplay;
    if (parser.isSet(step)) {
      bool ok = false;
      options.step = parser.value(step).toInt(&ok);
      if (!ok || options.step < 1) {
        QTextStream(stderr) << "explorer: error: --step " << parser.value(step) << " is not a step number (1, 2, …)\n";
        return 2;
      }
    }
    if (parser.isSet(fontSize)) {
      options.pointSize = parser.value(fontSize).toDouble();
      if (options.pointSize < 6 || options.pointSize > 60) {
        QTextStream(stderr) << "explorer: error: --font-size " << parser.value(fontSize) << " is out of range (6-60)\n";
        return 2;
      }
    }
    if (parser.isSet(size)) {
      const QStringList wh = parser.value(size).split(QLatin1Char('x'));
      options.size = QSize(wh.value(0).toInt(), wh.value(1).toInt());
      if (wh.size() != 2 || options.size.width() < 64 || options.size.height() < 64 || options.size.width() > 16384 ||
          options.size.height() > 16384) {
        QTextStream(stderr) << "explorer: error: --size " << parser.value(size)
                            << " is not WxH between 64 and 16384 (e.g. 1920x1080)\n";
        return 2;
      }
    }
    return explorer::runLecture(options);
  }
  for (const QCommandLineOption* lectureOnly :
       {&record, &exportPdf, &step, &traceSteps, &presenter, &windowed, &noTestVm}) {
    if (parser.isSet(*lectureOnly)) {
      QTextStream(stderr) << "explorer: error: --" << lectureOnly->names().first()
                          << " applies to a walkthrough: add --lecture FILE\n";
      return 2;
    }
  }

  if (headless) {
    explorer::HeadlessOptions options;
    options.view = parser.value(view);
    options.replay = parser.value(replay);
    options.screenshot = parser.value(screenshot);
    options.printLabels = parser.isSet(printLabels);
    options.language = language;
    options.fontSize = parser.value(fontSize).toInt();
    if (options.fontSize < 6 || options.fontSize > 60) {
      QTextStream(stderr) << "explorer: error: --font-size " << parser.value(fontSize) << " is out of range (6-60)\n";
      return 2;
    }
    const QStringList wh = parser.value(size).split(QLatin1Char('x'));
    const int w = wh.value(0).toInt();
    const int h = wh.value(1).toInt();
    if (wh.size() != 2 || w < 64 || h < 64 || w > 16384 || h > 16384) {
      QTextStream(stderr) << "explorer: error: --size " << parser.value(size)
                          << " is not WxH between 64 and 16384 (e.g. 1920x1080)\n";
      return 2;
    }
    options.size = QSize(w, h);
    if (parser.isSet(pid)) options.pageOptions.insert(QStringLiteral("pid"), parser.value(pid));
    if (parser.isSet(address)) options.pageOptions.insert(QStringLiteral("address"), parser.value(address));
    if (parser.isSet(demo)) options.pageOptions.insert(QStringLiteral("demo"), parser.value(demo));
    if (parser.isSet(guest)) options.pageOptions.insert(QStringLiteral("guest"), parser.value(guest));
    if (parser.isSet(diagram)) options.pageOptions.insert(QStringLiteral("diagram"), parser.value(diagram));
    return explorer::runHeadless(options);
  }

  explorer::MainWindow window;
  window.show();
  if (parser.isSet(replay)) {
    window.openReplay(parser.value(replay));
  } else {
    window.showPage(parser.value(view));
  }
  return QApplication::exec();
}
