#include "models/vmctl.h"

#include <QJsonArray>
#include <algorithm>

#include "models/document.h"

namespace virtlab::explorer {

namespace {

// vmctl writes addresses as JSON integers; toInteger keeps all 64 bits that fit a qint64.
quint64 u64(const QJsonValue& v) {
  return static_cast<quint64>(v.toInteger());
}
qint64 u64OrMinus(const QJsonValue& v) {
  return v.isDouble() ? v.toInteger() : -1;
}

bool checkCommand(const QJsonObject& doc, const char* command, QString* error) {
  const QString schemaError = checkSchema(doc, QStringLiteral("vmctl"), kVmctlMajor);
  if (!schemaError.isEmpty()) {
    if (error) *error = schemaError;
    return false;
  }
  if (vmctlCommand(doc) != QLatin1String(command)) {
    if (error)
      *error = QStringLiteral("vmctl document of command \"%1\", expected \"%2\"")
                   .arg(vmctlCommand(doc), QLatin1String(command));
    return false;
  }
  if (!doc.value(QLatin1String(command)).isObject()) {
    if (error) *error = QStringLiteral("vmctl %1 document without its \"%1\" object").arg(QLatin1String(command));
    return false;
  }
  return true;
}

NestedInfo parseNested(const QJsonObject& doc) {
  const QJsonObject n = doc.value(QStringLiteral("nested")).toObject();
  return {n.value(QStringLiteral("nested")).toBool(), n.value(QStringLiteral("via")).toString(),
          n.value(QStringLiteral("meaning")).toString()};
}

// One translate chain (also boot.walk.chain): the guest walk level by level, then GPA → HVA → HPA.
TranslationChain parseChain(const QJsonObject& c) {
  TranslationChain chain;
  chain.gva = u64(c.value(QStringLiteral("gva")));
  const QJsonObject walk = c.value(QStringLiteral("walk")).toObject();
  chain.paging = walk.value(QStringLiteral("paging")).toString();
  chain.fault = walk.value(QStringLiteral("fault")).toString();
  for (const auto& lv : walk.value(QStringLiteral("levels")).toArray()) {
    const QJsonObject l = lv.toObject();
    const QJsonValue flags = l.value(QStringLiteral("flags"));
    QString flagText;
    if (flags.isArray()) {
      QStringList names;
      for (const auto& f : flags.toArray()) names << f.toString();
      flagText = names.join(QLatin1Char(' '));
    } else {
      flagText = flags.toString();
    }
    chain.levels.append({l.value(QStringLiteral("table")).toString(), u64(l.value(QStringLiteral("table_gpa"))),
                         u64(l.value(QStringLiteral("index"))), u64(l.value(QStringLiteral("entry"))), flagText,
                         l.value(QStringLiteral("leaf")).toBool()});
  }
  chain.gpa = u64OrMinus(c.value(QStringLiteral("gpa")));
  chain.kvmAgrees = c.value(QStringLiteral("agree")).toBool();
  chain.hva = u64OrMinus(c.value(QStringLiteral("hva")));
  chain.hpa = u64OrMinus(c.value(QStringLiteral("hpa")));
  chain.hostMeaning = c.value(QStringLiteral("host_physical_meaning")).toString();
  return chain;
}

// {"name": count, …} → largest first (ties by name, so the order is stable).
QList<NamedCount> parseCounts(const QJsonObject& counts) {
  QList<NamedCount> out;
  for (auto it = counts.begin(); it != counts.end(); ++it) out.append({it.key(), u64(it.value())});
  std::stable_sort(out.begin(), out.end(), [](const NamedCount& a, const NamedCount& b) { return a.count > b.count; });
  return out;
}

double secondsOrMinus(const QJsonValue& v) {
  return v.isDouble() ? v.toDouble() : -1;
}

// The steps of parseVmBoot: each reads one member of the boot object.
void parseBootHeader(const QJsonObject& b, VmBoot* boot) {
  const QJsonObject kernel = b.value(QStringLiteral("kernel")).toObject();
  boot->kernelPath = kernel.value(QStringLiteral("path")).toString();
  boot->kernelVersion = kernel.value(QStringLiteral("kernel_version")).toString();
  boot->protocol = kernel.value(QStringLiteral("protocol")).toString();
  boot->kernelBytes = u64(kernel.value(QStringLiteral("bytes")));
  boot->initrdBytes = u64(b.value(QStringLiteral("initrd")).toObject().value(QStringLiteral("bytes")));
  boot->memory = u64(b.value(QStringLiteral("memory")));
  boot->cmdline = b.value(QStringLiteral("cmdline")).toString();
  boot->outcome = b.value(QStringLiteral("outcome")).toString();
  boot->outcomeDetail = b.value(QStringLiteral("outcome_detail")).toString();
  boot->succeeded = b.value(QStringLiteral("succeeded")).toBool();
  boot->consoleBytes = u64(b.value(QStringLiteral("console_bytes")));
  boot->consoleTail = b.value(QStringLiteral("console_tail")).toString();
  if (b.value(QStringLiteral("cpus")).isDouble()) boot->vcpus = b.value(QStringLiteral("cpus")).toInt();
  const QJsonObject times = b.value(QStringLiteral("times")).toObject();
  boot->firstOutputSeconds = secondsOrMinus(times.value(QStringLiteral("first_output_seconds")));
  boot->initSeconds = secondsOrMinus(times.value(QStringLiteral("run_init_seconds")));
  boot->markerSeconds = secondsOrMinus(times.value(QStringLiteral("marker_seconds")));
  boot->totalSeconds = times.value(QStringLiteral("total_seconds")).toDouble();
}

void parseBootExits(const QJsonObject& b, VmBoot* boot) {
  const QJsonObject exits = b.value(QStringLiteral("exits")).toObject();
  boot->byReason = parseCounts(exits.value(QStringLiteral("by_reason")).toObject());
  boot->byDevice = parseCounts(exits.value(QStringLiteral("by_device")).toObject());
  boot->totalExits = 0;
  for (const NamedCount& r : boot->byReason) boot->totalExits += r.count;
  boot->irqRaises = u64(exits.value(QStringLiteral("irq_raises")));
  for (const auto& v : b.value(QStringLiteral("phases")).toArray()) {
    const QJsonObject p = v.toObject();
    BootPhase phase;
    phase.phase = p.value(QStringLiteral("phase")).toString();
    phase.meaning = p.value(QStringLiteral("meaning")).toString();
    phase.reached = p.value(QStringLiteral("reached")).toBool();
    phase.startSeconds = secondsOrMinus(p.value(QStringLiteral("start_seconds")));
    phase.endSeconds = secondsOrMinus(p.value(QStringLiteral("end_seconds")));
    phase.exits = u64(p.value(QStringLiteral("exits")));
    phase.kvmExits = u64OrMinus(p.value(QStringLiteral("kvm_exits")));
    phase.byDevice = parseCounts(p.value(QStringLiteral("by_device")).toObject());
    boot->phases.append(phase);
  }
  const QJsonObject timeline = b.value(QStringLiteral("timeline")).toObject();
  boot->bucketSeconds = timeline.value(QStringLiteral("bucket_seconds")).toDouble();
  for (const auto& v : timeline.value(QStringLiteral("buckets")).toArray()) {
    const QJsonObject bucket = v.toObject();
    boot->buckets.append(
        {bucket.value(QStringLiteral("start_seconds")).toDouble(), u64(bucket.value(QStringLiteral("exits")))});
  }
  for (const auto& v : b.value(QStringLiteral("kvm_stats")).toObject().value(QStringLiteral("vcpu")).toArray()) {
    const QJsonObject stat = v.toObject();
    boot->kvmVcpuStats.append(
        {stat.value(QStringLiteral("name")).toString(), u64(stat.value(QStringLiteral("value")))});
  }
}

void parseBootVirtio(const QJsonObject& b, VmBoot* boot) {
  const QJsonObject v = b.value(QStringLiteral("virtio")).toObject();
  if (v.isEmpty()) return;
  BootVirtioConsole& c = boot->virtio;
  c.present = true;
  c.address = u64(v.value(QStringLiteral("address")));
  c.ioeventfd = v.value(QStringLiteral("ioeventfd")).toBool();
  c.driverOk = v.value(QStringLiteral("driver_ok")).toBool();
  c.mmioKicks = u64(v.value(QStringLiteral("mmio_kicks")));
  c.ioeventfdKicks = u64(v.value(QStringLiteral("ioeventfd_kicks")));
  c.irqRaises = u64(v.value(QStringLiteral("irq_raises")));
  c.transmittedBytes = u64(v.value(QStringLiteral("transmitted_bytes")));
  c.receivedBytes = u64(v.value(QStringLiteral("received_bytes")));
}

BootDiskFile parseDiskFile(const QJsonObject& f) {
  return {u64(f.value(QStringLiteral("st_size"))), u64(f.value(QStringLiteral("allocated"))),
          f.value(QStringLiteral("provisioning")).toString()};
}

void parseBootDisk(const QJsonObject& b, VmBoot* boot) {
  const QJsonObject d = b.value(QStringLiteral("disk")).toObject();
  if (d.isEmpty()) return;
  BootDisk& disk = boot->disk;
  disk.present = true;
  disk.path = d.value(QStringLiteral("path")).toString();
  disk.mode = d.value(QStringLiteral("mode")).toString();
  disk.capacitySectors = u64(d.value(QStringLiteral("capacity_sectors")));
  disk.file = parseDiskFile(d.value(QStringLiteral("file")).toObject());
  const QJsonObject delta = d.value(QStringLiteral("delta")).toObject();
  disk.hasDelta = !delta.isEmpty();
  disk.deltaPath = delta.value(QStringLiteral("path")).toString();
  disk.delta = parseDiskFile(delta);
  disk.deltaSectors = u64(delta.value(QStringLiteral("sectors")));
  disk.reads = u64(d.value(QStringLiteral("reads")));
  disk.writes = u64(d.value(QStringLiteral("writes")));
  disk.bytesRead = u64(d.value(QStringLiteral("bytes_read")));
  disk.bytesWritten = u64(d.value(QStringLiteral("bytes_written")));
  disk.mmioKicks = u64(d.value(QStringLiteral("mmio_kicks")));
  disk.ioeventfdKicks = u64(d.value(QStringLiteral("ioeventfd_kicks")));
}

void parseBootWalk(const QJsonObject& b, VmBoot* boot) {
  const QJsonObject w = b.value(QStringLiteral("walk")).toObject();
  if (w.isEmpty()) return;
  BootWalk& walk = boot->walk;
  walk.present = true;
  walk.program = w.value(QStringLiteral("program")).toString();
  walk.verdict = w.value(QStringLiteral("verdict")).toString();
  walk.verdictMeaning = w.value(QStringLiteral("verdict_meaning")).toString();
  walk.cpl = w.value(QStringLiteral("cpl")).isDouble() ? w.value(QStringLiteral("cpl")).toInt() : -1;
  walk.hasChain = w.value(QStringLiteral("chain")).isObject();
  if (walk.hasChain) walk.chain = parseChain(w.value(QStringLiteral("chain")).toObject());
}

}  // namespace

QString vmctlCommand(const QJsonObject& doc) {
  if (!checkSchema(doc, QStringLiteral("vmctl"), kVmctlMajor).isEmpty()) return {};
  return doc.value(QStringLiteral("command")).toString();
}

bool parseVmctlInfo(const QJsonObject& doc, MachineInfo* machine, KvmInfo* kvm, QString* error) {
  if (!checkCommand(doc, "info", error)) return false;
  const QJsonObject info = doc.value(QStringLiteral("info")).toObject();
  const QJsonObject m = info.value(QStringLiteral("machine")).toObject();
  if (m.isEmpty()) {
    if (error) *error = QStringLiteral("vmctl info without \"machine\"");
    return false;
  }
  MachineInfo out;
  applyHostHeader(doc, &out);
  out.known = true;
  out.cpuModel = m.value(QStringLiteral("cpu_model")).toString();
  out.logicalCpus = m.value(QStringLiteral("logical_cpus")).toInt();
  out.memoryBytes = u64OrMinus(m.value(QStringLiteral("memory_total")));
  out.kernelRelease = m.value(QStringLiteral("kernel_release")).toString();
  if (m.contains(QStringLiteral("architecture"))) out.architecture = m.value(QStringLiteral("architecture")).toString();
  out.pagingLevels = m.value(QStringLiteral("paging_levels")).toInt();
  out.isVirtualMachine = m.value(QStringLiteral("is_vm")).toBool();
  const QJsonObject hv = m.value(QStringLiteral("hypervisor")).toObject();
  out.hypervisor = hv.value(QStringLiteral("name")).toString();
  QStringList evidence;
  if (hv.value(QStringLiteral("cpuid_hypervisor_bit")).toBool()) {
    evidence << QStringLiteral("CPUID hypervisor bit, signature \"%1\"")
                    .arg(hv.value(QStringLiteral("cpuid_vendor")).toString());
  }
  const QString dmi = QStringLiteral("%1 %2")
                          .arg(hv.value(QStringLiteral("dmi_sys_vendor")).toString(),
                               hv.value(QStringLiteral("dmi_product_name")).toString())
                          .trimmed();
  if (!dmi.isEmpty()) evidence << QStringLiteral("DMI: %1").arg(dmi);
  out.vmEvidence = evidence.join(QStringLiteral("; "));
  int softwareNics = 0;
  for (const auto& v : m.value(QStringLiteral("nics")).toArray()) {
    const QJsonObject nic = v.toObject();
    // Software devices (lo, veth, bridges) are not hardware: count them, list the rest.
    if (nic.value(QStringLiteral("virtual")).toBool()) {
      ++softwareNics;
      continue;
    }
    out.nics << QStringLiteral("%1 %2 (%3)")
                    .arg(nic.value(QStringLiteral("name")).toString(), nic.value(QStringLiteral("driver")).toString(),
                         nic.value(QStringLiteral("kind")).toString().section(QLatin1Char(':'), 0, 0));
  }
  if (softwareNics > 0) out.nics << QStringLiteral("+%1 software").arg(softwareNics);
  const QJsonObject k = info.value(QStringLiteral("kvm")).toObject();
  out.kvmDevice = k.value(QStringLiteral("present")).toBool();
  out.kvmNote = k.value(QStringLiteral("reason")).toString();
  if (kvm) {
    KvmInfo ki;
    ki.present = out.kvmDevice;
    ki.reason = out.kvmNote;
    ki.hint = k.value(QStringLiteral("hint")).toString();
    ki.apiVersion = k.value(QStringLiteral("api_version")).toInt();
    ki.cpuExtension =
        info.value(QStringLiteral("cpu")).toObject().value(QStringLiteral("virtualization_extension")).toString();
    for (const auto& v : k.value(QStringLiteral("modules")).toArray()) {
      const QJsonObject mod = v.toObject();
      QString text = mod.value(QStringLiteral("name")).toString();
      if (!mod.value(QStringLiteral("loaded")).toBool())
        text += QStringLiteral(" (not loaded)");
      else if (mod.value(QStringLiteral("nested")).toBool())
        text += QStringLiteral(" (nested)");
      ki.modules << text;
    }
    *kvm = ki;
  }
  *machine = out;
  return true;
}

bool parseVmRun(const QJsonObject& doc, VmRun* out, QString* error) {
  if (!checkCommand(doc, "run", error)) return false;
  const QJsonObject r = doc.value(QStringLiteral("run")).toObject();
  VmRun run;
  run.nested = parseNested(doc);
  run.guest = r.value(QStringLiteral("guest")).toString();
  run.mode = r.value(QStringLiteral("mode")).toString();
  run.memory = u64(r.value(QStringLiteral("memory")));
  run.outcome = r.value(QStringLiteral("outcome")).toString();
  run.outcomeMeaning = r.value(QStringLiteral("outcome_meaning")).toString();
  run.wallSeconds = r.value(QStringLiteral("wall_seconds")).toDouble();
  run.serial = r.value(QStringLiteral("serial")).toString();
  const QJsonObject exits = r.value(QStringLiteral("exits")).toObject();
  if (exits.isEmpty() || run.guest.isEmpty()) {
    if (error) *error = QStringLiteral("vmctl run without \"guest\" or \"exits\"");
    return false;
  }
  run.totalExits = u64(exits.value(QStringLiteral("total")));
  for (const auto& v : exits.value(QStringLiteral("trace")).toArray()) {
    const QJsonObject e = v.toObject();
    run.trace.append({u64(e.value(QStringLiteral("seq"))), u64(e.value(QStringLiteral("t_ns"))),
                      e.value(QStringLiteral("vcpu")).toInt(), e.value(QStringLiteral("reason")).toString(),
                      e.value(QStringLiteral("text")).toString()});
  }
  for (const auto& v : exits.value(QStringLiteral("histogram")).toArray()) {
    const QJsonObject h = v.toObject();
    run.histogram.append({h.value(QStringLiteral("reason")).toString(), u64(h.value(QStringLiteral("count"))),
                          h.value(QStringLiteral("meaning")).toString()});
  }
  for (const auto& v : r.value(QStringLiteral("vcpu_reports")).toArray()) {
    const QJsonObject c = v.toObject();
    VcpuReport report;
    report.index = c.value(QStringLiteral("index")).toInt();
    report.userspaceExits = u64(c.value(QStringLiteral("userspace_exits")));
    report.kernelExits = u64OrMinus(c.value(QStringLiteral("kernel_exits")));
    const QJsonObject regs = c.value(QStringLiteral("registers")).toObject();
    for (const char* name : {"rip", "rsp", "rflags", "rax", "rbx", "rcx", "rdx"}) {
      if (regs.contains(QLatin1String(name)))
        report.registers.append({QLatin1String(name), u64(regs.value(QLatin1String(name)))});
    }
    const QJsonObject sregs = c.value(QStringLiteral("sregs")).toObject();
    for (const char* name : {"cr0", "cr3", "cr4", "efer"}) {
      if (sregs.value(QLatin1String(name)).isDouble())
        report.registers.append({QLatin1String(name), u64(sregs.value(QLatin1String(name)))});
    }
    run.vcpus.append(report);
  }
  const QJsonObject details = r.value(QStringLiteral("details")).toObject();
  for (const auto& v : details.value(QStringLiteral("phases")).toArray()) {
    const QJsonObject p = v.toObject();
    run.phases.append({p.value(QStringLiteral("name")).toString(), u64(p.value(QStringLiteral("bytes"))),
                       u64(p.value(QStringLiteral("exits"))), p.value(QStringLiteral("exits_per_byte")).toDouble(),
                       p.value(QStringLiteral("seconds")).toDouble()});
  }
  run.paravirtualSpeedup = details.value(QStringLiteral("paravirtual_speedup")).toDouble();
  for (const auto& v : r.value(QStringLiteral("findings")).toArray()) {
    run.findings << (v.isString() ? v.toString() : v.toObject().value(QStringLiteral("text")).toString());
  }
  *out = run;
  return true;
}

bool parseVmTranslate(const QJsonObject& doc, VmTranslate* out, QString* error) {
  if (!checkCommand(doc, "translate", error)) return false;
  const QJsonObject t = doc.value(QStringLiteral("translate")).toObject();
  VmTranslate tr;
  tr.nested = parseNested(doc);
  tr.guest = t.value(QStringLiteral("guest")).toString();
  tr.cr3 = u64(t.value(QStringLiteral("cr3")));
  const QJsonValue chains = t.value(QStringLiteral("chains"));
  if (!chains.isArray()) {
    if (error) *error = QStringLiteral("vmctl translate without \"chains\"");
    return false;
  }
  for (const auto& v : chains.toArray()) tr.chains.append(parseChain(v.toObject()));
  *out = tr;
  return true;
}

bool parseVmBoot(const QJsonObject& doc, VmBoot* out, QString* error) {
  if (!checkCommand(doc, "boot", error)) return false;
  const QJsonObject b = doc.value(QStringLiteral("boot")).toObject();
  if (!b.value(QStringLiteral("exits")).isObject() || !b.value(QStringLiteral("outcome")).isString()) {
    if (error) *error = QStringLiteral("vmctl boot without \"exits\" or \"outcome\"");
    return false;
  }
  VmBoot boot;
  boot.nested = parseNested(doc);
  parseBootHeader(b, &boot);
  parseBootExits(b, &boot);
  parseBootVirtio(b, &boot);
  parseBootDisk(b, &boot);
  parseBootWalk(b, &boot);
  boot.hasCompareConsole = b.value(QStringLiteral("compare_console")).isObject();
  *out = boot;
  return true;
}

}  // namespace virtlab::explorer
