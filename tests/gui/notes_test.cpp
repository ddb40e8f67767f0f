// The notes page (explorer --view notes --diagram NAME): every diagram of lectures/diagrams.json that the page
// draws, rendered offscreen in Korean and English from tool output recorded on this machine (tests/gui/fixtures/
// *-notes-*, validated against the schemas like every fixture). The numbers of the fixture must be on screen, what
// no document has must be marked "—" with the tool that would give it, and an unknown diagram is a usage error.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include "models/document.h"
#include "views/exporter.h"
#include "views/i18n.h"
#include "views/notespage.h"
#include "views/page.h"

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
    static char name[] = "gui_notes_tests";
    static char* argv[] = {name, nullptr};
    app_ = new QApplication(argc, argv);
    installCjkFont();
  }
  void TearDown() override { delete app_; }

 private:
  QApplication* app_ = nullptr;
};
const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new QtEnvironment);

struct NotesCase {
  const char* diagram;
  std::vector<const char*> fixtures;
  std::vector<const char*> both;     // numbers and names from the fixtures: on screen in either language
  std::vector<const char*> english;  // labels in English
  std::vector<const char*> korean;   // the same in Korean
};

const std::vector<NotesCase>& cases() {
  static const std::vector<NotesCase> all{
      {"page-fault-flow",
       {"pagewalk-notes-demo-fault.json", "pagewalk-notes-demo-swap.json"},
       {"0x7f80c6475000", "0x136431", "0x3928", "28", "37"},
       {"2. The MMU checks the page table → Present = 0", "a) First access: allocate a new frame",
        "c) Invalid access: Segmentation fault", "1 major fault"},
       {"2. MMU가 페이지 테이블 확인 → Present = 0", "a) 처음 접근: 새 프레임 할당",
        "c) 잘못된 접근: Segmentation Fault", "major fault 1번"}},
      {"lru-table",
       {"pagewalk-notes-simulate-lru.json"},
       {"Aw B C D E"},
       {"1. LRU finds the least recently used page: Page A (Frame 0)", "Page A's Dirty bit = 1",
        "3. Page E is loaded into Frame 0", "Faults 5, hits 0, evictions 1, write-backs 1"},
       {"1. LRU 알고리즘으로 가장 오래된 페이지 찾기: Page A (Frame 0)", "Page A의 Dirty 비트 = 1",
        "3. Frame 0에 Page E 로드", "폴트 5, 히트 0, 교체 1, 디스크 기록 1"}},
      {"vm-nic-stack",
       {"vmctl-notes-info.json", "nsenter-lite-notes-switch.json"},
       {"vl-br0", "02:0c:29:00:00:01", "10.201.0.2/24", "virtio_net"},
       {"Physical NIC (the real network card)", "Guest vl-h1 (network namespace)"},
       {"Physical NIC (실제 네트워크 카드)", "게스트 vl-h1 (네트워크 네임스페이스)"}},
      {"esxi-structure",
       {"vmctl-notes-info.json", "vmctl-notes-run-hello.json", "vmctl-notes-run-protected.json",
        "vmctl-notes-run-long.json"},
       {"28598, 28619, 28627", "AMD EPYC", "eth0 (virtio_net)"},
       {"VM1: guest \"hello\"", "VM3: guest \"long\"", "Hypervisor (notes: VMware ESXi; here: KVM in Linux",
        "13 VM exits"},
       {"VM1: 게스트 \"hello\"", "VM3: 게스트 \"long\"", "하이퍼바이저 (노트: VMware ESXi; 여기: 리눅스",
        "VM exit 13번"}},
      {"vcpu-allocation",
       {"vmctl-notes-info.json", "vmctl-notes-run-smp.json"},
       {"28634", "28635"},
       {"Physical CPU", "2 logical CPUs", "host CPU 0", "Time slice 1 (768.7 ms): vCPU 0 ran on host CPU 1"},
       {"물리 CPU", "논리 CPU 2개", "호스트 CPU 0", "시간 슬라이스 1 (768.7 ms): vCPU 0이 호스트 CPU 1에서 실행"}},
      {"nat-table",
       {"nsenter-lite-notes-nat-switch.json", "nsenter-lite-notes-nat-conntrack.json",
        "nsenter-lite-notes-nat-down.json"},
       {"VM1 (10.201.0.1/24)", "VM2 (10.201.0.2/24)", "10.201.0.254", "vl-out", "203.0.113.1", "vl-rt-out 203.0.113.2",
        "10.201.0.1:47742", "203.0.113.2:47742", "203.0.113.1:80", "TIME_WAIT", "10.201.0.2:13502", "203.0.113.2:29767",
        "oifname \"vl-rt-out\" masquerade", "vl-h1, vl-out, vl-h2, vl-rt"},
       {"Virtual router (NAT)", "NAT table", "Internal IP:Port", "Protocol", "Public side (notes: Physical PC)",
        "read by nsenter-lite net nat", "TCP to 203.0.113.1:80: the outside saw 203.0.113.2:47742"},
       {"가상 라우터 (NAT)", "NAT 테이블", "Internal IP:Port", "프로토콜", "공인 쪽 (노트: Physical PC)",
        "nsenter-lite net nat로 읽음", "203.0.113.1:80(으)로 TCP 연결: 바깥에서는 203.0.113.2:47742(으)로 보임"}},
      {"disk-image-files",
       {"testvm-notes-status.json", "testvm-notes-run.json"},
       {"/var/cache/virtlab/testvm", "6.12.118+deb12-cloud-amd64", "5.1 MiB"},
       {"Linux.vmdk", "kernel + initramfs (no disk image)"},
       {"Linux.vmdk", "커널 + initramfs (디스크 이미지 없음)"}},
      {"disk-snapshot-chain",
       {"nsenter-lite-notes-run-delta-upper.json"},
       {"/var/tmp/virtlab-snapshot-delta", "/var/cache/virtlab/nsenter-lite/busybox-rootfs"},
       {"Original VMDK (read-only)", "Upper directory (the container's writes)"},
       {"Original VMDK (읽기 전용)", "Upper 디렉터리 (컨테이너가 쓴 것)"}},
      {"iommu",
       {"vmctl-notes-info.json"},
       {"KVM"},
       {"IOMMU: none (/sys/class/iommu empty, 6 PCI devices without a group): no safe passthrough here"},
       {"IOMMU: 없음(/sys/class/iommu 비어 있음, 그룹 없는 PCI 장치 6개): 이 머신에서는 안전한 장치 패스스루 불가"}},
      {"host-guest-processes",
       {"nsenter-lite-notes-ls.json", "vmctl-notes-info.json"},
       {"102", "KVM"},
       {"1. Host processes (e.g. Excel)", "← a container does without it"},
       {"1. 호스트 프로세스 (예: 엑셀)", "← 컨테이너에는 필요 없음"}},
      {"hypervisor-roles",
       {"vmctl-notes-info.json", "vmctl-notes-run-hello.json", "vmctl-notes-translate-long.json"},
       {"GVA 0x1000 → GPA 0x5000", "IO ×"},
       {"1. Resource scheduling", "2. Isolation and security", "3. Hardware abstraction"},
       {"1. 자원 스케줄링", "2. 격리 및 보안", "3. 하드웨어 추상화"}},
      {"cpu-time-slices",
       {"vmctl-notes-info.json", "vmctl-notes-run-smp.json"},
       {"28634", "CR3"},
       {"vCPU 0 (host thread 28634)", "In reality: time slices"},
       {"vCPU 0 (호스트 스레드 28634)", "실제로는 시분할"}},
      {"container-runtime-functions",
       {"nsenter-lite-notes-run-functions.json"},
       {"pid:[4026532379]", "/virtlab/nsenter-lite-24236", "vl-c24239", "10.200.122.190/30"},
       {"1. Process management", "5. Security",
        "LSMs: lockdown, capability, landlock, bpf — no AppArmor/SELinux active, so no profile label"},
       {"1. 프로세스 관리", "5. 보안",
        "LSM: lockdown, capability, landlock, bpf — AppArmor/SELinux가 동작하지 않아 프로필 레이블 없음"}},
      {"image-layers",
       {"nsenter-lite-notes-run-layers.json"},
       {"/run/virtlab/nsenter-lite/24489/upper", "/var/cache/virtlab/nsenter-lite/busybox-rootfs"},
       {"Host OS kernel", "but the kernel is not in it!"},
       {"호스트 OS 커널", "커널은 제외!"}},
      {"docker-engine-flow",
       {"nsenter-lite-notes-run-explain-cat.json"},
       {"mnt:[4026532376]", "vl-c24256", "10.200.123.2/30", "clone3", "pivot_root"},
       {"A file read", "A network request"},
       {"파일 읽기 요청", "네트워크 요청"}},
      {"performance-table",
       {"nsenter-lite-notes-run-true.json", "testvm-notes-run.json", "vmctl-notes-info.json"},
       {"14.0 ms", "7.74 s", "512 MiB"},
       {"Start time", "VM here (testvm)", "faster than the VM booted"},
       {"시작 시간", "여기 VM (testvm)", "빨리 시작했습니다"}},
      {"kubernetes-problems",
       {"cgtop-notes-run-oom.jsonl", "nsenter-lite-notes-ls.json"},
       {"16 MiB", "python3 -c b = bytearray(64 << 20)"},
       {"1. What if a container suddenly dies?", "Self-healing: restart dead containers", "signal 9"},
       {"1. 컨테이너가 갑자기 죽으면?", "Self-healing: 죽은 컨테이너 자동 재시작", "시그널 9"}},
      {"virtualization-evolution",
       {"vmctl-notes-info.json", "nsenter-lite-notes-ls.json", "cgtop-notes-snapshot.jsonl"},
       {"KVM"},
       {"2. Virtual machines (2000s)", "4. Container orchestration (now)"},
       {"2단계: 가상 머신 (2000년대)", "4단계: 컨테이너 오케스트레이션 (현재)"}},
      {"docker-runtime-chain",
       {"nsenter-lite-notes-run-explain-chain.json"},
       {"/virtlab/nsenter-lite-24262", "clone3", "pivot_root", "seccomp"},
       {"Docker daemon", "runC", "here: nsenter-lite run"},
       {"Docker 데몬", "runC", "여기: nsenter-lite run"}},
      {"hypervisor-types",
       {"vmctl-notes-info.json"},
       {"KVM", "API 12"},
       {"Type 1: bare-metal hypervisor", "Type 2: hosted hypervisor"},
       {"타입 1: 베어메탈 하이퍼바이저", "타입 2: 호스트 하이퍼바이저"}},
  };
  return all;
}

bool containsText(const QStringList& texts, const QString& wanted) {
  for (const QString& t : texts) {
    if (t.contains(wanted)) return true;
  }
  return false;
}

class NotesDiagram : public ::testing::TestWithParam<std::tuple<size_t, const char*>> {};

TEST_P(NotesDiagram, DrawsTheFixturesNumbers) {
  const NotesCase& c = cases().at(std::get<0>(GetParam()));
  const QString lang = QLatin1String(std::get<1>(GetParam()));
  ASSERT_TRUE(setLanguage(lang));
  NotesPage page;
  ASSERT_TRUE(page.setOption(QStringLiteral("diagram"), QLatin1String(c.diagram)));
  QList<QJsonObject> documents;
  for (const char* name : c.fixtures) {
    const LoadResult loaded = loadReplayFile(fixture(name));
    ASSERT_TRUE(loaded.ok()) << name << ": " << loaded.error.toStdString();
    documents << loaded.documents;
  }
  EXPECT_EQ(page.replay(documents), QString());
  const QStringList texts = sceneTexts(*page.scene());
  std::vector<const char*> wanted = c.both;
  for (const char* label : lang == QLatin1String("ko") ? c.korean : c.english) wanted.push_back(label);
  for (const char* label : wanted) {
    EXPECT_TRUE(containsText(texts, QString::fromUtf8(label)))
        << c.diagram << " (" << lang.toStdString() << "): missing \"" << label << "\"\n"
        << texts.join(QLatin1Char('\n')).toStdString();
  }
  // Korean text is Korean: no English sentence of this page left untranslated in the scene's own labels.
  if (lang == QLatin1String("ko")) {
    EXPECT_FALSE(containsText(texts, QStringLiteral("not measured here")));
  }
  const QImage image = renderScene(page.scene(), QSize(1600, 1000));
  EXPECT_GT(distinctColors(image), 8) << "the picture is blank or nearly so";
  EXPECT_EQ(page.record().size(), documents.size());
  const QString keep = qEnvironmentVariable("EXPLORER_TEST_OUTPUT");
  if (!keep.isEmpty()) image.save(keep + QStringLiteral("/notes-%1-%2.png").arg(QLatin1String(c.diagram), lang));
}

INSTANTIATE_TEST_SUITE_P(EveryDiagram, NotesDiagram,
                         ::testing::Combine(::testing::Range<size_t>(0, cases().size()), ::testing::Values("en", "ko")),
                         [](const auto& info) {
                           std::string name =
                               std::string(cases().at(std::get<0>(info.param)).diagram) + "_" + std::get<1>(info.param);
                           for (char& ch : name) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

// Every diagram the page knows is tested above, and every "new" block of lectures/diagrams.json that names the
// notes page names one of them.
TEST(NotesPage, EveryDiagramIsTestedAndEveryNotesBlockHasOne) {
  QStringList tested;
  for (const NotesCase& c : cases()) tested << QLatin1String(c.diagram);
  for (const QString& name : NotesPage::diagramNames()) {
    EXPECT_TRUE(tested.contains(name)) << name.toStdString() << " has no test case";
    EXPECT_FALSE(NotesPage::feeds(name).isEmpty()) << name.toStdString() << " has no live feed";
  }
  QFile blocks(QStringLiteral(VIRTLAB_SOURCE_DIR "/lectures/diagrams.json"));
  if (!blocks.open(QIODevice::ReadOnly)) GTEST_SKIP() << "lectures/diagrams.json not found";
  for (const QJsonValue& block : QJsonDocument::fromJson(blocks.readAll()).array()) {
    const QJsonObject drawnBy = block[QStringLiteral("drawn_by")].toObject();
    if (drawnBy[QStringLiteral("page")].toString() != QLatin1String("notes")) continue;
    const QString name = drawnBy[QStringLiteral("options")].toObject()[QStringLiteral("diagram")].toString();
    EXPECT_TRUE(NotesPage::diagramNames().contains(name)) << block[QStringLiteral("block")].toString().toStdString()
                                                          << ": the notes page has no diagram " << name.toStdString();
  }
}

// Without the smp guest's samples (a lecture step may feed `vmctl run long`), the slices come from the exit trace and
// the host CPU of each is marked as not measured.
TEST(NotesPage, TimeSlicesFromAnExitTrace) {
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  NotesPage page;
  ASSERT_TRUE(page.setOption(QStringLiteral("diagram"), QStringLiteral("cpu-time-slices")));
  QList<QJsonObject> documents = loadReplayFile(fixture("vmctl-notes-info.json")).documents;
  documents << loadReplayFile(fixture("vmctl-notes-run-long.json")).documents;
  EXPECT_EQ(page.replay(documents), QString());
  const QStringList texts = sceneTexts(*page.scene());
  EXPECT_TRUE(containsText(texts, QStringLiteral("Time slice 1 ended at 1.513 ms: vCPU 0 left the guest (IO exit)")))
      << texts.join(QLatin1Char('\n')).toStdString();
  EXPECT_TRUE(containsText(texts, QStringLiteral("vCPU 0 (host thread 28627)")));
  EXPECT_TRUE(containsText(texts, QStringLiteral("the host CPU of each slice: not measured here")));
}

// The NAT table from a real NAT: one keyed row per conntrack entry of `net nat`, translated rows marked →, and
// nothing left "not measured". The live feeds build the NAT, read it and remove it (net down, also after a cancel).
TEST(NotesPage, NatTableRowsFromTheRoutersConntrack) {
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  NotesPage page;
  ASSERT_TRUE(page.setOption(QStringLiteral("diagram"), QStringLiteral("nat-table")));
  QList<QJsonObject> documents = loadReplayFile(fixture("nsenter-lite-notes-nat-switch.json")).documents;
  documents << loadReplayFile(fixture("nsenter-lite-notes-nat-conntrack.json")).documents;
  EXPECT_EQ(page.replay(documents), QString());
  const QJsonArray rows = documents.last()[QStringLiteral("conntrack")].toArray();
  ASSERT_FALSE(rows.isEmpty());
  const QStringList keys = sceneKeys(*page.scene());
  for (const char* key :
       {"nat:chain:0", "nat:chain:1", "nat:chain:2", "nat:router", "nat:vm:1", "nat:vm:2", "nat:table"}) {
    EXPECT_TRUE(keys.contains(QLatin1String(key))) << key;
  }
  for (int i = 1; i <= rows.size(); ++i) EXPECT_TRUE(keys.contains(QStringLiteral("nat:row:%1").arg(i))) << i;
  EXPECT_FALSE(keys.contains(QStringLiteral("nat:row:%1").arg(rows.size() + 1)));
  const QStringList texts = sceneTexts(*page.scene());
  for (const QJsonValue& row : rows) {
    EXPECT_TRUE(texts.contains(row[QStringLiteral("internal")].toString()));
    EXPECT_TRUE(texts.contains(row[QStringLiteral("external")].toString()));
    EXPECT_TRUE(texts.contains(row[QStringLiteral("remote")].toString()));
  }
  EXPECT_FALSE(containsText(texts, QStringLiteral("not measured"))) << texts.join(QLatin1Char('\n')).toStdString();

  const QList<NotesPage::Feed> feeds = NotesPage::feeds(QStringLiteral("nat-table"));
  ASSERT_EQ(feeds.size(), 3);
  EXPECT_EQ(feeds.at(0).args.join(QLatin1Char(' ')), QStringLiteral("net switch --mode nat --hosts 2 --json"));
  EXPECT_EQ(feeds.at(1).args.join(QLatin1Char(' ')), QStringLiteral("net nat --json"));
  EXPECT_EQ(feeds.at(2).args.join(QLatin1Char(' ')), QStringLiteral("net down --json"));
  EXPECT_TRUE(feeds.at(2).cleanup);
  EXPECT_FALSE(feeds.at(0).cleanup || feeds.at(1).cleanup);
}

// Live, cancelled while `net nat` runs (Esc): the NAT switch the first feed made is still removed by `net down`.
// A stand-in nsenter-lite (VIRTLAB_BIN_DIR) prints the recorded documents and blocks on `net nat`.
TEST(NotesPage, NatTableCancelledStillRunsNetDown) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString calls = dir.filePath(QStringLiteral("calls"));
  QFile script(dir.filePath(QStringLiteral("nsenter-lite")));
  ASSERT_TRUE(script.open(QIODevice::WriteOnly));
  script.write(
      QStringLiteral("#!/bin/sh\n"
                     "echo \"$*\" >> '%1'\n"
                     "case \"$*\" in\n"
                     "  'net switch '*) cat '%2' ;;\n"
                     "  'net nat '*) exec sleep 30 ;;\n"
                     "  'net down '*) cat '%3' ;;\n"
                     "esac\n")
          .arg(calls, fixture("nsenter-lite-notes-nat-switch.json"), fixture("nsenter-lite-notes-nat-down.json"))
          .toUtf8());
  script.close();
  script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
  const QByteArray previous = qgetenv("VIRTLAB_BIN_DIR");
  qputenv("VIRTLAB_BIN_DIR", dir.path().toUtf8());
  const auto readCalls = [&calls] {
    QFile f(calls);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
  };

  NotesPage page;
  ASSERT_TRUE(page.setOption(QStringLiteral("diagram"), QStringLiteral("nat-table")));
  QEventLoop loop;
  bool cancelled = false;
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, &page, [&] {
    const QString called = readCalls();
    if (!cancelled && called.contains(QLatin1String("net nat")) && page.isBusy()) {
      cancelled = true;
      page.cancel();
    } else if (cancelled && called.contains(QLatin1String("net down")) && !page.isBusy()) {
      loop.quit();
    }
  });
  poll.start(20);
  QTimer::singleShot(20000, &loop, &QEventLoop::quit);
  page.refresh();
  loop.exec();
  if (previous.isEmpty()) {
    qunsetenv("VIRTLAB_BIN_DIR");
  } else {
    qputenv("VIRTLAB_BIN_DIR", previous);
  }
  EXPECT_EQ(readCalls(), QStringLiteral("net switch --mode nat --hosts 2 --json\nnet nat --json\nnet down --json\n"));
  EXPECT_FALSE(page.isBusy());
  QStringList commands;
  for (const QJsonObject& doc : page.record()) commands << doc.value(QStringLiteral("command")).toString();
  EXPECT_EQ(commands, (QStringList{QStringLiteral("net switch"), QStringLiteral("net down")}));
}

// An older recording (a host-only switch, no NAT documents): the private side is real, the rows are "—" and say
// that the router's conntrack (nsenter-lite net nat) would give them.
TEST(NotesPage, NatTableWithoutNatDocumentsIsNotMeasured) {
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  NotesPage page;
  ASSERT_TRUE(page.setOption(QStringLiteral("diagram"), QStringLiteral("nat-table")));
  QList<QJsonObject> documents = loadReplayFile(fixture("vmctl-notes-info.json")).documents;
  documents << loadReplayFile(fixture("nsenter-lite-notes-switch-host-only.json")).documents;
  EXPECT_EQ(page.replay(documents), QString());
  const QStringList texts = sceneTexts(*page.scene());
  EXPECT_TRUE(containsText(texts, QStringLiteral("10.201.0.1:—"))) << texts.join(QLatin1Char('\n')).toStdString();
  EXPECT_TRUE(containsText(texts, QStringLiteral("here: bridge vl-br0 (mode host-only), no NAT")));
  EXPECT_TRUE(containsText(texts, QStringLiteral("Not measured on this machine")));
  EXPECT_TRUE(containsText(texts, QStringLiteral("nsenter-lite net nat --json → conntrack[]")));
  EXPECT_FALSE(sceneKeys(*page.scene()).contains(QStringLiteral("nat:row:1")));
}

// Two runs (chroot, then pivot_root): each run's root switch is listed.
TEST(NotesPage, RuntimeChainListsEachRunsRootSwitch) {
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  NotesPage page;
  ASSERT_TRUE(page.setOption(QStringLiteral("diagram"), QStringLiteral("docker-runtime-chain")));
  QList<QJsonObject> documents = loadReplayFile(fixture("nsenter-lite-notes-run-chroot.json")).documents;
  documents << loadReplayFile(fixture("nsenter-lite-notes-run-true.json")).documents;
  EXPECT_EQ(page.replay(documents), QString());
  const QStringList texts = sceneTexts(*page.scene());
  EXPECT_TRUE(containsText(texts, QStringLiteral("run 1: root switched with chroot to")))
      << texts.join(QLatin1Char('\n')).toStdString();
  EXPECT_TRUE(containsText(texts, QStringLiteral("run 2: root switched with pivot_root to")));
}

// Nothing recorded: every number is "—", and each says which tool and field would give it.
TEST(NotesPage, MissingNumbersAreDashesWithTheirSource) {
  ASSERT_TRUE(setLanguage(QStringLiteral("en")));
  NotesPage page;
  ASSERT_TRUE(page.setOption(QStringLiteral("diagram"), QStringLiteral("performance-table")));
  const LoadResult vmOnly = loadReplayFile(fixture("vmctl-notes-info.json"));
  EXPECT_EQ(page.replay(vmOnly.documents), QString());
  const QStringList texts = sceneTexts(*page.scene());
  EXPECT_TRUE(containsText(texts, QStringLiteral("—")));
  EXPECT_TRUE(containsText(texts, QStringLiteral("Not measured on this machine")));
  EXPECT_TRUE(containsText(texts, QStringLiteral("testvm run --json -- true → boot_seconds")));
  EXPECT_TRUE(
      containsText(texts, QStringLiteral("nsenter-lite run --json --rootfs busybox -- true → container.seconds")));
}

TEST(NotesPage, UnknownDiagramIsRefused) {
  NotesPage page;
  EXPECT_FALSE(page.setOption(QStringLiteral("diagram"), QStringLiteral("no-such-diagram")));
  EXPECT_FALSE(page.setOption(QStringLiteral("guest"), QStringLiteral("hello")));
}

int runExplorer(const QStringList& args, QString* err) {
  QProcess process;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  process.setProcessEnvironment(env);
  process.start(QStringLiteral(EXPLORER_BINARY), args);
  process.waitForFinished(60000);
  *err = QString::fromUtf8(process.readAllStandardError());
  return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

// The real binary: `explorer --view notes --diagram NAME --replay F --screenshot OUT` writes the picture; an unknown
// diagram name is a usage error (exit 2).
TEST(NotesCli, ScreenshotFromAReplayAndUnknownDiagram) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString out = dir.filePath(QStringLiteral("lru.png"));
  QString err;
  EXPECT_EQ(
      runExplorer(
          {QStringLiteral("--view"), QStringLiteral("notes"), QStringLiteral("--diagram"), QStringLiteral("lru-table"),
           QStringLiteral("--replay"), fixture("pagewalk-notes-simulate-lru.json"), QStringLiteral("--screenshot"), out,
           QStringLiteral("--lang"), QStringLiteral("ko"), QStringLiteral("--size"), QStringLiteral("800x500")},
          &err),
      0)
      << err.toStdString();
  EXPECT_EQ(QImage(out).size(), QSize(800, 500));
  EXPECT_EQ(runExplorer({QStringLiteral("--view"), QStringLiteral("notes"), QStringLiteral("--diagram"),
                         QStringLiteral("no-such-diagram"), QStringLiteral("--replay"),
                         fixture("pagewalk-notes-simulate-lru.json"), QStringLiteral("--screenshot"),
                         dir.filePath(QStringLiteral("x.png"))},
                        &err),
            2);
  EXPECT_TRUE(err.contains(QStringLiteral("no-such-diagram"))) << err.toStdString();
}

}  // namespace
}  // namespace virtlab::explorer
