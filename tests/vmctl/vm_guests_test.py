#!/usr/bin/env python3
"""Every vmctl guest inside the test VM (real KVM, nested under QEMU TCG), one boot: exact exit traces, the
translation chain against KVM_TRANSLATE, error exits, and the JSON of every run validated against the schema.

usage: vm_guests_test.py TESTVM VMCTL SCHEMA LONG_BIN CASES_SH
Exit 0 pass, 1 fail, 77 skip (test VM cannot start here; reason printed).
"""
import json
import re
import subprocess
import sys

import jsonschema

ROM_TEXT = b"vmctl ROM: a read-only memslot"


def main(argv):
    import os
    testvm, vmctl, schema_path, long_bin, cases_sh = [os.path.abspath(a) for a in argv]
    cmd = [testvm, "run", "--cpus", "2", "--file", vmctl + ":/usr/bin/vmctl", "--file", long_bin, "--file", cases_sh,
           "--", "sh", cases_sh, "/usr/bin/vmctl", long_bin]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=1800)
    if proc.returncode == 5:
        print("SKIP: the test VM cannot run here:", proc.stderr.strip())
        return 77
    if proc.returncode != 0:
        print("test VM failed:", proc.returncode, proc.stderr[-3000:])
        return 1
    cases = {}
    for m in re.finditer(r"@@@ case (\S+) rc=(\d+)\n(.*?)@@@ stderr\n(.*?)@@@ end\n", proc.stdout, re.S):
        cases[m.group(1)] = (int(m.group(2)), m.group(3), m.group(4))
    schema = json.load(open(schema_path, encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    failures = []

    def check(cond, what):
        print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            failures.append(what)

    def doc(name):
        rc, out, err = cases[name]
        check(rc == 0, f"{name}: exit 0 (got {rc}; stderr {err.strip()[:300]})")
        try:
            d = json.loads(out)
        except json.JSONDecodeError:
            check(False, f"{name}: stdout is JSON ({out[:200]!r})")
            return None
        errors = list(validator.iter_errors(d))
        check(not errors, f"{name}: JSON valid against vmctl.v1.json {[e.message for e in errors[:3]]}")
        return d

    def trace(d):
        return [(e["reason"], e.get("direction"), e.get("port", e.get("address")), bytes(e.get("data", [])))
                for e in d["run"]["exits"]["trace"]]

    info = doc("info")["info"]
    check(info["kvm"]["present"] and info["kvm"]["api_version"] == 12, "info: /dev/kvm present, API 12")
    caps = {c["name"]: c["value"] for c in info["kvm"]["capabilities"]}
    check(caps.get("KVM_CAP_READONLY_MEM", 0) > 0 and caps.get("KVM_CAP_IMMEDIATE_EXIT", 0) > 0,
          "info: READONLY_MEM and IMMEDIATE_EXIT")

    hello = doc("hello")
    msg = b"Hello, KVM!\n"
    want = [("IO", "out", 0x3F8, bytes([b])) for b in msg] + [("HLT", None, None, b"")]
    check(trace(hello) == want, f"hello: {len(msg)} IO exits on 0x3f8 with the bytes, then HLT")
    check(hello["run"]["outcome"] == "halted" and hello["run"]["serial"] == msg.decode(), "hello: halted, serial")
    v0 = hello["run"]["vcpu_reports"][0]
    check(v0["kernel_exits"] is not None and v0["kernel_exits"] >= v0["userspace_exits"] == len(want),
          f"hello: stats fd exits {v0['kernel_exits']} >= userspace {v0['userspace_exits']}")

    for name, text in (("protected", b"32-bit paging: GVA 0x1000 -> GPA 0x5000\n"),
                       ("long", b"long mode: GVA 0x1000 -> GPA 0x5000\n")):
        d = doc(name)
        want = [("IO", "out", 0x3F8, bytes([b])) for b in text] + [("HLT", None, None, b"")]
        check(trace(d) == want, f"{name}: one IO exit per byte of the message, then HLT")
        page = d["run"]["details"]["notes_page"]
        check(page["gpa"] == 0x5000 and page["bytes_at_gpa"] == text.decode(),
              f"{name}: written through GVA 0x1000, found at GPA 0x5000")

    mmio = doc("mmio")
    want = [("MMIO", "write", 0x10000000, bytes([0x78, 0x56, 0x34, 0x12])),
            ("MMIO", "read", 0x10000004, b""),
            ("MMIO", "write", 0x20000000, bytes([0xEF, 0xBE, 0xAD, 0xDE])),
            ("HLT", None, None, b"")]
    check(trace(mmio) == want, f"mmio: exact MMIO trace {trace(mmio)}")
    regs = mmio["run"]["vcpu_reports"][0]["registers"]
    check(regs["r8"] == 0x12345679, "mmio: device read returned value + 1")
    check(regs["r9"] == int.from_bytes(ROM_TEXT[:8], "little"), "mmio: ROM read without an exit")
    check(regs["r10"] == int.from_bytes(ROM_TEXT[:4], "little"), "mmio: ROM write did not land")

    pv = doc("emulated-vs-pv")
    phases = {p["name"]: p for p in pv["run"]["details"]["phases"]}
    check(phases["emulated"]["exits"] == 4096 and phases["emulated"]["bytes"] == 4096
          and phases["emulated"]["bytes_wrong"] == 0, "emulated-vs-pv: 4096 bytes → 4096 exits, bytes right")
    check(phases["paravirtual"]["exits"] == 1 and phases["paravirtual"]["bytes"] == 4096
          and phases["paravirtual"]["bytes_wrong"] == 0, "emulated-vs-pv: 4096 bytes → 1 kick, bytes right")
    hist = {h["reason"]: h["count"] for h in pv["run"]["exits"]["histogram"]}
    check(hist == {"IO": 4096 + 4, "HLT": 1}, f"emulated-vs-pv: histogram {hist}")

    smp = doc("smp")
    threads = smp["run"]["details"]["threads"]
    check(len(threads) == 2 and all(t["ticks"] == 8 for t in threads), "smp: 2 vCPU threads, 8 ticks each")
    check(threads[0]["tid"] != threads[1]["tid"], "smp: each vCPU on its own host thread")
    check(smp["run"]["exits"]["histogram"][0] == {**smp["run"]["exits"]["histogram"][0], "reason": "IO", "count": 16},
          "smp: 16 tick exits")

    dirty = doc("dirty")
    rounds = dirty["run"]["details"]["rounds"]
    check([r["pages"] for r in rounds] == [[0x140000, 0x142000, 0x144000, 0x146000], [0x141000, 0x145000]],
          f"dirty: exactly the written pages per round {[r['pages'] for r in rounds]}")

    tf = doc("triple-fault")
    check(trace(tf) == [("IO", "out", 0x3F8, b"!"), ("SHUTDOWN", None, None, b"")] and
          tf["run"]["outcome"] == "shutdown", "triple-fault: '!' then KVM_EXIT_SHUTDOWN")

    img = doc("image-long")
    check(img["run"]["guest"] == "image" and img["run"]["serial"] == "long mode: GVA 0x1000 -> GPA 0x5000\n",
          "custom image (long.bin) runs like the built-in")
    hlt = doc("image-hlt-real")
    check(trace(hlt) == [("HLT", None, None, b"")], "custom real-mode image: just HLT")

    tr = doc("translate")["translate"]
    chains = {c["gva"]: c for c in tr["chains"]}
    check(all(c["agree"] for c in tr["chains"]), "translate: vmctl's walk agrees with KVM_TRANSLATE for every GVA")
    c = chains[0x1000]
    check(c["gpa"] == 0x5000 and [l["table"] for l in c["walk"]["levels"]] == ["PML4", "PDPT", "PD", "PT"],
          "translate: GVA 0x1000 → GPA 0x5000 over 4 levels")
    check(c["hva"] is not None and c["hpa"] is not None, "translate: GPA → HVA → HPA all resolved")
    # HVA → HPA through /proc/self/pagemap, as root inside the test VM: real frame numbers, inside the VM's RAM.
    iomem = re.search(r"@@@ iomem\n(.*?)@@@ end\n", proc.stdout, re.S)
    ram = [tuple(int(x, 16) for x in m.groups())
           for m in re.finditer(r"^\s*([0-9a-f]+)-([0-9a-f]+) : System RAM", iomem.group(1) if iomem else "", re.M)]
    check(bool(ram), f"translate: the test VM's System RAM ranges were read from /proc/iomem ({len(ram)})")
    for gva in (0x1000, 0x10000, 0x5000):
        ch = chains[gva]
        pm = ch["pagemap"]
        hpa = ch["hpa"]
        check(pm["read"] and pm["present"] and pm["pfn_visible"] and pm["pfn"] > 0 and
              pm["source"].startswith("virtlab::kernel pagemap reader"),
              f"translate {gva:#x}: pagemap entry present with a visible non-zero PFN via the shared reader ({pm})")
        check(hpa is not None and hpa == pm["pfn"] * 4096 + (ch["hva"] & 4095) and hpa > 0,
              f"translate {gva:#x}: HPA = PFN*4096 + HVA's page offset ({hpa})")
        check(hpa is not None and any(lo <= hpa <= hi for lo, hi in ram),
              f"translate {gva:#x}: HPA {hpa if hpa is None else hex(hpa)} lies in the test VM's System RAM")
    check(chains[0x1000]["hpa"] == chains[0x5000]["hpa"],
          "translate: GVA 0x1000 and 0x5000 share GPA 0x5000, so they share the HPA too")
    check(chains[0x10000]["hpa"] != chains[0x5000]["hpa"], "translate: different guest pages, different frames")
    meaning = c["host_physical_meaning"]
    check("runs in a VM" in meaning and "QEMU" in meaning,
          f"translate: under nesting, host physical is explained as the test VM's memory ({meaning[:80]})")
    rc, out, err = cases["translate-text"]
    check(rc == 0 and re.search(r"HVA → HPA   0x[0-9a-f]+ \(PFN 0x[0-9a-f]+ from /proc/self/pagemap\)", out)
          and "host physical: this kernel runs in a VM" in out,
          f"translate text: HPA line with PFN and the nesting note ({out[-400:]!r})")
    check(chains[0x10000]["gpa"] == 0x10000 and chains[0x5000]["gpa"] == 0x5000, "translate: identity pages")
    check(chains[0x10000000]["hva"] is None and chains[0x10000000]["agree"],
          "translate: MMIO GPA has no memslot (no HVA)")
    trp = doc("translate-protected")["translate"]["chains"][0]
    check(trp["agree"] and trp["gpa"] == 0x5000 and trp["walk"]["paging"] == "32-bit",
          "translate: 32-bit paging walk agrees with KVM_TRANSLATE")
    tri = doc("translate-image")["translate"]
    check(tri["guest"] == "image" and tri["mode"] == "long" and tri["source"] == long_bin and tri["cr3"] == 0x3000
          and tri["chains"][0]["gpa"] == 0x5000 and tri["chains"][0]["agree"],
          "translate --image: the image run to HLT, GVA 0x1000 → GPA 0x5000 from the CR3 it ended with")
    rc, out, err = cases["translate-image-spin"]
    check(rc == 1 and "did not halt (timeout)" in err, f"translate --image of a guest that never halts: exit 1 "
          f"({err.strip()[:200]})")

    rc, out, err = cases["timeout"]
    check(rc == 1 and "did not halt" in err and "timeout" in out, f"timeout: exit 1, explained ({err.strip()})")
    rc, out, err = cases["triple-fault-image"]
    check(rc == 1 and "triple-faulted" in err, f"custom triple fault: exit 1 ({err.strip()})")
    rc, out, err = cases["sregs-no-lma"]
    check(rc == 1 and "EFER.LMA is clear" in err, f"--break-sregs no-lma: EINVAL explained ({err.strip()})")
    rc, out, err = cases["explain"]
    order = [s for s in ("KVM_CREATE_VM", "KVM_SET_USER_MEMORY_REGION", "KVM_CREATE_VCPU", "KVM_SET_SREGS",
                         "KVM_SET_REGS", "KVM_RUN") if s in err]
    positions = [err.find(s) for s in order]
    check(rc == 0 and len(order) == 6 and positions == sorted(positions), "--explain: ioctls logged in order")
    rc, out, err = cases["text-hello"]
    check(rc == 0 and "IO out port 0x3f8 size 1 data 48 'H'" in out ,
          "text output: live exit lines, marked nested")
    # --trace-exits: every exit vmctl saw is a kvm_exit followed by kvm_userspace_exit; KVM handled the rest itself.
    for name in ("trace-exits-long", "trace-exits-pv"):
        d = doc(name)
        if not d:
            continue
        t = d["run"]["trace_exits"]
        reasons = {r["reason"]: r for r in t["by_reason"]}
        check(t["fired"] and t["to_vmctl"] == t["exits_seen_by_vmctl"] == d["run"]["exits"]["total"] and
              t["exits"] == t["to_vmctl"] + t["in_kvm"] + t["unfinished"] and t["lost"] == 0 and
              t["unfinished"] == 0, f"{name}: kvm_exit pairs with vmctl's own count ({json.dumps(t)[:400]})")
        check(reasons.get("io", {}).get("to_vmctl", 0) > 0 and t["in_kvm"] > 0,
              f"{name}: port I/O reached vmctl, some exits stayed in KVM ({sorted(reasons)})")
        print(f"     {name}: {t['exits']} exits traced, {t['to_vmctl']} to vmctl, {t['in_kvm']} in KVM: "
              + ", ".join(f"{r['reason']} {r['exits']} ({r['in_kvm']} in KVM)" for r in t["by_reason"]))
    after = re.search(r"@@@ tracefs-after\n(.*?)@@@ end\n", proc.stdout, re.S)
    lines = after.group(1).splitlines() if after else ["missing"]
    check(lines[:1] == ["before absent"] and len(lines) == 1 or lines[:1] == ["before mounted"] and len(lines) == 2,
          f"--trace-exits: no trace instance and no tracefs mount of ours left ({lines})")
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
