// Notes 001 and 002: storage (disk files 001#16, snapshot chain 001#17), the container runtime's OS functions
// (001#26/27), image layers (001#29), the Docker Engine flow (001#30), the runtime chain (002#3), VM vs container
// performance (001#31) and what Kubernetes solves (001#32).
#include <QFontMetricsF>
#include <QJsonArray>

#include "models/layers.h"
#include "views/notes/notesdata.h"
#include "views/notespage.h"

namespace virtlab::explorer {

using notes::at;
using notes::seconds;

namespace {

// The value after `flag` in a QEMU argument list ("-m" → "512").
QString argAfter(const QJsonArray& argv, const char* flag) {
  for (int i = 0; i + 1 < argv.size(); ++i) {
    if (argv.at(i).toString() == QLatin1String(flag)) return argv.at(i + 1).toString();
  }
  return {};
}

}  // namespace

void NotesPage::drawDiskImageFiles(SceneKit& kit) {
  double y = drawHeader(kit, tr("Virtual disk files"), QStringLiteral("001#16"));
  const double u = kit.unit();
  const QJsonObject* status = find(QStringLiteral("testvm"), QStringLiteral("command"), QStringLiteral("status"));
  const QJsonObject* run = find(QStringLiteral("testvm"), QStringLiteral("command"), QStringLiteral("run"));
  const QJsonArray argv = run ? run->value(QStringLiteral("qemu_argv")).toArray() : QJsonArray();
  const QString runSource = QStringLiteral("testvm run --json -- true");
  QString dir = status ? status->value(QStringLiteral("cache_dir")).toString() : QString();
  if (dir.isEmpty() && run) dir = at(*run, QStringLiteral("cache.dir")).toString();
  const double h = kit.boxHeight(1), w = 560;
  kit.label(QPointF(0, y), tr("Notes: a VMware VM on a Windows host"), 1.05, true);
  kit.label(QPointF(620, y), tr("Here: the test VM (QEMU) on this Linux host"), 1.05, true);
  y += u * 1.5;
  kit.box(QRectF(0, y, w, h), tr("D:\\VMs\\Linux\\"), {tr("the VM's folder")}, colors::muted, {},
          QStringLiteral("disk:notes:dir"));
  kit.box(QRectF(620, y, w, h),
          dir.isEmpty() ? missing(tr("the VM's folder"), QStringLiteral("testvm status --json → cache_dir")) : dir,
          {tr("testvm's cache directory")}, colors::kernel, {}, QStringLiteral("disk:here:dir"),
          dir.isEmpty() ? 0 : SceneKit::kOutline);
  y += h + 8;
  const QString kernel = argAfter(argv, "-kernel");
  const QString initrd = argAfter(argv, "-initrd");
  const QString memory = argAfter(argv, "-m");
  const QJsonValue initrdBytes = run ? at(*run, QStringLiteral("cache.initrd_bytes")) : QJsonValue();
  const QString kernelRelease = status ? at(*status, QStringLiteral("kernel.release")).toString()
                                       : (run ? run->value(QStringLiteral("kernel_release")).toString() : QString());
  const QList<std::tuple<QString, QString, QString, QStringList>> files{
      {tr("Linux.vmx"),
       tr("VM settings"),
       tr("the QEMU command line"),
       {run ? tr("%n argument(s); memory -m %1 MiB", nullptr, static_cast<int>(argv.size())).arg(memory)
            : missing(tr("the VM's settings"), runSource + QStringLiteral(" → qemu_argv"))}},
      {tr("Linux.vmdk"),
       tr("virtual disk"),
       tr("kernel + initramfs (no disk image)"),
       {kernel.isEmpty() ? missing(tr("the kernel file"), runSource + QStringLiteral(" → qemu_argv -kernel"))
                         : tr("kernel %1 (%2)").arg(kernel.section(QLatin1Char('/'), -1), kernelRelease),
        initrd.isEmpty()
            ? missing(tr("the initramfs"), runSource + QStringLiteral(" → qemu_argv -initrd"))
            : tr("initramfs %1, %2")
                  .arg(initrd)
                  .arg(initrdBytes.isDouble()
                           ? humanBytes(initrdBytes.toDouble())
                           : missing(tr("its size"), runSource + QStringLiteral(" → cache.initrd_bytes")))}},
      {tr("Linux.nvram"), tr("BIOS settings"), tr("none: QEMU boots the kernel directly (-kernel)"), {}},
      {tr("Linux.log"),
       tr("log file"),
       tr("the serial console file"),
       {argv.isEmpty() ? missing(tr("the console log"), runSource + QStringLiteral(" → qemu_argv -chardev"))
                       : argAfter(argv, "-chardev").section(QStringLiteral("path="), 1)}},
  };
  for (const auto& [name, meaning, here, lines] : files) {
    const double fh = kit.boxHeight(std::max<qsizetype>(1, lines.size()));
    kit.scene()->addLine(20, y - 8, 20, y + fh / 2, QPen(colors::text, 1.5));
    kit.box(QRectF(40, y, w - 40, fh), name, {meaning}, colors::muted, {}, QStringLiteral("disk:notes:%1").arg(name));
    kit.arrow(QPointF(w + 4, y + fh / 2), QPointF(656, y + fh / 2));
    kit.box(QRectF(660, y, w - 40, fh), here, lines, lines.isEmpty() ? colors::muted : colors::kernel.lighter(110), {},
            QStringLiteral("disk:here:%1").arg(name));
    y += fh + 8;
  }
  y += u * 0.5;
  y += kit.paragraph(QPointF(0, y), 1200,
                     tr("Thick provisioned: the whole size allocated at once. Thin provisioned: only what is used."),
                     0.95);
  notMeasured(tr("thick vs thin provisioning"), tr("the test VM has no disk image (it boots from an initramfs)"));
  drawFooter(kit, y + u);
}

void NotesPage::drawDiskSnapshotChain(SceneKit& kit) {
  double y = drawHeader(kit, tr("Snapshots: original + deltas"), QStringLiteral("001#17"));
  const double u = kit.unit();
  const QJsonObject* run = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("run"));
  const QJsonObject c = run ? run->value(QStringLiteral("container")).toObject() : QJsonObject();
  const QJsonArray layers = c.value(QStringLiteral("layers")).toArray();
  const QJsonValue upper = c.value(QStringLiteral("upper"));
  const QString runSource = QStringLiteral("nsenter-lite run --json --layers busybox --upper DIR");
  const double w = 560, h = kit.boxHeight(2);
  kit.label(QPointF(0, y), tr("Notes: VMDK snapshots"), 1.05, true);
  kit.label(QPointF(640, y), tr("Here: a container's overlay (the same idea, per file)"), 1.05, true);
  y += u * 1.5;
  QStringList lower;
  for (const auto& l : layers) lower << l.toString();
  if (lower.isEmpty() && run)
    lower << tr("%1 (one directory, no overlay)").arg(c.value(QStringLiteral("root")).toString());
  const QList<std::tuple<QString, QString, QString, QStringList, bool>> rows{
      {tr("Original VMDK (read-only)"), tr("the disk as it was"), tr("Lower layer(s), read-only"),
       lower.isEmpty()
           ? QStringList{missing(tr("the read-only layer"), runSource + QStringLiteral(" → container.layers"))}
           : lower,
       !lower.isEmpty()},
      {tr("Delta VMDK (only the changes)"),
       tr("every write lands here"),
       tr("Upper directory (the container's writes)"),
       {upper.isString() ? upper.toString()
                         : missing(tr("the upper directory"), runSource + QStringLiteral(" → container.upper")),
        run ? tr("written by: %1")
                  .arg(c.value(QStringLiteral("command")).toVariant().toStringList().join(QLatin1Char(' ')))
            : QString()},
       upper.isString()},
      {tr("Next snapshot: a new delta file"),
       tr("chained on the previous one"),
       tr("another layer on top"),
       {tr("not made here: one upper per container run")},
       false},
  };
  for (int i = 0; i < rows.size(); ++i) {
    const auto& [notesTitle, notesDetail, hereTitle, hereLines, lit] = rows.at(i);
    kit.box(QRectF(0, y, w, h), notesTitle, {notesDetail}, colors::muted, {}, QStringLiteral("snap:notes:%1").arg(i));
    kit.box(QRectF(640, y, w, h), hereTitle, hereLines, i == 0 ? colors::file : colors::anon.lighter(140), {},
            QStringLiteral("snap:here:%1").arg(i), lit ? SceneKit::kOutline : 0);
    y += h;
    if (i + 1 < rows.size()) {
      kit.arrow(QPointF(w / 2, y + 2), QPointF(w / 2, y + 20));
      kit.arrow(QPointF(640 + w / 2, y + 2), QPointF(640 + w / 2, y + 20));
      y += 24;
    }
  }
  y += u;
  const bool kept = c.value(QStringLiteral("upper_kept")).toBool();
  kit.box(QRectF(0, y, w, kit.boxHeight(1)), tr("Restore: throw the deltas away"), {tr("back to the original")},
          colors::warning, {}, QStringLiteral("snap:notes:restore"));
  kit.box(
      QRectF(640, y, w, kit.boxHeight(1)), tr("Restore: remove the upper directory"),
      {run ? (kept ? tr("here it was kept (--upper): the changes survive") : tr("here nsenter-lite removed it at exit"))
           : tr("—")},
      colors::warning, {}, QStringLiteral("snap:here:restore"));
  y += kit.boxHeight(1);
  notMeasured(tr("the files in the upper directory"), tr("nsenter-lite run --json names the directory, not its files"));
  notMeasured(tr("a disk-level snapshot chain"), tr("no tool makes qcow2 backing files or VMDK deltas"));
  drawFooter(kit, y + u);
}

// AppArmor/SELinux: the LSMs the kernel runs (nsenter-lite run --json → container.lsm) and the container's label.
QString NotesPage::lsmLine(const QJsonObject& container, const QString& source) {
  const QJsonValue lsm = container.value(QStringLiteral("lsm"));
  if (!lsm.isObject()) return missing(tr("the security modules (LSMs)"), source + QStringLiteral(" → container.lsm"));
  const QJsonObject o = lsm.toObject();
  const QString active = o.value(QStringLiteral("active")).toVariant().toStringList().join(QStringLiteral(", "));
  const QJsonValue mac = o.value(QStringLiteral("mandatory_access_control"));
  if (!mac.isString()) return tr("LSMs: %1 — no AppArmor/SELinux active, so no profile label").arg(active);
  const QJsonValue label = o.value(QStringLiteral("label"));
  return tr("LSMs: %1 — %2 label: %3").arg(active, mac.toString(), label.isString() ? label.toString() : tr("none"));
}

void NotesPage::drawContainerRuntimeFunctions(SceneKit& kit) {
  double y = drawHeader(kit, tr("The OS functions a container runtime provides"), QStringLiteral("001#26, 001#27"));
  const double u = kit.unit();
  const QJsonObject* run = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("run"));
  const QJsonObject c = run ? run->value(QStringLiteral("container")).toObject() : QJsonObject();
  const QString src = QStringLiteral("nsenter-lite run --json");
  const auto ns = [&](const char* kind) {
    const QJsonValue v = at(c, QStringLiteral("namespaces.") + QLatin1String(kind));
    return v.isDouble() ? QStringLiteral("%1:[%2]").arg(QLatin1String(kind)).arg(v.toInteger())
                        : missing(tr("the %1 namespace").arg(QLatin1String(kind)),
                                  src + QStringLiteral(" → container.namespaces"));
  };
  const QJsonValue net = c.value(QStringLiteral("network"));
  const QJsonValue cgroup = c.value(QStringLiteral("cgroup"));
  const QJsonArray denied = at(c, QStringLiteral("seccomp.denied")).toArray();
  const QList<QPair<QString, QStringList>> sections{
      {tr("1. Process management"),
       {tr("PID namespace isolation: %1").arg(ns("pid")),
        run ? tr("container process: host pid %1, %2, exit %3")
                  .arg(c.value(QStringLiteral("host_pid")).toInteger())
                  .arg(c.value(QStringLiteral("exec_path")).toString())
                  .arg(c.value(QStringLiteral("exit_code")).toInt())
            : missing(tr("the container process"), src)}},
      {tr("2. Memory management"),
       {tr("cgroup: %1")
            .arg(cgroup.isString() ? cgroup.toString()
                                   : (run ? tr("none (no limit asked)") : missing(tr("the cgroup"), src))),
        tr("limit and usage: %1")
            .arg(
                notMeasured(tr("the memory limit and usage"),
                            tr("nsenter-lite run --json names the cgroup only; cgtop's row for it has the numbers")))}},
      {tr("3. File system"),
       {tr("mount namespace %1, %2").arg(ns("mnt"), c.value(QStringLiteral("root_switch")).toString()),
        tr("root: %1").arg(c.value(QStringLiteral("root")).toString()),
        c.value(QStringLiteral("layers")).toArray().isEmpty()
            ? tr("union file system: not used (one root directory)")
            : tr("union file system: overlay of %n layer(s)", nullptr,
                 static_cast<int>(c.value(QStringLiteral("layers")).toArray().size()))}},
      {tr("4. Network"),
       {tr("network namespace %1").arg(ns("net")),
        net.isObject()
            ? tr("veth %1 (%2) ↔ %3 (%4)")
                  .arg(net[QStringLiteral("host_interface")].toString(), net[QStringLiteral("host_address")].toString(),
                       net[QStringLiteral("container_interface")].toString(),
                       net[QStringLiteral("container_address")].toString())
            : tr("only lo (no veth asked)")}},
      {tr("5. Security"),
       {tr("user namespace %1, rootless: %2")
            .arg(ns("user"), c.value(QStringLiteral("rootless")).toBool() ? tr("yes") : tr("no")),
        tr("%n capability(ies) kept", nullptr,
           static_cast<int>(c.value(QStringLiteral("capabilities")).toArray().size())),
        tr("seccomp %1: %n syscall(s) denied", nullptr, static_cast<int>(denied.size()))
            .arg(at(c, QStringLiteral("seccomp.mode")).toString()),
        lsmLine(c, src)}},
  };
  const double width = 1200;
  double total = u * 2.2;
  for (const auto& s : sections) total += kit.boxHeight(s.second.size()) + 8;
  kit.box(QRectF(0, y, width, total), tr("Container runtime (Docker Engine; here: nsenter-lite run)"), {},
          colors::userland, {}, QStringLiteral("runtime:engine"));
  double sy = y + u * 2;
  for (int i = 0; i < sections.size(); ++i) {
    const double h = kit.boxHeight(sections.at(i).second.size());
    kit.box(QRectF(12, sy, width - 24, h), sections.at(i).first, sections.at(i).second, colors::container,
            QStringLiteral("open:namespaces"), QStringLiteral("runtime:%1").arg(i + 1));
    sy += h + 8;
  }
  drawFooter(kit, y + total + u);
}

void NotesPage::drawImageLayers(SceneKit& kit) {
  double y = drawHeader(kit, tr("Container structure: layers, and no kernel"), QStringLiteral("001#29"));
  const double u = kit.unit();
  const QJsonObject* run = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("run"));
  const QJsonObject c = run ? run->value(QStringLiteral("container")).toObject() : QJsonObject();
  const QString src = QStringLiteral("nsenter-lite run --json --layers busybox");
  const double w = 1100;
  QList<std::tuple<QString, QStringList, QColor>> boxes;
  boxes.append({tr("Application layer"),
                {run ? tr("here: %1 (%2)")
                           .arg(c.value(QStringLiteral("command")).toVariant().toStringList().join(QLatin1Char(' ')),
                                c.value(QStringLiteral("exec_path")).toString())
                     : missing(tr("the application"), src + QStringLiteral(" → container.command"))},
                colors::userland});
  const QJsonValue upper = c.value(QStringLiteral("upper"));
  boxes.append({tr("Writable layer (the container's changes)"),
                {upper.isString() ? upper.toString() : tr("none: the root directory is used directly")},
                colors::anon.lighter(140)});
  const QJsonArray layers = c.value(QStringLiteral("layers")).toArray();
  for (int i = static_cast<int>(layers.size()) - 1; i >= 0; --i) {
    boxes.append({tr("Read-only layer %1 (dependencies, base OS: /bin, /lib, /usr)").arg(i + 1),
                  {layers.at(i).toString()},
                  colors::file});
  }
  if (layers.isEmpty()) {
    boxes.append({tr("Base OS layer (/bin, /lib, /usr)"),
                  {run ? c.value(QStringLiteral("root")).toString()
                       : missing(tr("the layers"), src + QStringLiteral(" → container.layers"))},
                  colors::file});
  }
  const double outer = u * 2.2 + boxes.size() * (kit.boxHeight(1) + 8) + u * 1.4;
  kit.box(QRectF(0, y, w, outer), tr("Container"), {}, colors::container, {}, QStringLiteral("layers:container"));
  double by = y + u * 2;
  for (const auto& [title, lines, color] : boxes) {
    kit.box(QRectF(14, by, w - 28, kit.boxHeight(1)), title, lines, color, {},
            QStringLiteral("layers:%1").arg(title.left(12)));
    by += kit.boxHeight(1) + 8;
  }
  kit.label(
      QPointF(20, by),
      run ? tr("seen inside as / at %1 — but the kernel is not in it!").arg(c.value(QStringLiteral("root")).toString())
          : tr("but the kernel is not in it!"),
      0.95, true, colors::live);
  y += outer + 6;
  kit.arrow(QPointF(w / 2, y), QPointF(w / 2, y + 22), colors::text, tr("requests via the runtime"));
  y += 26;
  const QString kernel = hostKernel();
  kit.box(QRectF(0, y, w, kit.boxHeight(1)), tr("Host OS kernel"),
          {tr("here: Linux %1 (shared with every container)").arg(kernel)}, colors::kernel,
          QStringLiteral("open:layers"), QStringLiteral("layers:kernel"), SceneKit::kThisMachine);
  drawFooter(kit, y + kit.boxHeight(1) + u);
}

void NotesPage::drawDockerEngineFlow(SceneKit& kit) {
  double y = drawHeader(kit, tr("How the Docker Engine serves a container"), QStringLiteral("001#30"));
  const double u = kit.unit();
  const QJsonObject* run = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("run"));
  const QJsonObject c = run ? run->value(QStringLiteral("container")).toObject() : QJsonObject();
  const QString src = QStringLiteral("nsenter-lite --explain run --json --net veth -- cat /etc/hostname");
  const QStringList command = c.value(QStringLiteral("command")).toVariant().toStringList();
  const QString path = command.size() > 1 ? command.last() : QString();
  const QString root = c.value(QStringLiteral("root")).toString();
  const QJsonValue mnt = at(c, QStringLiteral("namespaces.mnt"));
  // The explain log's calls, for the "host kernel" steps.
  QStringList calls;
  if (run) {
    for (const auto& e : run->value(QStringLiteral("explain")).toArray()) {
      // "clone3", "openat2(RESOLVE_IN_ROOT)", "socket(AF_NETLINK, NETLINK_ROUTE) inside netns" → the call's name.
      const QString call =
          e[QStringLiteral("call")].toString().section(QLatin1Char('('), 0, 0).section(QLatin1Char(' '), 0, 0);
      if (call.isEmpty() || call == QLatin1String("note") || calls.contains(call)) continue;
      calls << call;
    }
  }
  const double w = 580, h = kit.boxHeight(1);
  const auto flow = [&](double x, const QString& caption, const QList<QPair<QString, QString>>& steps) {
    double fy = y;
    kit.label(QPointF(x, fy), caption, 1.1, true);
    fy += u * 1.5;
    for (int i = 0; i < steps.size(); ++i) {
      kit.box(QRectF(x, fy, w, h), steps.at(i).first, {steps.at(i).second}, i == 3 ? colors::kernel : colors::container,
              {},
              QStringLiteral("engine:%1:%2").arg(x > 0 ? QStringLiteral("net") : QStringLiteral("file")).arg(i + 1));
      fy += h;
      if (i + 1 < steps.size()) {
        kit.arrow(QPointF(x + w / 2, fy + 2), QPointF(x + w / 2, fy + 18));
        fy += 20;
      }
    }
    return fy;
  };
  const auto runMissing = [&] { return missing(tr("the container run"), src); };
  const double left =
      flow(0, tr("A file read"),
           {{tr("1. The program in the container asks to read a file"),
             run ? tr("here: %1").arg(command.join(QLatin1Char(' '))) : runMissing()},
            {tr("2. The engine checks the namespace"),
             mnt.isDouble() ? tr("mount namespace mnt:[%1]").arg(mnt.toInteger()) : runMissing()},
            {tr("3. The path is mapped into the container's file system"),
             run ? tr("%1 → %2%1").arg(path.isEmpty() ? QStringLiteral("/") : path, root) : runMissing()},
            {tr("4. The host kernel does the real read"), tr("Linux %1").arg(hostKernel())},
            {tr("5. The result goes back to the container"),
             run ? tr("exit status %1").arg(c.value(QStringLiteral("exit_code")).toInt()) : runMissing()}});
  const QJsonValue net = c.value(QStringLiteral("network"));
  const auto netMissing = [&] { return missing(tr("the veth pair"), src + QStringLiteral(" → container.network")); };
  const double right = flow(
      620, tr("A network request"),
      {{tr("1. The container sends an HTTP request"),
        net.isObject() ? tr("from %1 %2")
                             .arg(net[QStringLiteral("container_interface")].toString(),
                                  net[QStringLiteral("container_address")].toString())
                       : netMissing()},
       {tr("2. The engine routes it to a virtual interface"),
        net.isObject()
            ? tr("veth pair → host end %1 %2")
                  .arg(net[QStringLiteral("host_interface")].toString(), net[QStringLiteral("host_address")].toString())
            : netMissing()},
       {tr("3. On to the host's physical interface"), tr("routing in the host kernel (no NAT set up here)")},
       {tr("4. The reply comes back to the container"), tr("the same way back")}});
  y = std::max(left, right) + u;
  if (!calls.isEmpty()) {
    y += kit.paragraph(QPointF(0, y), 1200,
                       tr("What the runtime really asked the kernel (nsenter-lite --explain, in order): %1")
                           .arg(calls.join(QStringLiteral(" → "))),
                       0.85);
  } else {
    missing(tr("the runtime's system calls"), src + QStringLiteral(" → explain"));
  }
  drawFooter(kit, y + u);
}

void NotesPage::drawDockerRuntimeChain(SceneKit& kit) {
  double y = drawHeader(kit, tr("Docker daemon → runC → namespaces, cgroup → container"), QStringLiteral("002#3"));
  const double u = kit.unit();
  const QJsonObject* run = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("run"));
  const QJsonObject c = run ? run->value(QStringLiteral("container")).toObject() : QJsonObject();
  const double w = 240, h = kit.boxHeight(2), gap = 40;
  const QList<std::tuple<QString, QString, QColor>> chain{
      {tr("Docker daemon"), tr("not run here"), colors::muted},
      {tr("containerd"), tr("not run here"), colors::muted},
      {tr("containerd-shim"), tr("not run here"), colors::muted},
      {tr("runC"), tr("here: nsenter-lite run"), colors::userland},
  };
  for (int i = 0; i < chain.size(); ++i) {
    const auto& [title, detail, color] = chain.at(i);
    kit.box(QRectF(i * (w + gap), y, w, h), title, {detail}, color, {}, QStringLiteral("chain:%1").arg(i),
            i == 3 && run ? SceneKit::kOutline : 0);
    if (i > 0) kit.arrow(QPointF(i * (w + gap) - gap + 2, y + h / 2), QPointF(i * (w + gap) - 2, y + h / 2));
  }
  y += h + u;
  y = drawRuncSteps(kit, y, run);
  y += u * 0.5;
  const QJsonObject namespaces = c.value(QStringLiteral("namespaces")).toObject();
  QStringList nsList;
  for (auto it = namespaces.begin(); it != namespaces.end(); ++it)
    nsList << QStringLiteral("%1:[%2]").arg(it.key()).arg(it.value().toInteger());
  const double bw = 580, bh = kit.boxHeight(2);
  kit.box(QRectF(0, y, bw, bh), tr("namespaces"),
          {nsList.mid(0, 4).join(QStringLiteral("  ")), nsList.mid(4).join(QStringLiteral("  "))}, colors::kernel,
          QStringLiteral("open:namespaces"), QStringLiteral("chain:namespaces"));
  const QJsonValue cgroup = c.value(QStringLiteral("cgroup"));
  kit.box(QRectF(620, y, bw, bh), tr("cgroup"),
          {cgroup.isString() ? cgroup.toString()
                             : missing(tr("the container's cgroup"),
                                       QStringLiteral("nsenter-lite run --memory 64M --json → container.cgroup"))},
          colors::kernel, QStringLiteral("open:cgroups"), QStringLiteral("chain:cgroup"));
  y += bh;
  kit.arrow(QPointF(600, y + 2), QPointF(600, y + 22));
  y += 26;
  kit.box(QRectF(300, y, 600, kit.boxHeight(1)), tr("container"),
          {run ? tr("host pid %1, %2, exit %3")
                     .arg(c.value(QStringLiteral("host_pid")).toInteger())
                     .arg(c.value(QStringLiteral("exec_path")).toString())
                     .arg(c.value(QStringLiteral("exit_code")).toInt())
               : tr("—")},
          colors::container, {}, QStringLiteral("chain:container"), run ? SceneKit::kOutline : 0);
  notMeasured(tr("Docker, containerd and the shim"),
              tr("not installed or not run here: only the runC part is run (by nsenter-lite)"));
  drawFooter(kit, y + kit.boxHeight(1) + u);
}

// Under runC: the real steps from the explain log, and how each container run switched its root.
double NotesPage::drawRuncSteps(SceneKit& kit, double y, const QJsonObject* run) {
  const double u = kit.unit();
  kit.label(QPointF(0, y), tr("What runC does (nsenter-lite's steps, from --explain):"), 1.05, true);
  y += u * 1.5;
  // The steps that make a container: the clone with its namespace flags, the cgroup limit and joining it, the
  // root switch, hostname, capabilities, the seccomp filter and the exec.
  static const QStringList calls{QStringLiteral("clone"),      QStringLiteral("clone3"), QStringLiteral("unshare"),
                                 QStringLiteral("pivot_root"), QStringLiteral("chroot"), QStringLiteral("sethostname"),
                                 QStringLiteral("capset"),     QStringLiteral("execve")};
  static const QStringList limits{QStringLiteral("memory.limit_in_bytes"), QStringLiteral("memory.max"),
                                  QStringLiteral("cpu.max"), QStringLiteral("cpu.cfs_quota_us"),
                                  QStringLiteral("pids.max")};
  int shown = 0;
  if (run) {
    for (const auto& e : run->value(QStringLiteral("explain")).toArray()) {
      const QString call = e[QStringLiteral("call")].toString();
      const QString target = e[QStringLiteral("target")].toString();
      bool match = calls.contains(call) || call.startsWith(QLatin1String("seccomp("));
      if (call == QLatin1String("write")) {
        match = target.startsWith(QLatin1String("cgroup.procs in"));
        for (const QString& l : limits) match |= target.contains(QLatin1Char('/') + l);
      }
      if (!match || shown >= 12) continue;
      kit.label(QPointF(20, y),
                QStringLiteral("%1. %2  %3  → %4")
                    .arg(e[QStringLiteral("step")].toInt())
                    .arg(call, target.left(70), e[QStringLiteral("result")].toString().left(40)),
                0.85);
      y += u * 1.05;
      ++shown;
    }
  }
  if (shown == 0) {
    kit.label(QPointF(20, y),
              missing(tr("runC's steps"), QStringLiteral("nsenter-lite --explain run --json → explain")), 0.95);
    y += u * 1.3;
  }
  // Each container run fed to the step: how its root was switched (pivot_root, or chroot with --chroot).
  const QList<const QJsonObject*> runs =
      findAll(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("run"));
  for (int i = 0; runs.size() > 1 && i < runs.size(); ++i) {
    const QJsonObject rc = runs.at(i)->value(QStringLiteral("container")).toObject();
    kit.label(QPointF(20, y),
              tr("run %1: root switched with %2 to %3 (host pid %4)")
                  .arg(i + 1)
                  .arg(rc.value(QStringLiteral("root_switch")).toString(), rc.value(QStringLiteral("root")).toString())
                  .arg(rc.value(QStringLiteral("host_pid")).toInteger()),
              0.9, true);
    y += u * 1.2;
  }
  return y;
}

void NotesPage::drawPerformanceTable(SceneKit& kit) {
  double y = drawHeader(kit, tr("Performance: VM vs container"), QStringLiteral("001#31"));
  const double u = kit.unit();
  const QJsonObject* vm = find(QStringLiteral("testvm"), QStringLiteral("command"), QStringLiteral("run"));
  const QJsonObject* ct = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("run"));
  const QJsonObject* info = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("info"));
  const QString vmSrc = QStringLiteral("testvm run --json -- true");
  const QString ctSrc = QStringLiteral("nsenter-lite run --json --rootfs busybox -- true");
  const bool vmBooted = vm && vm->value(QStringLiteral("where")).toString() == QLatin1String("vm");
  const QString vmStart = vmBooted && vm->value(QStringLiteral("boot_seconds")).isDouble()
                              ? tr("%1 (boot), %2 in all")
                                    .arg(seconds(vm->value(QStringLiteral("boot_seconds")).toDouble()),
                                         seconds(vm->value(QStringLiteral("total_seconds")).toDouble()))
                              : missing(tr("VM start time"), vmSrc + QStringLiteral(" → boot_seconds"));
  const QString ctStart = ct ? seconds(at(*ct, QStringLiteral("container.seconds")).toDouble())
                             : missing(tr("container start time"), ctSrc + QStringLiteral(" → container.seconds"));
  const QString vmMemory =
      vm ? tr("%1 MiB given to the guest").arg(at(*vm, QStringLiteral("options.memory_mib")).toInt())
         : missing(tr("VM memory"), vmSrc + QStringLiteral(" → options.memory_mib"));
  const QString ctMemory =
      notMeasured(tr("container memory"), tr("nsenter-lite run --json reports none; cgtop's row for its cgroup would"));
  const QString vmDisk =
      vm && at(*vm, QStringLiteral("cache.initrd_bytes")).isDouble()
          ? tr("%1 initramfs (+ kernel)").arg(humanBytes(at(*vm, QStringLiteral("cache.initrd_bytes")).toDouble()))
          : missing(tr("VM image size"), vmSrc + QStringLiteral(" → cache.initrd_bytes"));
  const QString ctDisk =
      notMeasured(tr("container image size"), tr("nsenter-lite run --json does not measure its rootfs"));
  const QString cpu = notMeasured(tr("CPU overhead"), tr("no benchmark of the same work in a VM and a container yet"));
  const QString netPerf = notMeasured(tr("network throughput"), tr("no virtlab tool measures it"));
  QStringList kinds = ct ? at(*ct, QStringLiteral("container.namespaces")).toObject().keys() : QStringList();
  const QString vmIso = vm ? tr("own kernel %1").arg(vm->value(QStringLiteral("kernel_release")).toString())
                           : missing(tr("the VM's kernel"), vmSrc);
  const QString ctIso =
      ct ? tr("namespaces: %1; host kernel").arg(kinds.join(QStringLiteral(", "))) : missing(tr("namespaces"), ctSrc);
  const QList<QStringList> rows{
      {tr("Start time"), tr("30 s to minutes"), tr("1–3 s"), vmStart, ctStart},
      {tr("Memory use"), tr("512 MB to GBs"), tr("10–100 MB"), vmMemory, ctMemory},
      {tr("Disk size"), tr("GBs"), tr("MBs"), vmDisk, ctDisk},
      {tr("CPU overhead"), tr("5–15%"), tr("almost 0%"), cpu, cpu},
      {tr("Network performance"), tr("90–95%"), tr("95–99%"), netPerf, netPerf},
      {tr("Isolation"), tr("complete"), tr("process-level"), vmIso, ctIso},
  };
  y = drawPerformanceRows(kit, y, rows);
  y += u * 0.5;
  if (vmBooted && ct && at(*ct, QStringLiteral("container.seconds")).toDouble() > 0) {
    kit.label(QPointF(0, y),
              tr("On this machine the container started %1× faster than the VM booted.")
                  .arg(vm->value(QStringLiteral("boot_seconds")).toDouble() /
                           at(*ct, QStringLiteral("container.seconds")).toDouble(),
                       0, 'f', 0),
              1.05, true);
    y += u * 1.5;
  }
  if (vmBooted &&
      argAfter(vm->value(QStringLiteral("qemu_argv")).toArray(), "-accel").startsWith(QLatin1String("tcg"))) {
    kit.label(QPointF(0, y), tr("(the test VM runs under QEMU TCG, an emulator: a KVM-accelerated VM boots faster)"),
              0.85);
    y += u * 1.3;
  }
  kit.label(QPointF(0, y),
            tr("Physical server in the notes: 32 GB RAM, 16 cores. This machine: %1.").arg(machineLine(info)), 0.95);
  drawFooter(kit, y + u * 1.5);
}

// The notes' table with this machine's columns: item, VM and container in the notes, VM and container here.
double NotesPage::drawPerformanceRows(SceneKit& kit, double y, const QList<QStringList>& rows) {
  const double u = kit.unit();
  const QList<double> cols{0, 190, 380, 570, 890};
  const QStringList header{tr("Item"), tr("VM (notes)"), tr("Container (notes)"), tr("VM here (testvm)"),
                           tr("Container here (nsenter-lite)")};
  for (int c = 0; c < header.size(); ++c)
    kit.label(QPointF(cols.at(c), y), header.at(c), 0.95, true, c >= 3 ? colors::live : colors::text);
  y += u * 1.4;
  kit.scene()->addLine(0, y, 1220, y, QPen(colors::text, 1));
  y += 4;
  for (const QStringList& cells : rows) {
    for (int c = 0; c < cells.size(); ++c) {
      auto* item = kit.label(QPointF(cols.at(c), y), cells.at(c), 0.9, c == 0);
      const double room = (c + 1 < cols.size() ? cols.at(c + 1) : 1220) - cols.at(c) - 8;
      if (item->boundingRect().width() > room) {
        item->setToolTip(cells.at(c));
        item->setText(QFontMetricsF(item->font()).elidedText(cells.at(c), Qt::ElideRight, room));
      }
    }
    y += u * 1.25;
  }
  return y;
}

void NotesPage::drawKubernetesProblems(SceneKit& kit) {
  double y = drawHeader(kit, tr("Why Kubernetes: the problems it solves"), QStringLiteral("001#32"));
  const double u = kit.unit();
  const QJsonObject* report = find(QStringLiteral("cgtop"), QStringLiteral("kind"), QStringLiteral("run-report"));
  const QJsonObject* ls = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("ls"));
  QString died, oom;
  if (report) {
    const QJsonValue signal = report->value(QStringLiteral("signal"));
    const QJsonValue kills = at(*report, QStringLiteral("memory.oom_kills"));
    died = tr("here: \"%1\" was killed by signal %2 after %3")
               .arg(report->value(QStringLiteral("command")).toVariant().toStringList().join(QLatin1Char(' ')))
               .arg(signal.isDouble() ? QString::number(signal.toInt()) : tr("none"))
               .arg(seconds(report->value(QStringLiteral("wall_seconds")).toDouble()));
    oom = tr("OOM kills: %1, at a memory peak of %2 (the limit)")
              .arg(kills.isDouble() ? QString::number(kills.toInt()) : tr("—"))
              .arg(humanBytes(at(*report, QStringLiteral("memory.peak")).toDouble()));
  } else {
    died = missing(tr("a container that died"), QStringLiteral("cgtop run --json --memory 16M -- … → the run-report"));
  }
  const QStringList problems{
      tr("1. What if a container suddenly dies?"),          tr("2. What if traffic grows and we must scale?"),
      tr("3. How to spread containers over many servers?"), tr("4. How do containers talk to each other?"),
      tr("5. Where do settings and passwords live?"),       tr("6. Load balancing and service discovery?")};
  const QStringList answers{tr("Self-healing: restart dead containers"),
                            tr("Auto-scaling by load"),
                            tr("Scheduling onto the best server"),
                            tr("Service mesh: safe container traffic"),
                            tr("ConfigMap/Secret"),
                            tr("Service/Ingress: load balancing, routing")};
  const double w = 580, h = kit.boxHeight(1);
  kit.label(QPointF(0, y), tr("The problem"), 1.1, true);
  kit.label(QPointF(640, y), tr("Kubernetes' answer"), 1.1, true);
  y += u * 1.5;
  for (int i = 0; i < problems.size(); ++i) {
    const bool first = i == 0;
    const QString detail = first ? died : tr("described, not shown here");
    const double bh = first ? kit.boxHeight(3) : h;
    kit.box(QRectF(0, y, w, bh), problems.at(i),
            first ? QStringList{detail, oom, ls ? tr("nothing restarted it: no orchestrator runs here") : QString()}
                  : QStringList{detail},
            first ? colors::warning : colors::muted, first ? QStringLiteral("open:cgroups") : QString(),
            QStringLiteral("k8s:problem:%1").arg(i + 1), first && report ? SceneKit::kOutline : 0);
    kit.arrow(QPointF(w + 4, y + bh / 2), QPointF(636, y + bh / 2));
    kit.box(QRectF(640, y, w, bh), answers.at(i), {}, colors::userland, {}, QStringLiteral("k8s:answer:%1").arg(i + 1));
    y += bh + 6;
  }
  if (ls) {
    LayerStack stack;
    addDocumentToStack(*ls, &stack);
    y += u * 0.5;
    kit.label(QPointF(0, y),
              tr("Containers running on this machine now (nsenter-lite ls): %1").arg(stack.containers.size()), 0.95);
    y += u * 1.3;
  }
  notMeasured(tr("self-healing, scaling and scheduling"), tr("no orchestrator runs here"));
  drawFooter(kit, y + u);
}

}  // namespace virtlab::explorer
