// Every explorer page drawn offscreen in Korean and English from real tool outputs (tests/gui/fixtures): the
// picture is not blank, the key labels are in the scene, Korean text has a font with Hangul (no boxes), and a
// malformed or truncated replay is reported by the real binary instead of crashing it.
#include <gtest/gtest.h>

#include <unistd.h>

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QFontMetrics>
#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <iostream>

#include "models/document.h"
#include "models/toolrunner.h"
#include "models/vmctl.h"
#include "views/exporter.h"
#include "views/i18n.h"
#include "views/layerspage.h"
#include "views/mainwindow.h"
#include "views/page.h"
#include "views/vmpage.h"

namespace virtlab::explorer {
namespace {

QString fixture(const char* name) {
  return QStringLiteral(VIRTLAB_FIXTURES_DIR "/") + QLatin1String(name);
}

class QtEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "gui_views_tests";
    static char* argv[] = {name, nullptr};
    app_ = new QApplication(argc, argv);
    font_ = installCjkFont();
  }
  void TearDown() override { delete app_; }
  static QString font_;

 private:
  QApplication* app_ = nullptr;
};
QString QtEnvironment::font_;
const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new QtEnvironment);

struct ViewCase {
  const char* view;
  std::vector<const char*> fixtures;  // replayed together, in order
  const char* option = nullptr;       // "diagram=eks"
  std::vector<const char*> english;   // labels that must be in the scene (English)
  std::vector<const char*> korean;    // the same page in Korean
};

std::string caseName(size_t index, const ViewCase& c, const char* lang) {
  std::string name =
      std::to_string(index) + "_" + c.view + "_" + (c.option ? c.option : c.fixtures.front()) + "_" + lang;
  for (char& ch : name) {
    if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

// The Layers page and the notes' reference diagrams.
std::vector<ViewCase> layerCases() {
  return {
      {"layers",
       {"vmctl-info.json", "cgtop-snapshot.jsonl"},
       nullptr,
       {"Host kernel", "Userland (host)", "hybrid hierarchy", "Virtual hardware (this machine is a VM)", "bhyve"},
       {"호스트 커널", "유저랜드 (호스트)", "가상 하드웨어 (이 머신은 VM입니다)", "bhyve"}},
      {"layers",
       {"vmctl-info.json", "cgtop-snapshot.jsonl"},
       "diagram=container-vs-vm",
       {"Hypervisor", "Guest Linux kernel (independent)"},
       {"하이퍼바이저", "게스트 리눅스 커널 (독립)"}},
      {"layers",
       {"cgtop-snapshot.jsonl"},
       "diagram=macos",
       {"macOS kernel (XNU)", "Multipass Ubuntu VM"},
       {"macOS 커널 (XNU)", "Multipass Ubuntu VM"}},
      {"layers",
       {"cgtop-snapshot.jsonl"},
       "diagram=eks",
       {"EC2 instance (a VM)", "containerd / Docker"},
       {"EC2 인스턴스 (VM)", "containerd / Docker"}},
      {"layers",
       {"cgtop-snapshot.jsonl"},
       "diagram=os",
       {"System calls", "Operating system (OS)"},
       {"시스템 콜", "운영체제 (OS)"}},
  };
}

// The Memory page: a walk, a VMA's frames, the frame in physical memory, a demo.
std::vector<ViewCase> memoryCases() {
  return {
      {"memory",
       {"pagewalk-summary.json", "pagewalk-walk.json"},
       nullptr,
       {"PGD table, entry 171", "Physical frame", "The frame in physical memory", "PFN 1808552 = 0x1b98a8000",
        "to just past the frame", "one of 512 entries; each covers 512 GiB of the address space"},
       {"PGD 테이블, 엔트리 171", "물리 프레임", "물리 메모리 속의 프레임", "PFN 1808552 = 0x1b98a8000",
        "엔트리 512개 중 하나, 엔트리 하나가 주소 공간 512 GiB를 담당", "(각 비트의 의미: pagewalk 출력, 영어)"}},
      {"memory",
       {"vmctl-info.json", "pagewalk-list.json"},
       nullptr,
       {"(pagewalk --list): 128 pages", "physical: 0 … 24 GiB (MemTotal from vmctl info)",
        "128 of 128 runs are present"},
       {"(pagewalk --list): 페이지 128개", "물리: 0 … 24 GiB (vmctl info의 MemTotal)",
        "실행 구간 128개 중 128개가 메모리에 있고"}},
      {"memory",
       {"vmctl-info.json", "pagewalk-walk.json"},
       nullptr,
       {"The frame in physical memory", "of RAM this machine has (MemTotal, from vmctl info)"},
       {"물리 메모리 속의 프레임", "이 머신의 RAM"}},
      {"memory",
       {"pagewalk-demo-cow.json"},
       nullptr,
       {"Demo: Copy-on-write after fork"},
       {"데모: Copy-on-write after fork", "[pagewalk 출력, 영어]"}},
  };
}

// The VM page: KVM, a small guest's exits, a translation, a booted Linux VM and a failed boot.
std::vector<ViewCase> vmCases() {
  return {
      {"vm", {"vmctl-info.json"}, nullptr, {"KVM on this machine", "no /dev/kvm"}, {"이 머신의 KVM", "/dev/kvm 없음"}},
      {"vm",
       {"vmctl-run-protected.json"},
       nullptr,
       {"Exit histogram", "vCPU 0 registers", "Nested: no /dev/kvm here"},
       {"Exit 히스토그램", "vCPU 0 레지스터", "중첩 실행: 여기에는 /dev/kvm이 없음", "[vmctl 출력, 영어]"}},
      {"vm",
       {"vmctl-translate-protected.json"},
       nullptr,
       {"GVA 0x1000", "GPA 0x5000", "KVM memslot"},
       {"GVA 0x1000", "GPA 0x5000", "게스트 페이지 테이블 (32-bit)"}},
      {"vm",
       {"vmctl-boot-virtio.json"},
       nullptr,
       {"Booted Linux VM: kernel 6.12.118+deb12-cloud-amd64, 256 MiB RAM", "Guest userland: /init from the initramfs",
        "Guest Linux kernel (its own)", "Virtual hardware (what the guest kernel touched)", "Hypervisor: vmctl on KVM",
        "disk: not attached", "NIC: not attached", "Exits to vmctl by device", "kernel init"},
       {"부팅된 리눅스 VM: 커널 6.12.118+deb12-cloud-amd64, RAM 256 MiB", "게스트 유저랜드: initramfs의 /init",
        "게스트 리눅스 커널 (독립)", "가상 하드웨어 (게스트 커널이 건드린 것)", "하이퍼바이저: KVM 위의 vmctl",
        "디스크: 연결 안 됨", "NIC: 연결 안 됨", "장치별 vmctl exit", "커널 초기화", "[vmctl 출력, 영어]"}},
      {"vm",
       {"vmctl-boot-panicked.json"},
       nullptr,
       {"The boot did not succeed: panicked", "Kernel panic - not syncing", "panicked after 131.1 s"},
       {"부팅이 끝까지 가지 못함: panicked", "[vmctl 출력, 영어] Kernel panic - not syncing", "131.1초 뒤 panicked"}},
  };
}

// Containers: the Namespaces page (namespaces, the virtual switch) and containers on the Layers page.
std::vector<ViewCase> containerCases() {
  return {
      {"namespaces",
       {"nsenter-lite-ls-container.json"},
       nullptr,
       {"Container: unshare", "User namespace ownership (who may administer what)", "pid:[4026532179]"},
       {"컨테이너: unshare", "사용자 네임스페이스 소유 관계 (누가 무엇을 관리할 수 있나)"}},
      {"namespaces",
       {"nsenter-lite-switch.json", "nsenter-lite-net-ping.json", "nsenter-lite-fdb-watch.jsonl"},
       nullptr,
       {"vl-h2 → vl-h3: reply in", "Bridge vl-br0 (the switch)", "MAC learning table (FDB of vl-br0)",
        "02:0c:29:00:00:01", "host vl-h1", "a network namespace", "10.201.0.3/24", "learned (new)"},
       {"vl-h2 → vl-h3: 응답", "브리지 vl-br0 (스위치)", "MAC 학습 테이블 (vl-br0의 FDB)", "02:0c:29:00:00:01",
        "호스트 vl-h1", "네트워크 네임스페이스", "학습됨 (새로)"}},
      {"namespaces",
       {"nsenter-lite-ls-container.json", "nsenter-lite-switch.json"},
       nullptr,
       {"Container: unshare", "Bridge vl-br0 (the switch)", "vl-h1 → vl-h2: reply in"},
       {"컨테이너: unshare", "브리지 vl-br0 (스위치)", "vl-h1 → vl-h2: 응답"}},
      {"layers",
       {"vmctl-info.json", "nsenter-lite-ls-container.json"},
       nullptr,
       {"Container: unshare", "cgroup unknown"},  // recorded before nsenter-lite gave each namespace's cgroup
       {"컨테이너: unshare", "cgroup 알 수 없음"}},
      // nsenter-lite ls and cgtop recorded together while a 64M / 32-pid / 0.5-CPU nsenter-lite container ran:
      // the container box shows its cgroup's numbers from cgtop's row.
      {"layers",
       {"vmctl-info.json", "nsenter-lite-ls-with-cgtop.json", "cgtop-snapshot-with-nsenter-lite-ls.jsonl"},
       nullptr,
       {"Container: sleep", "cgroup /virtlab/nsenter-lite-", "(limit 0.5 CPU)", "of limit 64 MiB", "tasks 1 of max 32"},
       {"컨테이너: sleep", "cgroup /virtlab/nsenter-lite-", "(한도 0.5 CPU)", "/ 한도 64 MiB",
        "태스크 1개 / 최대 32개"}},
  };
}

// The Cgroups page: a snapshot, an OOM kill, a CPU limit never reached.
std::vector<ViewCase> cgroupCases() {
  return {
      {"cgroups",
       {"cgtop-snapshot.jsonl"},
       nullptr,
       {"hybrid hierarchy", "memory (bar to the limit)"},
       {"메모리 (막대 = 한도 대비)"}},
      {"cgroups",
       {"cgtop-run-oom.jsonl"},
       nullptr,
       {"OOM kill ×1", "cgtop run: a command in its own cgroup", "Memory limit hit: 1 OOM kill at a peak of 16",
        "was killed by SIGKILL"},
       {"OOM kill ×1", "cgtop run: 자기 cgroup 안의 명령", "메모리 한도 도달: 최대 16", "OOM kill 1번",
        "SIGKILL로 종료되었습니다", "cgtop 자체 설명 (도구 출력, 영어):", "killed the largest task in the cgroup"}},
      {"cgroups",
       {"cgtop-run-cpu.jsonl"},
       nullptr,
       {"CPU limit never reached: 0 of 13 periods throttled.", "exited with status 0"},
       {"CPU 한도에 닿지 않음: 13개 주기 중 0개에서 제한됨.", "종료 상태 0으로 끝났습니다"}},
  };
}

// Every case in a fixed order: the test names carry the index.
const std::vector<ViewCase>& cases() {
  static const std::vector<ViewCase> all = [] {
    std::vector<ViewCase> joined;
    for (auto part : {layerCases(), memoryCases(), vmCases(), containerCases(), cgroupCases()})
      joined.insert(joined.end(), part.begin(), part.end());
    return joined;
  }();
  return all;
}

bool containsText(const QStringList& texts, const QString& wanted) {
  for (const QString& t : texts) {
    if (t.contains(wanted)) return true;
  }
  return false;
}

class ViewScreenshot : public ::testing::TestWithParam<std::tuple<size_t, const char*>> {};

TEST_P(ViewScreenshot, DrawsKeyLabelsAndAPicture) {
  const ViewCase& c = cases().at(std::get<0>(GetParam()));
  const QString lang = QLatin1String(std::get<1>(GetParam()));
  ASSERT_TRUE(setLanguage(lang)) << "the build did not embed explorer_" << lang.toStdString() << ".qm";
  std::unique_ptr<Page> page(createPage(QLatin1String(c.view), nullptr));
  ASSERT_TRUE(page);
  if (c.option) {
    const QStringList kv = QString::fromLatin1(c.option).split(QLatin1Char('='));
    ASSERT_TRUE(page->setOption(kv.at(0), kv.at(1)));
  }
  QList<QJsonObject> documents;
  for (const char* name : c.fixtures) {
    const LoadResult loaded = loadReplayFile(fixture(name));
    ASSERT_TRUE(loaded.ok()) << loaded.error.toStdString();
    documents << loaded.documents;
  }
  EXPECT_EQ(page->replay(documents), QString());
  page->rebuild();
  const QStringList texts = sceneTexts(*page->scene());
  for (const char* label : lang == QLatin1String("ko") ? c.korean : c.english) {
    EXPECT_TRUE(containsText(texts, QString::fromUtf8(label))) << "missing label: " << label;
  }
  const QImage image = renderScene(page->scene(), QSize(1600, 1000));
  EXPECT_GT(distinctColors(image), 8) << "the picture is blank or nearly so";
  int inked = 0;
  for (int y = 0; y < image.height(); y += 4) {
    for (int x = 0; x < image.width(); x += 4) inked += image.pixel(x, y) != qRgb(255, 255, 255);
  }
  EXPECT_GT(inked, 1000) << "almost nothing drawn";
  // The replay is recorded back as the same documents it came from (save = what is on screen).
  EXPECT_FALSE(page->record().isEmpty());
}

INSTANTIATE_TEST_SUITE_P(AllViews, ViewScreenshot,
                         ::testing::Combine(::testing::Range<size_t>(0, cases().size()), ::testing::Values("en", "ko")),
                         [](const auto& info) {
                           return caseName(std::get<0>(info.param), cases().at(std::get<0>(info.param)),
                                           std::get<1>(info.param));
                         });

// The booted VM is drawn from the document's numbers: every device box carries its exit count, every phase band its
// exits, the per-device table the totals; the scene has one box per device of boot.exits.by_device.
TEST(VmBoot, TheDrawingCarriesTheRecordingsNumbers) {
  const LoadResult loaded = loadReplayFile(fixture("vmctl-boot-virtio.json"));
  ASSERT_TRUE(loaded.ok()) << loaded.error.toStdString();
  VmBoot boot;
  QString error;
  ASSERT_TRUE(parseVmBoot(loaded.documents.first(), &boot, &error)) << error.toStdString();
  ASSERT_FALSE(boot.byDevice.isEmpty());
  for (const char* lang : {"en", "ko"}) {
    ASSERT_TRUE(setLanguage(QLatin1String(lang)));
    std::unique_ptr<Page> page(createPage(QStringLiteral("vm"), nullptr));
    ASSERT_EQ(page->replay(loaded.documents), QString());
    page->rebuild();
    const QStringList texts = sceneTexts(*page->scene());
    const QStringList keys = sceneKeys(*page->scene());
    const bool ko = QLatin1String(lang) == QLatin1String("ko");
    for (const NamedCount& d : boot.byDevice) {
      EXPECT_TRUE(keys.contains(QStringLiteral("boot:device:%1").arg(d.name))) << d.name.toStdString();
      const QString count =
          ko ? QStringLiteral("vmctl로 나간 exit %1회").arg(d.count) : QStringLiteral("%1 exits to vmctl").arg(d.count);
      EXPECT_TRUE(containsText(texts, count)) << lang << ": " << count.toStdString();
      EXPECT_TRUE(texts.contains(QString::number(d.count))) << "table cell " << d.count;
    }
    for (const BootPhase& p : boot.phases) {
      EXPECT_TRUE(keys.contains(QStringLiteral("boot:phase:%1").arg(p.phase))) << p.phase.toStdString();
      EXPECT_TRUE(containsText(texts, QString::number(p.kvmExits))) << p.phase.toStdString();
    }
    EXPECT_TRUE(containsText(texts, QString::number(boot.totalExits)));
    EXPECT_TRUE(containsText(texts, QStringLiteral("%1 s").arg(boot.initSeconds, 0, 'f', 1)));
    EXPECT_TRUE(containsText(texts, QString::number(boot.virtio.ioeventfdKicks)));
    for (const char* key :
         {"boot:userland", "boot:kernel", "boot:vcpu", "boot:ram", "boot:disk", "boot:nic", "boot:hypervisor"})
      EXPECT_TRUE(keys.contains(QLatin1String(key))) << key;
    // One bar per timeline bucket.
    EXPECT_EQ(keys.filter(QStringLiteral("boot:bucket:")).size(), boot.buckets.size());
    EXPECT_FALSE(keys.contains(QStringLiteral("boot:virtio-console")))
        << "virtio-console is drawn once, in its device box";
  }
}

TEST(Korean, TheSceneFontHasHangul) {
  ASSERT_FALSE(QtEnvironment::font_.isEmpty()) << "no CJK font installed: fonts-noto-cjk is in packages.txt";
  const SceneStyle style;
  const QFontMetrics metrics(style.font());
  for (const QChar ch : QStringLiteral("커널하이퍼바이저"))
    EXPECT_TRUE(metrics.inFont(ch)) << "no glyph for U+" << std::hex << static_cast<int>(ch.unicode());
}

TEST(Korean, LanguageSwitchesAtRunTime) {
  std::unique_ptr<Page> page(createPage(QStringLiteral("layers"), nullptr));
  ASSERT_TRUE(setLanguage(QStringLiteral("ko")));
  EXPECT_EQ(page->title(), QStringLiteral("계층"));
  page->rebuild();
  EXPECT_TRUE(containsText(sceneTexts(*page->scene()), QStringLiteral("이 머신의 계층")));
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  EXPECT_EQ(page->title(), QStringLiteral("Layers"));
  page->rebuild();
  EXPECT_TRUE(containsText(sceneTexts(*page->scene()), QStringLiteral("This machine as layers")));
}

// The thin main window, offscreen: every page is there, the language switch retranslates it at run time, and it
// paints something. EXPLORER_TEST_OUTPUT=DIR keeps the picture for a human to look at.
TEST(MainWindow, HasEveryPageAndRetranslatesAtRunTime) {
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  MainWindow window;
  window.resize(1400, 900);
  window.show();
  QCoreApplication::processEvents();
  EXPECT_EQ(window.windowTitle(), QStringLiteral("virtlab explorer — Layers"));  // the page is in the title
  ASSERT_TRUE(setLanguage(QStringLiteral("ko")));
  QCoreApplication::processEvents();
  EXPECT_EQ(window.windowTitle(), QStringLiteral("virtlab 탐색기 — 계층"));
  QCoreApplication::processEvents();  // deferred deletes of the old page panels
  bool panelTranslated = false;
  for (const QLabel* label : window.findChildren<QLabel*>())
    panelTranslated |= label->text() == QStringLiteral("다이어그램:");
  EXPECT_TRUE(panelTranslated) << "the layers page's panel was not rebuilt in Korean";
  const QImage shot = window.grab().toImage();
  EXPECT_GT(distinctColors(shot), 8);
  const QString keep = qEnvironmentVariable("EXPLORER_TEST_OUTPUT");
  if (!keep.isEmpty()) shot.save(keep + QStringLiteral("/mainwindow-ko.png"));
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  QCoreApplication::processEvents();
  EXPECT_EQ(window.windowTitle(), QStringLiteral("virtlab explorer — Layers"));
}

// `net down` removes every vl-* object: a replayed switch disappears and the page says how to build one again.
TEST(Replay, SwitchRemovedByNetDownIsNoLongerDrawn) {
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  std::unique_ptr<Page> page(createPage(QStringLiteral("namespaces"), nullptr));
  QList<QJsonObject> documents = loadReplayFile(fixture("nsenter-lite-switch.json")).documents;
  documents << loadReplayFile(fixture("nsenter-lite-net-down.json")).documents;
  EXPECT_EQ(page->replay(documents), QString());
  const QStringList texts = sceneTexts(*page->scene());
  EXPECT_TRUE(containsText(texts, QStringLiteral("No virtual switch on this machine")));
  EXPECT_FALSE(containsText(texts, QStringLiteral("Bridge vl-br0")));
}

TEST(Replay, WrongToolIsReportedInTheView) {
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  std::unique_ptr<Page> page(createPage(QStringLiteral("memory"), nullptr));
  const LoadResult cgtop = loadReplayFile(fixture("cgtop-run-cpu.jsonl"));
  const QString problem = page->replay(cgtop.documents);
  EXPECT_TRUE(problem.contains(QStringLiteral("pagewalk"))) << problem.toStdString();
  EXPECT_TRUE(containsText(sceneTexts(*page->scene()), QStringLiteral("Could not get the data")));
}

// The real binary, headless: a truncated or malformed replay is an error message and exit 1, never a crash.
struct HeadlessRun {
  int exitCode = -1;
  QProcess::ExitStatus status = QProcess::CrashExit;
  QString err;
};
HeadlessRun runExplorer(const QStringList& args, const QString& asUser = {}) {
  QProcess process;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  process.setProcessEnvironment(env);
  if (asUser.isEmpty()) {
    process.start(QStringLiteral(EXPLORER_BINARY), args);
  } else {
    process.start(
        QStringLiteral("runuser"),
        QStringList{QStringLiteral("-u"), asUser, QStringLiteral("--"), QStringLiteral(EXPLORER_BINARY)} + args);
  }
  process.waitForFinished(60000);
  return {process.exitCode(), process.exitStatus(),
          QString::fromUtf8(process.readAllStandardError() + process.readAllStandardOutput())};
}

// Requirement: a view that needs root says so, with the command, when the explorer is not root. Runs the real
// explorer and the real pagewalk (beside it in the build's bin/) as `nobody` against PID 1.
TEST(Root, MemoryViewAsNonRootSaysWhatToRun) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to switch to the nobody user with runuser";
  if (QStandardPaths::findExecutable(QStringLiteral("runuser")).isEmpty()) GTEST_SKIP() << "runuser not installed";
  const QString pagewalk = QFileInfo(QStringLiteral(EXPLORER_BINARY)).dir().filePath(QStringLiteral("pagewalk"));
  if (!QFileInfo(pagewalk).isExecutable()) {
    GTEST_SKIP() << "pagewalk is not built beside the explorer (" << pagewalk.toStdString() << ")";
  }
  const HeadlessRun run =
      runExplorer({QStringLiteral("--view"), QStringLiteral("memory"), QStringLiteral("--pid"), QStringLiteral("1"),
                   QStringLiteral("--print-labels"), QStringLiteral("--lang"), QStringLiteral("en")},
                  QStringLiteral("nobody"));
  EXPECT_EQ(run.status, QProcess::NormalExit);
  EXPECT_TRUE(run.err.contains(QStringLiteral("This view needs root"))) << run.err.toStdString();
  EXPECT_TRUE(run.err.contains(QStringLiteral("sudo pagewalk 1 --json"))) << run.err.toStdString();
}

// Child processes of this test named `name` (the tools the page started through QProcess).
int childProcessesNamed(const QString& name) {
  int count = 0;
  for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) continue;
    // "PID (COMM) STATE PPID …": COMM may hold spaces, so split after the last ')'.
    const QString line = QString::fromUtf8(stat.readAll());
    const qsizetype close = line.lastIndexOf(QLatin1Char(')'));
    const QString comm = line.mid(line.indexOf(QLatin1Char('(')) + 1, close - line.indexOf(QLatin1Char('(')) - 1);
    const QStringList rest = line.mid(close + 2).split(QLatin1Char(' '));
    if (comm == name && rest.size() > 1 && rest.at(1).toLongLong() == getpid()) ++count;
  }
  return count;
}

TEST(Live, LayersRunsCgtopOnceAtEveryDepthAndCancelStopsIt) {
  // The real tools: those next to the explorer (a full build), or VIRTLAB_BIN_DIR.
  if (qEnvironmentVariableIsEmpty("VIRTLAB_BIN_DIR")) {
    qputenv("VIRTLAB_BIN_DIR", QFileInfo(QStringLiteral(EXPLORER_BINARY)).absolutePath().toUtf8());
  }
  if (ToolRunner::locate(QStringLiteral("cgtop")).isEmpty()) {
    GTEST_SKIP() << "cgtop is not built next to the explorer and VIRTLAB_BIN_DIR has none: set VIRTLAB_BIN_DIR";
  }
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  LayersPage page;
  QStringList statuses;
  QObject::connect(&page, &Page::status, [&](const QString& text, bool) { statuses << text; });
  page.refresh();
  const QStringList started = statuses.filter(QStringLiteral("running: cgtop"));
  ASSERT_EQ(started.size(), 1) << statuses.join(QLatin1Char('\n')).toStdString();
  // Every depth, one refresh over 0.5 s after the baseline: a container's cgroup is deep.
  EXPECT_TRUE(started.first().endsWith(QStringLiteral("cgtop -b --json -n 2 -d 0.5 --depth -1")))
      << started.first().toStdString();
  ASSERT_TRUE(page.isBusy());   // cgtop needs at least its 0.5 s interval
  QDeadlineTimer execed(2000);  // QProcess forks at once; the child is named cgtop after its execve
  while (childProcessesNamed(QStringLiteral("cgtop")) != 1 && !execed.hasExpired()) QThread::msleep(10);
  ASSERT_EQ(childProcessesNamed(QStringLiteral("cgtop")), 1) << "cgtop is not our child process";
  page.cancel();
  QDeadlineTimer deadline(5000);
  while (page.isBusy() && !deadline.hasExpired()) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
  EXPECT_FALSE(page.isBusy());
  EXPECT_TRUE(statuses.contains(QStringLiteral("cgtop cancelled"))) << statuses.join(QLatin1Char('\n')).toStdString();
  EXPECT_EQ(childProcessesNamed(QStringLiteral("cgtop")), 0) << "cgtop left running after cancel";
}

// Processes whose parent chain leads to `ancestor` (vmctl's test VM: testvm's QEMU), as pid → name.
QMap<qint64, QString> descendantsOf(qint64 ancestor) {
  QMap<qint64, qint64> parent;
  QMap<qint64, QString> name;
  for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) continue;
    const QString line = QString::fromUtf8(stat.readAll());
    const qsizetype open = line.indexOf(QLatin1Char('(')), close = line.lastIndexOf(QLatin1Char(')'));
    const QStringList rest = line.mid(close + 2).split(QLatin1Char(' '));
    if (rest.size() < 2) continue;
    parent.insert(pid.toLongLong(), rest.at(1).toLongLong());
    name.insert(pid.toLongLong(), line.mid(open + 1, close - open - 1));
  }
  QMap<qint64, QString> out;
  for (auto it = parent.begin(); it != parent.end(); ++it) {
    for (qint64 p = it.value(), hops = 0; p > 1 && hops < 64; p = parent.value(p, 0), ++hops) {
      if (p == ancestor) out.insert(it.key(), name.value(it.key()));
    }
  }
  return out;
}

// The /tmp directories (first component under /tmp) that these processes have open or name on their command line:
// vmctl's /tmp/vmctl-boot-* copy of kernel and initrd, testvm's /tmp/testvm.* run directory.
QStringList tmpDirsUsedBy(const QList<qint64>& pids) {
  QStringList dirs;
  auto note = [&](const QString& path) {
    if (!path.startsWith(QLatin1String("/tmp/"))) return;
    const QString dir =
        QStringLiteral("/tmp/") + path.mid(5).section(QLatin1Char('/'), 0, 0).section(QLatin1Char(','), 0, 0);
    if (dir.size() > 5 && !dirs.contains(dir)) dirs << dir;
  };
  for (qint64 pid : pids) {
    const QString proc = QStringLiteral("/proc/%1").arg(pid);
    for (const QFileInfo& fd : QDir(proc + QStringLiteral("/fd")).entryInfoList(QDir::System | QDir::Files))
      note(fd.symLinkTarget());
    QFile cmdline(proc + QStringLiteral("/cmdline"));
    if (cmdline.open(QIODevice::ReadOnly))
      for (const QByteArray& arg : cmdline.readAll().split('\0')) note(QString::fromUtf8(arg));
  }
  return dirs;
}

TEST(Live, VmBootRunsVmctlBootAndCancelLeavesNothing) {
  if (qEnvironmentVariableIsEmpty("VIRTLAB_BIN_DIR")) {
    qputenv("VIRTLAB_BIN_DIR", QFileInfo(QStringLiteral(EXPLORER_BINARY)).absolutePath().toUtf8());
  }
  if (ToolRunner::locate(QStringLiteral("vmctl")).isEmpty()) GTEST_SKIP() << "vmctl is not built beside the explorer";
  if (geteuid() != 0) GTEST_SKIP() << "vmctl boot needs root (/dev/kvm, the test VM)";
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  VmPage page;
  QStringList statuses;
  QObject::connect(&page, &Page::status, [&](const QString& text, bool) { statuses << text; });
  page.boot();
  ASSERT_EQ(statuses.filter(QStringLiteral("running: vmctl boot --console virtio --timeout 400 --json")).size(), 1)
      << statuses.join(QLatin1Char('\n')).toStdString();
  // Wait until the boot is really under way: vmctl (our child) has started a VM process (testvm's QEMU when nested,
  // or its own vCPU thread's process), or it ended on its own.
  qint64 vmctlPid = 0;
  QMap<qint64, QString> started;
  QDeadlineTimer underWay(60000);
  while (!underWay.hasExpired() && page.isBusy()) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
    for (auto [pid, name] : descendantsOf(getpid()).asKeyValueRange())
      if (name == QLatin1String("vmctl")) vmctlPid = pid;
    started = vmctlPid ? descendantsOf(vmctlPid) : QMap<qint64, QString>{};
    if (!started.isEmpty() && std::any_of(started.begin(), started.end(),
                                          [](const QString& n) { return n.startsWith(QLatin1String("qemu")); }))
      break;
  }
  ASSERT_TRUE(page.isBusy()) << "vmctl boot ended before it could be cancelled: "
                             << statuses.join(QLatin1Char('\n')).toStdString();
  ASSERT_NE(vmctlPid, 0) << "vmctl is not our child process";
  started.insert(vmctlPid, QStringLiteral("vmctl"));
  const QStringList tmpDirs = tmpDirsUsedBy(started.keys());
  std::cout << "cancelling vmctl boot with " << started.size()
            << " processes, using: " << tmpDirs.join(QStringLiteral(" ")).toStdString() << std::endl;
  page.cancel();
  QDeadlineTimer stopped(15000);
  while (page.isBusy() && !stopped.hasExpired()) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
  EXPECT_FALSE(page.isBusy());
  EXPECT_TRUE(statuses.contains(QStringLiteral("vmctl cancelled"))) << statuses.join(QLatin1Char('\n')).toStdString();
  // Nothing left: no vmctl, none of the processes it started (QEMU), none of the /tmp directories they used.
  QDeadlineTimer gone(15000);
  auto alive = [&] {
    QStringList left;
    for (auto [pid, name] : started.asKeyValueRange())
      if (QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid))) left << QStringLiteral("%1 %2").arg(pid).arg(name);
    return left;
  };
  while (!alive().isEmpty() && !gone.hasExpired()) QThread::msleep(100);
  EXPECT_EQ(childProcessesNamed(QStringLiteral("vmctl")), 0) << "vmctl left running after cancel";
  EXPECT_TRUE(alive().isEmpty()) << "left running after cancel: " << alive().join(QStringLiteral(", ")).toStdString();
  for (const QString& dir : tmpDirs) EXPECT_FALSE(QFileInfo::exists(dir)) << "left behind: " << dir.toStdString();
}

TEST(Replay, TruncatedAndMalformedFilesAreReportedNotCrashedOn) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  QFile whole(fixture("pagewalk-walk.json"));
  ASSERT_TRUE(whole.open(QIODevice::ReadOnly));
  const QByteArray bytes = whole.readAll();
  const QList<QPair<QString, QByteArray>> broken{
      {QStringLiteral("truncated.json"), bytes.left(bytes.size() / 3)},
      {QStringLiteral("garbage.json"), QByteArray("not json at all {{{")},
      {QStringLiteral("empty.json"), QByteArray()},
  };
  for (const auto& [name, content] : broken) {
    QFile file(dir.filePath(name));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const QString out = dir.filePath(name + QStringLiteral(".png"));
    const HeadlessRun run = runExplorer({QStringLiteral("--view"), QStringLiteral("memory"), QStringLiteral("--replay"),
                                         file.fileName(), QStringLiteral("--screenshot"), out});
    EXPECT_EQ(run.status, QProcess::NormalExit) << name.toStdString() << " crashed the explorer";
    EXPECT_EQ(run.exitCode, 1) << name.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("explorer: error:"))) << run.err.toStdString();
  }
  const HeadlessRun missing = runExplorer({QStringLiteral("--view"), QStringLiteral("memory"),
                                           QStringLiteral("--replay"), dir.filePath(QStringLiteral("nope.json")),
                                           QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("nope.png"))});
  EXPECT_EQ(missing.exitCode, 3);
}

TEST(Headless, ScreenshotOfAReplayIsWrittenAsPngAndSvg) {
  QTemporaryDir dir;
  for (const char* suffix : {"png", "svg"}) {
    const QString out = dir.filePath(QStringLiteral("cgroups.") + QLatin1String(suffix));
    const HeadlessRun run =
        runExplorer({QStringLiteral("--view"), QStringLiteral("cgroups"), QStringLiteral("--replay"),
                     fixture("cgtop-run-oom.jsonl"), QStringLiteral("--screenshot"), out, QStringLiteral("--size"),
                     QStringLiteral("800x500"), QStringLiteral("--lang"), QStringLiteral("ko")});
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    QFile file(out);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << out.toStdString();
    const QByteArray head = file.read(256);
    if (QLatin1String(suffix) == QLatin1String("png")) {
      EXPECT_TRUE(head.startsWith("\x89PNG"));
      EXPECT_EQ(QImage(out).size(), QSize(800, 500));
    } else {
      EXPECT_TRUE(head.contains("<svg") || head.contains("<?xml"));
    }
  }
  const HeadlessRun bad = runExplorer({QStringLiteral("--view"), QStringLiteral("nosuch"),
                                       QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png"))});
  EXPECT_EQ(bad.exitCode, 2);
}

}  // namespace
}  // namespace virtlab::explorer
