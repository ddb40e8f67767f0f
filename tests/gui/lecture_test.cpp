// The explorer's lecture mode: walkthrough loading and validation (a bad file is one line naming the step and the
// field; the CLI exits 2), recordings, every step of the test walkthrough and of every committed walkthrough with a
// committed recording drawn offscreen in Korean and English, the PDF handout (one page per step), one step's
// screenshot, and live mode falling back to the recording when a tool fails.
#include <gtest/gtest.h>

#include <unistd.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include "models/lecture.h"
#include "models/steprunner.h"
#include "views/exporter.h"
#include "views/i18n.h"
#include "views/lecturecli.h"
#include "views/lecturesession.h"
#include "views/lecturewindow.h"
#include "views/page.h"

namespace virtlab::explorer {
namespace {

const QString kFixtureLecture = QStringLiteral(VIRTLAB_FIXTURES_DIR "/lecture/lecture-test.json");
const QString kFixtureRecording = QStringLiteral(VIRTLAB_FIXTURES_DIR "/lecture/lecture-test.jsonl");

class QtEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "gui_lecture_tests";
    static char* argv[] = {name, nullptr};
    app_ = new QApplication(argc, argv);
    installCjkFont();
  }
  void TearDown() override { delete app_; }

 private:
  QApplication* app_ = nullptr;
};
const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new QtEnvironment);

QJsonObject fixtureJson() {
  QFile f(kFixtureLecture);
  EXPECT_TRUE(f.open(QIODevice::ReadOnly));
  return QJsonDocument::fromJson(f.readAll()).object();
}

QByteArray toBytes(const QJsonObject& o) {
  return QJsonDocument(o).toJson();
}

// Edits one step of the fixture.
QJsonObject withStep(int index, const std::function<void(QJsonObject&)>& edit) {
  QJsonObject top = fixtureJson();
  QJsonArray steps = top.value(QStringLiteral("steps")).toArray();
  QJsonObject step = steps.at(index).toObject();
  edit(step);
  steps[index] = step;
  top[QStringLiteral("steps")] = steps;
  return top;
}

struct CliRun {
  int exitCode = -1;
  QString err;
};
// The explorer's own stderr lines (Qt's environment notices such as XDG_RUNTIME_DIR are not ours).
QStringList explorerLines(const QString& err) {
  QStringList lines;
  for (const QString& line : err.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
    if (line.startsWith(QLatin1String("explorer:"))) lines << line;
  }
  return lines;
}

CliRun runExplorer(const QStringList& args) {
  QProcess process;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  process.setProcessEnvironment(env);
  process.start(QStringLiteral(EXPLORER_BINARY), args);
  process.waitForFinished(60000);
  return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
          QString::fromUtf8(process.readAllStandardError())};
}

TEST(LectureLoad, FixtureParses) {
  const LectureLoad loaded = loadLecture(kFixtureLecture);
  ASSERT_TRUE(loaded.ok()) << loaded.error.toStdString();
  const Lecture& l = loaded.lecture;
  EXPECT_EQ(l.id, QStringLiteral("lecture-test"));
  ASSERT_EQ(l.steps.size(), 5);
  EXPECT_EQ(l.steps.at(1).id, QStringLiteral("page-fault"));
  EXPECT_EQ(l.steps.at(1).options.value(QStringLiteral("demo")), QStringLiteral("fault"));
  EXPECT_EQ(l.steps.at(0).commands.size(), 3);
  EXPECT_TRUE(l.steps.at(0).commands.at(2).stream);
  EXPECT_EQ(l.steps.at(0).commands.at(2).timeoutSeconds, 20);
  EXPECT_EQ(l.steps.at(1).commands.at(0).needs, QStringList{QStringLiteral("root")});
  EXPECT_EQ(l.steps.at(0).highlight, QStringList{QStringLiteral("os:2")});
  EXPECT_FALSE(l.steps.at(4).missing.en.isEmpty());
  EXPECT_EQ(l.indexOf(QStringLiteral("kvm")), 4);
  EXPECT_TRUE(defaultRecordingPath(l).endsWith(QStringLiteral("/recordings/lecture-test.jsonl")));
}

struct BadCase {
  const char* name;
  QJsonObject json;
  std::vector<const char*> expected;  // substrings of the one-line error
};

std::vector<BadCase> badCases() {
  auto drop = [](const char* key, const char* sub = nullptr) {
    return [=](QJsonObject& s) {
      if (!sub) {
        s.remove(QLatin1String(key));
        return;
      }
      QJsonObject o = s.value(QLatin1String(key)).toObject();
      o.remove(QLatin1String(sub));
      s[QLatin1String(key)] = o;
    };
  };
  QJsonObject badSchema = fixtureJson();
  badSchema[QStringLiteral("schema")] = QStringLiteral("virtlab-lecture/9");
  QJsonObject badId = fixtureJson();
  badId[QStringLiteral("id")] = QStringLiteral("other");
  QJsonObject noSteps = fixtureJson();
  noSteps[QStringLiteral("steps")] = QJsonArray();
  QJsonObject titleEn = fixtureJson();
  titleEn[QStringLiteral("title")] = QJsonObject{{QStringLiteral("ko"), QStringLiteral("제목")}};
  return {
      {"narration_en_missing",
       withStep(1, drop("narration", "en")),
       {"step \"page-fault\"", "\"narration.en\"", "missing"}},
      {"title_ko_empty",
       withStep(2,
                [](QJsonObject& s) {
                  s[QStringLiteral("title")] = QJsonObject{{QStringLiteral("ko"), QStringLiteral(" ")},
                                                           {QStringLiteral("en"), QStringLiteral("x")}};
                }),
       {"step \"cgroup-tree\"", "\"title.ko\"", "empty"}},
      {"unknown_page",
       withStep(3,
                [](QJsonObject& s) {
                  s[QStringLiteral("view")] = QJsonObject{{QStringLiteral("page"), QStringLiteral("disks")}};
                }),
       {"step \"namespaces\"", "\"view.page\"", "disks"}},
      {"not_a_tool",
       withStep(4,
                [](QJsonObject& s) {
                  s[QStringLiteral("commands")] =
                      QJsonArray{QJsonObject{{QStringLiteral("tool"), QStringLiteral("bash")},
                                             {QStringLiteral("args"), QJsonArray{QStringLiteral("-c")}}}};
                }),
       {"step \"kvm\"", "\"commands[0].tool\"", "bash"}},
      {"bad_need",
       withStep(1,
                [](QJsonObject& s) {
                  QJsonArray c = s.value(QStringLiteral("commands")).toArray();
                  QJsonObject c0 = c.at(0).toObject();
                  c0[QStringLiteral("needs")] = QJsonArray{QStringLiteral("gpu")};
                  c[0] = c0;
                  s[QStringLiteral("commands")] = c;
                }),
       {"step \"page-fault\"", "\"commands[0].needs[0]\"", "gpu"}},
      {"no_concepts", withStep(0, drop("concepts")), {"step \"kernel-layers\"", "\"concepts\"", "missing"}},
      {"unknown_field",
       withStep(0, [](QJsonObject& s) { s[QStringLiteral("picture")] = 1; }),
       {"step \"kernel-layers\"", "\"picture\"", "unknown field"}},
      {"duplicate_id",
       withStep(1, [](QJsonObject& s) { s[QStringLiteral("id")] = QStringLiteral("kernel-layers"); }),
       {"step \"kernel-layers\" (#2)", "\"id\"", "unique"}},
      {"bad_diagram",
       withStep(1, [](QJsonObject& s) { s[QStringLiteral("diagrams")] = QJsonArray{QStringLiteral("1#4")}; }),
       {"step \"page-fault\"", "\"diagrams[0]\""}},
      {"schema", badSchema, {"\"schema\"", "virtlab-lecture/9"}},
      {"id_not_file_name", badId, {"\"id\"", "file name"}},
      {"no_steps", noSteps, {"\"steps\""}},
      {"title_en_missing", titleEn, {"\"title.en\"", "missing"}},
  };
}

TEST(LectureLoad, BadFileIsOneLineNamingStepAndField) {
  for (const BadCase& c : badCases()) {
    SCOPED_TRACE(c.name);
    const LectureLoad loaded = parseLecture(toBytes(c.json), QStringLiteral("lectures/lecture-test.json"));
    ASSERT_FALSE(loaded.ok());
    EXPECT_FALSE(loaded.error.contains(QLatin1Char('\n'))) << loaded.error.toStdString();
    EXPECT_TRUE(loaded.error.startsWith(QStringLiteral("lectures/lecture-test.json: "))) << loaded.error.toStdString();
    for (const char* part : c.expected) {
      EXPECT_TRUE(loaded.error.contains(QString::fromUtf8(part))) << loaded.error.toStdString() << " lacks " << part;
    }
  }
  const LectureLoad notJson = parseLecture("{\n \"schema\": ", QStringLiteral("x.json"));
  EXPECT_TRUE(notJson.error.contains(QStringLiteral("line 2"))) << notJson.error.toStdString();
}

TEST(LectureCli, BadFileExitsTwoWithOneLine) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString path = dir.filePath(QStringLiteral("lecture-test.json"));
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(toBytes(withStep(1, [](QJsonObject& s) {
    QJsonObject n = s.value(QStringLiteral("narration")).toObject();
    n.remove(QStringLiteral("en"));
    s[QStringLiteral("narration")] = n;
  })));
  f.close();
  const CliRun run = runExplorer(
      {QStringLiteral("--lecture"), path, QStringLiteral("--export"), dir.filePath(QStringLiteral("x.pdf"))});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_EQ(explorerLines(run.err).size(), 1) << run.err.toStdString();
  EXPECT_TRUE(run.err.contains(QStringLiteral("step \"page-fault\""))) << run.err.toStdString();
  EXPECT_TRUE(run.err.contains(QStringLiteral("\"narration.en\""))) << run.err.toStdString();
  EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("x.pdf"))));

  // An option the page does not take is caught too (the pages say what they take).
  ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write(toBytes(withStep(0, [](QJsonObject& s) {
    s[QStringLiteral("view")] =
        QJsonObject{{QStringLiteral("page"), QStringLiteral("layers")},
                    {QStringLiteral("options"), QJsonObject{{QStringLiteral("diagram"), QStringLiteral("nope")}}}};
  })));
  f.close();
  const CliRun option = runExplorer({QStringLiteral("--lecture"), path, QStringLiteral("--step"), QStringLiteral("1"),
                                     QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png"))});
  EXPECT_EQ(option.exitCode, 2);
  EXPECT_EQ(explorerLines(option.err).size(), 1) << option.err.toStdString();
  EXPECT_TRUE(option.err.contains(QStringLiteral("step \"kernel-layers\" (#1): field \"view.options.diagram\"")))
      << option.err.toStdString();

  const CliRun missing = runExplorer({QStringLiteral("--lecture"), dir.filePath(QStringLiteral("none.json")),
                                      QStringLiteral("--export"), dir.filePath(QStringLiteral("x.pdf"))});
  EXPECT_EQ(missing.exitCode, 2);
}

TEST(LectureRecording, FixtureIsARecordingOfTheFixture) {
  const RecordingLoad rec = loadRecording(kFixtureRecording, QStringLiteral("lecture-test"));
  ASSERT_TRUE(rec.ok()) << rec.error.toStdString();
  const Lecture l = loadLecture(kFixtureLecture).lecture;
  for (const LectureStep& step : l.steps) {
    SCOPED_TRACE(step.id.toStdString());
    ASSERT_TRUE(rec.steps.contains(step.id));
    const RecordedStep& s = rec.steps.value(step.id);
    EXPECT_TRUE(s.recorded.isValid());
    EXPECT_FALSE(s.hostname.isEmpty());
    EXPECT_FALSE(s.kernel.isEmpty());
    EXPECT_TRUE(s.failures.isEmpty());
    EXPECT_FALSE(s.documents.isEmpty());
    for (const QJsonObject& d : s.documents) EXPECT_FALSE(d.value(QStringLiteral("schema")).toString().isEmpty());
  }
  // Written back and read again: the same lines.
  QTemporaryDir dir;
  const QString copy = dir.filePath(QStringLiteral("r/copy.jsonl"));
  QString error;
  ASSERT_TRUE(saveRecording(copy, rec.steps.values(), &error)) << error.toStdString();
  const RecordingLoad again = loadRecording(copy, QStringLiteral("lecture-test"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.steps.keys(), rec.steps.keys());
  EXPECT_EQ(again.steps.value(QStringLiteral("kvm")).toJson(), rec.steps.value(QStringLiteral("kvm")).toJson());
  EXPECT_FALSE(loadRecording(kFixtureRecording, QStringLiteral("another")).ok());
}

// The bytes of a recording parse as the file loads; an error names the given path and the line (blank lines count).
TEST(LectureRecording, ParsedFromBytesLikeTheFile) {
  QFile file(kFixtureRecording);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QByteArray bytes = file.readAll();
  const RecordingLoad fromFile = loadRecording(kFixtureRecording);
  const RecordingLoad fromBytes = parseRecording(bytes, kFixtureRecording);
  ASSERT_TRUE(fromBytes.ok()) << fromBytes.error.toStdString();
  EXPECT_EQ(fromBytes.steps.keys(), fromFile.steps.keys());
  for (const QString& id : fromFile.steps.keys())
    EXPECT_EQ(fromBytes.steps.value(id).toJson(), fromFile.steps.value(id).toJson()) << id.toStdString();
  const RecordingLoad broken = parseRecording(bytes + "\n{\"schema\": 1}\n", QStringLiteral("r.jsonl"));
  const int lines = static_cast<int>(bytes.count('\n'));
  EXPECT_EQ(broken.error, QStringLiteral("recording r.jsonl line %1: schema is not %2")
                              .arg(lines + 2)
                              .arg(QLatin1String(kRecordingSchema)));
}

// Every step drawn from the recording in both languages: a page with items, no error, a picture with content.
void expectEveryStepRenders(const QString& lecturePath, const QString& recordingPath) {
  const LectureLoad loaded = loadLecture(lecturePath);
  ASSERT_TRUE(loaded.ok()) << loaded.error.toStdString();
  const RecordingLoad rec = loadRecording(recordingPath, loaded.lecture.id);
  ASSERT_TRUE(rec.ok()) << rec.error.toStdString();
  for (const QString& lang : {QStringLiteral("ko"), QStringLiteral("en")}) {
    ASSERT_TRUE(setLanguage(lang));
    LectureSession session(loaded.lecture, LectureSession::Mode::Replay, rec);
    for (int i = 0; i < session.count(); ++i) {
      const LectureStep& step = loaded.lecture.steps.at(i);
      SCOPED_TRACE((lecturePath + QLatin1Char(' ') + step.id + QLatin1Char(' ') + lang).toStdString());
      session.prepare(i);
      ASSERT_TRUE(session.isReady(i));
      ASSERT_NE(session.page(i), nullptr) << session.problem(i).toStdString();
      EXPECT_TRUE(rec.steps.contains(step.id)) << "the recording has no line for this step";
      EXPECT_TRUE(session.problem(i).isEmpty()) << session.problem(i).toStdString();
      EXPECT_GT(session.page(i)->scene()->items().size(), 3);
      EXPECT_TRUE(session.sourceLine(i).contains(rec.steps.value(step.id).hostname));
      QImage image(1280, 720, QImage::Format_ARGB32_Premultiplied);
      QPainter painter(&image);
      paintStep(painter, QRectF(0, 0, 1280, 720), stepPaint(session, i, lang, 18));
      painter.end();
      EXPECT_GT(distinctColors(image), 8);
      // The page's own text is on the scene (sceneTexts); the narration is painted under it.
      EXPECT_FALSE(sceneTexts(*session.page(i)->scene()).isEmpty());
      // Every highlight names an item the page drew (and outlined).
      const QStringList keys = sceneKeys(*session.page(i)->scene());
      for (const QString& key : step.highlight) {
        EXPECT_TRUE(keys.contains(key)) << "highlight \"" << key.toStdString() << "\" is not an item of the "
                                        << step.page.toStdString() << " page here";
      }
      EXPECT_EQ(keys.count(QStringLiteral("highlight")) > 0, !step.highlight.isEmpty());
    }
  }
}

TEST(LectureRender, EveryStepOfTheTestWalkthroughBothLanguages) {
  expectEveryStepRenders(kFixtureLecture, kFixtureRecording);
}

TEST(LectureRender, EveryCommittedWalkthroughWithARecordingBothLanguages) {
  const QDir lectures(QStringLiteral(VIRTLAB_SOURCE_DIR "/lectures"));
  // LECTURE_RECORDINGS_DIR checks fresh recordings before they are committed (default: lectures/recordings).
  const QDir recordings(
      qEnvironmentVariable("LECTURE_RECORDINGS_DIR", lectures.filePath(QStringLiteral("recordings"))));
  int checked = 0;
  for (const QFileInfo& file : lectures.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
    if (file.fileName() == QLatin1String("diagrams.json")) continue;
    const QString recording = recordings.filePath(file.completeBaseName() + QStringLiteral(".jsonl"));
    if (!QFileInfo::exists(recording)) continue;
    expectEveryStepRenders(file.filePath(), recording);
    ++checked;
  }
  if (checked == 0) GTEST_SKIP() << "no lectures/*.json has a committed recording (lectures/recordings/<id>.jsonl) yet";
}

int pdfPages(const QByteArray& pdf) {
  // Page objects: "/Type /Page" not followed by "s" (that is the page tree).
  static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
  return static_cast<int>(QString::fromLatin1(pdf).count(page));
}

TEST(LectureCli, PdfHandoutHasOnePagePerStep) {
  QTemporaryDir dir;
  for (const QString& lang : {QStringLiteral("ko"), QStringLiteral("en")}) {
    const QString pdf = dir.filePath(QStringLiteral("handout-%1.pdf").arg(lang));
    const CliRun run =
        runExplorer({QStringLiteral("--lecture"), kFixtureLecture, QStringLiteral("--replay"), kFixtureRecording,
                     QStringLiteral("--export"), pdf, QStringLiteral("--lang"), lang});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    QFile f(pdf);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    EXPECT_TRUE(bytes.startsWith("%PDF-"));
    EXPECT_EQ(pdfPages(bytes), 5) << "one page per step";
    EXPECT_TRUE(bytes.contains("/Count 5"));
  }
}

TEST(LectureCli, OneStepScreenshot) {
  QTemporaryDir dir;
  const QString png = dir.filePath(QStringLiteral("step3.png"));
  const CliRun run =
      runExplorer({QStringLiteral("--lecture"), kFixtureLecture, QStringLiteral("--replay"), kFixtureRecording,
                   QStringLiteral("--step"), QStringLiteral("3"), QStringLiteral("--screenshot"), png,
                   QStringLiteral("--size"), QStringLiteral("1280x720"), QStringLiteral("--trace-steps")});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  EXPECT_TRUE(run.err.contains(QStringLiteral("step 3/5 cgroup-tree"))) << run.err.toStdString();
  const QImage image(png);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), QSize(1280, 720));
  EXPECT_GT(distinctColors(image), 8);
  const CliRun bad =
      runExplorer({QStringLiteral("--lecture"), kFixtureLecture, QStringLiteral("--replay"), kFixtureRecording,
                   QStringLiteral("--step"), QStringLiteral("9"), QStringLiteral("--screenshot"), png});
  EXPECT_EQ(bad.exitCode, 2);
}

// Lecture ▸ Open walkthrough…: a bad file comes back as the one line for the status bar; a good one opens the
// presentation window (deleted again before its live tools start).
TEST(LectureWindow, LectureMenuOpensOrSaysWhy) {
  QTemporaryDir dir;
  const QString bad = dir.filePath(QStringLiteral("lecture-test.json"));
  QFile f(bad);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(toBytes(withStep(3, [](QJsonObject& s) { s.remove(QStringLiteral("view")); })));
  f.close();
  QString error;
  EXPECT_FALSE(openLectureWindow(bad, &error, nullptr));
  EXPECT_EQ(error, bad + QStringLiteral(": step \"namespaces\" (#4): field \"view\": missing"));
  const int before = static_cast<int>(QApplication::topLevelWidgets().size());
  ASSERT_TRUE(openLectureWindow(kFixtureLecture, &error, nullptr));
  LectureWindow* window = nullptr;
  for (QWidget* w : QApplication::topLevelWidgets()) {
    if (auto* l = qobject_cast<LectureWindow*>(w)) window = l;
  }
  ASSERT_NE(window, nullptr);
  EXPECT_GT(QApplication::topLevelWidgets().size(), before);
  EXPECT_EQ(window->step(), 0);
  EXPECT_TRUE(window->windowTitle().contains(QStringLiteral("lecture")) ||
              window->windowTitle().contains(QStringLiteral("강의")));
  delete window;
}

// The window itself (offscreen platform with one or two virtual screens): the presenter window goes to the screen
// the presentation is not on; with one screen there is none. The explorer runs until it is terminated.
QString presentOnScreens(const QString& screensJson) {
  QTemporaryDir dir;
  const QString config = dir.filePath(QStringLiteral("screens.json"));
  QFile f(config);
  EXPECT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(screensJson.toUtf8());
  f.close();
  QProcess process;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen:configfile=") + config);
  process.setProcessEnvironment(env);
  process.start(QStringLiteral(EXPLORER_BINARY),
                {QStringLiteral("--lecture"), kFixtureLecture, QStringLiteral("--replay"), kFixtureRecording,
                 QStringLiteral("--trace-steps")});
  QString err;
  QElapsedTimer clock;
  clock.start();
  while (clock.elapsed() < 30000 && !err.contains(QStringLiteral("step 1/5")) &&
         process.state() != QProcess::NotRunning) {
    process.waitForReadyRead(200);
    err += QString::fromUtf8(process.readAllStandardError());
  }
  process.terminate();
  process.waitForFinished(5000);
  return err;
}

TEST(LectureWindow, PresenterWindowOnTheSecondScreen) {
  const QString two = presentOnScreens(QStringLiteral(
      R"({"screens": [{"name": "hall", "x": 0, "y": 0, "width": 1920, "height": 1080},
                      {"name": "laptop", "x": 1920, "y": 0, "width": 1280, "height": 800}]})"));
  EXPECT_TRUE(two.contains(QStringLiteral("screens 2: presentation on hall, presenter window on laptop")))
      << two.toStdString();
  EXPECT_TRUE(two.contains(QStringLiteral("step 1/5 kernel-layers"))) << two.toStdString();
  const QString one = presentOnScreens(
      QStringLiteral(R"({"screens": [{"name": "hall", "x": 0, "y": 0, "width": 1920, "height": 1080}]})"));
  EXPECT_TRUE(one.contains(QStringLiteral("screens 1: presentation on hall, no presenter window")))
      << one.toStdString();
}

// Live: a step whose tool fails shows the step's recorded documents and says so.
TEST(LectureLive, FailingToolFallsBackToTheRecording) {
  const QString vmctl = QFileInfo(QStringLiteral(EXPLORER_BINARY)).dir().filePath(QStringLiteral("vmctl"));
  if (!QFileInfo(vmctl).isExecutable()) GTEST_SKIP() << "vmctl is not built beside the explorer";
  qputenv("VIRTLAB_BIN_DIR", QFileInfo(vmctl).path().toUtf8());
  Lecture lecture = loadLecture(kFixtureLecture).lecture;
  const RecordingLoad rec = loadRecording(kFixtureRecording, lecture.id);
  LectureStep& step = lecture.steps[4];  // kvm: vm page from vmctl info
  LectureCommand failing;
  failing.tool = QStringLiteral("vmctl");
  failing.args = QStringList{QStringLiteral("no-such-command"), QStringLiteral("--json")};
  step.commands = {failing};
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  LectureSession session(lecture, LectureSession::Mode::Live, rec);
  ASSERT_TRUE(session.prepareBlocking(4, 30000));
  EXPECT_TRUE(session.fromRecording(4));
  EXPECT_EQ(session.data(4).documents, rec.steps.value(QStringLiteral("kvm")).documents);
  EXPECT_TRUE(session.sourceLine(4).startsWith(QStringLiteral("recorded "))) << session.sourceLine(4).toStdString();
  EXPECT_TRUE(session.sourceLine(4).contains(QStringLiteral("(exit 2)"))) << session.sourceLine(4).toStdString();
  EXPECT_EQ(session.problem(4), QString());

  // The same step live with the real command: this machine's own documents, no recording.
  LectureSession live(loadLecture(kFixtureLecture).lecture, LectureSession::Mode::Live, rec);
  ASSERT_TRUE(live.prepareBlocking(4, 30000));
  EXPECT_FALSE(live.fromRecording(4)) << live.sourceLine(4).toStdString();
  EXPECT_TRUE(live.sourceLine(4).startsWith(QStringLiteral("live "))) << live.sourceLine(4).toStdString();
  ASSERT_FALSE(live.data(4).documents.isEmpty());
  EXPECT_EQ(live.data(4).documents.first().value(QStringLiteral("tool")).toString(), QStringLiteral("vmctl"));
}

TEST(LectureRecord, TestVmRunsWhatThisMachineLacks) {
  const QString pagewalk = QFileInfo(QStringLiteral(EXPLORER_BINARY)).dir().filePath(QStringLiteral("pagewalk"));
  if (!QFileInfo(pagewalk).isExecutable()) GTEST_SKIP() << "pagewalk is not built beside the explorer";
  qputenv("VIRTLAB_BIN_DIR", QFileInfo(pagewalk).path().toUtf8());
  LectureCommand c;
  c.tool = QStringLiteral("pagewalk");
  c.args = QStringList{QStringLiteral("demo"), QStringLiteral("swap"), QStringLiteral("--json")};
  c.timeoutSeconds = 30;
  const QStringList args = StepRunner::testVmArguments(c, {QStringLiteral("swap"), QStringLiteral("cgroup2")});
  EXPECT_EQ(args, (QStringList{QStringLiteral("run"), QStringLiteral("--timeout"), QStringLiteral("150"),
                               QStringLiteral("--swap"), QStringLiteral("256M"), QStringLiteral("--cgroup"),
                               QStringLiteral("v2"), QStringLiteral("--"), QFileInfo(pagewalk).absoluteFilePath(),
                               QStringLiteral("demo"), QStringLiteral("swap"), QStringLiteral("--json")}));
  c.tool = QStringLiteral("no-such-tool");
  EXPECT_TRUE(StepRunner::testVmArguments(c, {QStringLiteral("kvm")}).isEmpty());
}

// Esc on a live step: its tool gets SIGTERM and the step shows the recording, saying it was cancelled. A stream
// stopped by its timeout keeps what it printed (no failure).
TEST(LectureLive, CancelFallsBackAndTimeoutKeepsTheStream) {
  const QString cgtop = QFileInfo(QStringLiteral(EXPLORER_BINARY)).dir().filePath(QStringLiteral("cgtop"));
  if (!QFileInfo(cgtop).isExecutable()) GTEST_SKIP() << "cgtop is not built beside the explorer";
  if (::geteuid() != 0) GTEST_SKIP() << "cgtop reads every cgroup only as root";
  qputenv("VIRTLAB_BIN_DIR", QFileInfo(cgtop).path().toUtf8());
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  Lecture lecture = loadLecture(kFixtureLecture).lecture;
  const RecordingLoad rec = loadRecording(kFixtureRecording, lecture.id);
  LectureCommand endless;  // a stream without -n: runs until stopped
  endless.tool = QStringLiteral("cgtop");
  endless.args = QStringList{QStringLiteral("-b"),  QStringLiteral("--json"),  QStringLiteral("-d"),
                             QStringLiteral("0.3"), QStringLiteral("--depth"), QStringLiteral("1")};
  endless.stream = true;
  lecture.steps[2].commands = {endless};  // cgroup-tree, default timeout 60 s
  endless.timeoutSeconds = 1;
  lecture.steps[3].page = QStringLiteral("cgroups");
  lecture.steps[3].commands = {endless};  // stopped by its timeout
  LectureSession session(lecture, LectureSession::Mode::Live, rec);
  QTimer::singleShot(1500, &session, [&session] { session.cancel(); });
  QElapsedTimer clock;
  clock.start();
  ASSERT_TRUE(session.prepareBlocking(2, 30000));
  EXPECT_LT(clock.elapsed(), 10000);
  EXPECT_TRUE(session.fromRecording(2));
  EXPECT_TRUE(session.sourceLine(2).contains(QStringLiteral("live run cancelled")))
      << session.sourceLine(2).toStdString();
  EXPECT_EQ(session.data(2).documents, rec.steps.value(QStringLiteral("cgroup-tree")).documents);

  ASSERT_TRUE(session.prepareBlocking(3, 30000));
  EXPECT_FALSE(session.fromRecording(3)) << session.sourceLine(3).toStdString();
  EXPECT_GE(session.data(3).documents.size(), 2);
  EXPECT_TRUE(session.data(3).failures.isEmpty());
  EXPECT_TRUE(session.problem(3).isEmpty()) << session.problem(3).toStdString();
}

// A step made of "net switch" (keeps the switch), an endless stream and "net down" (cleanup): Esc during the stream
// still runs net down, and so does abandoning the step (moving on, closing the explorer) — no vl-* link is left.
TEST(LectureLive, CleanupCommandsRunWhenTheStepIsCancelled) {
  const QString dir = QFileInfo(QStringLiteral(EXPLORER_BINARY)).dir().path();
  if (!QFileInfo(dir + QStringLiteral("/nsenter-lite")).isExecutable() ||
      !QFileInfo(dir + QStringLiteral("/cgtop")).isExecutable())
    GTEST_SKIP() << "nsenter-lite and cgtop are not built beside the explorer";
  if (::geteuid() != 0) GTEST_SKIP() << "net switch makes namespaces and a bridge only as root";
  qputenv("VIRTLAB_BIN_DIR", dir.toUtf8());
  const auto switchLinks = [] {
    return QDir(QStringLiteral("/sys/class/net")).entryList({QStringLiteral("vl-*")}, QDir::Dirs | QDir::System);
  };
  ASSERT_TRUE(switchLinks().isEmpty()) << "vl-* links exist before the test: " << switchLinks().join(' ').toStdString();
  Lecture lecture = loadLecture(kFixtureLecture).lecture;
  const auto command = [](const QString& tool, const QString& args, bool stream = false) {
    LectureCommand c;
    c.tool = tool;
    c.args = args.split(QLatin1Char(' '));
    c.stream = stream;
    return c;
  };
  const LectureCommand makeSwitch =
      command(QStringLiteral("nsenter-lite"), QStringLiteral("net switch --json --hosts 2 --bridge vl-br-cleanup"));
  const LectureCommand endless = command(QStringLiteral("cgtop"), QStringLiteral("-b --json -d 0.3 --depth 1"), true);
  LectureCommand down = command(QStringLiteral("nsenter-lite"), QStringLiteral("net down --json"));
  down.cleanup = true;
  lecture.steps[2].page = QStringLiteral("notes");
  lecture.steps[2].commands = {makeSwitch, endless, down};

  StepRunner runner;
  bool switchUp = false;
  QObject::connect(&runner, &StepRunner::commandStarted, &runner, [&](int, int index, int, const QString&) {
    if (index == 1) {
      switchUp = !switchLinks().isEmpty();
      QTimer::singleShot(700, &runner, [&runner] { runner.cancel(); });
    }
  });
  QEventLoop loop;
  bool cancelled = false;
  RecordedStep result;
  QObject::connect(&runner, &StepRunner::finished, &loop, [&](int, const RecordedStep& r, bool c) {
    result = r;
    cancelled = c;
    loop.quit();
  });
  QTimer::singleShot(60000, &loop, &QEventLoop::quit);
  runner.start(lecture, 2);
  loop.exec();
  EXPECT_TRUE(switchUp) << "net switch made no vl-* link";
  EXPECT_TRUE(cancelled);
  EXPECT_TRUE(switchLinks().isEmpty()) << "left after Esc: " << switchLinks().join(' ').toStdString();
  bool downReported = false;
  for (const QJsonObject& doc : result.documents)
    downReported = downReported || doc.value(QStringLiteral("command")).toString().contains(QStringLiteral("down"));
  EXPECT_TRUE(downReported) << "net down's document is missing from the step's result";

  // Abandoned (the explorer closes mid-step): the runner's destructor runs net down before returning.
  {
    StepRunner closing;
    QEventLoop wait;
    QObject::connect(&closing, &StepRunner::commandStarted, &wait, [&](int, int index, int, const QString&) {
      if (index == 1) wait.quit();
    });
    QTimer::singleShot(60000, &wait, &QEventLoop::quit);
    closing.start(lecture, 2);
    wait.exec();
    EXPECT_FALSE(switchLinks().isEmpty()) << "net switch made no vl-* link";
  }
  EXPECT_TRUE(switchLinks().isEmpty()) << "left after closing: " << switchLinks().join(' ').toStdString();
}

TEST(LectureLive, MissingNeedIsExplained) {
  EXPECT_EQ(missingNeed(QStringLiteral("root")).isEmpty(), ::geteuid() == 0);
  EXPECT_EQ(missingNeed(QStringLiteral("kvm")).isEmpty(), ::access("/dev/kvm", R_OK | W_OK) == 0);
  EXPECT_EQ(missingNeed(QStringLiteral("cgroup2")).isEmpty(),
            QFileInfo::exists(QStringLiteral("/sys/fs/cgroup/cgroup.controllers")));
  EXPECT_FALSE(missingNeed(QStringLiteral("gpu")).isEmpty());
}

}  // namespace
}  // namespace virtlab::explorer
