// explorer_models on fixtures that are real tool outputs (tests/gui/fixtures, captured from the tools on the
// project's machine). Qt Core only: no QApplication, no widgets.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include "models/cgtop.h"
#include "models/document.h"
#include "models/layers.h"
#include "models/namespaces.h"
#include "models/pagewalk.h"
#include "models/toolrunner.h"
#include "models/vmctl.h"
#include "models/vswitch.h"

namespace virtlab::explorer {
namespace {

QString fixture(const char* name) {
  return QStringLiteral(VIRTLAB_FIXTURES_DIR "/") + QLatin1String(name);
}

QByteArray readFixture(const char* name) {
  QFile file(fixture(name));
  EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name;
  return file.readAll();
}

TEST(Documents, JsonLinesStreamGivesEveryDocument) {
  const LoadResult loaded = parseDocuments(readFixture("cgtop-run-oom.jsonl"));
  ASSERT_TRUE(loaded.ok()) << loaded.error.toStdString();
  ASSERT_GE(loaded.documents.size(), 2);
  for (const QJsonObject& doc : loaded.documents) EXPECT_EQ(checkSchema(doc, QStringLiteral("cgtop"), 1), QString());
  EXPECT_EQ(cgtopKind(loaded.documents.last()), QStringLiteral("run-report"));
}

TEST(Documents, PrettyPrintedSingleDocumentParses) {
  const LoadResult stream = parseDocuments(readFixture("cgtop-run-cpu.jsonl"));
  ASSERT_TRUE(stream.ok());
  const QByteArray pretty = QJsonDocument(stream.documents.last()).toJson(QJsonDocument::Indented);
  const LoadResult single = parseDocuments(pretty);
  ASSERT_TRUE(single.ok()) << single.error.toStdString();
  ASSERT_EQ(single.documents.size(), 1);
  EXPECT_EQ(single.documents.first(), stream.documents.last());
}

TEST(Documents, TruncatedStreamKeepsCompleteLinesAndReportsTheCut) {
  const QByteArray whole = readFixture("cgtop-run-oom.jsonl");
  const qsizetype lastLineStart = whole.lastIndexOf('\n', whole.size() - 2) + 1;
  const QByteArray cut = whole.left(lastLineStart + 40);  // the run-report line cut after 40 bytes
  const LoadResult loaded = parseDocuments(cut);
  EXPECT_FALSE(loaded.ok());
  EXPECT_TRUE(loaded.error.contains(QStringLiteral("truncated"))) << loaded.error.toStdString();
  EXPECT_EQ(loaded.documents.size(), whole.count('\n') - 1);
}

TEST(Documents, TruncatedPrettyDocumentIsReported) {
  const LoadResult stream = parseDocuments(readFixture("cgtop-run-cpu.jsonl"));
  ASSERT_TRUE(stream.ok());
  const QByteArray pretty = QJsonDocument(stream.documents.last()).toJson(QJsonDocument::Indented);
  const LoadResult loaded = parseDocuments(pretty.left(pretty.size() / 2));
  EXPECT_FALSE(loaded.ok());
  EXPECT_TRUE(loaded.documents.isEmpty());
  EXPECT_FALSE(loaded.error.isEmpty());
}

TEST(Documents, GarbageEmptyAndArraysAreReported) {
  EXPECT_FALSE(parseDocuments("").ok());
  EXPECT_TRUE(parseDocuments("   \n").error.contains(QStringLiteral("empty")));
  EXPECT_TRUE(parseDocuments("[1,2,3]").error.contains(QStringLiteral("object")));
  const LoadResult garbage = parseDocuments("\x89PNG\r\n\x1a\nbinary");
  EXPECT_FALSE(garbage.ok());
  EXPECT_FALSE(garbage.error.isEmpty());
}

TEST(Documents, SchemaMismatchesNameTheProblem) {
  QJsonObject doc = parseDocuments(readFixture("cgtop-run-cpu.jsonl")).documents.first();
  EXPECT_TRUE(checkSchema(doc, QStringLiteral("pagewalk"), 1).contains(QStringLiteral("cgtop output")));
  doc.insert(QStringLiteral("schema"), QStringLiteral("cgtop/2"));
  EXPECT_TRUE(checkSchema(doc, QStringLiteral("cgtop"), 1).contains(QStringLiteral("not supported")));
  doc.insert(QStringLiteral("schema"), QStringLiteral("cgtop"));
  EXPECT_TRUE(checkSchema(doc, QStringLiteral("cgtop"), 1).contains(QStringLiteral("malformed")));
  doc.remove(QStringLiteral("schema"));
  EXPECT_TRUE(checkSchema(doc, QStringLiteral("cgtop"), 1).contains(QStringLiteral("no \"schema\"")));
}

TEST(Documents, SaveAndLoadRoundTrip) {
  const LoadResult original = parseDocuments(readFixture("cgtop-run-oom.jsonl"));
  ASSERT_TRUE(original.ok());
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  QString error;
  const QString stream = dir.filePath(QStringLiteral("run.jsonl"));
  ASSERT_TRUE(saveDocuments(stream, original.documents, &error)) << error.toStdString();
  EXPECT_EQ(loadReplayFile(stream).documents, original.documents);
  const QString single = dir.filePath(QStringLiteral("one.json"));
  ASSERT_TRUE(saveDocuments(single, {original.documents.last()}, &error));
  EXPECT_EQ(loadReplayFile(single).documents, QList<QJsonObject>{original.documents.last()});
  EXPECT_FALSE(saveDocuments(dir.filePath(QStringLiteral("none.json")), {}, &error));
}

TEST(Documents, MissingReplayFileNamesThePath) {
  const LoadResult loaded = loadReplayFile(QStringLiteral("/nonexistent/lecture.jsonl"));
  EXPECT_FALSE(loaded.ok());
  EXPECT_TRUE(loaded.error.contains(QStringLiteral("/nonexistent/lecture.jsonl")));
}

TEST(Cgtop, SnapshotOfTheRealTree) {
  const LoadResult loaded = parseDocuments(readFixture("cgtop-snapshot.jsonl"));
  ASSERT_TRUE(loaded.ok()) << loaded.error.toStdString();
  CgroupSnapshot snapshot;
  QString error;
  ASSERT_TRUE(parseCgroupSnapshot(loaded.documents.last(), &snapshot, &error)) << error.toStdString();
  EXPECT_EQ(snapshot.layout, QStringLiteral("hybrid"));
  EXPECT_EQ(snapshot.cpus, 2);
  ASSERT_FALSE(snapshot.cgroups.isEmpty());
  const CgroupSample& root = snapshot.cgroups.first();
  EXPECT_EQ(root.path, QStringLiteral("/"));
  EXPECT_EQ(root.depth, 0);
  EXPECT_GT(root.memoryCurrent, 0);
  EXPECT_EQ(root.memoryLimit, -1);  // null = no limit, never 0
  EXPECT_GE(root.cpuPercent, 0);
  // v1 groups without cpuacct numbers stay "unknown", not zero.
  bool sawUnknownCpu = false;
  for (const CgroupSample& c : snapshot.cgroups) sawUnknownCpu |= c.cpuPercent == -1;
  EXPECT_TRUE(sawUnknownCpu);
}

TEST(Cgtop, RunReportUnderCpuLimit) {
  const LoadResult loaded = parseDocuments(readFixture("cgtop-run-cpu.jsonl"));
  ASSERT_TRUE(loaded.ok());
  CgroupSnapshot sample;
  QString error;
  ASSERT_TRUE(parseCgroupSnapshot(loaded.documents.first(), &sample, &error)) << error.toStdString();
  ASSERT_EQ(sample.cgroups.size(), 1);
  EXPECT_TRUE(sample.cgroups.first().path.startsWith(QStringLiteral("/virtlab/run-")));
  EXPECT_DOUBLE_EQ(sample.cgroups.first().quotaCores, 0.5);
  EXPECT_EQ(sample.cgroups.first().memoryLimit, 32.0 * 1024 * 1024);
  CgroupRunReport report;
  ASSERT_TRUE(parseCgroupRunReport(loaded.documents.last(), &report, &error)) << error.toStdString();
  EXPECT_EQ(report.exitStatus, 0);
  EXPECT_EQ(report.signal, -1);
  EXPECT_EQ(report.oomKills, 0);
  EXPECT_TRUE(report.limits.contains(QStringLiteral("cpu.cfs_quota_us = 50000")));
  EXPECT_FALSE(report.explanation.isEmpty());
}

TEST(Cgtop, RunReportOfAnOomKill) {
  const LoadResult loaded = parseDocuments(readFixture("cgtop-run-oom.jsonl"));
  CgroupRunReport report;
  QString error;
  ASSERT_TRUE(parseCgroupRunReport(loaded.documents.last(), &report, &error)) << error.toStdString();
  EXPECT_EQ(report.oomKills, 1);
  EXPECT_EQ(report.signal, 9);
  EXPECT_EQ(report.exitStatus, -1);
  EXPECT_EQ(report.memoryPeak, 16.0 * 1024 * 1024);
  // A snapshot is not a run report and says so.
  EXPECT_FALSE(parseCgroupRunReport(loaded.documents.first(), &report, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("run-report")));
}

TEST(Layers, CgtopSnapshotFillsTheKernelLayer) {
  LayerStack stack;
  for (const QJsonObject& doc : parseDocuments(readFixture("cgtop-snapshot.jsonl")).documents) {
    EXPECT_EQ(addDocumentToStack(doc, &stack), QString());
  }
  EXPECT_EQ(stack.cgroupLayout, QStringLiteral("hybrid"));
  EXPECT_GT(stack.cgroupCount, 1);
  EXPECT_FALSE(stack.machine.kernelRelease.isEmpty());  // from the common "host" header
  EXPECT_FALSE(stack.machine.known);                    // only vmctl info knows the hardware
}

// Recorded in one moment while `nsenter-lite run --rootfs busybox --memory 64M --pids 32 --cpu 0.5 -- sleep 30`
// ran: `nsenter-lite ls --json` and the 2nd line of `cgtop --json -b -n 2 -d 0.5 --depth -1`.
constexpr const char* kJoinedListing = "nsenter-lite-ls-with-cgtop.json";
constexpr const char* kJoinedSnapshot = "cgtop-snapshot-with-nsenter-lite-ls.jsonl";

LayerStack stackFrom(const std::vector<const char*>& names) {
  LayerStack stack;
  for (const char* name : names) {
    const LoadResult loaded = loadReplayFile(fixture(name));
    EXPECT_TRUE(loaded.ok()) << name << ": " << loaded.error.toStdString();
    for (const QJsonObject& doc : loaded.documents) EXPECT_EQ(addDocumentToStack(doc, &stack), QString()) << name;
  }
  return stack;
}

TEST(Layers, ContainerGetsItsCgroupNumbersFromTheCgtopRow) {
  // Either order: the join is redone after every document.
  for (const auto& order : {std::vector<const char*>{kJoinedListing, kJoinedSnapshot},
                            std::vector<const char*>{kJoinedSnapshot, kJoinedListing}}) {
    const LayerStack stack = stackFrom(order);
    ASSERT_EQ(stack.containers.size(), 1);
    const ContainerInfo& c = stack.containers.first();
    EXPECT_EQ(c.name, QStringLiteral("sleep"));
    EXPECT_TRUE(c.cgroup.startsWith(QStringLiteral("/virtlab/nsenter-lite-"))) << c.cgroup.toStdString();
    EXPECT_EQ(c.cgroupMatch, CgroupMatch::Exact);
    EXPECT_EQ(c.cgroupRow, c.cgroup);
    EXPECT_EQ(c.memoryLimit, 64.0 * 1024 * 1024);  // --memory 64M
    EXPECT_GT(c.memoryBytes, 0);
    EXPECT_GE(c.tasks, 1);         // sleep itself
    EXPECT_EQ(c.tasksMax, 32);     // --pids 32
    EXPECT_EQ(c.quotaCores, 0.5);  // --cpu 0.5
    EXPECT_GE(c.cpuPercent, 0);    // the 2nd snapshot has a rate (a sleeping container: about 0)
  }
}

TEST(Layers, ContainerCgroupFallsBackToTheNearestAncestorRow) {
  LayerStack stack = stackFrom({kJoinedListing, kJoinedSnapshot});
  ASSERT_EQ(stack.containers.size(), 1);
  const QString own = stack.containers.first().cgroup;
  // As with cgtop --depth 1: the container's own row is not in the snapshot, its parent /virtlab is.
  stack.cgroupRows.removeIf([&](const CgroupSample& row) { return row.path == own; });
  joinContainerCgroups(&stack);
  const ContainerInfo& c = stack.containers.first();
  EXPECT_EQ(c.cgroupMatch, CgroupMatch::Ancestor);
  EXPECT_EQ(c.cgroupRow, QStringLiteral("/virtlab"));
  EXPECT_EQ(c.memoryLimit, -1);  // /virtlab itself has no limit: the numbers are the ancestor's, not the container's
}

TEST(Layers, ContainerWithoutACgroupFieldIsUnknownNotZero) {
  // An nsenter-lite from before the "cgroup" field, with a snapshot: nothing to join on.
  const LayerStack stack = stackFrom({"nsenter-lite-ls-container.json", kJoinedSnapshot});
  ASSERT_EQ(stack.containers.size(), 1);
  const ContainerInfo& c = stack.containers.first();
  EXPECT_TRUE(c.cgroup.isEmpty());
  EXPECT_EQ(c.cgroupMatch, CgroupMatch::Unknown);
  EXPECT_EQ(c.memoryBytes, -1);
  EXPECT_EQ(c.tasks, -1);
  // The cgroup known but no cgtop snapshot read.
  const LayerStack alone = stackFrom({kJoinedListing});
  ASSERT_EQ(alone.containers.size(), 1);
  EXPECT_EQ(alone.containers.first().cgroupMatch, CgroupMatch::NoSnapshot);
  EXPECT_EQ(alone.containers.first().memoryLimit, -1);
}

TEST(Vmctl, InfoDescribesThisMachine) {
  const LoadResult loaded = loadReplayFile(fixture("vmctl-info.json"));
  ASSERT_TRUE(loaded.ok()) << loaded.error.toStdString();
  MachineInfo machine;
  KvmInfo kvm;
  QString error;
  ASSERT_TRUE(parseVmctlInfo(loaded.documents.first(), &machine, &kvm, &error)) << error.toStdString();
  EXPECT_TRUE(machine.known);
  EXPECT_TRUE(machine.isVirtualMachine);  // our machines are VMs (CPUID hypervisor bit)
  EXPECT_FALSE(machine.hypervisor.isEmpty());
  EXPECT_TRUE(machine.vmEvidence.contains(QStringLiteral("CPUID hypervisor bit")));
  EXPECT_EQ(machine.logicalCpus, 2);
  EXPECT_GT(machine.memoryBytes, qint64(1) << 30);
  EXPECT_EQ(machine.pagingLevels, 4);
  EXPECT_FALSE(machine.nics.isEmpty());
  EXPECT_FALSE(kvm.present);  // no /dev/kvm here: vmctl goes nested
  EXPECT_FALSE(kvm.reason.isEmpty());
  LayerStack stack;
  EXPECT_EQ(addDocumentToStack(loaded.documents.first(), &stack), QString());
  EXPECT_TRUE(stack.machine.isVirtualMachine);
  EXPECT_FALSE(stack.machine.kvmDevice);
}

TEST(Vmctl, NestedRunOfTheProtectedModeGuest) {
  const LoadResult loaded = loadReplayFile(fixture("vmctl-run-protected.json"));
  ASSERT_TRUE(loaded.ok());
  VmRun run;
  QString error;
  ASSERT_TRUE(parseVmRun(loaded.documents.first(), &run, &error)) << error.toStdString();
  EXPECT_TRUE(run.nested.nested);
  EXPECT_EQ(run.nested.via, QStringLiteral("testvm"));
  EXPECT_EQ(run.guest, QStringLiteral("protected"));
  EXPECT_EQ(run.outcome, QStringLiteral("halted"));
  quint64 sum = 0;
  for (const ExitCount& e : run.histogram) sum += e.count;
  EXPECT_EQ(sum, run.totalExits);  // the histogram accounts for every exit
  EXPECT_EQ(run.histogram.last().reason, QStringLiteral("HLT"));
  ASSERT_FALSE(run.vcpus.isEmpty());
  EXPECT_EQ(run.vcpus.first().registers.first().first, QStringLiteral("rip"));
  EXPECT_TRUE(run.serial.contains(QStringLiteral("GVA 0x1000 -> GPA 0x5000")));
  // info is not a run
  EXPECT_FALSE(parseVmRun(loadReplayFile(fixture("vmctl-info.json")).documents.first(), &run, &error));
}

TEST(Vmctl, TranslateGivesTheNotesThreeSteps) {
  const LoadResult loaded = loadReplayFile(fixture("vmctl-translate-protected.json"));
  VmTranslate translate;
  QString error;
  ASSERT_TRUE(parseVmTranslate(loaded.documents.first(), &translate, &error)) << error.toStdString();
  ASSERT_FALSE(translate.chains.isEmpty());
  const TranslationChain& first = translate.chains.first();
  // The notes' example, measured: guest-virtual 0x1000 → guest-physical 0x5000 → an HVA in vmctl → a frame.
  EXPECT_EQ(first.gva, 0x1000u);
  EXPECT_EQ(first.gpa, 0x5000);
  EXPECT_TRUE(first.kvmAgrees);
  EXPECT_GT(first.hva, 0);
  EXPECT_EQ(first.hva % 4096, first.gpa % 4096);  // a memslot maps pages: the offset in the page is kept
  ASSERT_FALSE(first.levels.isEmpty());
  EXPECT_TRUE(first.levels.last().leaf);
}

// `vmctl boot --console virtio --timeout 400 --json` (nested in the test VM): the Debian cloud kernel to its shell
// and power-off. The relations hold for any boot: every exit is in one reason, one device, one phase, one bucket.
QJsonObject bootFixture() {
  const LoadResult loaded = loadReplayFile(fixture("vmctl-boot-virtio.json"));
  EXPECT_TRUE(loaded.ok()) << loaded.error.toStdString();
  return loaded.documents.value(0);
}

quint64 sumOf(const QList<NamedCount>& counts) {
  quint64 sum = 0;
  for (const NamedCount& c : counts) sum += c.count;
  return sum;
}

TEST(Vmctl, BootOfARealLinuxKernel) {
  const QJsonObject doc = bootFixture();
  EXPECT_EQ(vmctlCommand(doc), QStringLiteral("boot"));
  VmBoot boot;
  QString error;
  ASSERT_TRUE(parseVmBoot(doc, &boot, &error)) << error.toStdString();
  EXPECT_EQ(boot.outcome, QStringLiteral("powered-off"));
  EXPECT_TRUE(boot.succeeded);
  EXPECT_TRUE(boot.nested.nested);
  EXPECT_EQ(boot.memory, 256u << 20);
  EXPECT_TRUE(boot.kernelVersion.startsWith(QStringLiteral("6."))) << boot.kernelVersion.toStdString();
  // Times in boot order: first console byte, /init, the marker /init prints, the end.
  EXPECT_GT(boot.firstOutputSeconds, 0);
  EXPECT_LT(boot.firstOutputSeconds, boot.initSeconds);
  EXPECT_LT(boot.initSeconds, boot.markerSeconds);
  EXPECT_LE(boot.markerSeconds, boot.totalSeconds);
  // Every exit to vmctl has one reason and one device; the devices come largest first, the UART on top.
  ASSERT_FALSE(boot.byDevice.isEmpty());
  EXPECT_EQ(sumOf(boot.byReason), boot.totalExits);
  EXPECT_EQ(sumOf(boot.byDevice), boot.totalExits);
  EXPECT_TRUE(boot.byDevice.first().name.startsWith(QStringLiteral("UART 8250")));
  for (int i = 1; i < boot.byDevice.size(); ++i) EXPECT_GE(boot.byDevice[i - 1].count, boot.byDevice[i].count);
  // Three phases back to back, their exits adding up to the total; the buckets too.
  ASSERT_EQ(boot.phases.size(), 3);
  EXPECT_EQ(boot.phases[0].phase, QStringLiteral("decompression"));
  EXPECT_EQ(boot.phases[2].phase, QStringLiteral("userspace"));
  quint64 inPhases = 0, inBuckets = 0;
  for (const BootPhase& p : boot.phases) {
    EXPECT_TRUE(p.reached);
    EXPECT_GE(p.kvmExits, static_cast<qint64>(p.exits)) << "KVM counts every exit, also those vmctl sees";
    EXPECT_EQ(sumOf(p.byDevice), p.exits);
    inPhases += p.exits;
  }
  EXPECT_DOUBLE_EQ(boot.phases[0].endSeconds, boot.phases[1].startSeconds);
  EXPECT_DOUBLE_EQ(boot.phases[1].endSeconds, boot.phases[2].startSeconds);
  EXPECT_EQ(inPhases, boot.totalExits);
  EXPECT_GT(boot.bucketSeconds, 0);
  for (const BootBucket& b : boot.buckets) inBuckets += b.exits;
  EXPECT_EQ(inBuckets, boot.totalExits);
  // virtio-console: the driver came up, its kicks went through ioeventfd, none exited.
  EXPECT_TRUE(boot.virtio.present);
  EXPECT_TRUE(boot.virtio.driverOk);
  EXPECT_TRUE(boot.virtio.ioeventfd);
  EXPECT_GT(boot.virtio.ioeventfdKicks, 0u);
  EXPECT_EQ(boot.virtio.mmioKicks, 0u);
  EXPECT_FALSE(boot.kvmVcpuStats.isEmpty());
  EXPECT_FALSE(boot.disk.present);
  EXPECT_FALSE(boot.walk.present);
  // Other commands' parsers refuse it by name.
  VmRun run;
  EXPECT_FALSE(parseVmRun(doc, &run, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("\"boot\""))) << error.toStdString();
}

TEST(Vmctl, BootWithoutTheOptionalMembers) {
  // An older vmctl/1 boot document: no by_device, phases, timeline, kvm_stats or virtio (schema: all optional).
  QJsonObject doc = bootFixture();
  QJsonObject boot = doc.value(QStringLiteral("boot")).toObject();
  for (const char* member : {"phases", "timeline", "kvm_stats", "virtio", "marker", "outcome_detail"})
    boot.remove(QLatin1String(member));
  QJsonObject exits = boot.value(QStringLiteral("exits")).toObject();
  exits.remove(QStringLiteral("by_device"));
  boot.insert(QStringLiteral("exits"), exits);
  QJsonObject times = boot.value(QStringLiteral("times")).toObject();
  times.insert(QStringLiteral("marker_seconds"), QJsonValue::Null);
  boot.insert(QStringLiteral("times"), times);
  doc.insert(QStringLiteral("boot"), boot);
  VmBoot parsed;
  QString error;
  ASSERT_TRUE(parseVmBoot(doc, &parsed, &error)) << error.toStdString();
  EXPECT_GT(parsed.totalExits, 0u);
  EXPECT_TRUE(parsed.byDevice.isEmpty());
  EXPECT_TRUE(parsed.phases.isEmpty());
  EXPECT_TRUE(parsed.buckets.isEmpty());
  EXPECT_FALSE(parsed.virtio.present);
  EXPECT_EQ(parsed.markerSeconds, -1);
  // Without "exits" it is not a boot document that can be drawn.
  boot.remove(QStringLiteral("exits"));
  doc.insert(QStringLiteral("boot"), boot);
  EXPECT_FALSE(parseVmBoot(doc, &parsed, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("exits"))) << error.toStdString();
}

TEST(Vmctl, BootWithDiskAndWalkMembers) {
  // boot.disk (--disk, virtio-blk) and boot.walk (--walk) as their schemas define them (no recording has them yet):
  // the walk's chain is translate's chain item, here the real one of vmctl-translate-protected.json.
  QJsonObject doc = bootFixture();
  QJsonObject boot = doc.value(QStringLiteral("boot")).toObject();
  const QJsonObject chain = loadReplayFile(fixture("vmctl-translate-protected.json"))
                                .documents.value(0)
                                .value(QStringLiteral("translate"))
                                .toObject()
                                .value(QStringLiteral("chains"))
                                .toArray()
                                .first()
                                .toObject();
  boot.insert(QStringLiteral("walk"), QJsonObject{{QStringLiteral("program"), QStringLiteral("/bin/walkme")},
                                                  {QStringLiteral("verdict"), QStringLiteral("agree")},
                                                  {QStringLiteral("cpl"), 3},
                                                  {QStringLiteral("chain"), chain}});
  const QJsonObject delta{{QStringLiteral("path"), QStringLiteral("/tmp/d.img.delta")},
                          {QStringLiteral("st_size"), 1 << 20},
                          {QStringLiteral("allocated"), 8192},
                          {QStringLiteral("provisioning"), QStringLiteral("thin")},
                          {QStringLiteral("sectors"), 16}};
  boot.insert(
      QStringLiteral("disk"),
      QJsonObject{{QStringLiteral("path"), QStringLiteral("/tmp/d.img")},
                  {QStringLiteral("mode"), QStringLiteral("snapshot")},
                  {QStringLiteral("file"), QJsonObject{{QStringLiteral("st_size"), 1 << 20},
                                                       {QStringLiteral("allocated"), 1 << 20},
                                                       {QStringLiteral("provisioning"), QStringLiteral("thick")}}},
                  {QStringLiteral("delta"), delta},
                  {QStringLiteral("writes"), 2}});
  doc.insert(QStringLiteral("boot"), boot);
  VmBoot parsed;
  QString error;
  ASSERT_TRUE(parseVmBoot(doc, &parsed, &error)) << error.toStdString();
  ASSERT_TRUE(parsed.disk.present);
  EXPECT_EQ(parsed.disk.mode, QStringLiteral("snapshot"));
  EXPECT_EQ(parsed.disk.file.provisioning, QStringLiteral("thick"));
  EXPECT_TRUE(parsed.disk.hasDelta);
  EXPECT_EQ(parsed.disk.delta.allocated, 8192u);
  EXPECT_EQ(parsed.disk.deltaSectors, 16u);
  EXPECT_EQ(parsed.disk.writes, 2u);
  ASSERT_TRUE(parsed.walk.present);
  EXPECT_EQ(parsed.walk.cpl, 3);
  ASSERT_TRUE(parsed.walk.hasChain);
  EXPECT_EQ(parsed.walk.chain.gva, 0x1000u);
  EXPECT_EQ(parsed.walk.chain.gpa, 0x5000);
  EXPECT_FALSE(parsed.walk.chain.levels.isEmpty());
}

TEST(Namespaces, AnUnshareContainerIsOneGroup) {
  // Captured while `unshare --pid --fork --mount-proc --net --uts --ipc --mount sleep` ran.
  const LoadResult loaded = loadReplayFile(fixture("nsenter-lite-ls-container.json"));
  NamespaceListing listing;
  QString error;
  ASSERT_TRUE(parseNamespaceListing(loaded.documents.first(), &listing, &error)) << error.toStdString();
  EXPECT_EQ(listing.hostNamespaces.size(), 8);  // one host namespace of every kind
  const QList<ContainerInfo> containers = containersFrom(listing);
  ASSERT_EQ(containers.size(), 1);
  const ContainerInfo& c = containers.first();
  EXPECT_EQ(c.name, QStringLiteral("unshare"));  // the launcher and its child fold into one container
  EXPECT_EQ(c.processes, 2);
  for (const char* kind : {"pid", "net", "mnt", "uts", "ipc"}) {
    EXPECT_TRUE(c.ownNamespaces.contains(QLatin1String(kind))) << kind;
  }
  EXPECT_FALSE(c.ownNamespaces.contains(QStringLiteral("user")));  // unshare without --user shares the host's
  // A kernel thread with a private mount namespace is a sandbox, not a container.
  bool sawSandbox = false;
  for (const NamespaceGroup& g : groupByNamespaces(listing)) sawSandbox |= !g.isContainer;
  EXPECT_TRUE(sawSandbox);
}

TEST(Namespaces, RealEngineContainersAreNamedWithTheirProcessChain) {
  // Recorded while docker.io 20.10 ran `docker run -d --name web` and podman 4.3 `podman run -d --name db`
  // (busybox sleep): nsenter-lite ls --json names them and lists the chain from the engine to pid 1.
  const LoadResult loaded = loadReplayFile(fixture("nsenter-lite-ls-engines.json"));
  NamespaceListing listing;
  QString error;
  ASSERT_TRUE(parseNamespaceListing(loaded.documents.first(), &listing, &error)) << error.toStdString();
  QMap<QString, QStringList> chains;
  for (const ContainerInfo& c : containersFrom(listing)) chains.insert(c.name, c.runtimeChain);
  ASSERT_TRUE(chains.contains(QStringLiteral("docker web"))) << chains.keys().join(QLatin1Char(',')).toStdString();
  ASSERT_TRUE(chains.contains(QStringLiteral("podman db")));
  const QStringList docker = chains.value(QStringLiteral("docker web"));
  ASSERT_EQ(docker.size(), 4);
  EXPECT_TRUE(docker[0].startsWith(QStringLiteral("dockerd ")));
  EXPECT_TRUE(docker[1].startsWith(QStringLiteral("containerd ")));
  EXPECT_TRUE(docker[2].startsWith(QStringLiteral("containerd-shim-runc-v2 ")));
  EXPECT_TRUE(docker[3].startsWith(QStringLiteral("sleep ")));
  const QStringList podman = chains.value(QStringLiteral("podman db"));
  ASSERT_EQ(podman.size(), 2);
  EXPECT_TRUE(podman[0].startsWith(QStringLiteral("conmon ")));
}

TEST(Switch, NetSwitchGivesBridgePortsHostsAndTheLearnedMacs) {
  // `nsenter-lite net switch --hosts 3 --json`: bridge vl-br0, hosts vl-h1..3, pings from h1 to the others.
  const LoadResult loaded = loadReplayFile(fixture("nsenter-lite-switch.json"));
  ASSERT_TRUE(loaded.ok()) << loaded.error.toStdString();
  VirtualSwitch sw;
  QString error;
  ASSERT_TRUE(applySwitchDocument(loaded.documents.first(), &sw, &error)) << error.toStdString();
  EXPECT_EQ(sw.bridge, QStringLiteral("vl-br0"));
  EXPECT_TRUE(sw.haveTopology);
  ASSERT_EQ(sw.hosts.size(), 3);
  EXPECT_EQ(switchPorts(sw),
            (QStringList{QStringLiteral("vl-h1-p"), QStringLiteral("vl-h2-p"), QStringLiteral("vl-h3-p")}));
  // h1 pinged every other host, so the switch has seen a frame from each host's MAC, on that host's port.
  EXPECT_EQ(sw.pings.size(), 2);
  for (const SwitchPing& p : sw.pings) EXPECT_TRUE(p.ok && p.rttMs > 0) << p.to.toStdString();
  EXPECT_EQ(learnedCount(sw), 3);
  for (const SwitchHost& h : sw.hosts) {
    const QList<FdbEntry> onPort = fdbOnPort(sw, h.port);
    ASSERT_EQ(onPort.size(), 1) << h.port.toStdString();
    EXPECT_EQ(onPort.first().mac, h.mac);
    EXPECT_EQ(onPort.first().host, h.netns);
    EXPECT_TRUE(onPort.first().isLearned());
    // Each port also has its own (local) MAC, which the table view counts but does not list.
    EXPECT_EQ(fdbOnPort(sw, h.port, true).size(), 2);
    EXPECT_EQ(fdbOnPort(sw, h.port, true).last().kind, QStringLiteral("local"));
  }
  EXPECT_TRUE(sw.fresh.isEmpty());  // nothing to compare the first table with
  // `net ping vl-h2 vl-h3 --json` adds its echo to the switch's pings.
  ASSERT_TRUE(applySwitchDocument(loadReplayFile(fixture("nsenter-lite-net-ping.json")).documents.first(), &sw, &error))
      << error.toStdString();
  ASSERT_EQ(sw.pings.size(), 3);
  EXPECT_EQ(sw.pings.last().from, QStringLiteral("vl-h2"));
  EXPECT_EQ(sw.pings.last().to, QStringLiteral("vl-h3"));
  EXPECT_TRUE(sw.pings.last().ok && sw.pings.last().expected);
  EXPECT_EQ(sw.hosts.size(), 3);  // a ping leaves the topology alone
}

TEST(Switch, FdbStreamMarksWhatWasLearnedSinceTheLastTable) {
  // `net fdb --watch --json` after the learned entries were flushed: one table per change.
  VirtualSwitch sw;
  QString error;
  ASSERT_TRUE(applySwitchDocument(loadReplayFile(fixture("nsenter-lite-switch.json")).documents.first(), &sw, &error));
  const LoadResult stream = loadReplayFile(fixture("nsenter-lite-fdb-watch.jsonl"));
  ASSERT_TRUE(stream.ok()) << stream.error.toStdString();
  ASSERT_GE(stream.documents.size(), 2);
  ASSERT_TRUE(applySwitchDocument(stream.documents.at(0), &sw, &error)) << error.toStdString();
  const int learnedBefore = learnedCount(sw);
  EXPECT_EQ(sw.hosts.size(), 3);  // a table of the same bridge keeps the topology
  ASSERT_TRUE(applySwitchDocument(stream.documents.at(1), &sw, &error)) << error.toStdString();
  EXPECT_GT(learnedCount(sw), learnedBefore);
  EXPECT_EQ(sw.fresh.size(), learnedCount(sw) - learnedBefore);
  for (const QString& key : sw.fresh)
    EXPECT_TRUE(key.startsWith(QStringLiteral("02:0c:29:00:00:"))) << key.toStdString();
  EXPECT_EQ(sw.fdbUpdates, 3);
  // A table of another bridge does not inherit this one's hosts.
  QJsonObject other = stream.documents.at(1);
  other.insert(QStringLiteral("bridge"), QStringLiteral("vl-br9"));
  ASSERT_TRUE(applySwitchDocument(other, &sw, &error));
  EXPECT_TRUE(sw.hosts.isEmpty());
  EXPECT_FALSE(sw.haveTopology);
}

TEST(Switch, OtherDocumentsAreRefused) {
  VirtualSwitch sw;
  QString error;
  EXPECT_FALSE(
      applySwitchDocument(loadReplayFile(fixture("nsenter-lite-ls-container.json")).documents.first(), &sw, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("\"ls\""))) << error.toStdString();
  QJsonObject broken = loadReplayFile(fixture("nsenter-lite-switch.json")).documents.first();
  broken.remove(QStringLiteral("fdb"));
  EXPECT_FALSE(applySwitchDocument(broken, &sw, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("fdb"))) << error.toStdString();
}

TEST(Pagewalk, SummaryCountsAddUp) {
  const LoadResult loaded = loadReplayFile(fixture("pagewalk-summary.json"));
  ASSERT_TRUE(loaded.ok());
  MemorySummary summary;
  QString error;
  ASSERT_TRUE(parseMemorySummary(loaded.documents.first(), &summary, &error)) << error.toStdString();
  ASSERT_FALSE(summary.vmas.isEmpty());
  qint64 resident = 0;
  quint64 previousEnd = 0;
  for (const Vma& v : summary.vmas) {
    EXPECT_GT(v.end, v.start);
    EXPECT_GE(v.start, previousEnd);  // sorted, not overlapping
    EXPECT_LE(v.counts.resident + v.counts.swapped, v.counts.pages);
    previousEnd = v.end;
    resident += v.counts.resident;
  }
  EXPECT_EQ(resident, summary.totals.resident);
  EXPECT_TRUE(summary.pfnVisible);  // captured as root
}

TEST(Pagewalk, WalkLevelsRebuildTheAddress) {
  const LoadResult loaded = loadReplayFile(fixture("pagewalk-walk.json"));
  PageWalk walk;
  QString error;
  ASSERT_TRUE(parsePageWalk(loaded.documents.first(), &walk, &error)) << error.toStdString();
  // The indices, put back at their bit positions, give the address again.
  quint64 rebuilt = 0;
  for (const WalkLevel& l : walk.levels) rebuilt |= l.index << l.lowBit;
  EXPECT_EQ(rebuilt, walk.address & ((quint64(1) << 48) - 1));
  EXPECT_EQ(walk.levels.first().name, QStringLiteral("PGD"));
  EXPECT_TRUE(walk.present);
  ASSERT_GT(walk.pfn, 0);
  quint64 phys = 0;
  ASSERT_TRUE(parseHex(QJsonValue(walk.physAddress), &phys));
  EXPECT_EQ(phys, quint64(walk.pfn) * 4096 + walk.pageOffset);
  EXPECT_TRUE(walk.frameFlags.contains(QStringLiteral("ANON")));
  EXPECT_FALSE(parsePageWalk(loadReplayFile(fixture("pagewalk-summary.json")).documents.first(), &walk, &error));
}

TEST(Pagewalk, ListRunsCoverTheRangeAndNameFrames) {
  // `pagewalk PID --list --all --range START+512K` of a 6 MiB bytearray that python3 had written to.
  const LoadResult loaded = loadReplayFile(fixture("pagewalk-list.json"));
  PageList list;
  QString error;
  ASSERT_TRUE(parsePageList(loaded.documents.first(), &list, &error)) << error.toStdString();
  EXPECT_EQ(list.command, QStringLiteral("python3"));
  EXPECT_EQ(list.end - list.start, 512u * 1024);
  ASSERT_FALSE(list.runs.isEmpty());
  // The runs tile the range in order (--all also lists runs that are not in memory), and pages add up.
  quint64 at = list.start;
  qint64 pages = 0;
  for (const PageRun& r : list.runs) {
    EXPECT_EQ(r.start, at);
    EXPECT_EQ((r.end - r.start) / 4096, static_cast<quint64>(r.pages));
    if (r.state == QLatin1String("present")) {
      EXPECT_GT(r.pfn, 0);  // root sees the frames
    }
    at = r.end;
    pages += r.pages;
  }
  EXPECT_EQ(at, list.end);
  EXPECT_EQ(pages, list.pages);
  EXPECT_FALSE(parsePageList(loadReplayFile(fixture("pagewalk-walk.json")).documents.first(), &list, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("\"list\""))) << error.toStdString();
}

TEST(Pagewalk, CowDemoStagesShowTheCopy) {
  const LoadResult loaded = loadReplayFile(fixture("pagewalk-demo-cow.json"));
  MemoryDemo demo;
  QString error;
  ASSERT_TRUE(parseMemoryDemo(loaded.documents.first(), &demo, &error)) << error.toStdString();
  EXPECT_EQ(demo.name, QStringLiteral("cow"));
  ASSERT_EQ(demo.stages.size(), 3);
  const DemoStage& after = demo.stages.last();
  ASSERT_EQ(after.observations.size(), 2);
  // After the child's write parent and child map the same address to different frames.
  EXPECT_EQ(after.observations.at(0).walk.address, after.observations.at(1).walk.address);
  EXPECT_NE(after.observations.at(0).walk.pfn, after.observations.at(1).walk.pfn);
  const DemoStage& shared = demo.stages.at(1);
  EXPECT_EQ(shared.observations.at(0).walk.pfn, shared.observations.at(1).walk.pfn);
}

TEST(ToolRunner, OneLineErrorIsTheToolsErrorLine) {
  const QByteArray stderrText =
      "step 1 openat /proc/1/pagemap = fd 3\npagewalk: error: permission denied reading /proc/1/pagemap (run as "
      "root)\n";
  EXPECT_EQ(ToolRunner::oneLineError(stderrText, QStringLiteral("pagewalk"), 4),
            QStringLiteral("pagewalk: error: permission denied reading /proc/1/pagemap (run as root)"));
  EXPECT_TRUE(ToolRunner::oneLineError("", QStringLiteral("cgtop"), 3).contains(QStringLiteral("code 3")));
}

TEST(ToolRunner, MissingToolIsAnErrorNotACrash) {
  qputenv("VIRTLAB_BIN_DIR", "/nonexistent");
  const RunResult result = ToolRunner::runBlocking(QStringLiteral("virtlab-no-such-tool"), {QStringLiteral("--json")});
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.exitCode, 127);
  EXPECT_TRUE(result.error.contains(QStringLiteral("not found")));
}

TEST(ToolRunner, ArgumentsReachTheProgramWithoutAShell) {
  // /bin/echo as a stand-in tool: a shell would expand `$HOME` and split on the space; an argument list does not.
  qputenv("VIRTLAB_BIN_DIR", "/bin");
  const RunResult result =
      ToolRunner::runBlocking(QStringLiteral("echo"), {QStringLiteral(R"({"schema":"x/1","v":"$HOME a"})")});
  ASSERT_TRUE(result.ok()) << result.error.toStdString();
  ASSERT_EQ(result.documents.size(), 1);
  EXPECT_EQ(result.documents.first().value(QStringLiteral("v")).toString(), QStringLiteral("$HOME a"));
}

}  // namespace
}  // namespace virtlab::explorer
