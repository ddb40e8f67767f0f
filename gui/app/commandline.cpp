#include "app/commandline.h"

#include <QApplication>
#include <QSize>
#include <QTextStream>

#include <optional>

#include "views/headless.h"
#include "views/i18n.h"
#include "views/lecturecli.h"
#include "views/mainwindow.h"

namespace virtlab::explorer {
namespace {

constexpr int kExitUsage = 2;

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

bool hasDisplay() {
  return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

QCommandLineOption valueOption(const char* name, const char* description, const char* valueName,
                               const char* defaultValue = nullptr) {
  return QCommandLineOption(QString::fromUtf8(name), QString::fromUtf8(description), QString::fromUtf8(valueName),
                            defaultValue ? QString::fromUtf8(defaultValue) : QString());
}

QCommandLineOption flagOption(const char* name, const char* description) {
  return QCommandLineOption(QString::fromUtf8(name), QString::fromUtf8(description));
}

// A usage error: one line naming the problem and the fix, exit 2.
int usageError(const QString& line) {
  QTextStream(stderr) << "explorer: error: " << line << "\n";
  return kExitUsage;
}

// --size WxH, each side 64..16384; nothing when it is not that.
std::optional<QSize> parseSize(const QString& text) {
  const QStringList wh = text.split(QLatin1Char('x'));
  const QSize size(wh.value(0).toInt(), wh.value(1).toInt());
  if (wh.size() != 2 || size.width() < 64 || size.height() < 64 || size.width() > 16384 || size.height() > 16384) {
    return std::nullopt;
  }
  return size;
}

QString sizeError(const QString& text) {
  return QStringLiteral("--size %1 is not WxH between 64 and 16384 (e.g. 1920x1080)").arg(text);
}

QString fontSizeError(const QString& text) {
  return QStringLiteral("--font-size %1 is out of range (6-60)").arg(text);
}

// Installs the Hangul font and the translator; nothing when --lang names a language we do not have.
std::optional<QString> chooseLanguage(const ExplorerCommandLine& cli) {
  const QString fontFamily = installCjkFont();
  const QString language = cli.parser.isSet(cli.lang) ? cli.parser.value(cli.lang) : defaultLanguage();
  if (language != QLatin1String("ko") && language != QLatin1String("en")) {
    usageError(QStringLiteral("--lang %1 is not available (use ko or en)").arg(language));
    return std::nullopt;
  }
  if (!setLanguage(language)) {
    QTextStream(stderr) << "explorer: warning: translation " << language << " missing from this build\n";
  }
  if (fontFamily.isEmpty() && language == QLatin1String("ko")) {
    QTextStream(stderr) << "explorer: warning: no Korean font found: install fonts-noto-cjk (scripts/install-deps)\n";
  }
  return language;
}

// --step, --font-size and --size of a walkthrough; an error line (exit 2) names the first bad one.
int readLectureNumbers(const ExplorerCommandLine& cli, LectureCliOptions& options) {
  const QCommandLineParser& parser = cli.parser;
  if (parser.isSet(cli.step)) {
    bool ok = false;
    options.step = parser.value(cli.step).toInt(&ok);
    if (!ok || options.step < 1) {
      return usageError(QStringLiteral("--step %1 is not a step number (1, 2, …)").arg(parser.value(cli.step)));
    }
  }
  if (parser.isSet(cli.fontSize)) {
    options.pointSize = parser.value(cli.fontSize).toDouble();
    if (options.pointSize < 6 || options.pointSize > 60) return usageError(fontSizeError(parser.value(cli.fontSize)));
  }
  if (parser.isSet(cli.size)) {
    const std::optional<QSize> size = parseSize(parser.value(cli.size));
    if (!size) return usageError(sizeError(parser.value(cli.size)));
    options.size = *size;
  }
  return 0;
}

// --lecture FILE: present, record, export or render one step of a walkthrough.
int runLectureMode(const ExplorerCommandLine& cli, const LaunchMode& mode, const QString& language) {
  const QCommandLineParser& parser = cli.parser;
  LectureCliOptions options;
  options.lecture = parser.value(cli.lecture);
  options.replay = parser.value(cli.replay);
  options.record = parser.value(cli.record);
  options.exportPdf = parser.value(cli.exportPdf);
  options.screenshot = parser.value(cli.screenshot);
  options.language = language;
  options.traceSteps = parser.isSet(cli.traceSteps);
  options.presenter = parser.isSet(cli.presenter);
  options.fullScreen = !parser.isSet(cli.windowed);
  options.noTestVm = parser.isSet(cli.noTestVm);
  options.noDisplay = mode.lectureWithoutDisplay;
  if (const int code = readLectureNumbers(cli, options); code != 0) return code;
  return runLecture(options);
}

// Options that only a walkthrough takes are a usage error without --lecture; 0 when none is set.
int refuseLectureOnlyOptions(const ExplorerCommandLine& cli) {
  for (const QCommandLineOption* lectureOnly :
       {&cli.record, &cli.exportPdf, &cli.step, &cli.traceSteps, &cli.presenter, &cli.windowed, &cli.noTestVm}) {
    if (cli.parser.isSet(*lectureOnly)) {
      return usageError(
          QStringLiteral("--%1 applies to a walkthrough: add --lecture FILE").arg(lectureOnly->names().first()));
    }
  }
  return 0;
}

// --screenshot / --print-labels: draw one view offscreen and exit.
int runHeadlessMode(const ExplorerCommandLine& cli, const QString& language) {
  const QCommandLineParser& parser = cli.parser;
  HeadlessOptions options;
  options.view = parser.value(cli.view);
  options.replay = parser.value(cli.replay);
  options.screenshot = parser.value(cli.screenshot);
  options.printLabels = parser.isSet(cli.printLabels);
  options.language = language;
  options.fontSize = parser.value(cli.fontSize).toInt();
  if (options.fontSize < 6 || options.fontSize > 60) return usageError(fontSizeError(parser.value(cli.fontSize)));
  const std::optional<QSize> size = parseSize(parser.value(cli.size));
  if (!size) return usageError(sizeError(parser.value(cli.size)));
  options.size = *size;
  const std::pair<const QCommandLineOption*, QString> pageOptions[] = {{&cli.pid, QStringLiteral("pid")},
                                                                       {&cli.address, QStringLiteral("address")},
                                                                       {&cli.demo, QStringLiteral("demo")},
                                                                       {&cli.guest, QStringLiteral("guest")},
                                                                       {&cli.diagram, QStringLiteral("diagram")}};
  for (const auto& [option, key] : pageOptions) {
    if (parser.isSet(*option)) options.pageOptions.insert(key, parser.value(*option));
  }
  return runHeadless(options);
}

// The main window on the asked view, or drawing a replay.
int runWindowMode(const ExplorerCommandLine& cli) {
  MainWindow window;
  window.show();
  if (cli.parser.isSet(cli.replay)) {
    window.openReplay(cli.parser.value(cli.replay));
  } else {
    window.showPage(cli.parser.value(cli.view));
  }
  return QApplication::exec();
}

}  // namespace

LaunchMode chooseLaunchMode(int argc, char** argv) {
  LaunchMode mode;
  // A walkthrough is validated before anything is shown, also without a display (then only its window needs one).
  mode.lectureWithoutDisplay =
      !hasDisplay() && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && hasArgument(argc, argv, "--lecture");
  mode.headless = wantsHeadless(argc, argv) || mode.lectureWithoutDisplay;
  return mode;
}

bool prepareDisplay(const LaunchMode& mode) {
  const bool platformChosen = !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
  // Headless renders need no display server: the offscreen platform draws into memory.
  if (mode.headless && !platformChosen) qputenv("QT_QPA_PLATFORM", "offscreen");
  if (!mode.headless && !platformChosen && !hasDisplay()) {
    QTextStream(stderr) << "explorer: error: no display (DISPLAY and WAYLAND_DISPLAY are unset): run it in a desktop "
                           "session, or render a view with --view NAME --screenshot OUT.png\n";
    return false;
  }
  return true;
}

ExplorerCommandLine::ExplorerCommandLine()
    : view(valueOption("view", "View: layers, memory, cgroups, namespaces, vm.", "NAME", "layers")),
      replay(valueOption("replay", "Draw a saved tool JSON / JSON Lines file.", "FILE")),
      screenshot(valueOption("screenshot", "Render offscreen to OUT (.png or .svg) and exit.", "OUT")),
      size(valueOption("size", "Picture size.", "WxH", "1600x1000")),
      lang(valueOption("lang", "Language: ko or en.", "LANG")),
      fontSize(valueOption("font-size", "Presentation font size in points.", "PT", "11")),
      pid(valueOption("pid", "Memory view: the process to show.", "PID")),
      address(valueOption("address", "Memory view: the address to walk.", "ADDR")),
      diagram(valueOption("diagram", "Layers view: live, os, container-vs-vm, macos or eks.", "NAME")),
      demo(valueOption("demo", "Memory view: run pagewalk demo NAME (fault, cow, referenced, …).", "NAME")),
      guest(valueOption("guest", "VM view: run vmctl guest NAME after info.", "NAME")),
      printLabels(flagOption("print-labels", "Print the view's text labels (offscreen) and exit.")),
      lecture(valueOption("lecture",
                          "Present a walkthrough (lectures/<id>.json): live tools, falling back "
                          "to its recording; with --replay only from the recording.",
                          "FILE")),
      record(valueOption("record", "Lecture: run every step live and write the recording (JSON Lines).", "FILE")),
      exportPdf(valueOption("export", "Lecture: write the handout PDF, one page per step.", "FILE.pdf")),
      step(valueOption("step", "Lecture: the step to start at or to render with --screenshot (1-based).", "N")),
      traceSteps(flagOption("trace-steps",
                            "Lecture: print \"step N/M ID [ms]\" to stderr when a step is "
                            "painted (ms: from the key press to the end of the paint).")),
      presenter(flagOption("presenter", "Lecture: show the presenter window even with one screen.")),
      noTestVm(flagOption("no-testvm",
                          "Lecture --record: run nothing in the test VM (a command whose "
                          "needs this machine lacks fails; the previous recording is kept).")),
      windowed(flagOption("windowed", "Lecture: a normal window instead of full screen.")) {
  parser.setApplicationDescription(QStringLiteral(
      "virtlab explorer: this machine drawn as the notes' layered diagrams from live tool JSON or a replay."));
  parser.addHelpOption();
  parser.addVersionOption();
  // The order of --help.
  parser.addOptions({view,      replay,  screenshot, size,      lang,        fontSize, pid,
                     address,   diagram, demo,       guest,     printLabels, lecture,  record,
                     exportPdf, step,    traceSteps, presenter, windowed,    noTestVm});
}

int runExplorer(const ExplorerCommandLine& cli, const LaunchMode& mode) {
  const std::optional<QString> language = chooseLanguage(cli);
  if (!language) return kExitUsage;
  if (cli.parser.isSet(cli.lecture)) return runLectureMode(cli, mode, *language);
  if (const int code = refuseLectureOnlyOptions(cli); code != 0) return code;
  if (mode.headless) return runHeadlessMode(cli, *language);
  return runWindowMode(cli);
}

}  // namespace virtlab::explorer
