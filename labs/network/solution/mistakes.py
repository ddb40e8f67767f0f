"""Typical student mistakes of the network lab, for labs/lib/selftest.py (instructors only: solution/ is not in the
student bundle). Each edits the reference switch.sh in a solved work directory; `breaks` names the checks that must
stop being GOOD (plus the checks that need them)."""
import os

from gradelib import replace_in_file


def register(lab):
    grader = lab.namespace  # lab.py's module: its seeded Setup and the script's name
    Setup, SCRIPT = grader["Setup"], grader["SCRIPT"]  # noqa: N806

    def edit_script(work, old, new):
        replace_in_file(os.path.join(work, SCRIPT), old, new)

    @lab.mistake("veth-left-down", breaks=["links-up"])
    def veth_left_down(seed, work):
        edit_script(work, '    ip link set "$ns-p" up\n', "")

    @lab.mistake("address-on-bridge-side", breaks=["addresses"])
    def address_on_bridge_side(seed, work):
        edit_script(work, 'ip -n "$ns" addr add "${ADDRS[$i]}" dev eth0', 'ip addr add "${ADDRS[$i]}" dev "$ns-p"')

    @lab.mistake("wrong-prefix-length", breaks=["addresses"])
    def wrong_prefix_length(seed, work):
        s = Setup(seed)
        edit_script(work, f"{s.addresses[-1]}/24", f"{s.addresses[-1]}/16")

    @lab.mistake("veth-not-enslaved", breaks=["ports-on-bridge"])
    def veth_not_enslaved(seed, work):
        # Only the last host's port stays outside the switch.
        edit_script(work, '    ip link set "$ns-p" master "$BRIDGE"\n',
                    '    [ "$ns" = "${HOSTS[-1]}" ] || ip link set "$ns-p" master "$BRIDGE"\n')

    @lab.mistake("down-forgets-a-namespace", breaks=["down"])
    def down_forgets_a_namespace(seed, work):
        edit_script(work, '  for ns in "${HOSTS[@]}"; do\n    # Deleting',
                    '  for ns in "${HOSTS[@]:1}"; do\n    # Deleting')

    @lab.mistake("one-vlan-for-all", breaks=["vlan-isolation"])
    def one_vlan_for_all(seed, work):
        edit_script(work, 'vid "${VLANS[$i]}"', 'vid "${VLANS[0]}"')

    @lab.mistake("vlan-ids-swapped", breaks=["vlan-fdb"])
    def vlan_ids_swapped(seed, work):
        s = Setup(seed)
        swapped = " ".join(str(s.vlan_b if v == s.vlan_a else s.vlan_a) for v in s.vlans)
        edit_script(work, "VLANS=(" + " ".join(map(str, s.vlans)) + ")", f"VLANS=({swapped})")
