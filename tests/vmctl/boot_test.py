#!/usr/bin/env python3
"""vmctl boot on the real mechanism: bad input (one line, documented exit code, before any VM), the kvm_pvm
detection, a real Linux boot to the default /init's marker, its shell ended by Ctrl-D, and power-off (on this host's KVM, or inside the test VM
when this /dev/kvm cannot run Linux) with its JSON validated against schemas/vmctl.v1.json, and --timeout.

usage: boot_test.py VMCTL SCHEMA [checks|boots|virtio|compare|walk]
  checks (default): bad input, tiny guests that triple-fault / never print / panic (a second each on this host's
         KVM), the kvm_pvm detection, --timeout — every run gives the same answer.
  boots: the full boots (marker, shell, power-off, JSON; a guest that panics). Under nested KVM on QEMU TCG the
         guest crashes or stalls in about one boot of six (issue #19), so CI runs only `checks`.
  virtio: only the two --console virtio boots of `boots` (with and without ioeventfd)
  compare: only the --compare-console boot of `boots` (the same bytes through ttyS0 and hvc0, side by side)
  walk: only the --walk boot of `boots` (a guest process's variable GVA -> GPA -> HVA -> HPA, checked)
  disk: only the two --disk boots of `boots` (rw: the guest's write in the file; snapshot: the base byte-identical,
        the write in FILE.delta); disk-rw, disk-snapshot: one of them
  exit 77 (skip, reason printed) when no KVM and no test VM can boot Linux here
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

import jsonschema

VMCTL, SCHEMA = sys.argv[1], sys.argv[2]
PART = sys.argv[3] if len(sys.argv) > 3 else "checks"
failures = []


def run(args, timeout=1500):
    started = time.monotonic()
    p = subprocess.run([VMCTL, "boot", *args], capture_output=True, text=True, timeout=timeout,
                       stdin=subprocess.DEVNULL)
    return p, time.monotonic() - started


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)
    if not ok:
        failures.append(name)


def error_line(stderr):
    lines = [line for line in stderr.splitlines() if line.startswith("vmctl: error:")]
    return lines[-1] if lines else ""


def expect_error(name, args, code, words):
    p, _ = run(args, timeout=120)
    line = error_line(p.stderr)
    check(name, p.returncode == code and all(w in line for w in words) and "hint:" in line,
          f"exit {p.returncode}, error line {line!r}, stderr tail {p.stderr[-300:]!r}")


def cached_kernel():
    base = "/var/cache/virtlab/testvm/base"
    for d in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        if os.path.exists(os.path.join(base, d, "vmlinuz")):
            return os.path.join(base, d, "vmlinuz")
    return None


def bad_input(tmp):
    expect_error("too small for a kernel", ["--kernel", "/etc/hostname"], 2, ["too small to be a Linux kernel"])
    expect_error("not a bzImage (an ELF file)", ["--kernel", sys.executable], 2, ["not a bzImage", "HdrS"])
    expect_error("kernel missing", ["--kernel", os.path.join(tmp, "missing")], 3, ["cannot read kernel"])
    kernel = cached_kernel()
    if not kernel:
        print("skip protocol/initrd cases: no cached kernel (testvm run true caches one)")
        return
    old = os.path.join(tmp, "old-bzImage")
    with open(kernel, "rb") as f:
        data = bytearray(f.read(64 * 1024))
    struct.pack_into("<H", data, 0x206, 0x0205)
    with open(old, "wb") as f:
        f.write(data)
    expect_error("protocol too old", ["--kernel", old], 2, ["older than 2.06"])
    big = os.path.join(tmp, "big-initrd")
    with open(big, "wb") as f:
        f.truncate(40 << 20)
    expect_error("initrd larger than guest RAM", ["--kernel", kernel, "--initrd", big, "--mem", "64M"], 2,
                 ["initrd of 40 MiB does not fit"])
    expect_error("memory not a size", ["--mem", "lots"], 2, ["--mem 'lots' is not a size"])
    no64 = os.path.join(tmp, "no64-bzImage")
    with open(kernel, "rb") as f:
        data = bytearray(f.read(64 * 1024))
    struct.pack_into("<H", data, 0x236, struct.unpack_from("<H", data, 0x236)[0] & ~1)  # XLF_KERNEL_64 cleared
    with open(no64, "wb") as f:
        f.write(data)
    expect_error("no 64-bit entry point", ["--kernel", no64], 2, ["no 64-bit entry point", "XLF_KERNEL_64"])
    expect_error("--console neither serial nor virtio", ["--console", "tty"], 2, ["--console", "serial,virtio"])
    expect_error("--compare-console 0", ["--compare-console", "0"], 2, ["--compare-console 0: there is nothing"])
    expect_error("--compare-console not a number", ["--compare-console", "lots"], 2,
                 ["--compare-console 'lots' is not a byte count"])
    expect_error("--compare-console too large for guest RAM", ["--compare-console", "20M", "--mem", "128M"], 2,
                 ["--compare-console 20 MiB is more than an eighth of guest RAM (128 MiB)"])
    # --walk needs vmctl's own initramfs: its /init runs the walk program, a user's initrd has none.
    expect_error("--walk with an --initrd of your own", ["--walk", "--initrd", "/etc/hostname"], 2,
                 ["--walk needs vmctl's own initramfs", "/bin/virtlab-walk"])
    # vmctl takes virtio_mmio.ko from the cached kernel's package; for any other kernel it cannot know the module.
    copy = os.path.join(tmp, "copied-bzImage")
    shutil.copy(kernel, copy)
    expect_error("--console virtio with a kernel whose virtio_mmio.ko vmctl cannot find",
                 ["--kernel", copy, "--console", "virtio"], 5,
                 ["--console virtio", "virtio_mmio.ko only for the cached Debian kernel"])


def disk_bad_input(tmp):
    # --disk is checked before any VM: one line, a documented exit code, no delta file made.
    missing = os.path.join(tmp, "missing.img")
    expect_error("--disk file missing", ["--disk", missing], 3, ["cannot use --disk", "No such file"])
    expect_error("--disk a directory", ["--disk", tmp], 2, ["is not a regular file"])
    good = os.path.join(tmp, "good.img")
    with open(good, "wb") as f:
        f.truncate(1 << 20)
    expect_error("--disk with an unknown mode", ["--disk", good + ",bogus"], 2, ["unknown mode 'bogus'"])
    empty = os.path.join(tmp, "empty.img")
    open(empty, "wb").close()
    expect_error("--disk an empty file", ["--disk", empty], 2, ["holds 0 bytes", "512-byte sectors"])
    half = os.path.join(tmp, "half.img")
    with open(half, "wb") as f:
        f.write(b"x" * 1000)
    expect_error("--disk not whole sectors", ["--disk", half], 2, ["holds 1000 bytes"])
    with open(good + ".delta", "wb") as f:
        f.write(b"not a delta")
    expect_error("--disk ,snapshot over a foreign FILE.delta", ["--disk", good + ",snapshot"], 6,
                 ["exists and is not a delta of this base"])
    with open(good + ".delta", "rb") as f:
        check("the foreign delta is left as it was", f.read() == b"not a delta")
    os.remove(good + ".delta")
    kernel = cached_kernel()
    if kernel:
        copy = os.path.join(tmp, "disk-copied-bzImage")
        shutil.copy(kernel, copy)
        expect_error("--disk with a kernel whose modules vmctl cannot find", ["--kernel", copy, "--disk", good], 5,
                     ["--disk", "virtio_mmio.ko only for the cached Debian kernel"])
    if os.path.exists("/sys/module/kvm_pvm"):
        big = os.path.join(tmp, "big.img")
        with open(big, "wb") as f:
            f.truncate(200 << 20)
        p, _ = run(["--disk", big], timeout=120)
        line = error_line(p.stderr)
        check("--disk larger than the test VM can hold: exit 2 (or 5 when no test VM)",
              (p.returncode == 2 and "copies the disk into its RAM" in line) or
              (p.returncode == 5 and "test VM cannot run" in line), f"exit {p.returncode}, {line!r}")
    check("no delta made by any bad --disk", not [n for n in os.listdir(tmp) if n.endswith(".delta")],
          str(os.listdir(tmp)))


# Tiny "kernels": a valid bzImage setup header (protocol 2.15, LOADED_HIGH, XLF_KERNEL_64) whose 64-bit entry runs a
# few instructions, to reach the guest-side bad ends in a second on this host's KVM (kvm_pvm runs them too) instead
# of a 60-90 s nested Linux boot. The real kernel's panic is in `boots`.
TINY_GUESTS = {
    "triple-fault": "ud2  ; no IDT: #UD cannot be delivered -> #DF -> triple fault\n",
    "silent": "cli\n.stop: hlt\njmp .stop  ; never prints, never exits to vmctl\n",
    "panic": """lea rsi, [rel message]
mov dx, 0x3f8
.next: lodsb
test al, al
jz .reset
out dx, al
jmp .next
.reset: mov al, 0xfe  ; keyboard-controller reset, as panic=-1 with reboot=k does
out 0x64, al
.stop: hlt
jmp .stop
message: db "Kernel panic - not syncing: vmctl test guest", 10, 0
""",
}


def tiny_bzimage(tmp, name):
    source, binary = os.path.join(tmp, name + ".asm"), os.path.join(tmp, name + ".bin")
    with open(source, "w") as f:
        f.write("bits 64\n" + TINY_GUESTS[name])
    subprocess.run(["nasm", "-f", "bin", "-o", binary, source], check=True)
    with open(binary, "rb") as f:
        code = f.read()
    image = bytearray(1024 + 0x200) + code  # boot sector + 1 setup sector, then the kernel; entry at +0x200
    image[0x1f1] = 1                         # setup_sects
    image[0x201] = 0x6a                      # the header ends at 0x202 + this
    image[0x202:0x206] = b"HdrS"
    struct.pack_into("<H", image, 0x206, 0x020f)
    image[0x211] = 0x01                                    # loadflags: LOADED_HIGH
    struct.pack_into("<I", image, 0x22c, 0x7fffffff)       # initrd_addr_max
    struct.pack_into("<I", image, 0x230, 0x200000)         # kernel_alignment
    struct.pack_into("<H", image, 0x236, 0x0001)           # xloadflags: XLF_KERNEL_64
    struct.pack_into("<I", image, 0x238, 2047)             # cmdline_size
    struct.pack_into("<I", image, 0x260, 0x100000)         # init_size
    path = os.path.join(tmp, name + "-bzImage")
    with open(path, "wb") as f:
        f.write(image)
    return path


def guest_bad_ends(tmp):
    if not os.path.exists("/dev/kvm"):
        print("skip tiny guests: no /dev/kvm on this host")
        return
    initrd = os.path.join(tmp, "tiny-initrd")
    with open(initrd, "wb") as f:
        f.write(b"07070100000000")  # any bytes: the tiny guests never read it
    common = ["--no-nested", "--initrd", initrd, "--mem", "64M"]
    expect_error("a guest that triple-faults: exit 1", ["--kernel", tiny_bzimage(tmp, "triple-fault"), *common,
                 "--timeout", "60"], 1, ["triple-faulted (KVM_EXIT_SHUTDOWN)"])
    expect_error("a guest that never prints: exit 1 at --timeout", ["--kernel", tiny_bzimage(tmp, "silent"), *common,
                 "--timeout", "2"], 1, ["did not power off within 2.00 s and never printed on the serial port"])
    p, _ = run(["--kernel", tiny_bzimage(tmp, "panic"), *common, "--timeout", "60", "--json"], timeout=120)
    line = error_line(p.stderr)
    doc = json.loads(p.stdout) if p.stdout.strip() else {}
    check("a guest that panics and resets: exit 1, the panic line", p.returncode == 1 and
          "the guest kernel panicked: Kernel panic - not syncing: vmctl test guest" in line and "hint:" in line,
          f"exit {p.returncode}, {line!r}")
    boot = doc.get("boot", {})
    by_device = boot.get("exits", {}).get("by_device", {})
    # vmctl stops at the panic line; the reset write after it is counted only if the vCPU got there first.
    check("the panicking guest's exits by device: 45 UART bytes, at most one i8042 reset",
          by_device.get("UART 8250 (COM1)") == 45 and by_device.get("i8042 keyboard controller", 0) <= 1,
          str(by_device))
    if doc:
        jsonschema.validate(doc, SCHEMA_DOC)


def disk_tiny_guest(tmp):
    # A guest that never drives virtio-blk, on this host's KVM in a second: the disk block is in the JSON, the base is
    # untouched and the empty delta the snapshot made is removed again.
    if not os.path.exists("/dev/kvm"):
        print("skip tiny guest with --disk: no /dev/kvm on this host")
        return
    initrd = os.path.join(tmp, "tiny-initrd")
    with open(initrd, "wb") as f:
        f.write(b"07070100000000")
    base = os.path.join(tmp, "tiny-base.img")
    with open(base, "wb") as f:
        f.write(b"B" * 8192)
    p, _ = run(["--kernel", tiny_bzimage(tmp, "panic"), "--no-nested", "--initrd", initrd, "--mem", "64M",
                "--timeout", "60", "--disk", base + ",snapshot", "--json"], timeout=120)
    doc = json.loads(p.stdout) if p.stdout.strip() else {}
    disk = doc.get("boot", {}).get("disk", {})
    if doc:
        jsonschema.validate(doc, SCHEMA_DOC)
    check("tiny guest with --disk ,snapshot: exit 1 (its panic), the disk in the JSON, untouched",
          p.returncode == 1 and disk.get("mode") == "snapshot" and disk.get("capacity_sectors") == 16 and
          disk.get("requests") == 0 and not disk.get("driver_ok") and disk.get("file", {}).get("st_size") == 8192,
          f"exit {p.returncode}, {json.dumps(disk)[:400]}")
    check("tiny guest with --disk ,snapshot: the unused delta removed, the base byte-identical",
          disk.get("delta", {}).get("kept") is False and not os.path.exists(base + ".delta") and
          open(base, "rb").read() == b"B" * 8192, json.dumps(disk.get("delta")))


def pvm_detection():
    if not os.path.exists("/sys/module/kvm_pvm"):
        print("skip kvm_pvm detection: this /dev/kvm is not kvm_pvm")
        return
    p, took = run(["--no-nested", "--timeout", "120", "--json"], timeout=300)
    doc = json.loads(p.stdout) if p.stdout.strip() else {}
    boot = doc.get("boot", {})
    check("kvm_pvm: the reason in one line", "kvm_pvm" in p.stderr.splitlines()[0] if p.stderr else False, p.stderr[:200])
    check("kvm_pvm --no-nested: emulation failure with instruction bytes, exit 5",
          p.returncode == 5 and boot.get("outcome") == "emulation-failure" and "instruction bytes c4" in
          boot.get("outcome_detail", ""), f"exit {p.returncode}, {boot.get('outcome')} {boot.get('outcome_detail')}")
    jsonschema.validate(doc, SCHEMA_DOC)
    phases = boot.get("phases", [])
    check("kvm_pvm --no-nested: the decompression phase with its exits counted by KVM",
          len(phases) == 3 and phases[0]["reached"] and (phases[0]["kvm_exits"] or 0) > 0 and
          any(c["name"] == "exits" and c["value"] > 0 for c in boot.get("kvm_stats", {}).get("vcpu", [])),
          json.dumps(phases)[:500])
    print(f"     kvm_pvm run: {took:.1f} s, stopped at RIP {hex(boot.get('rip', 0))}: {boot.get('outcome_detail')}")


def real_boot():
    # The default initramfs: marker, busybox shell on the console, Ctrl-D at the end of stdin (/dev/null), power-off.
    p, took = run(["--timeout", "300", "--json"])
    if p.returncode == 5 and "test VM cannot run" in p.stderr:
        print("SKIP: " + error_line(p.stderr))
        sys.exit(77)
    doc = json.loads(p.stdout) if p.stdout.strip() else {}
    boot = doc.get("boot", {})
    check("boot to /init's marker and power-off, exit 0",
          p.returncode == 0 and boot.get("outcome") == "powered-off" and boot["times"]["marker_seconds"] is not None,
          f"exit {p.returncode}, outcome {boot.get('outcome')}, stderr tail {p.stderr[-800:]!r}")
    if not boot:
        return
    jsonschema.validate(doc, SCHEMA_DOC)
    check("the JSON follows schemas/vmctl.v1.json", True)
    check("marker in the console", "VIRTLAB-INIT-OK" in boot["console_tail"], boot["console_tail"][-300:])
    check("the shell ran and ended at Ctrl-D", "built-in shell (ash)" in boot["console_tail"] and
          boot["input_bytes"] == 1, f"input_bytes {boot['input_bytes']}, {boot['console_tail'][-300:]!r}")
    check("UART transmitted through port 0x3f8", any(e["port"] == 0x3f8 and e["writes"] > 0
                                                   for e in boot["exits"]["uart_ports"]))
    phases = {p["phase"]: p for p in boot["phases"]}
    check("all three phases reached, in order, the UART busiest in userspace",
          all(p["reached"] for p in boot["phases"]) and
          phases["decompression"]["end_seconds"] <= phases["kernel-init"]["start_seconds"] + 1e-9 and
          phases["kernel-init"]["end_seconds"] <= phases["userspace"]["start_seconds"] + 1e-9 and
          phases["userspace"]["by_device"].get("UART 8250 (COM1)", 0) > 0, json.dumps(boot["phases"])[:800])
    check("timeline buckets add up to the exits by reason",
          sum(b["exits"] for b in boot["timeline"]["buckets"]) == sum(boot["exits"]["by_reason"].values()),
          f"{sum(b['exits'] for b in boot['timeline']['buckets'])} vs {boot['exits']['by_reason']}")
    for p in boot["phases"]:
        print(f"     phase {p['phase']}: {p.get('start_seconds', 0):.2f}-{p.get('end_seconds', 0):.2f} s, "
              f"{p['exits']} exits to vmctl, {p['kvm_exits']} in all (KVM stats), {p['by_device']}")
    t = boot["times"]
    where = "inside the test VM (nested)" if "booting inside the test VM" in p.stderr else "on this host's KVM"
    print(f"     {where}: first serial byte {t['first_output_seconds']:.2f} s, Run /init {t['run_init_seconds']:.2f} s,"
          f" marker {t['marker_seconds']:.2f} s, power-off {t['total_seconds']:.2f} s after the first KVM_RUN; "
          f"vmctl boot took {took:.1f} s; exits {boot['exits']['by_reason']}")


def virtio_boot(eventfd):
    # --console virtio: ACPI announces the virtio-mmio window, /init loads virtio_mmio.ko and moves to hvc0; the
    # QueueNotify kicks go through ioeventfd (no exit) unless --no-eventfd, then each is an MMIO exit.
    args = ["--console", "virtio", "--timeout", "300", "--json"] + ([] if eventfd else ["--no-eventfd"])
    p, took = run(args)
    name = "virtio-console boot" + ("" if eventfd else " --no-eventfd")
    doc = json.loads(p.stdout) if p.stdout.strip() else {}
    boot = doc.get("boot", {})
    v = boot.get("virtio", {})
    check(name + ": marker on hvc0 and power-off, exit 0",
          p.returncode == 0 and boot.get("outcome") == "powered-off" and
          "VIRTLAB-INIT-OK /init running on hvc0" in boot.get("console_tail", ""),
          f"exit {p.returncode}, outcome {boot.get('outcome')}, stderr tail {p.stderr[-800:]!r}")
    if not v:
        return
    jsonschema.validate(doc, SCHEMA_DOC)
    check(name + ": the JSON follows schemas/vmctl.v1.json", True)
    check(name + ": DRIVER_OK, bytes through the transmit queue, the shell's Ctrl-D through the receive queue",
          v["driver_ok"] and v["transmitted_bytes"] > 0 and v["received_bytes"] == 1 and
          v["error"] is None, json.dumps(v))
    kicks_ok = (v["ioeventfd"] and v["ioeventfd_kicks"] > 0 and v["mmio_kicks"] == 0) if eventfd else \
        (not v["ioeventfd"] and v["ioeventfd_kicks"] == 0 and v["mmio_kicks"] > 0)
    check(name + ": kicks " + ("by ioeventfd, none as exits" if eventfd else "as MMIO exits"), kicks_ok, json.dumps(v))
    by_device = boot["exits"].get("by_device", {})
    check(name + ": the exit table names the device", by_device.get("virtio-console (mmio 0xd0000000)", 0) ==
          v["mmio_reads"] + v["mmio_writes"], json.dumps(by_device))
    print(f"     {name}: {took:.1f} s; virtio {json.dumps(v)}")


def compare_boot(n=16384):
    # --compare-console: /init writes the same n bytes to ttyS0 (8250 UART) and to hvc0 (virtio-console, ioeventfd).
    p, took = run(["--compare-console", str(n), "--timeout", "600", "--json"])
    doc = json.loads(p.stdout) if p.stdout.strip() else {}
    boot = doc.get("boot", {})
    c = boot.get("compare_console", {})
    check("--compare-console: both windows complete, power-off, exit 0",
          p.returncode == 0 and boot.get("outcome") == "powered-off" and c.get("complete") is True,
          f"exit {p.returncode}, outcome {boot.get('outcome')}, {json.dumps(c)[:600]}, stderr tail {p.stderr[-800:]!r}")
    if not c:
        return
    jsonschema.validate(doc, SCHEMA_DOC)
    check("--compare-console: the JSON follows schemas/vmctl.v1.json", True)
    serial, virtio = c["devices"]
    check("--compare-console: every byte arrived, none shown on the console",
          serial["bytes_received"] == n and virtio["bytes_received"] == n and serial["foreign_bytes"] == 0 and
          virtio["foreign_bytes"] == 0 and "x" * 64 not in boot.get("console_tail", ""), json.dumps(c)[:600])
    # The 8250 takes each byte with its own OUT to THR (an exit to vmctl); virtio-console takes a buffer per kick.
    uart = serial["exits_by_device"].get("UART 8250 (COM1)", 0)
    check("--compare-console: ttyS0 cost at least one UART exit per byte, no kick",
          uart >= n and serial["exits_to_vmctl"] >= uart and serial["kicks"] == 0, json.dumps(serial))
    check("--compare-console: hvc0 moved the bytes in buffers with kicks, under a tenth of ttyS0's exits per KiB",
          virtio["buffers"] >= 1 and virtio["kicks"] >= 1 and
          virtio["exits_per_kib"] * 10 < serial["exits_per_kib"], json.dumps(virtio))
    check("--compare-console: guest times from the end lines", serial["guest_seconds"] and virtio["guest_seconds"],
          json.dumps(c)[:600])
    for d in (serial, virtio):
        print(f"     {d['device']} ({d['model']}): {d['exits_to_vmctl']} exits to vmctl "
              f"({d['exits_per_kib']:.2f}/KiB; {d['exits_by_device']}), all exits {d['all_exits']}, kicks {d['kicks']}, "
              f"buffers {d['buffers']}, interrupts {d['interrupts']}, guest {d['guest_seconds']} s ({d['guest_clock']}) "
              f"= {d['guest_bytes_per_second']} B/s, host window {d['host_seconds']:.3f} s")
    print(f"     ratios {c['ratios']}; vmctl boot took {took:.1f} s")
def walk_boot():
    # --walk: /init runs /bin/virtlab-walk, which writes a value into a fresh page, prints its claim and rings the
    # doorbell (OUT to port 0x505 from ring 3); vmctl walks the program's page tables at that exit.
    p, took = run(["--walk", "--append", "virtlab.noshell", "--timeout", "400", "--json"])
    doc = json.loads(p.stdout) if p.stdout.strip() else {}
    boot = doc.get("boot", {})
    w = boot.get("walk", {})
    check("--walk: power-off and the walk agrees, exit 0",
          p.returncode == 0 and boot.get("outcome") == "powered-off" and w.get("verdict") == "agree",
          f"exit {p.returncode}, outcome {boot.get('outcome')}, walk {json.dumps(w)[:600]}, "
          f"stderr tail {p.stderr[-800:]!r}")
    if "chain" not in w:
        return
    jsonschema.validate(doc, SCHEMA_DOC)
    check("--walk: the JSON follows schemas/vmctl.v1.json", True)
    chain, line, regs = w["chain"], w["line"], w["registers"]
    # Each check below is independent of the verdict vmctl computed: the test recomputes it from the parts.
    check("--walk: the exit came from the program itself (ring 3, its pid and address in EAX/RDI)",
          w["cpl"] == 3 and line is not None and regs == line, json.dumps({"cpl": w["cpl"], "line": line,
                                                                           "registers": regs}))
    levels = chain["walk"]["levels"]
    check("--walk: 4 or 5 levels down to a present user PTE",
          chain["walk"]["paging"] in ("4-level", "5-level") and len(levels) == int(chain["walk"]["paging"][0]) and
          levels[-1]["leaf"] and all("P" in l["flags"].split() and "US" in l["flags"].split() for l in levels),
          json.dumps(levels))
    gpa = chain["walk"]["gpa"]
    check("--walk: vmctl's GPA = KVM_TRANSLATE's, same page offset as the GVA",
          gpa is not None and chain["kvm_translate"]["valid"] and chain["kvm_translate"]["gpa"] == gpa and
          gpa % 4096 == line["va"] % 4096, json.dumps(chain["kvm_translate"]) + f" gpa {gpa}")
    check("--walk: the HVA holds the value the program printed", w["value_at_hva"] == line["value"] and
          line["value"] >> 32 == 0x56495254 and line["value"] & 0xffffffff == line["pid"], json.dumps(w)[:400])
    check("--walk: pagemap gives the HVA's frame (present, PFN visible to root)",
          chain["pagemap"]["present"] and chain["pagemap"]["pfn_visible"] and
          chain["hpa"] == chain["pagemap"]["pfn"] * 4096 + chain["hva"] % 4096, json.dumps(chain["pagemap"]))
    print(f"     --walk: {took:.1f} s; {w['chain_text']}; {w['cr3_meaning']}")
DISK_MARK = b"HELLO-VIRTLAB-DISK"
WRITE_MARK = b"VIRTLAB-DISK-WRITE"


def thin_disk(path):
    with open(path, "wb") as f:
        f.truncate(4 << 20)
        f.write(DISK_MARK)
    return path


def disk_boot(tmp, mode):
    # /init reads sector 0 and (virtlab.diskwrite) writes a line to sector 1. rw: the line is in the file; snapshot:
    # the base is byte-identical and the line is in FILE.delta. Nested, the sectors come back out of the test VM.
    path = thin_disk(os.path.join(tmp, mode + ".img"))
    with open(path, "rb") as f:
        before = f.read()
    spec = path if mode == "rw" else path + "," + mode
    p, took = run(["--disk", spec, "--append", "virtlab.diskwrite virtlab.noshell", "--timeout", "400", "--json"])
    name = "--disk " + mode + " boot"
    doc = json.loads(p.stdout) if p.stdout.strip() else {}
    boot = doc.get("boot", {})
    disk = boot.get("disk", {})
    check(name + ": /init saw the disk, wrote sector 1 and read it back, exit 0",
          p.returncode == 0 and "sector 0 starts 'HELLO-VIRTLAB-DISK'" in p.stderr and
          "reads back 'VIRTLAB-DISK-WRITE" in p.stderr,
          f"exit {p.returncode}, outcome {boot.get('outcome')}, stderr tail {p.stderr[-800:]!r}")
    if not disk:
        return
    jsonschema.validate(doc, SCHEMA_DOC)
    check(name + ": the JSON follows schemas/vmctl.v1.json", True)
    check(name + ": DRIVER_OK, reads, a write and a flush, no error", disk["driver_ok"] and disk["reads"] > 0 and
          disk["writes"] > 0 and disk["flushes"] > 0 and disk["io_errors"] == 0 and disk["error"] is None,
          json.dumps(disk))
    host = disk.get("host")
    if host is not None:
        check(name + ": nested, the written sectors came back", host["complete"] and
              host["sectors_copied_back"] == disk["sectors_written"] > 0, json.dumps(host))
    with open(path, "rb") as f:
        after = f.read()
    st = os.stat(path)
    if mode == "rw":
        check(name + ": the file holds the guest's line in sector 1, sector 0 as it was",
              after[512:512 + len(WRITE_MARK)] == WRITE_MARK and after[:len(DISK_MARK)] == DISK_MARK,
              repr(after[512:600]))
    else:
        delta_path = path + ".delta"
        if not os.path.exists(delta_path):
            check(name + ": the delta exists", False, f"no {delta_path}")
            return
        with open(delta_path, "rb") as f:
            delta = f.read()
        data_offset = 4096 + 4096  # header page + the bitmap of 8192 sectors (1 KiB) rounded to a page
        dst = os.stat(delta_path)
        check(name + ": the base byte-identical, the guest's line in the delta (bitmap bit 1, sector 1's slot)",
              after == before and delta[:16] == b"VIRTLAB-DELTA-1\0" and delta[4096] & 0b10 and
              delta[data_offset + 512:data_offset + 512 + len(WRITE_MARK)] == WRITE_MARK,
              f"base same {after == before}, delta {delta[:16]!r}, bitmap {delta[4096]:#x}, "
              f"slot {delta[data_offset + 512:data_offset + 560]!r}")
        check(name + ": the delta is thin (only written sectors allocated)", dst.st_blocks * 512 < dst.st_size,
              f"{dst.st_blocks * 512} of {dst.st_size}")
    check(name + ": the disk file stays thin", st.st_blocks * 512 < st.st_size, f"{st.st_blocks * 512} of {st.st_size}")
    print(f"     {name}: {took:.1f} s; disk {json.dumps({k: v for k, v in disk.items() if k != 'host'})}; "
          f"host {json.dumps(host)}")


def disk_boots(modes=("rw", "snapshot")):
    with tempfile.TemporaryDirectory(prefix="vmctl-disk-test-") as tmp:
        for mode in modes:
            disk_boot(tmp, mode)


def panic_case():
    p, took = run(["--append", "rdinit=/nonexistent", "--timeout", "300"])
    line = error_line(p.stderr)
    check("a guest that panics: exit 1, the panic line", p.returncode == 1 and
          "the guest kernel panicked: Kernel panic - not syncing: VFS: Unable to mount root fs" in line,
          f"exit {p.returncode}, {line!r}")
    print(f"     panic run took {took:.1f} s")


def timeout_case():
    p, took = run(["--append", "virtlab.noshell", "--timeout", "3"])
    line = error_line(p.stderr)
    check("--timeout: exit 1, one line", p.returncode == 1 and "did not power off within 3.00 s" in line,
          f"exit {p.returncode}, {line!r}")
    print(f"     --timeout 3 run took {took:.1f} s")


# vmctl and the test VM it starts make their temporary directories under TMPDIR: one of this run's own, so a vmctl boot
# running at the same time elsewhere cannot look like a leftover of this one (the test's own directories stay in /tmp).
PRIVATE_TMP = tempfile.mkdtemp(prefix="vmctl-boot-test-tmpdir-")
os.environ["TMPDIR"] = PRIVATE_TMP
with open(SCHEMA) as f:
    SCHEMA_DOC = json.load(f)
if PART == "boots":
    real_boot()
    virtio_boot(eventfd=True)
    virtio_boot(eventfd=False)
    compare_boot()
    walk_boot()
    disk_boots()
    panic_case()
elif PART == "compare":
    compare_boot()
elif PART == "walk":
    walk_boot()
elif PART == "virtio":
    virtio_boot(eventfd=True)
    virtio_boot(eventfd=False)
elif PART in ("disk", "disk-rw", "disk-snapshot"):
    disk_boots(("rw", "snapshot") if PART == "disk" else (PART[5:],))
else:
    with tempfile.TemporaryDirectory(prefix="vmctl-boot-test-") as tmp:
        bad_input(tmp)
        disk_bad_input(tmp)
        guest_bad_ends(tmp)
        disk_tiny_guest(tmp)
    pvm_detection()
    timeout_case()
# The initramfs written for the test VM lives in a vmctl-boot-* directory that must be gone, as must anything else.
leftover = sorted(os.listdir(PRIVATE_TMP))
check("no vmctl-boot-* (or other) temporary directory left", not leftover, str(leftover))
shutil.rmtree(PRIVATE_TMP, ignore_errors=True)
sys.exit(1 if failures else 0)
