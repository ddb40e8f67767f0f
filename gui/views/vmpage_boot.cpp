// The VM page's booted Linux VM (`vmctl boot --json`): the notes' VM column from the document's numbers, the
// boot's exits over time with its phases as bands, the exits per device and phase, and the 2-D walk of a guest
// process's variable when the boot carried one (boot.walk).
#include <algorithm>

#include "views/vmpage.h"

namespace virtlab::explorer {

namespace {

constexpr double kWidth = 1400;

QString hexAddress(quint64 v) {
  return QStringLiteral("0x%1").arg(v, 0, 16);
}

QString seconds(double s) {
  return s < 0 ? QStringLiteral("—") : QStringLiteral("%1 s").arg(s, 0, 'f', 1);
}

QColor phaseColor(const QString& phase) {
  if (phase == QLatin1String("decompression")) return colors::hardware;
  if (phase == QLatin1String("kernel-init")) return colors::kernel;
  return colors::userland;
}

// The schema's phase names, in the UI's language.
QString phaseName(const QString& phase) {
  if (phase == QLatin1String("decompression")) return VmPage::tr("decompression");
  if (phase == QLatin1String("kernel-init")) return VmPage::tr("kernel init");
  if (phase == QLatin1String("userspace")) return VmPage::tr("userspace");
  return phase;
}

}  // namespace

double VmPage::drawBoot(SceneKit& kit, double y) {
  const double u = kit.unit();
  const VmBoot& b = boot_;
  kit.label(QPointF(0, y),
            tr("Booted Linux VM: kernel %1, %2 RAM — %3 after %4 s, %5 exits to vmctl")
                .arg(b.kernelVersion.isEmpty() ? b.protocol : b.kernelVersion.section(QLatin1Char(' '), 0, 0),
                     humanBytes(static_cast<double>(b.memory)), b.outcome)
                .arg(b.totalSeconds, 0, 'f', 1)
                .arg(b.totalExits),
            1.2, true);
  y += u * 1.8;
  if (!b.succeeded) {
    // vmctl exits 1 with the document: the page draws what the guest reached, the outcome on top.
    y = kit.note(QPointF(0, y), kWidth, tr("The boot did not succeed: %1").arg(b.outcome),
                 b.outcomeDetail.isEmpty() ? QString() : toolSays(QStringLiteral("vmctl"), b.outcomeDetail))
            .bottom() +
        6;
  } else if (!b.outcomeDetail.isEmpty()) {
    y += kit.paragraph(QPointF(0, y), kWidth, toolSays(QStringLiteral("vmctl"), b.outcomeDetail), 0.85) + 4;
  }
  y = drawBootColumn(kit, y) + u;
  y = drawBootTimeline(kit, y) + u;
  y = drawBootDevices(kit, y) + u;
  if (b.walk.present) y = drawBootWalk(kit, y) + u;
  return y;
}

// The notes' VM column, top to bottom: guest userland, guest Linux kernel, virtual hardware, hypervisor.
double VmPage::drawBootColumn(SceneKit& kit, double y) {
  const VmBoot& b = boot_;
  const double h = kit.boxHeight(2);
  kit.box(QRectF(0, y, kWidth, h), tr("Guest userland: /init from the initramfs (%1)").arg(humanBytes(b.initrdBytes)),
          {tr("/init ran at %1; the marker line at %2").arg(seconds(b.initSeconds), seconds(b.markerSeconds)),
           tr("%1 console bytes written by the guest").arg(b.consoleBytes)},
          colors::userland, {}, QStringLiteral("boot:userland"));
  y += h + 6;
  kit.box(QRectF(0, y, kWidth, h),
          tr("Guest Linux kernel (its own): %1").arg(b.kernelVersion.isEmpty() ? b.kernelPath : b.kernelVersion),
          {tr("boot protocol %1, %2; first console output at %3")
               .arg(b.protocol, humanBytes(b.kernelBytes), seconds(b.firstOutputSeconds)),
           tr("command line: %1").arg(b.cmdline)},
          colors::kernel, {}, QStringLiteral("boot:kernel"));
  y += h + 6;
  y = drawBootHardware(kit, y) + 6;
  const QString where = b.nested.nested ? tr("nested in the test VM (%1: QEMU TCG, KVM inside)").arg(b.nested.via)
                                        : tr("directly on this machine's /dev/kvm");
  kit.box(QRectF(0, y, kWidth, kit.boxHeight(1)), tr("Hypervisor: vmctl on KVM"),
          {tr("%1; %2 interrupts raised by vmctl").arg(where).arg(b.irqRaises)}, colors::hypervisor, {},
          QStringLiteral("boot:hypervisor"));
  return y + kit.boxHeight(1);
}

// Virtual hardware: the vCPU(s) and RAM, every device that exited to vmctl with its count, virtio-console, and
// the disk and NIC boxes (drawn "not attached" with the option that would attach one).
double VmPage::drawBootHardware(SceneKit& kit, double y) {
  const double u = kit.unit();
  const VmBoot& b = boot_;
  struct Item {
    QString title;
    QStringList lines;
    QString key;
    QColor fill;
  };
  QList<Item> items;
  qint64 kvmExits = -1;
  for (const NamedCount& s : b.kvmVcpuStats)
    if (s.name == QLatin1String("exits")) kvmExits = static_cast<qint64>(s.count);
  items.append(
      {tr("vCPUs: %1").arg(b.vcpus),
       {tr("each a thread of vmctl"), kvmExits >= 0 ? tr("%1 exits in KVM (vCPU 0)").arg(kvmExits) : QString()},
       QStringLiteral("boot:vcpu"),
       colors::vm});
  items.append({tr("RAM %1").arg(humanBytes(static_cast<double>(b.memory))),
                {tr("vmctl's own memory (a memslot)")},
                QStringLiteral("boot:ram"),
                colors::vm});
  // virtio-console's own counters go into its device box (its MMIO exits are in the exits table too).
  const QStringList virtioLines{
      tr("%1 kicks exited, %2 via ioeventfd").arg(b.virtio.mmioKicks).arg(b.virtio.ioeventfdKicks),
      b.virtio.driverOk ? tr("%1 bytes sent").arg(b.virtio.transmittedBytes)
                        : tr("the guest driver never set DRIVER_OK")};
  bool virtioShown = false;
  for (const NamedCount& d : b.byDevice) {
    const bool isVirtio = b.virtio.present && d.name.startsWith(QLatin1String("virtio-console"));
    virtioShown = virtioShown || isVirtio;
    items.append({d.name, QStringList{tr("%1 exits to vmctl").arg(d.count)} + (isVirtio ? virtioLines : QStringList{}),
                  QStringLiteral("boot:device:%1").arg(d.name), isVirtio ? colors::kernel : colors::hardware});
  }
  if (b.virtio.present && !virtioShown) {
    items.append({tr("virtio-console @%1").arg(hexAddress(b.virtio.address)), virtioLines,
                  QStringLiteral("boot:virtio-console"), colors::kernel});
  }
  if (b.disk.present) {
    const BootDisk& d = b.disk;
    QStringList lines{tr("%1, %2: %3 of %4 allocated")
                          .arg(d.mode, d.file.provisioning, humanBytes(d.file.allocated), humanBytes(d.file.stSize)),
                      tr("%1 reads, %2 writes").arg(d.reads).arg(d.writes)};
    if (d.hasDelta)
      lines << tr("delta %1: %2 sectors, %3 allocated")
                   .arg(d.deltaPath)
                   .arg(d.deltaSectors)
                   .arg(humanBytes(d.delta.allocated));
    items.append({tr("virtio-blk disk"), lines, QStringLiteral("boot:disk"), colors::kernel});
  } else {
    items.append({tr("disk: not attached"),
                  {tr("--disk FILE[,ro|,snapshot] attaches a virtio-blk disk")},
                  QStringLiteral("boot:disk"),
                  colors::absent});
  }
  items.append({tr("NIC: not attached"),
                {tr("no --net yet (issue #19: virtio-net on a bridge)")},
                QStringLiteral("boot:nic"),
                colors::absent});
  kit.label(QPointF(0, y), tr("Virtual hardware (what the guest kernel touched)"), 1.0, true);
  y += u * 1.4;
  const int perRow = 4;
  const double gap = 8, bw = (kWidth - gap * (perRow - 1)) / perRow, bh = kit.boxHeight(3);
  for (int i = 0; i < items.size(); ++i) {
    const Item& it = items.at(i);
    const int row = i / perRow, column = i % perRow;  // the grid cell
    const QRectF rect(column * (bw + gap), y + row * (bh + gap), bw, bh);
    kit.box(rect, it.title, it.lines, it.fill, {}, it.key);
  }
  const int rows = (static_cast<int>(items.size()) + perRow - 1) / perRow;
  return y + rows * (bh + gap) - gap;
}

// Exits to vmctl per timeline bucket as bars, the three phases as bands under them (start … end, exits).
double VmPage::drawBootTimeline(SceneKit& kit, double y) {
  const double u = kit.unit();
  const VmBoot& b = boot_;
  kit.label(QPointF(0, y), tr("Exits over the boot (%1 s per bar)").arg(b.bucketSeconds, 0, 'g', 3), 1.05, true);
  y += u * 1.5;
  const double span = std::max(b.totalSeconds, 1e-9), barsHeight = u * 5;
  quint64 maxExits = 1;
  for (const BootBucket& bucket : b.buckets) maxExits = std::max(maxExits, bucket.exits);
  for (const BootBucket& bucket : b.buckets) {
    const double x = kWidth * bucket.startSeconds / span;
    const double w = std::clamp(kWidth * b.bucketSeconds / span - 2, 2.0, std::max(2.0, kWidth - x));
    const double h = barsHeight * static_cast<double>(bucket.exits) / static_cast<double>(maxExits);
    auto* bar =
        kit.scene()->addRect(QRectF(x, y + barsHeight - h, w, std::max(h, 1.0)), QPen(Qt::NoPen), QBrush(colors::anon));
    bar->setData(kKeyRole, QStringLiteral("boot:bucket:%1").arg(bucket.startSeconds));
    bar->setToolTip(tr("%1 exits from %2 s").arg(bucket.exits).arg(bucket.startSeconds));
  }
  kit.label(QPointF(0, y), tr("max %1 exits per bar").arg(maxExits), 0.75);
  y += barsHeight + 4;
  const double bandHeight = kit.boxHeight(3);
  for (const BootPhase& p : b.phases) {
    if (!p.reached || p.startSeconds < 0) continue;
    const double x0 = kWidth * p.startSeconds / span;
    const double x1 = kWidth * (p.endSeconds < 0 ? span : p.endSeconds) / span;
    kit.box(QRectF(x0, y, std::max(x1 - x0, 4.0), bandHeight), phaseName(p.phase),
            {tr("%1 → %2").arg(seconds(p.startSeconds), seconds(p.endSeconds)), tr("%1 exits to vmctl").arg(p.exits),
             tr("in KVM: %1").arg(p.kvmExits >= 0 ? QString::number(p.kvmExits) : tr("not available"))},
            phaseColor(p.phase), {}, QStringLiteral("boot:phase:%1").arg(p.phase));
  }
  return y + bandHeight;
}

// The per-device table: total exits to vmctl and each phase's share.
double VmPage::drawBootDevices(SceneKit& kit, double y) {
  const double u = kit.unit();
  const VmBoot& b = boot_;
  kit.label(QPointF(0, y), tr("Exits to vmctl by device"), 1.05, true);
  y += u * 1.5;
  const double nameWidth = 420, column = 190;
  kit.label(QPointF(0, y), tr("device"), 0.85, true);
  kit.label(QPointF(nameWidth, y), tr("total"), 0.85, true);
  for (int i = 0; i < b.phases.size(); ++i)
    kit.label(QPointF(nameWidth + column * (i + 1), y), phaseName(b.phases.at(i).phase), 0.85, true);
  y += u * 1.2;
  for (const NamedCount& d : b.byDevice) {
    kit.label(QPointF(0, y), d.name, 0.85);
    kit.label(QPointF(nameWidth, y), QString::number(d.count), 0.85);
    for (int i = 0; i < b.phases.size(); ++i) {
      quint64 inPhase = 0;
      for (const NamedCount& pd : b.phases.at(i).byDevice)
        if (pd.name == d.name) inPhase = pd.count;
      kit.label(QPointF(nameWidth + column * (i + 1), y), QString::number(inPhase), 0.85);
    }
    y += u * 1.1;
  }
  return y;
}

// The guest process's variable walked GVA → GPA → HVA → HPA (boot.walk): the same drawing as vmctl translate.
double VmPage::drawBootWalk(SceneKit& kit, double y) {
  const double u = kit.unit();
  const BootWalk& w = boot_.walk;
  kit.label(QPointF(0, y),
            tr("Two-dimensional walk of a guest process's variable (%1, ring %2): %3")
                .arg(w.program, w.cpl >= 0 ? QString::number(w.cpl) : QStringLiteral("—"), w.verdict),
            1.1, true);
  y += u * 1.6;
  if (!w.verdictMeaning.isEmpty())
    y += kit.paragraph(QPointF(0, y), kWidth, toolSays(QStringLiteral("vmctl"), w.verdictMeaning), 0.85) + 4;
  if (w.hasChain) y = drawChain(kit, w.chain, y);
  return y;
}

}  // namespace virtlab::explorer
