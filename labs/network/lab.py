#!/usr/bin/env python3
"""Network lab: the notes' virtual switch built by hand with `ip` (a bridge, network namespaces, veth pairs), then
two VLANs on it with `bridge vlan`.

The student writes switch.sh (up / vlan / down). The grader runs it and checks the result live: the namespaces and
their eth0 (`ip -j`), the bridge's ports and its MAC learning table (`nsenter-lite net fdb --json`, schema
nsenter-lite/1), pings inside the namespaces, and that `down` leaves nothing. Part 2 needs a kernel that can filter
VLANs; where this one cannot, it runs inside the test VM (`testvm`). See README.md.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from gradelib import Bad, CannotCheck, Lab, Missing, derive, last_line, write_if_absent, write_text  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "network"
NETNS_DIR = "/run/netns"
SCRIPT = "switch.sh"
MODULES = ("llc", "stp", "bridge", "veth")  # what a bridge of veths needs, in load order (the VM has none)
STEP_LIMIT = 30  # seconds (scaled to the machine) for one `switch.sh up|vlan|down`

lab = Lab(NAME, title={"en": "A virtual switch by hand: bridge, namespaces, veth, MAC learning, VLANs",
                       "ko": "가상 스위치 직접 만들기: 브리지, 네임스페이스, veth, MAC 학습, VLAN"})


# --- the student's numbers ---------------------------------------------------------------------------------------
class Setup:
    """Everything seeded: names (a unique prefix swNNN, never vl- which `nsenter-lite net down` removes), the
    subnet, one address per host, and the two VLANs of part 2."""

    def __init__(self, seed: int):
        def d(name, lo, hi):
            return derive(NAME, seed, name, lo, hi)

        self.seed = seed
        self.prefix = f"sw{d('prefix', 100, 999)}"
        self.n = d("hosts", 2, 4)
        kind = d("range", 0, 2)
        # Private ranges, leaving out the ones most often already used on lab machines (10.0.x, 172.17-19 docker,
        # 192.168.0-99 home routers): an address put on the wrong (host-side) interface by mistake then adds no
        # route that shadows the machine's own network.
        if kind == 0:
            self.net = f"10.{d('net-a', 64, 191)}.{d('net-b', 0, 255)}"
        elif kind == 1:
            self.net = f"172.{d('net-a', 20, 31)}.{d('net-b', 0, 255)}"
        else:
            self.net = f"192.168.{d('net-b', 100, 254)}"
        self.first = d("first-host", 1, 250 - self.n)
        self.bridge = f"{self.prefix}-br"
        self.hosts = [f"{self.prefix}-h{i}" for i in range(1, self.n + 1)]
        self.ports = [f"{h}-p" for h in self.hosts]
        self.addresses = [f"{self.net}.{self.first + i}" for i in range(self.n)]
        self.vlan_a = d("vlan-a", 10, 1999)
        self.vlan_b = self.vlan_a + d("vlan-gap", 1, 2000)
        # Host 1 is in VLAN A, the last host in VLAN B, the ones between are seeded: both VLANs always have a host.
        self.vlans = [self.vlan_a] + [self.vlan_b if d(f"vlan-of-h{i}", 0, 1) else self.vlan_a
                                      for i in range(2, self.n)] + [self.vlan_b]

    @property
    def subnet(self) -> str:
        return f"{self.net}.0/24"

    def config_lines(self, with_answers: bool) -> str:
        hosts = " ".join(self.hosts)
        if with_answers:
            addrs = " ".join(f"{a}/24" for a in self.addresses)
            vlans = " ".join(str(v) for v in self.vlans)
        else:
            addrs = vlans = ""
        return (f"BRIDGE={self.bridge}\n"
                f"HOSTS=({hosts})\n"
                f"ADDRS=({addrs})   # address/prefix of each host, in HOSTS order / 각 호스트의 주소/프리픽스 (HOSTS 순서)\n"
                f"VLANS=({vlans})   # part 2: VLAN id of each host, in HOSTS order / 2부: 각 호스트의 VLAN 번호\n")


def setup(ctx) -> Setup:
    if "setup" not in ctx.shared:
        ctx.shared["setup"] = Setup(ctx.seed)
    return ctx.shared["setup"]


# --- reading the live state --------------------------------------------------------------------------------------
def ip_json(ctx, args: list[str]):
    """`ip -j ARGS` as parsed JSON, or None when the object does not exist (ip exits non-zero)."""
    proc = ctx.run(["ip", "-j"] + args, timeout=10)
    if proc.returncode != 0:
        return None
    try:
        return json.loads(proc.stdout or "null")
    except json.JSONDecodeError:
        raise CannotCheck(f"`ip -j {' '.join(args)}` printed no JSON; is iproute2 too old? (Debian 12's works)")


def netns_exists(name: str) -> bool:
    return os.path.exists(os.path.join(NETNS_DIR, name))


def eth0_in(ctx, ns: str):
    links = ip_json(ctx, ["-d", "-n", ns, "link", "show", "dev", "eth0"])
    return links[0] if links else None


def root_link(ctx, name: str):
    links = ip_json(ctx, ["-d", "link", "show", "dev", name])
    return links[0] if links else None


def ipv4_of(ctx, args: list[str]) -> list[tuple[str, int]]:
    found = ip_json(ctx, args) or []
    return [(a["local"], a["prefixlen"]) for link in found for a in link.get("addr_info", [])
            if a.get("family") == "inet"]


def fdb(ctx) -> dict:
    """The bridge's MAC learning table: `nsenter-lite net fdb --json --bridge B`, schema-validated."""
    s = setup(ctx)
    # Not ctx.tool_json: exit 3 (no such bridge, no document) is the student's missing bridge, named as such.
    proc = ctx.run([ctx.tool("nsenter-lite"), "net", "fdb", "--json", "--bridge", s.bridge], timeout=20)
    if proc.returncode == 3:
        raise Bad(f"there is no bridge named {s.bridge} (nsenter-lite net fdb: no such bridge)")
    if proc.returncode in (4, 5):
        raise CannotCheck(f"nsenter-lite cannot read the bridge here: {last_line(proc.stderr)}")
    if proc.returncode != 0:
        raise Bad(f"nsenter-lite net fdb --bridge {s.bridge} failed (exit {proc.returncode}): "
                  f"{last_line(proc.stderr)}")
    doc = ctx.validated("nsenter-lite", proc.stdout)
    if doc.get("command") != "net fdb" or doc.get("bridge") != s.bridge:
        raise CannotCheck("nsenter-lite answered with another document than `net fdb` of the bridge asked for")
    return doc


def leftovers(s: Setup) -> list[tuple[str, str]]:
    """What of the seeded names still exists: (kind, name), namespaces first (read without the grader's log)."""
    left = [("network namespace", ns) for ns in s.hosts if netns_exists(ns)]
    for name, kind in [(p, "interface") for p in s.ports] + [(s.bridge, "bridge")]:
        if os.path.exists(f"/sys/class/net/{name}"):
            left.append((kind, name))
    return left


def remove_leftovers(s: Setup) -> list[str]:
    """Remove every object with the lab's seeded names (the grader's cleanup, also on Ctrl-C). Only these names:
    swNNN-br, swNNN-hN, swNNN-hN-p; nothing else on the machine is touched."""
    removed = []
    for kind, name in leftovers(s):
        argv = ["ip", "netns", "del", name] if kind == "network namespace" else ["ip", "link", "del", name]
        try:
            if subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20).returncode == 0:
                removed.append(name)
        except subprocess.TimeoutExpired:
            pass
    # A deleted namespace is torn down by a kernel worker; its veth peers go with it a moment later.
    for _ in range(50):
        if not leftovers(s):
            break
        time.sleep(0.1)
    for kind, name in leftovers(s):
        if kind != "network namespace":
            subprocess.run(["ip", "link", "del", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=20)
    return removed


def run_limited(ctx, argv: list[str], timeout: float, what: str,
                gentle: bool = False) -> subprocess.CompletedProcess:
    """ctx.run (its group is stopped on a timeout, the check's deadline and Ctrl-C); kept only to name the step in
    the time-limit message (ctx.run names the program, `bash` or `testvm`, where the student needs the step)."""
    try:
        return ctx.run(argv, timeout=timeout, gentle=gentle)
    except Bad as failure:
        if "did not finish within" not in failure.message:
            raise
        raise Bad(f"`{what}` did not finish within {ctx.scaled(timeout):.0f} s") from None


def run_script(ctx, step: str):
    path = ctx.path(SCRIPT)
    proc = run_limited(ctx, ["bash", path, step], timeout=STEP_LIMIT, what=f"./{SCRIPT} {step}")
    if proc.returncode != 0:
        raise Bad(f"`./{SCRIPT} {step}` failed (exit {proc.returncode}): {last_line(proc.stderr or proc.stdout)}")
    return proc


def ping(ctx, ns: str, address: str, wait: int = 2) -> bool:
    argv = ["ip", "netns", "exec", ns, "ping", "-n", "-c", "1", "-W", str(wait), address]
    for _ in range(2):  # one retry: the very first echo also waits for ARP
        if ctx.run(argv, timeout=wait + 10).returncode == 0:
            return True
    return False


# --- part 1: the switch ------------------------------------------------------------------------------------------
@lab.check("switch-up", points=2, timeout=60,
           title={"en": "./switch.sh up runs", "ko": "./switch.sh up 실행"},
           hints=[{"en": "Run `sudo ./switch.sh up` yourself and read the first error. Each `ip` command must "
                         "succeed; `set -e` stops at the first one that does not.",
                   "ko": "`sudo ./switch.sh up` 을 직접 실행해 첫 오류를 읽으세요. `ip` 명령 하나하나가 성공해야 "
                         "합니다. `set -e` 는 처음 실패한 곳에서 멈춥니다."},
                  {"en": "The grader starts from a clean machine (it removes the lab's names first) and runs "
                         "`bash switch.sh up` as root in this folder. 'File exists' then means your script makes "
                         "the same thing twice; 'Cannot find device' that it uses a name before making it.",
                   "ko": "채점기는 실습 이름의 객체를 먼저 지운 깨끗한 상태에서, 이 폴더에서 root 로 "
                         "`bash switch.sh up` 을 실행합니다. 'File exists' 는 스크립트가 같은 것을 두 번 만든다는 뜻이고, "
                         "'Cannot find device' 는 만들기 전에 그 이름을 쓴다는 뜻입니다."}])
def switch_up(ctx):
    s = setup(ctx)
    path = ctx.path(SCRIPT)
    if not os.path.exists(path):
        raise Missing(f"{SCRIPT} does not exist; run `make handout SEED=<your id>` first")
    with open(path, encoding="utf-8", errors="replace") as f:
        if f.read() == starter_text(s):
            raise Missing(f"{SCRIPT} is still the starter: write its up, vlan and down parts")
    ctx.need_root()
    missing = [f"{c} ({pkg})" for c, pkg in [("ip", "iproute2"), ("bridge", "iproute2"), ("ping", "iputils-ping"),
                                            ("unshare", "util-linux")] if not shutil.which(c)]
    if missing:
        raise CannotCheck(f"the grader needs {', '.join(missing)}: apt-get install the package named")
    # Can this machine do the lab at all? A bridge and a veth pair in a scratch namespace that dies with the probe.
    probe = ctx.run(["unshare", "--net", "sh", "-c", "ip link add vlprobe0 type bridge && "
                     "ip link add vlprobe1 type veth peer name vlprobe2"], timeout=20)
    if probe.returncode != 0:
        raise CannotCheck(f"this machine cannot make a network namespace with a bridge and a veth pair "
                          f"({last_line(probe.stderr)}): a container without CAP_SYS_ADMIN or a kernel without "
                          f"bridge/veth; use a VM or PC where you are root")
    ctx.on_cleanup(lambda: remove_leftovers(s))
    earlier = remove_leftovers(s)
    if earlier:
        ctx.log(f"removed objects left from an earlier run first: {', '.join(earlier)}")
    run_script(ctx, "up")
    return f"(first removed what an earlier run left: {', '.join(earlier)})" if earlier else ""


@lab.check("namespaces", points=2, needs=["switch-up"],
           title={"en": "one network namespace per host, each with eth0 (a veth)",
                  "ko": "호스트마다 네트워크 네임스페이스 하나, 그 안에 eth0 (veth)"},
           hints=[{"en": "`ip netns list` must show every host of the worksheet; inside each, `ip -n <host> link` "
                         "must show eth0.",
                   "ko": "`ip netns list` 에 워크시트의 모든 호스트가 보여야 하고, `ip -n <호스트> link` 에 eth0 이 "
                         "있어야 합니다."},
                  {"en": "Create the pair with one end already inside: `ip link add <port> type veth peer name eth0 "
                         "netns <host>`.",
                   "ko": "한쪽 끝을 처음부터 네임스페이스 안에 만들 수 있습니다: `ip link add <포트> type veth peer "
                         "name eth0 netns <호스트>`."}])
def namespaces(ctx):
    s = setup(ctx)
    for ns in s.hosts:
        if not netns_exists(ns):
            raise Bad(f"no network namespace {ns} (`ip netns list` does not show it)")
        link = eth0_in(ctx, ns)
        if link is None:
            raise Bad(f"the namespace {ns} has no interface eth0")
        kind = (link.get("linkinfo") or {}).get("info_kind")
        if kind != "veth":
            raise Bad(f"eth0 in {ns} is {'a ' + kind if kind else 'not a veth'}: it must be one end of a veth pair")


@lab.check("ports-on-bridge", points=2, needs=["switch-up"],
           title={"en": "each host's veth peer is a port of the bridge",
                  "ko": "각 호스트의 veth 반대쪽 끝이 브리지의 포트"},
           hints=[{"en": "`nsenter-lite net fdb --bridge <bridge>` lists one `local` entry per port; a veth that "
                         "is not enslaved has none.",
                   "ko": "`nsenter-lite net fdb --bridge <브리지>` 는 포트마다 `local` 항목 하나를 보여 줍니다. 브리지에 "
                         "연결(enslave)되지 않은 veth 는 없습니다."},
                  {"en": "Plug the cable into the switch: `ip link set <port> master <bridge>`.",
                   "ko": "케이블을 스위치에 꽂으세요: `ip link set <포트> master <브리지>`."}])
def ports_on_bridge(ctx):
    s = setup(ctx)
    table = fdb(ctx)["fdb"]
    ports = {e["port"] for e in table if e["kind"] == "local"}
    for ns, port in zip(s.hosts, s.ports):
        if port in ports:
            continue
        if not os.path.exists(f"/sys/class/net/{port}"):
            raise Bad(f"there is no interface {port} outside the namespaces: the bridge-side end of {ns}'s veth "
                      f"must have that name")
        raise Bad(f"{port} is not a port of {s.bridge}: the switch's table has no entry for it")


@lab.check("addresses", points=2, needs=["namespaces"],
           title={"en": "each host's address on eth0 inside its namespace",
                  "ko": "각 호스트 주소가 네임스페이스 안의 eth0 에"},
           hints=[{"en": "`ip -n <host> addr show eth0` must show the worksheet's address with its prefix length.",
                   "ko": "`ip -n <호스트> addr show eth0` 에 워크시트의 주소가 프리픽스 길이와 함께 보여야 합니다."},
                  {"en": "The address belongs to the host (inside the namespace, `ip -n <host> addr add ...`), not to "
                         "the switch port outside; and a /24 is written 'address/24'.",
                   "ko": "주소는 호스트(네임스페이스 안, `ip -n <호스트> addr add ...`)의 것이지 바깥의 스위치 포트의 "
                         "것이 아닙니다. /24 는 '주소/24' 로 씁니다."}])
def addresses(ctx):
    s = setup(ctx)
    for i, (ns, port, want) in enumerate(zip(s.hosts, s.ports, s.addresses), 1):
        have = ipv4_of(ctx, ["-n", ns, "addr", "show", "dev", "eth0"])
        if not have:
            outside = ipv4_of(ctx, ["addr", "show", "dev", port]) if os.path.exists(f"/sys/class/net/{port}") else []
            if outside:
                raise Bad(f"eth0 in {ns} has no IPv4 address, but {port} (the switch port, outside the namespace) "
                          f"has one: the address belongs inside the namespace")
            raise Bad(f"eth0 in {ns} has no IPv4 address")
        lengths = [length for address, length in have if address == want]
        if not lengths:
            raise Bad(f"eth0 in {ns} has {', '.join(f'{a}/{n}' for a, n in have)}: not host {i}'s address in "
                      f"the worksheet")
        if 24 not in lengths:
            raise Bad(f"eth0 in {ns} has its address with prefix length /{lengths[0]}; the subnet in the worksheet "
                      f"is a /24")


@lab.check("links-up", points=1, needs=["namespaces", "ports-on-bridge"],
           title={"en": "bridge, ports and eth0s are up", "ko": "브리지, 포트, eth0 이 모두 up"},
           hints=[{"en": "A new interface is down. `ip link` shows state DOWN; every veth has two ends, and both "
                         "must be up, as must the bridge.",
                   "ko": "새 인터페이스는 down 상태입니다. veth 는 양쪽 끝이 있고 둘 다 up 이어야 하며, 브리지도 "
                         "up 이어야 합니다."},
                  {"en": "`ip link set <port> up` outside, `ip -n <host> link set eth0 up` inside.",
                   "ko": "바깥은 `ip link set <포트> up`, 안쪽은 `ip -n <호스트> link set eth0 up`."}])
def links_up(ctx):
    s = setup(ctx)
    bridge = root_link(ctx, s.bridge)
    if bridge is None or "UP" not in bridge.get("flags", []):
        raise Bad(f"the bridge {s.bridge} is down")
    for ns, port in zip(s.hosts, s.ports):
        link = root_link(ctx, port)
        if link is None or "UP" not in link.get("flags", []):
            raise Bad(f"the switch port {port} (bridge side of {ns}'s veth) is down")
        link = eth0_in(ctx, ns)
        if link is None or "UP" not in link.get("flags", []):
            raise Bad(f"eth0 in {ns} is down")


@lab.check("ping", points=3, needs=["addresses", "links-up"],
           title={"en": "every host reaches every other host", "ko": "모든 호스트가 서로 ping 됨"},
           hints=[{"en": "Try it: `ip netns exec <host> ping -c1 <address>`. No reply with everything up and "
                         "addressed usually means the two hosts are not on the same switch.",
                   "ko": "직접 해 보세요: `ip netns exec <호스트> ping -c1 <주소>`. 모두 up 이고 주소도 맞는데 응답이 "
                         "없으면 보통 두 호스트가 같은 스위치에 있지 않은 것입니다."},
                  {"en": "`nsenter-lite net fdb --bridge <bridge>` while pinging shows which ports the frames use.",
                   "ko": "ping 하는 동안 `nsenter-lite net fdb --bridge <브리지>` 로 프레임이 어느 포트로 오가는지 "
                         "보세요."}])
def ping_all(ctx):
    s = setup(ctx)
    for a, ns in enumerate(s.hosts):
        for b, address in enumerate(s.addresses):
            if a != b and not ping(ctx, ns, address):
                raise Bad(f"{ns} gets no reply from {s.hosts[b]} ({address})")


@lab.check("mac-learning", points=3, needs=["ping"],
           title={"en": "the switch learned each host's MAC on its own port",
                  "ko": "스위치가 각 호스트의 MAC 을 그 호스트의 포트에서 학습"},
           hints=[{"en": "Compare `ip -n <host> link show eth0` (link/ether) with `nsenter-lite net fdb --bridge "
                         "<bridge>`: each host's MAC must be learned on that host's port.",
                   "ko": "`ip -n <호스트> link show eth0` 의 link/ether 와 `nsenter-lite net fdb --bridge <브리지>` 를 "
                         "비교하세요. 각 호스트의 MAC 은 그 호스트의 포트에서 학습되어야 합니다."},
                  {"en": "A MAC learned on another host's port means the cables are crossed (host hN's eth0 must "
                         "pair with hN-p); none learned at all means learning is off on the port.",
                   "ko": "다른 호스트의 포트에서 학습되었다면 케이블이 엇갈린 것입니다 (hN 의 eth0 은 hN-p 와 짝). "
                         "전혀 학습되지 않았다면 포트의 learning 이 꺼져 있습니다."}])
def mac_learning(ctx):
    s = setup(ctx)
    table = fdb(ctx)["fdb"]
    for ns, port in zip(s.hosts, s.ports):
        link = eth0_in(ctx, ns)
        mac = (link or {}).get("address", "").lower()
        if not mac:
            raise Bad(f"eth0 in {ns} has no MAC address")
        learned = [e for e in table if e["mac"] == mac and e["kind"] == "learned"]
        if not learned:
            raise Bad(f"{s.bridge} has not learned {ns}'s MAC {mac} on any port")
        if all(e["port"] != port for e in learned):
            raise Bad(f"{ns}'s MAC {mac} is learned on {learned[0]['port']}, not on {port}, the port of its veth")
    return f"{len(s.hosts)} MACs, each on its own port"


@lab.check("down", points=2, needs=["switch-up"], timeout=60,
           title={"en": "./switch.sh down leaves nothing behind", "ko": "./switch.sh down 후 아무것도 남지 않음"},
           hints=[{"en": "After `./switch.sh down`, `ip netns list` and `ip link` must not show any of the lab's "
                         "names.",
                   "ko": "`./switch.sh down` 후 `ip netns list` 와 `ip link` 에 실습의 이름이 하나도 없어야 합니다."},
                  {"en": "Remove every namespace (`ip netns del`), every port and the bridge (`ip link del`). "
                         "Deleting one end of a veth deletes the pair.",
                   "ko": "네임스페이스(`ip netns del`), 포트와 브리지(`ip link del`)를 모두 지우세요. veth 는 한쪽 끝을 "
                         "지우면 짝도 함께 지워집니다."}])
def down(ctx):
    s = setup(ctx)
    run_script(ctx, "down")
    # A namespace's veth ends go away shortly after the namespace (a kernel worker tears it down): allow that.
    limit = time.monotonic() + ctx.scaled(3)
    while leftovers(s) and time.monotonic() < limit:
        time.sleep(0.1)
    left = leftovers(s)
    remove_leftovers(s)  # part 2 on this host starts from nothing
    if left:
        kind, name = left[0]
        more = f" (and {len(left) - 1} more)" if len(left) > 1 else ""
        raise Bad(f"after `./{SCRIPT} down` the {kind} {name} still exists{more}")


# --- part 2: VLANs -----------------------------------------------------------------------------------------------
def host_can_filter_vlans(ctx) -> tuple[bool, str]:
    """Try a VLAN-filtering bridge in a scratch network namespace that dies with the command (nothing to remove)."""
    proc = ctx.run(["unshare", "--net", "ip", "link", "add", "vlprobe0", "type", "bridge", "vlan_filtering", "1"],
                   timeout=20)
    return proc.returncode == 0, last_line(proc.stderr)


def decompress_module(src: str, dst: str) -> None:
    import gzip  # noqa: PLC0415  only the test-VM path needs them
    import lzma  # noqa: PLC0415

    if src.endswith(".xz"):
        data = lzma.open(src).read()
    elif src.endswith(".gz"):
        data = gzip.open(src).read()
    elif src.endswith(".zst"):
        data = subprocess.run(["zstd", "-qdc", src], stdout=subprocess.PIPE, check=True).stdout
    else:
        with open(src, "rb") as f:
            data = f.read()
    with open(dst, "wb") as f:
        f.write(data)


def vm_modules(ctx, testvm: str, scratch: str) -> str:
    """The test VM's base image has no bridge: take llc, stp, bridge and veth from the very kernel package testvm
    boots (its cache), as tests/nsenter-lite/vlan_in_vm.sh does."""
    proc = ctx.run([testvm, "--json", "status"], timeout=30)
    try:
        status = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise CannotCheck(f"`testvm status` printed no JSON: {last_line(proc.stderr)}") from None
    if not status.get("vm_available"):
        raise CannotCheck(f"this kernel cannot filter VLANs and the test VM is not available here: "
                          f"{status.get('reason') or 'see testvm status'}; install QEMU (apt-get install "
                          f"qemu-system-x86) or grade part 2 on a kernel with CONFIG_BRIDGE_VLAN_FILTERING")
    kernel = status.get("kernel") or {}
    if not kernel.get("cached"):
        build = ctx.run([testvm, "build"], timeout=600)
        if build.returncode != 0:
            raise CannotCheck(f"the test VM's image could not be built (testvm build: {last_line(build.stderr)})")
        try:
            status = json.loads(ctx.run([testvm, "--json", "status"], timeout=30).stdout)
        except json.JSONDecodeError:
            raise CannotCheck("`testvm status` printed no JSON after `testvm build`") from None
        kernel = status.get("kernel") or {}
    release, cache = kernel.get("release", ""), status.get("cache_dir", "")
    debs = sorted(glob.glob(os.path.join(cache, "debs", f"linux-image-{release}_*.deb")))
    if not release or not debs:
        raise CannotCheck(f"no cached kernel package for the test VM in {cache}/debs (run: testvm build)")
    # Kept next to testvm's cache, one folder per kernel package: unpacking a 100 MB package is seconds per grade.
    kept = os.path.join(os.path.dirname(os.path.normpath(cache)), "labs", NAME, os.path.basename(debs[-1])[:-4])
    if all(os.path.exists(os.path.join(kept, f"{m}.ko")) for m in MODULES):
        return kept
    unpacked = os.path.join(scratch, "deb")
    os.makedirs(unpacked)
    tar = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", debs[-1]], stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", unpacked, "--wildcards", "*/net/bridge/bridge.ko*", "*/net/802/stp.ko*",
                    "*/net/llc/llc.ko*", "*/drivers/net/veth.ko*"], stdin=tar.stdout, check=False,
                   timeout=ctx.scaled(120))
    tar.stdout.close()
    tar.wait()
    moddir = os.path.join(scratch, "modules")
    os.makedirs(moddir)
    for m in MODULES:
        found = glob.glob(os.path.join(unpacked, "**", f"{m}.ko*"), recursive=True)
        if not found:
            raise CannotCheck(f"{m}.ko is not in {os.path.basename(debs[-1])}; the test VM cannot make a bridge")
        decompress_module(found[0], os.path.join(moddir, f"{m}.ko"))
    staging = ""
    try:  # appears whole or not at all (rename), so parallel graders never see half a folder
        os.makedirs(os.path.dirname(kept), exist_ok=True)
        staging = tempfile.mkdtemp(dir=os.path.dirname(kept), prefix=".new-")
        os.chmod(staging, 0o755)
        for m in MODULES:
            shutil.copy(os.path.join(moddir, f"{m}.ko"), staging)
        os.rename(staging, kept)
        return kept
    except OSError as e:  # not writable, or another grader was faster (then its folder is complete)
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
        if all(os.path.exists(os.path.join(kept, f"{m}.ko")) for m in MODULES):
            return kept
        ctx.log(f"modules not kept in {kept} ({e.strerror}); using this run's copy")
        return moddir


def link_address(ip_json: str) -> str:
    """The MAC of `ip -j link show dev eth0` (one link), or "" when the namespace or its eth0 was missing."""
    try:
        links = json.loads(ip_json)
        return str(links[0].get("address", "")).lower() if isinstance(links, list) and links else ""
    except (ValueError, AttributeError):
        return ""


def parse_facts(text: str) -> dict:
    facts = {"steps": [], "rc": {}, "limit": set(), "macs": {}, "pings": {}, "fdb_text": None, "fdb_rc": None,
             "error": None, "done": False}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        words = lines[i].split(" ", 3)
        tag = words[0]
        if tag == "@step" and len(words) > 1:
            facts["steps"].append(words[1])
        elif tag == "@rc" and len(words) > 2:
            facts["rc"][words[1]] = int(words[2])
        elif tag == "@link" and len(words) > 1:
            facts["macs"][words[1]] = link_address(lines[i].split(" ", 2)[2] if len(words) > 2 else "")
        elif tag == "@done":
            facts["done"] = True
        elif tag == "@limit" and len(words) > 1:
            facts["limit"].add(words[1])
        elif tag == "@ping" and len(words) > 3:
            facts["pings"][(words[1], words[2])] = int(words[3])
        elif tag == "@fdb-begin":
            body = []
            i += 1
            while i < len(lines) and not lines[i].startswith("@fdb-end"):
                body.append(lines[i])
                i += 1
            facts["fdb_text"] = "\n".join(body)
            if i < len(lines):
                facts["fdb_rc"] = int(lines[i].split()[1])
        elif tag == "@error":
            facts["error"] = lines[i][len("@error "):]
        i += 1
    return facts


def vlan_run(ctx) -> dict:
    """Run up → vlan → pings → FDB → down once (vlan_run.sh), on this host when its kernel can filter VLANs,
    otherwise in the test VM; both checks of part 2 read the same facts."""
    if "vlan" in ctx.shared:
        return ctx.shared["vlan"]
    s = setup(ctx)
    nsenter = ctx.tool("nsenter-lite")
    specs = [f"{ns}={addr}={vid}" for ns, addr, vid in zip(s.hosts, s.addresses, s.vlans)]
    driver = os.path.join(HERE, "vlan_run.sh")
    script = ctx.path(SCRIPT)
    scratch = tempfile.mkdtemp(prefix="vl-lab-network-")
    ctx.on_cleanup(lambda: shutil.rmtree(scratch, ignore_errors=True))
    can, why = host_can_filter_vlans(ctx)
    if can:
        where = "on this host"
        ctx.on_cleanup(lambda: remove_leftovers(s))
        remove_leftovers(s)
        limit = str(int(ctx.scaled(STEP_LIMIT)))
        proc = run_limited(ctx, ["bash", driver, script, nsenter, s.bridge, "-", limit] + specs, timeout=150,
                           what=f"./{SCRIPT} up, vlan and down")
        timed_out = False
    else:
        where = "in the test VM"
        ctx.log(f"this kernel refuses a VLAN-filtering bridge ({why}): part 2 runs in the test VM")
        testvm = ctx.tool("testvm")
        moddir = vm_modules(ctx, testvm, scratch)
        tools = [shutil.which(t) for t in ("ip", "bridge", "bash")]  # the guest's busybox pings
        if not all(tools):
            raise CannotCheck("ip and bridge (iproute2) and bash are needed for the VLAN part")
        bash = tools.pop()  # the command itself: testvm copies it in with its libraries
        guest_script = "/vl/work/" + SCRIPT
        # The build's nsenter-lite carries ~26 MB of debug info the guest would have to unpack under TCG.
        small = os.path.join(scratch, "nsenter-lite")
        if subprocess.run(["strip", "-o", small, nsenter], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=ctx.scaled(60)).returncode == 0:
            nsenter = small
        vm_timeout = int(ctx.scaled(150))
        argv = [testvm, "run", "--skip-code", "77", "--timeout", str(vm_timeout)]
        for m in MODULES:
            argv += ["--file", f"{moddir}/{m}.ko:/vl/modules/{m}.ko"]
        for t in tools:
            argv += ["--file", os.path.realpath(t) + ":" + t]
        path = dict.fromkeys([os.path.dirname(t) for t in tools + [bash]] + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"])
        argv += ["--file", f"{nsenter}:/vl/nsenter-lite", "--file", f"{driver}:/vl/vlan_run.sh",
                 "--file", f"{script}:{guest_script}", "--env", "PATH=" + ":".join(path),
                 "--", bash, "/vl/vlan_run.sh", guest_script, "/vl/nsenter-lite", s.bridge,
                 "/vl/modules", str(int(ctx.scaled(2 * STEP_LIMIT)))] + specs  # TCG: some 20x slower per exec
        # testvm stops the guest first (exit 124: the last @step names what hung); gentle: on our own time limit,
        # the check's deadline or Ctrl-C testvm gets SIGTERM and 10 s to remove its QEMU and run directory
        proc = run_limited(ctx, argv, timeout=150 + 60, what="testvm run", gentle=True)
        if proc.returncode == 77:
            raise CannotCheck(f"this kernel cannot filter VLANs and the test VM cannot run here: "
                              f"{last_line(proc.stderr or proc.stdout)}")
        timed_out = proc.returncode == 124
    facts = parse_facts(proc.stdout)
    facts["where"] = where
    if facts["error"]:
        raise CannotCheck(f"part 2 could not run {where}: {facts['error']}")
    if not facts["done"]:
        if not facts["steps"]:
            raise CannotCheck(f"part 2 did not start {where} (exit {proc.returncode}): "
                              f"{last_line(proc.stderr)}")
        if facts["steps"][-1] not in facts["rc"]:
            raise Bad(f"`./{SCRIPT} {facts['steps'][-1]}` did not finish {where}"
                      + (" (the VM's time limit ended it)" if timed_out else ""))
        raise CannotCheck(f"part 2 stopped {where} between the steps of switch.sh (exit {proc.returncode}): "
                          f"{last_line(proc.stderr)}")
    ctx.shared["vlan"] = facts
    return facts


@lab.check("vlan-isolation", points=3, needs=["mac-learning", "down"], timeout=900,
           title={"en": "two VLANs: hosts reach only their own VLAN", "ko": "VLAN 두 개: 같은 VLAN 끼리만 통신"},
           hints=[{"en": "`./switch.sh vlan` runs after `up`: turn VLAN filtering on (`ip link set <bridge> type "
                         "bridge vlan_filtering 1`), then give each port its host's VLAN.",
                   "ko": "`./switch.sh vlan` 은 `up` 다음에 실행됩니다. VLAN 필터링을 켜고 (`ip link set <브리지> type "
                         "bridge vlan_filtering 1`) 각 포트에 그 호스트의 VLAN 을 주세요."},
                  {"en": "An access port: `bridge vlan add dev <port> vid <id> pvid untagged` (untagged frames in go "
                         "to that VLAN), and `bridge vlan del dev <port> vid 1` (the default VLAN every port starts "
                         "in). Check with `bridge vlan show`.",
                   "ko": "access 포트: `bridge vlan add dev <포트> vid <번호> pvid untagged` (태그 없이 들어온 프레임이 "
                         "그 VLAN 으로), 그리고 `bridge vlan del dev <포트> vid 1` (모든 포트의 기본 VLAN). "
                         "`bridge vlan show` 로 확인하세요."}])
def vlan_isolation(ctx):
    s = setup(ctx)
    facts = vlan_run(ctx)
    for step in ("up", "vlan"):
        if step in facts["limit"]:
            raise Bad(f"`./{SCRIPT} {step}` did not finish {facts['where']} within its time limit")
        if facts["rc"].get(step, 1) != 0:
            raise Bad(f"`./{SCRIPT} {step}` failed {facts['where']} (exit {facts['rc'].get(step)}); its output is "
                      f"in grade-logs/vlan-isolation.log")
    vlan_of = dict(zip(s.hosts, s.vlans))
    # Reachability inside a VLAN first: a switch that passes nothing at all is not isolation.
    for same in (True, False):
        for (a, b), code in sorted(facts["pings"].items()):
            if (vlan_of[a] == vlan_of[b]) != same:
                continue
            if same and code != 0:
                raise Bad(f"{a} and {b} are both in VLAN {vlan_of[a]}, but {a} gets no reply from {b}")
            if not same and code == 0:
                raise Bad(f"{a} (VLAN {vlan_of[a]}) reaches {b} (VLAN {vlan_of[b]}): different VLANs must not "
                          f"reach each other")
    expected = len(s.hosts) * (len(s.hosts) - 1)
    if len(facts["pings"]) != expected:
        raise CannotCheck(f"part 2 ran only {len(facts['pings'])} of {expected} pings {facts['where']}")
    # Unanswered pings alone could be a switch that passes nothing (with two hosts there is no pair inside a
    # VLAN): each host's frames must have reached the switch inside some VLAN.
    for ns, entries in vlan_learned(ctx, facts).items():
        if all(e["vlan"] is None for e in entries):
            raise Bad(f"{s.bridge} learned no frame from {ns} in any VLAN {facts['where']}: no traffic of {ns} "
                      f"went through a VLAN of the switch")
    return f"checked {facts['where']}"


def vlan_learned(ctx, facts) -> dict:
    """Host → the entries the switch learned for its eth0's MAC on its own port (part 2's FDB, validated)."""
    s = setup(ctx)
    if facts["fdb_rc"] != 0 or not facts["fdb_text"]:
        raise Bad(f"nsenter-lite net fdb could not read {s.bridge} {facts['where']} after `./{SCRIPT} vlan` "
                  f"(exit {facts['fdb_rc']})")
    doc = ctx.validated("nsenter-lite", facts["fdb_text"])
    ctx.log(json.dumps(doc["fdb"], indent=1))
    learned = {}
    for ns, port in zip(s.hosts, s.ports):
        mac = facts["macs"].get(ns, "")
        if not mac:
            raise Bad(f"{ns} had no eth0 after `./{SCRIPT} vlan` {facts['where']}")
        learned[ns] = [e for e in doc["fdb"] if e["mac"] == mac and e["kind"] == "learned" and e["port"] == port]
        if not learned[ns]:
            raise Bad(f"{s.bridge} did not learn {ns}'s MAC {mac} on {port} {facts['where']}")
    return learned


@lab.check("vlan-fdb", points=2, needs=["vlan-isolation"],
           title={"en": "the switch learns each MAC in its host's VLAN",
                  "ko": "스위치가 각 MAC 을 그 호스트의 VLAN 에서 학습"},
           hints=[{"en": "With VLAN filtering the table is keyed by (MAC, VLAN): `nsenter-lite net fdb` shows a "
                         "VLAN column. Each host's MAC must appear on its port in the VLAN the worksheet gives it.",
                   "ko": "VLAN 필터링을 켜면 학습 테이블의 키는 (MAC, VLAN) 입니다. `nsenter-lite net fdb` 에 VLAN "
                         "열이 보입니다. 각 호스트의 MAC 이 그 포트에서, 워크시트가 정한 VLAN 으로 보여야 합니다."},
                  {"en": "Isolation alone does not tell which VLAN is which: check the VLAN ids against the "
                         "worksheet (`bridge vlan show`).",
                   "ko": "격리만으로는 어느 VLAN 이 어느 것인지 알 수 없습니다. `bridge vlan show` 의 번호를 워크시트와 "
                         "비교하세요."}])
def vlan_fdb(ctx):
    s = setup(ctx)
    facts = vlan_run(ctx)
    learned = vlan_learned(ctx, facts)
    for ns, port, vid in zip(s.hosts, s.ports, s.vlans):
        if all(e["vlan"] != vid for e in learned[ns]):
            got = sorted({e["vlan"] for e in learned[ns] if e["vlan"] is not None})
            raise Bad(f"{ns}'s MAC is learned on {port} in VLAN {', '.join(map(str, got))}, not in the VLAN the "
                      f"worksheet gives {ns}")
    return f"checked {facts['where']}"


# --- handout, solution -------------------------------------------------------------------------------------------
def starter_text(s: Setup) -> str:
    return f"""#!/bin/bash
# Network lab, seed {s.seed} — see worksheet.md. 네트워크 실습, 시드 {s.seed} — worksheet.md 를 보세요.
#   sudo ./switch.sh up     the bridge, one network namespace per host, veth pairs, addresses
#                           브리지, 호스트마다 네트워크 네임스페이스, veth 쌍, 주소
#   sudo ./switch.sh vlan   (part 2, after up) the bridge filters VLANs; each port in its host's VLAN
#                           (2부, up 다음) 브리지가 VLAN 을 거르고, 각 포트는 그 호스트의 VLAN 에
#   sudo ./switch.sh down   remove everything up made / up 이 만든 것을 모두 지움
# Use only bash, ip and bridge, no sudo inside (part 2 may run in a minimal VM as root).
# bash, ip, bridge 만 쓰고 안에서 sudo 는 쓰지 마세요 (2부는 작은 VM 안에서 root 로 실행될 수 있습니다).
set -eu

{s.config_lines(with_answers=False)}
up() {{
  echo "TODO: up" >&2
  exit 1
}}

vlan() {{
  echo "TODO: vlan" >&2
  exit 1
}}

down() {{
  echo "TODO: down" >&2
  exit 1
}}

case "${{1:-}}" in
  up) up ;;
  vlan) vlan ;;
  down) down ;;
  *) echo "usage: $0 up|vlan|down" >&2; exit 2 ;;
esac
"""


def diagram(s: Setup) -> str:
    width = max(14, max(len(x) for x in s.hosts + s.ports + [f"{a}/24" for a in s.addresses]) + 2)
    cells = [h.center(width) for h in s.hosts]
    ports = [p.center(width) for p in s.ports]
    addrs = [f"{a}/24".center(width) for a in s.addresses]
    inner = len(s.hosts) * (width + 2)
    title = f" bridge {s.bridge} (Virtual Switch) "
    lines = ["┌" + title.center(inner, "─") + "┐",
             "│" + "".join(f" {p} " for p in ports) + "│",
             "│" + "MAC Address Learning Table: nsenter-lite net fdb".center(inner) + "│",
             "└" + "".join("─" * (width // 2) + "┬" + "─" * (width - width // 2 + 1) for _ in s.hosts) + "┘",
             " " + "".join(" " * (width // 2) + "│ veth" + " " * (width - width // 2 - 4) for _ in s.hosts),
             " " + "".join("┌" + "─" * (width // 2 - 1) + "┴" + "─" * (width - width // 2) + "┐" for _ in s.hosts),
             " " + "".join("│" + "eth0".center(width) + "│" for _ in s.hosts),
             " " + "".join("│" + c + "│" for c in cells),
             " " + "".join("│" + a + "│" for a in addrs),
             " " + "".join("└" + "─" * width + "┘" for _ in s.hosts)]
    return "\n".join(lines)


def worksheet(s: Setup, lang: str) -> str:
    rows = "\n".join(f"| {i} | `{ns}` | `eth0` | `{port}` | `{addr}/24` | {vid} |"
                     for i, (ns, port, addr, vid) in enumerate(zip(s.hosts, s.ports, s.addresses, s.vlans), 1))
    table = ("| host | network namespace | inside | switch port (veth peer) | address | VLAN (part 2) |\n"
             "|---|---|---|---|---|---|\n" + rows) if lang == "en" else (
             "| 호스트 | 네트워크 네임스페이스 | 안쪽 | 스위치 포트 (veth 반대쪽) | 주소 | VLAN (2부) |\n"
             "|---|---|---|---|---|---|\n" + rows)
    if lang == "ko":
        return f"""# 네트워크 실습: 가상 스위치 직접 만들기 — 시드 {s.seed}

강의 노트의 그림처럼, VM 들의 vNIC 이 가상 스위치(Virtual Switch)의 포트에 꽂히고 스위치는 MAC 주소 학습 테이블
(MAC Address Learning Table)을 채웁니다. 여기서는 VM 대신 **네트워크 네임스페이스**가 호스트, **veth 쌍**이 케이블,
**리눅스 브리지**가 스위치입니다. `ip` 명령만으로 직접 만드세요.

- 스위치(브리지): `{s.bridge}` — 주소 없음 (순수 L2 스위치)
- 서브넷: `{s.subnet}` (주소는 네임스페이스 안에서만 씁니다)
- 2부 VLAN: `{s.vlan_a}`, `{s.vlan_b}`

{table}

```
{diagram(s)}
```

## 할 일

1. `switch.sh` 의 `up`: 브리지를 만들어 up; 호스트마다 네임스페이스, veth 쌍(안쪽 `eth0`, 바깥 `<호스트>-p`),
   바깥 끝을 브리지에 연결하고 up, 안쪽 `eth0` 에 위 표의 주소(/24)를 주고 up.
2. `down`: `up` 이 만든 것을 모두 지우기 (네임스페이스, 포트, 브리지).
3. 확인: `sudo ./switch.sh up`, `sudo ip netns exec {s.hosts[0]} ping -c1 {s.addresses[-1]}`,
   `sudo nsenter-lite net fdb --bridge {s.bridge}` — 각 호스트의 MAC 이 자기 포트에서 학습되었나요?
4. 2부 `vlan` (`up` 다음에 실행): 브리지의 VLAN 필터링을 켜고, 각 포트를 표의 VLAN 의 access 포트로
   (`bridge vlan`). 같은 VLAN 끼리만 ping 되어야 합니다. 이 기계의 커널이 VLAN 필터링을 못 하면 채점기가 이 부분을
   테스트 VM 안에서 실행합니다 (`testvm`). 그러니 `switch.sh` 에는 bash, `ip`, `bridge` 만 쓰세요.
5. `sudo make grade` (한 항목: `make grade TEST=ping`), 막히면 `make hint LANG=ko`.
"""
    return f"""# Network lab: the virtual switch by hand — seed {s.seed}

As in the notes' picture, the VMs' vNICs plug into the ports of a Virtual Switch, which fills in its MAC Address
Learning Table. Here the hosts are **network namespaces**, the cables **veth pairs**, and the switch a **Linux
bridge**. Build it yourself with `ip`.

- the switch (bridge): `{s.bridge}` — no address (a pure L2 switch)
- subnet: `{s.subnet}` (addresses are used only inside the namespaces)
- part 2 VLANs: `{s.vlan_a}`, `{s.vlan_b}`

{table}

```
{diagram(s)}
```

## To do

1. `up` in `switch.sh`: create the bridge and bring it up; per host a namespace and a veth pair (`eth0` inside,
   `<host>-p` outside), the outside end enslaved to the bridge and up, the table's address (/24) on `eth0`, up.
2. `down`: remove everything `up` made (namespaces, ports, bridge).
3. Try it: `sudo ./switch.sh up`, `sudo ip netns exec {s.hosts[0]} ping -c1 {s.addresses[-1]}`,
   `sudo nsenter-lite net fdb --bridge {s.bridge}` — is each host's MAC learned on its own port?
4. Part 2, `vlan` (run after `up`): turn on the bridge's VLAN filtering and make each port an access port of its
   host's VLAN in the table (`bridge vlan`). Only hosts in the same VLAN may reach each other. Where this machine's
   kernel cannot filter VLANs, the grader runs this part inside the test VM (`testvm`): so use only bash, `ip` and
   `bridge` in `switch.sh`.
5. `sudo make grade` (one check: `make grade TEST=ping`); stuck? `make hint`.
"""


@lab.handout
def handout(seed, work, lang):
    s = Setup(seed)
    text = worksheet(s, lang)
    write_text(os.path.join(work, "worksheet.md"), text)
    print(text, end="")
    if write_if_absent(os.path.join(work, SCRIPT), starter_text(s), mode=0o755):
        print(f"wrote {SCRIPT}: write up, vlan and down, then run sudo make grade" if lang == "en" else
              f"{SCRIPT} 를 만들었습니다: up, vlan, down 을 작성한 뒤 sudo make grade 를 실행하세요")


@lab.solve
def solve(seed, work):
    s = Setup(seed)
    with open(os.path.join(HERE, "solution", SCRIPT), encoding="utf-8") as f:
        text = f.read().replace("# @CONFIG@\n", s.config_lines(with_answers=True))
    write_text(os.path.join(work, SCRIPT), text, mode=0o755)


if __name__ == "__main__":
    lab.main()
