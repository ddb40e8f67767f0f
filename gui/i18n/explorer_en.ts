<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
  <context>
    <name>SceneKit</name>
    <message>
      <source>Click to open</source>
      <translation>Click to open</translation>
    </message>
    <message>
      <source>◀ this machine</source>
      <translation>◀ this machine</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::CgroupsPage</name>
    <message>
      <source>no cgtop document in this file</source>
      <translation>no cgtop document in this file</translation>
    </message>
    <message>
      <source>Run under limits:</source>
      <translation>Run under limits:</translation>
    </message>
    <message>
      <source>command, e.g. stress-ng --vm 1 --vm-bytes 128M</source>
      <translation>command, e.g. stress-ng --vm 1 --vm-bytes 128M</translation>
    </message>
    <message>
      <source>CPU</source>
      <translation>CPU</translation>
    </message>
    <message>
      <source>memory</source>
      <translation>memory</translation>
    </message>
    <message>
      <source>tasks</source>
      <translation>tasks</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>Run</translation>
    </message>
    <message>
      <source>type a command to run under the limits</source>
      <translation>type a command to run under the limits</translation>
    </message>
    <message>
      <source>Control groups: what each group uses against its limits</source>
      <translation>Control groups: what each group uses against its limits</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>No data yet</translation>
    </message>
    <message>
      <source>Press Refresh to stream cgtop, or open a replay.</source>
      <translation>Press Refresh to stream cgtop, or open a replay.</translation>
    </message>
    <message>
      <source>cgtop run: a command in its own cgroup</source>
      <translation>cgtop run: a command in its own cgroup</translation>
    </message>
    <message>
      <source>killed by signal %1</source>
      <translation>killed by signal %1</translation>
    </message>
    <message>
      <source>exit status %1</source>
      <translation>exit status %1</translation>
    </message>
    <message>
      <source> — OOM kill ×%1</source>
      <translation> — OOM kill ×%1</translation>
    </message>
    <message>
      <source>%1: %2 in %3 s (limits: %4)</source>
      <translation>%1: %2 in %3 s (limits: %4)</translation>
    </message>
    <message numerus="yes">
      <source>%1 hierarchy · %2 CPUs · refresh %3 (rates over %4 s) · %n cgroup(s)</source>
      <translation>
        <numerusform>%1 hierarchy · %2 CPUs · refresh %3 (rates over %4 s) · %n cgroup</numerusform>
        <numerusform>%1 hierarchy · %2 CPUs · refresh %3 (rates over %4 s) · %n cgroups</numerusform>
      </translation>
    </message>
    <message>
      <source>cgroup</source>
      <translation>cgroup</translation>
    </message>
    <message>
      <source>CPU (100 % = one CPU; bar to the limit)</source>
      <translation>CPU (100 % = one CPU; bar to the limit)</translation>
    </message>
    <message>
      <source>memory (bar to the limit)</source>
      <translation>memory (bar to the limit)</translation>
    </message>
    <message>
      <source>I/O · tasks · events</source>
      <translation>I/O · tasks · events</translation>
    </message>
    <message>
      <source>n/a</source>
      <translation>n/a</translation>
    </message>
    <message>
      <source>≤ %1 CPU</source>
      <translation>≤ %1 CPU</translation>
    </message>
    <message>
      <source>r %1/s w %2/s</source>
      <translation>r %1/s w %2/s</translation>
    </message>
    <message>
      <source>%1/%2 tasks</source>
      <translation>%1/%2 tasks</translation>
    </message>
    <message>
      <source>%1 tasks</source>
      <translation>%1 tasks</translation>
    </message>
    <message>
      <source>⏸ throttled %1×</source>
      <translation>⏸ throttled %1×</translation>
    </message>
    <message>
      <source>OOM kill ×%1</source>
      <translation>OOM kill ×%1</translation>
    </message>
    <message>
      <source>… %1 more cgroups not drawn; %2 empty cgroups hidden (no tasks, memory or CPU)</source>
      <translation>… %1 more cgroups not drawn; %2 empty cgroups hidden (no tasks, memory or CPU)</translation>
    </message>
    <message>
      <source>Cgroups</source>
      <translation>Cgroups</translation>
    </message>
    <message>
      <source>cgtop's own explanation (tool output, English):</source>
      <translation>cgtop's own explanation (tool output, English):</translation>
    </message>
    <message>
      <source>cgtop was stopped by %1 and stopped the command after %2 s in cgroup %3.</source>
      <translation>cgtop was stopped by %1 and stopped the command after %2 s in cgroup %3.</translation>
    </message>
    <message>
      <source>The command ran for %1 s in cgroup %2 (%3 hierarchy) and was killed by %4.</source>
      <translation>The command ran for %1 s in cgroup %2 (%3 hierarchy) and was killed by %4.</translation>
    </message>
    <message>
      <source>The command ran for %1 s in cgroup %2 (%3 hierarchy) and exited with status %4.</source>
      <translation>The command ran for %1 s in cgroup %2 (%3 hierarchy) and exited with status %4.</translation>
    </message>
    <message>
      <source>CPU: %1 s of CPU time = %2 % of one CPU on average (100 % = one CPU fully busy).</source>
      <translation>CPU: %1 s of CPU time = %2 % of one CPU on average (100 % = one CPU fully busy).</translation>
    </message>
    <message>
      <source>CPU limit hit: throttled in %1 of %2 periods, %3 s in all waiting for the next period.</source>
      <translation>CPU limit hit: throttled in %1 of %2 periods, %3 s in all waiting for the next period.</translation>
    </message>
    <message>
      <source>CPU limit never reached: %1 of %2 periods throttled.</source>
      <translation>CPU limit never reached: %1 of %2 periods throttled.</translation>
    </message>
    <message>
      <source>no limit</source>
      <translation>no limit</translation>
    </message>
    <message numerus="yes">
      <source>Memory limit hit: %n OOM kill(s) at a peak of %1 (%2). The kernel could not reclaim enough memory in the group, so it killed the largest task.</source>
      <translation>
        <numerusform>Memory limit hit: %n OOM kill at a peak of %1 (%2). The kernel could not reclaim enough memory in the group, so it killed the largest task.</numerusform>
        <numerusform>Memory limit hit: %n OOM kills at a peak of %1 (%2). The kernel could not reclaim enough memory in the group, so it killed the largest task.</numerusform>
      </translation>
    </message>
    <message>
      <source>Memory: peak %1 (%2).</source>
      <translation>Memory: peak %1 (%2).</translation>
    </message>
    <message numerus="yes">
      <source>The memory limit was reached %n time(s): the kernel reclaimed pages of the group each time.</source>
      <translation>
        <numerusform>The memory limit was reached %n time: the kernel reclaimed pages of the group each time.</numerusform>
        <numerusform>The memory limit was reached %n times: the kernel reclaimed pages of the group each time.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Tasks limit hit: the kernel refused %n fork(s).</source>
      <translation>
        <numerusform>Tasks limit hit: the kernel refused %n fork.</numerusform>
        <numerusform>Tasks limit hit: the kernel refused %n forks.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::LayersPage</name>
    <message>
      <source>no vmctl, nsenter-lite or cgtop document in this file: the layers view has nothing to draw</source>
      <translation>no vmctl, nsenter-lite or cgtop document in this file: the layers view has nothing to draw</translation>
    </message>
    <message>
      <source>Diagram:</source>
      <translation>Diagram:</translation>
    </message>
    <message>
      <source>This machine, live</source>
      <translation>This machine, live</translation>
    </message>
    <message>
      <source>OS = kernel + userland</source>
      <translation>OS = kernel + userland</translation>
    </message>
    <message>
      <source>Containers vs VMs</source>
      <translation>Containers vs VMs</translation>
    </message>
    <message>
      <source>macOS + Docker Desktop / Multipass</source>
      <translation>macOS + Docker Desktop / Multipass</translation>
    </message>
    <message>
      <source>EKS node</source>
      <translation>EKS node</translation>
    </message>
    <message>
      <source>Linux kernel</source>
      <translation>Linux kernel</translation>
    </message>
    <message>
      <source>Linux %1</source>
      <translation>Linux %1</translation>
    </message>
    <message>
      <source>unknown (vmctl info not read)</source>
      <translation>unknown (vmctl info not read)</translation>
    </message>
    <message>
      <source>none: this machine is bare metal</source>
      <translation>none: this machine is bare metal</translation>
    </message>
    <message>
      <source>a hypervisor (vendor not reported)</source>
      <translation>a hypervisor (vendor not reported)</translation>
    </message>
    <message>
      <source>This machine as layers: %1</source>
      <translation>This machine as layers: %1</translation>
    </message>
    <message>
      <source>(no data yet)</source>
      <translation>(no data yet)</translation>
    </message>
    <message>
      <source>Every box is live data from the tools' JSON. Click a layer to open its view.</source>
      <translation>Every box is live data from the tools' JSON. Click a layer to open its view.</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>No data yet</translation>
    </message>
    <message>
      <source>Press Refresh to ask vmctl, nsenter-lite and cgtop about this machine, or open a saved replay.</source>
      <translation>Press Refresh to ask vmctl, nsenter-lite and cgtop about this machine, or open a saved replay.</translation>
    </message>
    <message>
      <source>Userland (host)</source>
      <translation>Userland (host)</translation>
    </message>
    <message>
      <source>systemd, shells, daemons, tools</source>
      <translation>systemd, shells, daemons, tools</translation>
    </message>
    <message>
      <source>libraries: glibc, …</source>
      <translation>libraries: glibc, …</translation>
    </message>
    <message>
      <source>processes see the whole machine</source>
      <translation>processes see the whole machine</translation>
    </message>
    <message>
      <source>→ Memory view: a process's pages</source>
      <translation>→ Memory view: a process's pages</translation>
    </message>
    <message>
      <source>Containers</source>
      <translation>Containers</translation>
    </message>
    <message>
      <source>nsenter-lite has not answered</source>
      <translation>nsenter-lite has not answered</translation>
    </message>
    <message>
      <source>(containers = processes in their own namespaces)</source>
      <translation>(containers = processes in their own namespaces)</translation>
    </message>
    <message>
      <source>Containers: none running</source>
      <translation>Containers: none running</translation>
    </message>
    <message>
      <source>no process group has its own namespaces</source>
      <translation>no process group has its own namespaces</translation>
    </message>
    <message>
      <source>start one: runc run …, or nsenter-lite run …</source>
      <translation>start one: runc run …, or nsenter-lite run …</translation>
    </message>
    <message>
      <source>they would share this kernel</source>
      <translation>they would share this kernel</translation>
    </message>
    <message numerus="yes">
      <source>pid %1, %n process(es)</source>
      <translation>
        <numerusform>pid %1, %n process</numerusform>
        <numerusform>pid %1, %n processes</numerusform>
      </translation>
    </message>
    <message>
      <source>own ns: %1</source>
      <translation>own ns: %1</translation>
    </message>
    <message>
      <source>runtime: %1</source>
      <translation>runtime: %1</translation>
    </message>
    <message>
      <source>cgroup %1</source>
      <translation>cgroup %1</translation>
    </message>
    <message>
      <source>CPU %1%</source>
      <translation>CPU %1%</translation>
    </message>
    <message>
      <source>Container: %1</source>
      <translation>Container: %1</translation>
    </message>
    <message>
      <source>… and %1 more containers</source>
      <translation>… and %1 more containers</translation>
    </message>
    <message>
      <source>no vmctl VM running</source>
      <translation>no vmctl VM running</translation>
    </message>
    <message>
      <source>each VM has its own kernel</source>
      <translation>each VM has its own kernel</translation>
    </message>
    <message>
      <source>no /dev/kvm: nested</source>
      <translation>no /dev/kvm: nested</translation>
    </message>
    <message>
      <source>(QEMU TCG test VM with KVM inside)</source>
      <translation>(QEMU TCG test VM with KVM inside)</translation>
    </message>
    <message>
      <source>/dev/kvm present: KVM in this kernel</source>
      <translation>/dev/kvm present: KVM in this kernel</translation>
    </message>
    <message>
      <source>VMs (vmctl)</source>
      <translation>VMs (vmctl)</translation>
    </message>
    <message>
      <source>▼ system calls: open, mmap, fork, clone, socket, ioctl(KVM_RUN) …</source>
      <translation>▼ system calls: open, mmap, fork, clone, socket, ioctl(KVM_RUN) …</translation>
    </message>
    <message>
      <source>paging: %1-level page tables (%2-bit virtual addresses)</source>
      <translation>paging: %1-level page tables (%2-bit virtual addresses)</translation>
    </message>
    <message>
      <source>cgroups: %1 hierarchy, %2 groups (cgtop) → Cgroups view</source>
      <translation>cgroups: %1 hierarchy, %2 groups (cgtop) → Cgroups view</translation>
    </message>
    <message>
      <source>namespaces + cgroups: what makes a container</source>
      <translation>namespaces + cgroups: what makes a container</translation>
    </message>
    <message>
      <source>memory management: page tables, page cache</source>
      <translation>memory management: page tables, page cache</translation>
    </message>
    <message>
      <source>KVM module: runs VMs' vCPUs</source>
      <translation>KVM module: runs VMs' vCPUs</translation>
    </message>
    <message>
      <source>Host kernel: %1</source>
      <translation>Host kernel: %1</translation>
    </message>
    <message>
      <source>CPU: %1, %2 logical CPUs</source>
      <translation>CPU: %1, %2 logical CPUs</translation>
    </message>
    <message>
      <source>memory: %1</source>
      <translation>memory: %1</translation>
    </message>
    <message>
      <source>NICs: %1</source>
      <translation>NICs: %1</translation>
    </message>
    <message>
      <source>vmctl info has not answered: CPU, memory and NICs unknown</source>
      <translation>vmctl info has not answered: CPU, memory and NICs unknown</translation>
    </message>
    <message>
      <source>Virtual hardware (this machine is a VM)</source>
      <translation>Virtual hardware (this machine is a VM)</translation>
    </message>
    <message>
      <source>vendor: %1</source>
      <translation>vendor: %1</translation>
    </message>
    <message>
      <source>detected by: %1</source>
      <translation>detected by: %1</translation>
    </message>
    <message>
      <source>Hypervisor</source>
      <translation>Hypervisor</translation>
    </message>
    <message>
      <source>Physical server</source>
      <translation>Physical server</translation>
    </message>
    <message>
      <source>real CPUs, RAM and NICs: hidden from this machine by the hypervisor</source>
      <translation>real CPUs, RAM and NICs: hidden from this machine by the hypervisor</translation>
    </message>
    <message>
      <source>Hardware</source>
      <translation>Hardware</translation>
    </message>
    <message>
      <source>Concept: OS / kernel / applications</source>
      <translation>Concept: OS / kernel / applications</translation>
    </message>
    <message>
      <source>%1 · %2 CPUs · %3</source>
      <translation>%1 · %2 CPUs · %3</translation>
    </message>
    <message>
      <source>CPU / RAM / Disk / NIC</source>
      <translation>CPU / RAM / Disk / NIC</translation>
    </message>
    <message>
      <source>app → system call → kernel → hardware</source>
      <translation>app → system call → kernel → hardware</translation>
    </message>
    <message>
      <source>Applications (user space)</source>
      <translation>Applications (user space)</translation>
    </message>
    <message>
      <source>bash, curl, node, nginx …</source>
      <translation>bash, curl, node, nginx …</translation>
    </message>
    <message>
      <source>System calls</source>
      <translation>System calls</translation>
    </message>
    <message>
      <source>open, fork, socket, bind, mmap …</source>
      <translation>open, fork, socket, bind, mmap …</translation>
    </message>
    <message>
      <source>Kernel (lowest core layer)</source>
      <translation>Kernel (lowest core layer)</translation>
    </message>
    <message>
      <source>here: %1 — scheduling, memory, files/network, drivers</source>
      <translation>here: %1 — scheduling, memory, files/network, drivers</translation>
    </message>
    <message>
      <source>here: %1</source>
      <translation>here: %1</translation>
    </message>
    <message>
      <source>Operating system (OS)</source>
      <translation>Operating system (OS)</translation>
    </message>
    <message>
      <source>OS = kernel + userland tools + services (e.g. Ubuntu, macOS, Windows).
The kernel is not the OS: macOS's XNU is not Linux, so Linux-only features (namespaces, cgroups) need a Linux kernel.</source>
      <translation>OS = kernel + userland tools + services (e.g. Ubuntu, macOS, Windows).
The kernel is not the OS: macOS's XNU is not Linux, so Linux-only features (namespaces, cgroups) need a Linux kernel.</translation>
    </message>
    <message>
      <source>Red outline: this machine's live layer.</source>
      <translation>Red outline: this machine's live layer.</translation>
    </message>
    <message>
      <source>Containers vs virtual machines</source>
      <translation>Containers vs virtual machines</translation>
    </message>
    <message numerus="yes">
      <source>here: %n container(s) found</source>
      <translation>
        <numerusform>here: %n container found</numerusform>
        <numerusform>here: %n containers found</numerusform>
      </translation>
    </message>
    <message>
      <source>processes with their own namespaces</source>
      <translation>processes with their own namespaces</translation>
    </message>
    <message>
      <source>Container (on Linux)</source>
      <translation>Container (on Linux)</translation>
    </message>
    <message>
      <source>Container processes</source>
      <translation>Container processes</translation>
    </message>
    <message>
      <source>Shared Linux kernel (namespaces, cgroups)</source>
      <translation>Shared Linux kernel (namespaces, cgroups)</translation>
    </message>
    <message>
      <source>Host hardware</source>
      <translation>Host hardware</translation>
    </message>
    <message>
      <source>vmctl info not read</source>
      <translation>vmctl info not read</translation>
    </message>
    <message>
      <source>here: virtual hardware of a VM</source>
      <translation>here: virtual hardware of a VM</translation>
    </message>
    <message>
      <source>here: real hardware</source>
      <translation>here: real hardware</translation>
    </message>
    <message>
      <source>Virtual machine (VM)</source>
      <translation>Virtual machine (VM)</translation>
    </message>
    <message>
      <source>Guest OS userland</source>
      <translation>Guest OS userland</translation>
    </message>
    <message>
      <source>here: this machine's userland</source>
      <translation>here: this machine's userland</translation>
    </message>
    <message>
      <source>a guest's own userland</source>
      <translation>a guest's own userland</translation>
    </message>
    <message>
      <source>Guest Linux kernel (independent)</source>
      <translation>Guest Linux kernel (independent)</translation>
    </message>
    <message>
      <source>its own kernel</source>
      <translation>its own kernel</translation>
    </message>
    <message>
      <source>Virtual hardware (vCPU/vRAM/vDisk/vNIC)</source>
      <translation>Virtual hardware (vCPU/vRAM/vDisk/vNIC)</translation>
    </message>
    <message>
      <source>here: %1 vCPUs, %2</source>
      <translation>here: %1 vCPUs, %2</translation>
    </message>
    <message>
      <source>Host OS / kernel</source>
      <translation>Host OS / kernel</translation>
    </message>
    <message>
      <source>hidden from us</source>
      <translation>hidden from us</translation>
    </message>
    <message>
      <source>This machine is both at once: a guest kernel on a hypervisor (right), and the shared kernel for its own containers (left). Red outline: live layer.</source>
      <translation>This machine is both at once: a guest kernel on a hypervisor (right), and the shared kernel for its own containers (left). Red outline: live layer.</translation>
    </message>
    <message>
      <source>macOS: Docker Desktop and Multipass</source>
      <translation>macOS: Docker Desktop and Multipass</translation>
    </message>
    <message>
      <source>Linux VM (hidden, managed by Docker Desktop)</source>
      <translation>Linux VM (hidden, managed by Docker Desktop)</translation>
    </message>
    <message>
      <source>Multipass Ubuntu VM</source>
      <translation>Multipass Ubuntu VM</translation>
    </message>
    <message numerus="yes">
      <source>here: %n container(s)</source>
      <translation>
        <numerusform>here: %n container</numerusform>
        <numerusform>here: %n containers</numerusform>
      </translation>
    </message>
    <message>
      <source>(optional) Docker / TiNET</source>
      <translation>(optional) Docker / TiNET</translation>
    </message>
    <message>
      <source>Docker Engine (containerd …)</source>
      <translation>Docker Engine (containerd …)</translation>
    </message>
    <message>
      <source>here: runc</source>
      <translation>here: runc</translation>
    </message>
    <message>
      <source>Ubuntu userland + systemd</source>
      <translation>Ubuntu userland + systemd</translation>
    </message>
    <message>
      <source>Hypervisor (hosted)</source>
      <translation>Hypervisor (hosted)</translation>
    </message>
    <message>
      <source>Apple Hypervisor / Virtualization framework (or QEMU); here: %1</source>
      <translation>Apple Hypervisor / Virtualization framework (or QEMU); here: %1</translation>
    </message>
    <message>
      <source>macOS kernel (XNU)</source>
      <translation>macOS kernel (XNU)</translation>
    </message>
    <message>
      <source>not Linux: no namespaces or cgroups</source>
      <translation>not Linux: no namespaces or cgroups</translation>
    </message>
    <message>
      <source>Mac hardware (Apple Silicon / Intel)</source>
      <translation>Mac hardware (Apple Silicon / Intel)</translation>
    </message>
    <message>
      <source>Linux containers need a Linux kernel, so on a Mac they run inside a Linux VM. This machine is in the same place as that hidden VM: a Linux kernel on a hypervisor (red outline).</source>
      <translation>Linux containers need a Linux kernel, so on a Mac they run inside a Linux VM. This machine is in the same place as that hidden VM: a Linux kernel on a hypervisor (red outline).</translation>
    </message>
    <message>
      <source>Amazon EKS node</source>
      <translation>Amazon EKS node</translation>
    </message>
    <message>
      <source>Where does an EKS container run?</source>
      <translation>Where does an EKS container run?</translation>
    </message>
    <message>
      <source>containerd / Docker</source>
      <translation>containerd / Docker</translation>
    </message>
    <message>
      <source>here: runc (the runtime below containerd)</source>
      <translation>here: runc (the runtime below containerd)</translation>
    </message>
    <message>
      <source>Linux OS (Amazon Linux / Bottlerocket / Ubuntu)</source>
      <translation>Linux OS (Amazon Linux / Bottlerocket / Ubuntu)</translation>
    </message>
    <message>
      <source>EC2 instance (a VM)</source>
      <translation>EC2 instance (a VM)</translation>
    </message>
    <message>
      <source>here: this machine, a VM on %1</source>
      <translation>here: this machine, a VM on %1</translation>
    </message>
    <message>
      <source>here: not a VM</source>
      <translation>here: not a VM</translation>
    </message>
    <message>
      <source>AWS's hardware (Nitro hypervisor)</source>
      <translation>AWS's hardware (Nitro hypervisor)</translation>
    </message>
    <message>
      <source>Answer from the notes</source>
      <translation>Answer from the notes</translation>
    </message>
    <message>
      <source>A container on EKS runs on a node: an EC2 instance (or Fargate). It uses that node's Linux kernel and its resources, limited by cgroups. The node itself is a VM, like this machine.</source>
      <translation>A container on EKS runs on a node: an EC2 instance (or Fargate). It uses that node's Linux kernel and its resources, limited by cgroups. The node itself is a VM, like this machine.</translation>
    </message>
    <message>
      <source>Layers</source>
      <translation>Layers</translation>
    </message>
    <message>
      <source>cgroup unknown (nsenter-lite gave none)</source>
      <translation>cgroup unknown (nsenter-lite gave none)</translation>
    </message>
    <message>
      <source>cgtop has not answered: no cgroup numbers</source>
      <translation>cgtop has not answered: no cgroup numbers</translation>
    </message>
    <message>
      <source>cgtop has no row for this cgroup</source>
      <translation>cgtop has no row for this cgroup</translation>
    </message>
    <message>
      <source>numbers of the nearest ancestor %1 (no cgtop row of its own)</source>
      <translation>numbers of the nearest ancestor %1 (no cgtop row of its own)</translation>
    </message>
    <message>
      <source>CPU n/a</source>
      <translation>CPU n/a</translation>
    </message>
    <message>
      <source>%1 (limit %2 CPU)</source>
      <translation>%1 (limit %2 CPU)</translation>
    </message>
    <message>
      <source>%1 (no limit)</source>
      <translation>%1 (no limit)</translation>
    </message>
    <message>
      <source>memory %1 of limit %2</source>
      <translation>memory %1 of limit %2</translation>
    </message>
    <message>
      <source>memory %1 (no limit)</source>
      <translation>memory %1 (no limit)</translation>
    </message>
    <message>
      <source>tasks %1 of max %2</source>
      <translation>tasks %1 of max %2</translation>
    </message>
    <message>
      <source>tasks %1 (no limit)</source>
      <translation>tasks %1 (no limit)</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::LectureSession</name>
    <message>
      <source>%1 — %2</source>
      <translation>%1 — %2</translation>
    </message>
    <message>
      <source>%1; no recording of this step to show instead</source>
      <translation>%1; no recording of this step to show instead</translation>
    </message>
    <message>
      <source>live %1 on %2</source>
      <translation>live %1 on %2</translation>
    </message>
    <message>
      <source>live run cancelled</source>
      <translation>live run cancelled</translation>
    </message>
    <message>
      <source>live: %1 (exit %2)</source>
      <translation>live: %1 (exit %2)</translation>
    </message>
    <message>
      <source>no recording of this step</source>
      <translation>no recording of this step</translation>
    </message>
    <message>
      <source>option %1=%2 does not apply to the %3 page</source>
      <translation>option %1=%2 does not apply to the %3 page</translation>
    </message>
    <message>
      <source>recorded %1 on %2 (kernel %3)</source>
      <translation>recorded %1 on %2 (kernel %3)</translation>
    </message>
    <message>
      <source>running the step&apos;s tools…</source>
      <translation>running the step&apos;s tools…</translation>
    </message>
    <message>
      <source>running: %1</source>
      <translation>running: %1</translation>
    </message>
    <message>
      <source>the page &quot;%1&quot; is not in this build of the explorer</source>
      <translation>the page &quot;%1&quot; is not in this build of the explorer</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::LectureWindow</name>
    <message>
      <source>Step %1/%2 · %3 (Esc cancels)</source>
      <translation>Step %1/%2 · %3 (Esc cancels)</translation>
    </message>
    <message>
      <source>Step %1/%2 · %3 · → ← Space PgUp PgDn, number + Enter, F2 steps, L language</source>
      <translation>Step %1/%2 · %3 · → ← Space PgUp PgDn, number + Enter, F2 steps, L language</translation>
    </message>
    <message>
      <source>Steps (F2)</source>
      <translation>Steps (F2)</translation>
    </message>
    <message>
      <source>no step %1 (1–%2)</source>
      <translation>no step %1 (1–%2)</translation>
    </message>
    <message>
      <source>virtlab lecture — %1</source>
      <translation>virtlab lecture — %1</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::MainWindow</name>
    <message>
      <source>Open replay</source>
      <translation>Open replay</translation>
    </message>
    <message>
      <source>Tool JSON (*.json *.jsonl);;All files (*)</source>
      <translation>Tool JSON (*.json *.jsonl);;All files (*)</translation>
    </message>
    <message>
      <source>translation not found: the build did not embed explorer_%1.qm</source>
      <translation>translation not found: the build did not embed explorer_%1.qm</translation>
    </message>
    <message>
      <source>virtlab explorer</source>
      <translation>virtlab explorer</translation>
    </message>
    <message>
      <source>Tools</source>
      <translation>Tools</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Run the tools again (F5)</source>
      <translation>Run the tools again (F5)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Stop the running tool (Esc)</source>
      <translation>Stop the running tool (Esc)</translation>
    </message>
    <message>
      <source>Open replay…</source>
      <translation>Open replay…</translation>
    </message>
    <message>
      <source>Open saved tool JSON or JSON Lines</source>
      <translation>Open saved tool JSON or JSON Lines</translation>
    </message>
    <message>
      <source>Save JSON…</source>
      <translation>Save JSON…</translation>
    </message>
    <message>
      <source>Save the data on screen as replayable JSON</source>
      <translation>Save the data on screen as replayable JSON</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>Export…</translation>
    </message>
    <message>
      <source>Export the view as PNG or SVG at the chosen size</source>
      <translation>Export the view as PNG or SVG at the chosen size</translation>
    </message>
    <message>
      <source>Zoom in</source>
      <translation>Zoom in</translation>
    </message>
    <message>
      <source>Zoom in (Ctrl+wheel)</source>
      <translation>Zoom in (Ctrl+wheel)</translation>
    </message>
    <message>
      <source>Zoom out</source>
      <translation>Zoom out</translation>
    </message>
    <message>
      <source>Zoom out (Ctrl+wheel)</source>
      <translation>Zoom out (Ctrl+wheel)</translation>
    </message>
    <message>
      <source>Fit</source>
      <translation>Fit</translation>
    </message>
    <message>
      <source>Fit the whole picture</source>
      <translation>Fit the whole picture</translation>
    </message>
    <message>
      <source>A+</source>
      <translation>A+</translation>
    </message>
    <message>
      <source>Larger presentation font</source>
      <translation>Larger presentation font</translation>
    </message>
    <message>
      <source>A−</source>
      <translation>A−</translation>
    </message>
    <message>
      <source>Smaller presentation font</source>
      <translation>Smaller presentation font</translation>
    </message>
    <message>
      <source>no page called %1</source>
      <translation>no page called %1</translation>
    </message>
    <message>
      <source>replayed what was readable; %1</source>
      <translation>replayed what was readable; %1</translation>
    </message>
    <message numerus="yes">
      <source>replaying %1 (%n document(s))</source>
      <translation>
        <numerusform>replaying %1 (%n document)</numerusform>
        <numerusform>replaying %1 (%n documents)</numerusform>
      </translation>
    </message>
    <message>
      <source>Save JSON</source>
      <translation>Save JSON</translation>
    </message>
    <message>
      <source>Tool JSON (*.json *.jsonl)</source>
      <translation>Tool JSON (*.json *.jsonl)</translation>
    </message>
    <message>
      <source>saved %1: open it with File ▸ Open replay or explorer --replay</source>
      <translation>saved %1: open it with File ▸ Open replay or explorer --replay</translation>
    </message>
    <message>
      <source>Export picture</source>
      <translation>Export picture</translation>
    </message>
    <message>
      <source>PNG image (*.png);;SVG drawing (*.svg)</source>
      <translation>PNG image (*.png);;SVG drawing (*.svg)</translation>
    </message>
    <message>
      <source>exported %1</source>
      <translation>exported %1</translation>
    </message>
    <message>
      <source>presentation font: %1 pt</source>
      <translation>presentation font: %1 pt</translation>
    </message>
    <message>
      <source>virtlab explorer — %1</source>
      <translation>virtlab explorer — %1</translation>
    </message>
    <message>
      <source>&amp;Lecture</source>
      <translation>&amp;Lecture</translation>
    </message>
    <message>
      <source>Open walkthrough</source>
      <translation>Open walkthrough</translation>
    </message>
    <message>
      <source>Open walkthrough…</source>
      <translation>Open walkthrough…</translation>
    </message>
    <message>
      <source>Present a lecture walkthrough (lectures/*.json) step by step</source>
      <translation>Present a lecture walkthrough (lectures/*.json) step by step</translation>
    </message>
    <message>
      <source>Walkthrough (*.json)</source>
      <translation>Walkthrough (*.json)</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::MemoryPage</name>
    <message>
      <source>no pagewalk summary, walk or demo document in this file</source>
      <translation>no pagewalk summary, walk or demo document in this file</translation>
    </message>
    <message>
      <source>Process:</source>
      <translation>Process:</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>Show</translation>
    </message>
    <message>
      <source>Address:</source>
      <translation>Address:</translation>
    </message>
    <message>
      <source>Walk</source>
      <translation>Walk</translation>
    </message>
    <message>
      <source>not an address: %1 (write it as 0x7ffd1234)</source>
      <translation>not an address: %1 (write it as 0x7ffd1234)</translation>
    </message>
    <message>
      <source>Demo:</source>
      <translation>Demo:</translation>
    </message>
    <message>
      <source>Run demo</source>
      <translation>Run demo</translation>
    </message>
    <message>
      <source>Memory of process %1 (%2)</source>
      <translation>Memory of process %1 (%2)</translation>
    </message>
    <message>
      <source>Memory: virtual pages → page tables → physical frames</source>
      <translation>Memory: virtual pages → page tables → physical frames</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>No data yet</translation>
    </message>
    <message>
      <source>Press Refresh to run pagewalk on process %1, pick a demo, or open a saved replay.</source>
      <translation>Press Refresh to run pagewalk on process %1, pick a demo, or open a saved replay.</translation>
    </message>
    <message>
      <source>Page walk</source>
      <translation>Page walk</translation>
    </message>
    <message>
      <source>Click a VMA on the left to walk its first page through the page tables (or type an address above).</source>
      <translation>Click a VMA on the left to walk its first page through the page tables (or type an address above).</translation>
    </message>
    <message>
      <source>%1 · %2 VMAs · resident %3 · swapped %4 · minor faults %5, major %6</source>
      <translation>%1 · %2 VMAs · resident %3 · swapped %4 · minor faults %5, major %6</translation>
    </message>
    <message>
      <source>anonymous, in RAM</source>
      <translation>anonymous, in RAM</translation>
    </message>
    <message>
      <source>file / shared, in RAM</source>
      <translation>file / shared, in RAM</translation>
    </message>
    <message>
      <source>swapped out</source>
      <translation>swapped out</translation>
    </message>
    <message>
      <source>not present (never touched or dropped)</source>
      <translation>not present (never touched or dropped)</translation>
    </message>
    <message>
      <source>… %1 more VMAs (save the JSON to see them all)</source>
      <translation>… %1 more VMAs (save the JSON to see them all)</translation>
    </message>
    <message>
      <source>%1 pages: %2 anonymous, %3 file/shared in RAM, %4 swapped, %5 not present — click to walk</source>
      <translation>%1 pages: %2 anonymous, %3 file/shared in RAM, %4 swapped, %5 not present — click to walk</translation>
    </message>
    <message>
      <source>note: %1</source>
      <translation>note: %1</translation>
    </message>
    <message>
      <source>Page walk of %1 in process %2</source>
      <translation>Page walk of %1 in process %2</translation>
    </message>
    <message>
      <source>%1 · VMA %2-%3 %4 %5</source>
      <translation>%1 · VMA %2-%3 %4 %5</translation>
    </message>
    <message>
      <source>bits %1-%2</source>
      <translation>bits %1-%2</translation>
    </message>
    <message>
      <source>= %1</source>
      <translation>= %1</translation>
    </message>
    <message>
      <source>CR3 (this process's top-level table)</source>
      <translation>CR3 (this process's top-level table)</translation>
    </message>
    <message>
      <source>%1 table, entry %2</source>
      <translation>%1 table, entry %2</translation>
    </message>
    <message>
      <source>PFN %1 (%2) → physical address %3</source>
      <translation>PFN %1 (%2) → physical address %3</translation>
    </message>
    <message>
      <source>frame flags: %1</source>
      <translation>frame flags: %1</translation>
    </message>
    <message numerus="yes">
      <source>mapped %n time(s) (kpagecount)</source>
      <translation>
        <numerusform>mapped %n time (kpagecount)</numerusform>
        <numerusform>mapped %n times (kpagecount)</numerusform>
      </translation>
    </message>
    <message>
      <source>charged to memory cgroup %1</source>
      <translation>charged to memory cgroup %1</translation>
    </message>
    <message>
      <source>present in RAM, but the PFN is hidden: pagemap shows PFNs only to root</source>
      <translation>present in RAM, but the PFN is hidden: pagemap shows PFNs only to root</translation>
    </message>
    <message>
      <source>not in RAM: swapped out (the entry holds the swap location)</source>
      <translation>not in RAM: swapped out (the entry holds the swap location)</translation>
    </message>
    <message>
      <source>not present: never touched, or dropped — the next access is a page fault</source>
      <translation>not present: never touched, or dropped — the next access is a page fault</translation>
    </message>
    <message>
      <source>Physical frame</source>
      <translation>Physical frame</translation>
    </message>
    <message>
      <source>No frame</source>
      <translation>No frame</translation>
    </message>
    <message>
      <source>pagemap entry %1</source>
      <translation>pagemap entry %1</translation>
    </message>
    <message>
      <source>Upper-level entry values live in kernel memory; pagemap reports the walk's result for the page.</source>
      <translation>Upper-level entry values live in kernel memory; pagemap reports the walk's result for the page.</translation>
    </message>
    <message>
      <source>Demo: %1</source>
      <translation>Demo: %1</translation>
    </message>
    <message>
      <source>Not shown on this machine</source>
      <translation>Not shown on this machine</translation>
    </message>
    <message>
      <source>present, PFN %1</source>
      <translation>present, PFN %1</translation>
    </message>
    <message>
      <source>hidden</source>
      <translation>hidden</translation>
    </message>
    <message>
      <source>swapped</source>
      <translation>swapped</translation>
    </message>
    <message>
      <source>not present</source>
      <translation>not present</translation>
    </message>
    <message>
      <source>%1 %2</source>
      <translation>%1 %2</translation>
    </message>
    <message>
      <source>exclusive</source>
      <translation>exclusive</translation>
    </message>
    <message>
      <source>What this shows</source>
      <translation>What this shows</translation>
    </message>
    <message>
      <source>Memory</source>
      <translation>Memory</translation>
    </message>
    <message>
      <source>The frame in physical memory</source>
      <translation>The frame in physical memory</translation>
    </message>
    <message>
      <source>PFN %1 = %2</source>
      <translation>PFN %1 = %2</translation>
    </message>
    <message>
      <source>Physical address space from 0; shaded: the %1 of RAM this machine has (MemTotal, from vmctl info). The frame is at %2 (%3 % of the way). Frames above MemTotal are normal: firmware and the PCI hole below 4 GiB push part of RAM to higher addresses.</source>
      <translation>Physical address space from 0; shaded: the %1 of RAM this machine has (MemTotal, from vmctl info). The frame is at %2 (%3 % of the way). Frames above MemTotal are normal: firmware and the PCI hole below 4 GiB push part of RAM to higher addresses.</translation>
    </message>
    <message>
      <source>Physical address space from 0 to just past the frame (%1). Open or run vmctl info to draw it against this machine's RAM.</source>
      <translation>Physical address space from 0 to just past the frame (%1). Open or run vmctl info to draw it against this machine's RAM.</translation>
    </message>
    <message>
      <source>one of %1 entries; each covers %2 of the address space</source>
      <translation>one of %1 entries; each covers %2 of the address space</translation>
    </message>
    <message>
      <source>(bit meanings: pagewalk's output, English)</source>
      <translation>(bit meanings: pagewalk's output, English)</translation>
    </message>
    <message>
      <source>Frames of the VMA</source>
      <translation>Frames of the VMA</translation>
    </message>
    <message>
      <source>pagewalk --list: which physical frame backs each page of the walked address's VMA</source>
      <translation>pagewalk --list: which physical frame backs each page of the walked address's VMA</translation>
    </message>
    <message>
      <source>walk an address first: its VMA is the range that gets listed</source>
      <translation>walk an address first: its VMA is the range that gets listed</translation>
    </message>
    <message numerus="yes">
      <source>Frames behind %1-%2 of process %3 %4 (pagewalk --list): %n page(s)</source>
      <translation>
        <numerusform>Frames behind %1-%2 of process %3 %4 (pagewalk --list): %n page</numerusform>
        <numerusform>Frames behind %1-%2 of process %3 %4 (pagewalk --list): %n pages</numerusform>
      </translation>
    </message>
    <message>
      <source>virtual: %1 … %2</source>
      <translation>virtual: %1 … %2</translation>
    </message>
    <message>
      <source>physical: 0 … %1 (MemTotal from vmctl info)</source>
      <translation>physical: 0 … %1 (MemTotal from vmctl info)</translation>
    </message>
    <message>
      <source>physical: 0 … %1 (the highest frame listed; MemTotal unknown)</source>
      <translation>physical: 0 … %1 (the highest frame listed; MemTotal unknown)</translation>
    </message>
    <message>
      <source>%1 of %2 runs are present; %3 of those are a single page: consecutive virtual pages get frames from wherever the allocator had free ones, so the page table is what makes the range look contiguous.</source>
      <translation>%1 of %2 runs are present; %3 of those are a single page: consecutive virtual pages get frames from wherever the allocator had free ones, so the page table is what makes the range look contiguous.</translation>
    </message>
    <message>
      <source>PFN %1 (physical %2)</source>
      <translation>PFN %1 (physical %2)</translation>
    </message>
    <message numerus="yes">
      <source>%1-%2  %n page(s)  →  %3</source>
      <translation>
        <numerusform>%1-%2  %n page  →  %3</numerusform>
        <numerusform>%1-%2  %n pages  →  %3</numerusform>
      </translation>
    </message>
    <message>
      <source>… %1 more runs</source>
      <translation>… %1 more runs</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::NamespacesPage</name>
    <message>
      <source>Namespaces: who sees which world</source>
      <translation>Namespaces: who sees which world</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>No data yet</translation>
    </message>
    <message>
      <source>Press Refresh to run nsenter-lite ls, or open a saved replay.</source>
      <translation>Press Refresh to run nsenter-lite ls, or open a saved replay.</translation>
    </message>
    <message>
      <source>%1 namespaces on %2. The host's are PID 1's (green); every other namespace isolates something. Containers (teal, red outline) are processes with their own pid namespace or several own kinds: %3 found.</source>
      <translation>%1 namespaces on %2. The host's are PID 1's (green); every other namespace isolates something. Containers (teal, red outline) are processes with their own pid namespace or several own kinds: %3 found.</translation>
    </message>
    <message numerus="yes">
      <source>%n process(es) could not be read (permission denied): their namespaces are missing.</source>
      <translation>
        <numerusform>%n process could not be read (permission denied): its namespaces are missing.</numerusform>
        <numerusform>%n processes could not be read (permission denied): their namespaces are missing.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n process(es), pid %1</source>
      <translation>
        <numerusform>%n process, pid %1</numerusform>
        <numerusform>%n processes, pid %1</numerusform>
      </translation>
    </message>
    <message>
      <source>held by %1: %2</source>
      <translation>held by %1: %2</translation>
    </message>
    <message>
      <source> host</source>
      <translation> host</translation>
    </message>
    <message>
      <source>… %1 more %2 namespaces</source>
      <translation>… %1 more %2 namespaces</translation>
    </message>
    <message>
      <source>Processes grouped by their own (non-host) namespaces</source>
      <translation>Processes grouped by their own (non-host) namespaces</translation>
    </message>
    <message>
      <source>Container: %1</source>
      <translation>Container: %1</translation>
    </message>
    <message>
      <source>Sandboxed: %1</source>
      <translation>Sandboxed: %1</translation>
    </message>
    <message>
      <source>own: %1</source>
      <translation>own: %1</translation>
    </message>
    <message>
      <source>pids %1</source>
      <translation>pids %1</translation>
    </message>
    <message>
      <source>every process shares all of PID 1's namespaces: no sandbox, no container</source>
      <translation>every process shares all of PID 1's namespaces: no sandbox, no container</translation>
    </message>
    <message>
      <source>User namespace ownership (who may administer what)</source>
      <translation>User namespace ownership (who may administer what)</translation>
    </message>
    <message numerus="yes">
      <source>user:[%1] uid %2 (%3) owns %n namespace(s) — first process %4 %5</source>
      <translation>
        <numerusform>user:[%1] uid %2 (%3) owns %n namespace — first process %4 %5</numerusform>
        <numerusform>user:[%1] uid %2 (%3) owns %n namespaces — first process %4 %5</numerusform>
      </translation>
    </message>
    <message>
      <source>Namespaces</source>
      <translation>Namespaces</translation>
    </message>
    <message>
      <source>no nsenter-lite ls or net switch document in this file</source>
      <translation>no nsenter-lite ls or net switch document in this file</translation>
    </message>
    <message>
      <source>Virtual switch:</source>
      <translation>Virtual switch:</translation>
    </message>
    <message>
      <source> hosts</source>
      <translation> hosts</translation>
    </message>
    <message>
      <source>Build switch</source>
      <translation>Build switch</translation>
    </message>
    <message>
      <source>Ping</source>
      <translation>Ping</translation>
    </message>
    <message>
      <source>Remove switch</source>
      <translation>Remove switch</translation>
    </message>
    <message>
      <source>Virtual switch: the notes' bridge, hosts and MAC learning table</source>
      <translation>Virtual switch: the notes' bridge, hosts and MAC learning table</translation>
    </message>
    <message>
      <source>No virtual switch on this machine</source>
      <translation>No virtual switch on this machine</translation>
    </message>
    <message>
      <source>Build one with the "Build switch" button (as root), or run it yourself and open the output as a replay:
  sudo %1 --json &gt; switch.json
Remove it afterwards with: sudo nsenter-lite net down</source>
      <translation>Build one with the "Build switch" button (as root), or run it yourself and open the output as a replay:
  sudo %1 --json &gt; switch.json
Remove it afterwards with: sudo nsenter-lite net down</translation>
    </message>
    <message>
      <source>Host-only mode: the bridge itself has an address, so the host machine is on the switch too.</source>
      <translation>Host-only mode: the bridge itself has an address, so the host machine is on the switch too.</translation>
    </message>
    <message>
      <source>Bridge mode: a pure layer-2 switch. No uplink NIC is enslaved, so no frame leaves this machine.</source>
      <translation>Bridge mode: a pure layer-2 switch. No uplink NIC is enslaved, so no frame leaves this machine.</translation>
    </message>
    <message>
      <source>Each host is a network namespace with one end of a veth pair as its NIC; the other end is a port of the bridge. The bridge learns the source MAC of every frame that arrives on a port; a frame for an unknown MAC is flooded to every port.</source>
      <translation>Each host is a network namespace with one end of a veth pair as its NIC; the other end is a port of the bridge. The bridge learns the source MAC of every frame that arrives on a port; a frame for an unknown MAC is flooded to every port.</translation>
    </message>
    <message>
      <source>Bridge %1 (the switch)</source>
      <translation>Bridge %1 (the switch)</translation>
    </message>
    <message numerus="yes">
      <source>a Linux bridge in the host's network namespace · %n port(s)</source>
      <translation>
        <numerusform>a Linux bridge in the host's network namespace · %n port</numerusform>
        <numerusform>a Linux bridge in the host's network namespace · %n ports</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n MAC address(es) learned</source>
      <translation>
        <numerusform>%n MAC address learned</numerusform>
        <numerusform>%n MAC addresses learned</numerusform>
      </translation>
    </message>
    <message>
      <source>port %1</source>
      <translation>port %1</translation>
    </message>
    <message>
      <source>ifindex %1</source>
      <translation>ifindex %1</translation>
    </message>
    <message>
      <source>no MAC learned here</source>
      <translation>no MAC learned here</translation>
    </message>
    <message>
      <source>learned %1</source>
      <translation>learned %1</translation>
    </message>
    <message>
      <source>veth pair</source>
      <translation>veth pair</translation>
    </message>
    <message>
      <source>MAC learning table (FDB of %1)</source>
      <translation>MAC learning table (FDB of %1)</translation>
    </message>
    <message>
      <source>read with RTM_GETNEIGH (AF_BRIDGE) · table %1 · %2</source>
      <translation>read with RTM_GETNEIGH (AF_BRIDGE) · table %1 · %2</translation>
    </message>
    <message>
      <source>MAC</source>
      <translation>MAC</translation>
    </message>
    <message>
      <source>port</source>
      <translation>port</translation>
    </message>
    <message>
      <source>host</source>
      <translation>host</translation>
    </message>
    <message>
      <source>kind</source>
      <translation>kind</translation>
    </message>
    <message>
      <source>VLAN</source>
      <translation>VLAN</translation>
    </message>
    <message>
      <source>learned</source>
      <translation>learned</translation>
    </message>
    <message>
      <source>static</source>
      <translation>static</translation>
    </message>
    <message>
      <source>%1 (new)</source>
      <translation>%1 (new)</translation>
    </message>
    <message>
      <source>(empty: no frame has crossed the switch yet; ping between two hosts)</source>
      <translation>(empty: no frame has crossed the switch yet; ping between two hosts)</translation>
    </message>
    <message numerus="yes">
      <source>%n local entry(ies) — the ports' own MACs — not listed. The kernel forgets a learned entry after the bridge's ageing time (300 s by default) without frames from that MAC.</source>
      <translation>
        <numerusform>%n local entry — the ports' own MACs — not listed. The kernel forgets a learned entry after the bridge's ageing time (300 s by default) without frames from that MAC.</numerusform>
        <numerusform>%n local entries — the ports' own MACs — not listed. The kernel forgets a learned entry after the bridge's ageing time (300 s by default) without frames from that MAC.</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 → %2: reply in %3 ms</source>
      <translation>%1 → %2: reply in %3 ms</translation>
    </message>
    <message>
      <source>%1 → %2: no reply (nsenter-lite said: %3)</source>
      <translation>%1 → %2: no reply (nsenter-lite said: %3)</translation>
    </message>
    <message>
      <source>The switch stays up after the command: remove it with "Remove switch" or sudo nsenter-lite net down.</source>
      <translation>The switch stays up after the command: remove it with "Remove switch" or sudo nsenter-lite net down.</translation>
    </message>
    <message>
      <source>VLAN filtering is on: a frame only reaches ports of its own VLAN.</source>
      <translation>VLAN filtering is on: a frame only reaches ports of its own VLAN.</translation>
    </message>
    <message>
      <source>access VLAN %1</source>
      <translation>access VLAN %1</translation>
    </message>
    <message>
      <source> — unexpected: the hosts are in different VLANs</source>
      <translation> — unexpected: the hosts are in different VLANs</translation>
    </message>
    <message>
      <source> — as expected: different VLANs</source>
      <translation> — as expected: different VLANs</translation>
    </message>
    <message>
      <source>a network namespace</source>
      <translation>a network namespace</translation>
    </message>
    <message>
      <source>host %1</source>
      <translation>host %1</translation>
    </message>
    <message numerus="yes">
      <source>%n process(es) could not be read (they exited while nsenter-lite listed them, or the kernel refused): their namespaces are missing.</source>
      <translation>
        <numerusform>%n process could not be read (they exited while nsenter-lite listed them, or the kernel refused): their namespaces are missing.</numerusform>
        <numerusform>%n processes could not be read (they exited while nsenter-lite listed them, or the kernel refused): their namespaces are missing.</numerusform>
      </translation>
    </message>
    <message>
      <source>Pings (nsenter-lite net switch / net ping: ICMP echo sent from inside the first host named)</source>
      <translation>Pings (nsenter-lite net switch / net ping: ICMP echo sent from inside the first host named)</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::NotesPage</name>
    <message>
      <source>Diagram:</source>
      <translation>Diagram:</translation>
    </message>
    <message>
      <source>no pagewalk, vmctl, nsenter-lite, cgtop or testvm document in this file</source>
      <translation>no pagewalk, vmctl, nsenter-lite, cgtop or testvm document in this file</translation>
    </message>
    <message>
      <source>—</source>
      <translation>—</translation>
    </message>
    <message>
      <source>%1: not measured here (%2 would give it)</source>
      <translation>%1: not measured here (%2 would give it)</translation>
    </message>
    <message>
      <source>%1: not measured here — %2</source>
      <translation>%1: not measured here — %2</translation>
    </message>
    <message>
      <source>From the notes: %1. Numbers: this machine&apos;s tool output.</source>
      <translation>From the notes: %1. Numbers: this machine&apos;s tool output.</translation>
    </message>
    <message>
      <source>Not measured on this machine (shown as —)</source>
      <translation>Not measured on this machine (shown as —)</translation>
    </message>
    <message>
      <source>Notes&apos; diagrams</source>
      <translation>Notes&apos; diagrams</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>No data yet</translation>
    </message>
    <message>
      <source>Press Refresh to run the tools that feed this diagram, or open a replay.</source>
      <translation>Press Refresh to run the tools that feed this diagram, or open a replay.</translation>
    </message>
    <message>
      <source>Virtual disk files</source>
      <translation>Virtual disk files</translation>
    </message>
    <message>
      <source>Notes: a VMware VM on a Windows host</source>
      <translation>Notes: a VMware VM on a Windows host</translation>
    </message>
    <message>
      <source>Here: the test VM (QEMU) on this Linux host</source>
      <translation>Here: the test VM (QEMU) on this Linux host</translation>
    </message>
    <message>
      <source>D:\VMs\Linux\</source>
      <translation>D:\VMs\Linux\</translation>
    </message>
    <message>
      <source>the VM&apos;s folder</source>
      <translation>the VM&apos;s folder</translation>
    </message>
    <message>
      <source>testvm&apos;s cache directory</source>
      <translation>testvm&apos;s cache directory</translation>
    </message>
    <message>
      <source>Linux.vmx</source>
      <translation>Linux.vmx</translation>
    </message>
    <message>
      <source>VM settings</source>
      <translation>VM settings</translation>
    </message>
    <message>
      <source>the QEMU command line</source>
      <translation>the QEMU command line</translation>
    </message>
    <message numerus="yes">
      <source>%n argument(s); memory -m %1 MiB</source>
      <translation>
        <numerusform>%n argument; memory -m %1 MiB</numerusform>
        <numerusform>%n arguments; memory -m %1 MiB</numerusform>
      </translation>
    </message>
    <message>
      <source>the VM&apos;s settings</source>
      <translation>the VM&apos;s settings</translation>
    </message>
    <message>
      <source>Linux.vmdk</source>
      <translation>Linux.vmdk</translation>
    </message>
    <message>
      <source>virtual disk</source>
      <translation>virtual disk</translation>
    </message>
    <message>
      <source>kernel + initramfs (no disk image)</source>
      <translation>kernel + initramfs (no disk image)</translation>
    </message>
    <message>
      <source>the kernel file</source>
      <translation>the kernel file</translation>
    </message>
    <message>
      <source>kernel %1 (%2)</source>
      <translation>kernel %1 (%2)</translation>
    </message>
    <message>
      <source>the initramfs</source>
      <translation>the initramfs</translation>
    </message>
    <message>
      <source>initramfs %1, %2</source>
      <translation>initramfs %1, %2</translation>
    </message>
    <message>
      <source>its size</source>
      <translation>its size</translation>
    </message>
    <message>
      <source>Linux.nvram</source>
      <translation>Linux.nvram</translation>
    </message>
    <message>
      <source>BIOS settings</source>
      <translation>BIOS settings</translation>
    </message>
    <message>
      <source>none: QEMU boots the kernel directly (-kernel)</source>
      <translation>none: QEMU boots the kernel directly (-kernel)</translation>
    </message>
    <message>
      <source>Linux.log</source>
      <translation>Linux.log</translation>
    </message>
    <message>
      <source>log file</source>
      <translation>log file</translation>
    </message>
    <message>
      <source>the serial console file</source>
      <translation>the serial console file</translation>
    </message>
    <message>
      <source>the console log</source>
      <translation>the console log</translation>
    </message>
    <message>
      <source>Thick provisioned: the whole size allocated at once. Thin provisioned: only what is used.</source>
      <translation>Thick provisioned: the whole size allocated at once. Thin provisioned: only what is used.</translation>
    </message>
    <message>
      <source>thick vs thin provisioning</source>
      <translation>thick vs thin provisioning</translation>
    </message>
    <message>
      <source>the test VM has no disk image (it boots from an initramfs)</source>
      <translation>the test VM has no disk image (it boots from an initramfs)</translation>
    </message>
    <message>
      <source>Snapshots: original + deltas</source>
      <translation>Snapshots: original + deltas</translation>
    </message>
    <message>
      <source>Notes: VMDK snapshots</source>
      <translation>Notes: VMDK snapshots</translation>
    </message>
    <message>
      <source>Here: a container&apos;s overlay (the same idea, per file)</source>
      <translation>Here: a container&apos;s overlay (the same idea, per file)</translation>
    </message>
    <message>
      <source>%1 (one directory, no overlay)</source>
      <translation>%1 (one directory, no overlay)</translation>
    </message>
    <message>
      <source>Original VMDK (read-only)</source>
      <translation>Original VMDK (read-only)</translation>
    </message>
    <message>
      <source>the disk as it was</source>
      <translation>the disk as it was</translation>
    </message>
    <message>
      <source>Lower layer(s), read-only</source>
      <translation>Lower layer(s), read-only</translation>
    </message>
    <message>
      <source>the read-only layer</source>
      <translation>the read-only layer</translation>
    </message>
    <message>
      <source>Delta VMDK (only the changes)</source>
      <translation>Delta VMDK (only the changes)</translation>
    </message>
    <message>
      <source>every write lands here</source>
      <translation>every write lands here</translation>
    </message>
    <message>
      <source>Upper directory (the container&apos;s writes)</source>
      <translation>Upper directory (the container&apos;s writes)</translation>
    </message>
    <message>
      <source>the upper directory</source>
      <translation>the upper directory</translation>
    </message>
    <message>
      <source>written by: %1</source>
      <translation>written by: %1</translation>
    </message>
    <message>
      <source>Next snapshot: a new delta file</source>
      <translation>Next snapshot: a new delta file</translation>
    </message>
    <message>
      <source>chained on the previous one</source>
      <translation>chained on the previous one</translation>
    </message>
    <message>
      <source>another layer on top</source>
      <translation>another layer on top</translation>
    </message>
    <message>
      <source>not made here: one upper per container run</source>
      <translation>not made here: one upper per container run</translation>
    </message>
    <message>
      <source>Restore: throw the deltas away</source>
      <translation>Restore: throw the deltas away</translation>
    </message>
    <message>
      <source>back to the original</source>
      <translation>back to the original</translation>
    </message>
    <message>
      <source>Restore: remove the upper directory</source>
      <translation>Restore: remove the upper directory</translation>
    </message>
    <message>
      <source>here it was kept (--upper): the changes survive</source>
      <translation>here it was kept (--upper): the changes survive</translation>
    </message>
    <message>
      <source>here nsenter-lite removed it at exit</source>
      <translation>here nsenter-lite removed it at exit</translation>
    </message>
    <message>
      <source>the files in the upper directory</source>
      <translation>the files in the upper directory</translation>
    </message>
    <message>
      <source>nsenter-lite run --json names the directory, not its files</source>
      <translation>nsenter-lite run --json names the directory, not its files</translation>
    </message>
    <message>
      <source>a disk-level snapshot chain</source>
      <translation>a disk-level snapshot chain</translation>
    </message>
    <message>
      <source>no tool makes qcow2 backing files or VMDK deltas</source>
      <translation>no tool makes qcow2 backing files or VMDK deltas</translation>
    </message>
    <message>
      <source>The OS functions a container runtime provides</source>
      <translation>The OS functions a container runtime provides</translation>
    </message>
    <message>
      <source>the %1 namespace</source>
      <translation>the %1 namespace</translation>
    </message>
    <message>
      <source>1. Process management</source>
      <translation>1. Process management</translation>
    </message>
    <message>
      <source>PID namespace isolation: %1</source>
      <translation>PID namespace isolation: %1</translation>
    </message>
    <message>
      <source>container process: host pid %1, %2, exit %3</source>
      <translation>container process: host pid %1, %2, exit %3</translation>
    </message>
    <message>
      <source>the container process</source>
      <translation>the container process</translation>
    </message>
    <message>
      <source>2. Memory management</source>
      <translation>2. Memory management</translation>
    </message>
    <message>
      <source>cgroup: %1</source>
      <translation>cgroup: %1</translation>
    </message>
    <message>
      <source>none (no limit asked)</source>
      <translation>none (no limit asked)</translation>
    </message>
    <message>
      <source>the cgroup</source>
      <translation>the cgroup</translation>
    </message>
    <message>
      <source>limit and usage: %1</source>
      <translation>limit and usage: %1</translation>
    </message>
    <message>
      <source>the memory limit and usage</source>
      <translation>the memory limit and usage</translation>
    </message>
    <message>
      <source>nsenter-lite run --json names the cgroup only; cgtop&apos;s row for it has the numbers</source>
      <translation>nsenter-lite run --json names the cgroup only; cgtop&apos;s row for it has the numbers</translation>
    </message>
    <message>
      <source>3. File system</source>
      <translation>3. File system</translation>
    </message>
    <message>
      <source>mount namespace %1, %2</source>
      <translation>mount namespace %1, %2</translation>
    </message>
    <message>
      <source>root: %1</source>
      <translation>root: %1</translation>
    </message>
    <message>
      <source>union file system: not used (one root directory)</source>
      <translation>union file system: not used (one root directory)</translation>
    </message>
    <message numerus="yes">
      <source>union file system: overlay of %n layer(s)</source>
      <translation>
        <numerusform>union file system: overlay of %n layer</numerusform>
        <numerusform>union file system: overlay of %n layers</numerusform>
      </translation>
    </message>
    <message>
      <source>4. Network</source>
      <translation>4. Network</translation>
    </message>
    <message>
      <source>network namespace %1</source>
      <translation>network namespace %1</translation>
    </message>
    <message>
      <source>veth %1 (%2) ↔ %3 (%4)</source>
      <translation>veth %1 (%2) ↔ %3 (%4)</translation>
    </message>
    <message>
      <source>only lo (no veth asked)</source>
      <translation>only lo (no veth asked)</translation>
    </message>
    <message>
      <source>5. Security</source>
      <translation>5. Security</translation>
    </message>
    <message>
      <source>user namespace %1, rootless: %2</source>
      <translation>user namespace %1, rootless: %2</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>yes</translation>
    </message>
    <message>
      <source>no</source>
      <translation>no</translation>
    </message>
    <message numerus="yes">
      <source>%n capability(ies) kept</source>
      <translation>
        <numerusform>%n capability kept</numerusform>
        <numerusform>%n capabilities kept</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>seccomp %1: %n syscall(s) denied</source>
      <translation>
        <numerusform>seccomp %1: %n syscall denied</numerusform>
        <numerusform>seccomp %1: %n syscalls denied</numerusform>
      </translation>
    </message>
    <message>
      <source>Container runtime (Docker Engine; here: nsenter-lite run)</source>
      <translation>Container runtime (Docker Engine; here: nsenter-lite run)</translation>
    </message>
    <message>
      <source>Container structure: layers, and no kernel</source>
      <translation>Container structure: layers, and no kernel</translation>
    </message>
    <message>
      <source>Application layer</source>
      <translation>Application layer</translation>
    </message>
    <message>
      <source>here: %1 (%2)</source>
      <translation>here: %1 (%2)</translation>
    </message>
    <message>
      <source>the application</source>
      <translation>the application</translation>
    </message>
    <message>
      <source>Writable layer (the container&apos;s changes)</source>
      <translation>Writable layer (the container&apos;s changes)</translation>
    </message>
    <message>
      <source>none: the root directory is used directly</source>
      <translation>none: the root directory is used directly</translation>
    </message>
    <message>
      <source>Read-only layer %1 (dependencies, base OS: /bin, /lib, /usr)</source>
      <translation>Read-only layer %1 (dependencies, base OS: /bin, /lib, /usr)</translation>
    </message>
    <message>
      <source>Base OS layer (/bin, /lib, /usr)</source>
      <translation>Base OS layer (/bin, /lib, /usr)</translation>
    </message>
    <message>
      <source>the layers</source>
      <translation>the layers</translation>
    </message>
    <message>
      <source>Container</source>
      <translation>Container</translation>
    </message>
    <message>
      <source>seen inside as / at %1 — but the kernel is not in it!</source>
      <translation>seen inside as / at %1 — but the kernel is not in it!</translation>
    </message>
    <message>
      <source>but the kernel is not in it!</source>
      <translation>but the kernel is not in it!</translation>
    </message>
    <message>
      <source>requests via the runtime</source>
      <translation>requests via the runtime</translation>
    </message>
    <message>
      <source>Host OS kernel</source>
      <translation>Host OS kernel</translation>
    </message>
    <message>
      <source>here: Linux %1 (shared with every container)</source>
      <translation>here: Linux %1 (shared with every container)</translation>
    </message>
    <message>
      <source>How the Docker Engine serves a container</source>
      <translation>How the Docker Engine serves a container</translation>
    </message>
    <message>
      <source>the container run</source>
      <translation>the container run</translation>
    </message>
    <message>
      <source>A file read</source>
      <translation>A file read</translation>
    </message>
    <message>
      <source>1. The program in the container asks to read a file</source>
      <translation>1. The program in the container asks to read a file</translation>
    </message>
    <message>
      <source>here: %1</source>
      <translation>here: %1</translation>
    </message>
    <message>
      <source>2. The engine checks the namespace</source>
      <translation>2. The engine checks the namespace</translation>
    </message>
    <message>
      <source>mount namespace mnt:[%1]</source>
      <translation>mount namespace mnt:[%1]</translation>
    </message>
    <message>
      <source>3. The path is mapped into the container&apos;s file system</source>
      <translation>3. The path is mapped into the container&apos;s file system</translation>
    </message>
    <message>
      <source>%1 → %2%1</source>
      <translation>%1 → %2%1</translation>
    </message>
    <message>
      <source>4. The host kernel does the real read</source>
      <translation>4. The host kernel does the real read</translation>
    </message>
    <message>
      <source>Linux %1</source>
      <translation>Linux %1</translation>
    </message>
    <message>
      <source>5. The result goes back to the container</source>
      <translation>5. The result goes back to the container</translation>
    </message>
    <message>
      <source>exit status %1</source>
      <translation>exit status %1</translation>
    </message>
    <message>
      <source>the veth pair</source>
      <translation>the veth pair</translation>
    </message>
    <message>
      <source>A network request</source>
      <translation>A network request</translation>
    </message>
    <message>
      <source>1. The container sends an HTTP request</source>
      <translation>1. The container sends an HTTP request</translation>
    </message>
    <message>
      <source>from %1 %2</source>
      <translation>from %1 %2</translation>
    </message>
    <message>
      <source>2. The engine routes it to a virtual interface</source>
      <translation>2. The engine routes it to a virtual interface</translation>
    </message>
    <message>
      <source>veth pair → host end %1 %2</source>
      <translation>veth pair → host end %1 %2</translation>
    </message>
    <message>
      <source>3. On to the host&apos;s physical interface</source>
      <translation>3. On to the host&apos;s physical interface</translation>
    </message>
    <message>
      <source>routing in the host kernel (no NAT set up here)</source>
      <translation>routing in the host kernel (no NAT set up here)</translation>
    </message>
    <message>
      <source>4. The reply comes back to the container</source>
      <translation>4. The reply comes back to the container</translation>
    </message>
    <message>
      <source>the same way back</source>
      <translation>the same way back</translation>
    </message>
    <message>
      <source>What the runtime really asked the kernel (nsenter-lite --explain, in order): %1</source>
      <translation>What the runtime really asked the kernel (nsenter-lite --explain, in order): %1</translation>
    </message>
    <message>
      <source>the runtime&apos;s system calls</source>
      <translation>the runtime&apos;s system calls</translation>
    </message>
    <message>
      <source>Docker daemon → runC → namespaces, cgroup → container</source>
      <translation>Docker daemon → runC → namespaces, cgroup → container</translation>
    </message>
    <message>
      <source>Docker daemon</source>
      <translation>Docker daemon</translation>
    </message>
    <message>
      <source>not run here</source>
      <translation>not run here</translation>
    </message>
    <message>
      <source>containerd</source>
      <translation>containerd</translation>
    </message>
    <message>
      <source>containerd-shim</source>
      <translation>containerd-shim</translation>
    </message>
    <message>
      <source>runC</source>
      <translation>runC</translation>
    </message>
    <message>
      <source>here: nsenter-lite run</source>
      <translation>here: nsenter-lite run</translation>
    </message>
    <message>
      <source>What runC does (nsenter-lite&apos;s steps, from --explain):</source>
      <translation>What runC does (nsenter-lite&apos;s steps, from --explain):</translation>
    </message>
    <message>
      <source>runC&apos;s steps</source>
      <translation>runC&apos;s steps</translation>
    </message>
    <message>
      <source>run %1: root switched with %2 to %3 (host pid %4)</source>
      <translation>run %1: root switched with %2 to %3 (host pid %4)</translation>
    </message>
    <message>
      <source>namespaces</source>
      <translation>namespaces</translation>
    </message>
    <message>
      <source>cgroup</source>
      <translation>cgroup</translation>
    </message>
    <message>
      <source>the container&apos;s cgroup</source>
      <translation>the container&apos;s cgroup</translation>
    </message>
    <message>
      <source>container</source>
      <translation>container</translation>
    </message>
    <message>
      <source>host pid %1, %2, exit %3</source>
      <translation>host pid %1, %2, exit %3</translation>
    </message>
    <message>
      <source>Docker, containerd and the shim</source>
      <translation>Docker, containerd and the shim</translation>
    </message>
    <message>
      <source>not installed or not run here: only the runC part is run (by nsenter-lite)</source>
      <translation>not installed or not run here: only the runC part is run (by nsenter-lite)</translation>
    </message>
    <message>
      <source>Performance: VM vs container</source>
      <translation>Performance: VM vs container</translation>
    </message>
    <message>
      <source>%1 (boot), %2 in all</source>
      <translation>%1 (boot), %2 in all</translation>
    </message>
    <message>
      <source>VM start time</source>
      <translation>VM start time</translation>
    </message>
    <message>
      <source>container start time</source>
      <translation>container start time</translation>
    </message>
    <message>
      <source>%1 MiB given to the guest</source>
      <translation>%1 MiB given to the guest</translation>
    </message>
    <message>
      <source>VM memory</source>
      <translation>VM memory</translation>
    </message>
    <message>
      <source>container memory</source>
      <translation>container memory</translation>
    </message>
    <message>
      <source>nsenter-lite run --json reports none; cgtop&apos;s row for its cgroup would</source>
      <translation>nsenter-lite run --json reports none; cgtop&apos;s row for its cgroup would</translation>
    </message>
    <message>
      <source>%1 initramfs (+ kernel)</source>
      <translation>%1 initramfs (+ kernel)</translation>
    </message>
    <message>
      <source>VM image size</source>
      <translation>VM image size</translation>
    </message>
    <message>
      <source>container image size</source>
      <translation>container image size</translation>
    </message>
    <message>
      <source>nsenter-lite run --json does not measure its rootfs</source>
      <translation>nsenter-lite run --json does not measure its rootfs</translation>
    </message>
    <message>
      <source>CPU overhead</source>
      <translation>CPU overhead</translation>
    </message>
    <message>
      <source>no benchmark of the same work in a VM and a container yet</source>
      <translation>no benchmark of the same work in a VM and a container yet</translation>
    </message>
    <message>
      <source>network throughput</source>
      <translation>network throughput</translation>
    </message>
    <message>
      <source>no virtlab tool measures it</source>
      <translation>no virtlab tool measures it</translation>
    </message>
    <message>
      <source>own kernel %1</source>
      <translation>own kernel %1</translation>
    </message>
    <message>
      <source>the VM&apos;s kernel</source>
      <translation>the VM&apos;s kernel</translation>
    </message>
    <message>
      <source>namespaces: %1; host kernel</source>
      <translation>namespaces: %1; host kernel</translation>
    </message>
    <message>
      <source>Start time</source>
      <translation>Start time</translation>
    </message>
    <message>
      <source>30 s to minutes</source>
      <translation>30 s to minutes</translation>
    </message>
    <message>
      <source>1–3 s</source>
      <translation>1–3 s</translation>
    </message>
    <message>
      <source>Memory use</source>
      <translation>Memory use</translation>
    </message>
    <message>
      <source>512 MB to GBs</source>
      <translation>512 MB to GBs</translation>
    </message>
    <message>
      <source>10–100 MB</source>
      <translation>10–100 MB</translation>
    </message>
    <message>
      <source>Disk size</source>
      <translation>Disk size</translation>
    </message>
    <message>
      <source>GBs</source>
      <translation>GBs</translation>
    </message>
    <message>
      <source>MBs</source>
      <translation>MBs</translation>
    </message>
    <message>
      <source>5–15%</source>
      <translation>5–15%</translation>
    </message>
    <message>
      <source>almost 0%</source>
      <translation>almost 0%</translation>
    </message>
    <message>
      <source>Network performance</source>
      <translation>Network performance</translation>
    </message>
    <message>
      <source>90–95%</source>
      <translation>90–95%</translation>
    </message>
    <message>
      <source>95–99%</source>
      <translation>95–99%</translation>
    </message>
    <message>
      <source>Isolation</source>
      <translation>Isolation</translation>
    </message>
    <message>
      <source>complete</source>
      <translation>complete</translation>
    </message>
    <message>
      <source>process-level</source>
      <translation>process-level</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Item</translation>
    </message>
    <message>
      <source>VM (notes)</source>
      <translation>VM (notes)</translation>
    </message>
    <message>
      <source>Container (notes)</source>
      <translation>Container (notes)</translation>
    </message>
    <message>
      <source>VM here (testvm)</source>
      <translation>VM here (testvm)</translation>
    </message>
    <message>
      <source>Container here (nsenter-lite)</source>
      <translation>Container here (nsenter-lite)</translation>
    </message>
    <message>
      <source>On this machine the container started %1× faster than the VM booted.</source>
      <translation>On this machine the container started %1× faster than the VM booted.</translation>
    </message>
    <message>
      <source>(the test VM runs under QEMU TCG, an emulator: a KVM-accelerated VM boots faster)</source>
      <translation>(the test VM runs under QEMU TCG, an emulator: a KVM-accelerated VM boots faster)</translation>
    </message>
    <message>
      <source>Physical server in the notes: 32 GB RAM, 16 cores. This machine: %1.</source>
      <translation>Physical server in the notes: 32 GB RAM, 16 cores. This machine: %1.</translation>
    </message>
    <message>
      <source>Why Kubernetes: the problems it solves</source>
      <translation>Why Kubernetes: the problems it solves</translation>
    </message>
    <message>
      <source>here: &quot;%1&quot; was killed by signal %2 after %3</source>
      <translation>here: &quot;%1&quot; was killed by signal %2 after %3</translation>
    </message>
    <message>
      <source>none</source>
      <translation>none</translation>
    </message>
    <message>
      <source>OOM kills: %1, at a memory peak of %2 (the limit)</source>
      <translation>OOM kills: %1, at a memory peak of %2 (the limit)</translation>
    </message>
    <message>
      <source>a container that died</source>
      <translation>a container that died</translation>
    </message>
    <message>
      <source>1. What if a container suddenly dies?</source>
      <translation>1. What if a container suddenly dies?</translation>
    </message>
    <message>
      <source>2. What if traffic grows and we must scale?</source>
      <translation>2. What if traffic grows and we must scale?</translation>
    </message>
    <message>
      <source>3. How to spread containers over many servers?</source>
      <translation>3. How to spread containers over many servers?</translation>
    </message>
    <message>
      <source>4. How do containers talk to each other?</source>
      <translation>4. How do containers talk to each other?</translation>
    </message>
    <message>
      <source>5. Where do settings and passwords live?</source>
      <translation>5. Where do settings and passwords live?</translation>
    </message>
    <message>
      <source>6. Load balancing and service discovery?</source>
      <translation>6. Load balancing and service discovery?</translation>
    </message>
    <message>
      <source>Self-healing: restart dead containers</source>
      <translation>Self-healing: restart dead containers</translation>
    </message>
    <message>
      <source>Auto-scaling by load</source>
      <translation>Auto-scaling by load</translation>
    </message>
    <message>
      <source>Scheduling onto the best server</source>
      <translation>Scheduling onto the best server</translation>
    </message>
    <message>
      <source>Service mesh: safe container traffic</source>
      <translation>Service mesh: safe container traffic</translation>
    </message>
    <message>
      <source>ConfigMap/Secret</source>
      <translation>ConfigMap/Secret</translation>
    </message>
    <message>
      <source>Service/Ingress: load balancing, routing</source>
      <translation>Service/Ingress: load balancing, routing</translation>
    </message>
    <message>
      <source>The problem</source>
      <translation>The problem</translation>
    </message>
    <message>
      <source>Kubernetes&apos; answer</source>
      <translation>Kubernetes&apos; answer</translation>
    </message>
    <message>
      <source>described, not shown here</source>
      <translation>described, not shown here</translation>
    </message>
    <message>
      <source>nothing restarted it: no orchestrator runs here</source>
      <translation>nothing restarted it: no orchestrator runs here</translation>
    </message>
    <message>
      <source>Containers running on this machine now (nsenter-lite ls): %1</source>
      <translation>Containers running on this machine now (nsenter-lite ls): %1</translation>
    </message>
    <message>
      <source>self-healing, scaling and scheduling</source>
      <translation>self-healing, scaling and scheduling</translation>
    </message>
    <message>
      <source>no orchestrator runs here</source>
      <translation>no orchestrator runs here</translation>
    </message>
    <message>
      <source>this machine&apos;s CPU and memory</source>
      <translation>this machine&apos;s CPU and memory</translation>
    </message>
    <message>
      <source>%1, %2 logical CPUs, %3 RAM</source>
      <translation>%1, %2 logical CPUs, %3 RAM</translation>
    </message>
    <message>
      <source>the hypervisor below</source>
      <translation>the hypervisor below</translation>
    </message>
    <message>
      <source>none: this machine is bare metal</source>
      <translation>none: this machine is bare metal</translation>
    </message>
    <message>
      <source>a hypervisor (vendor not reported)</source>
      <translation>a hypervisor (vendor not reported)</translation>
    </message>
    <message>
      <source> (CPUID &quot;%1&quot;)</source>
      <translation> (CPUID &quot;%1&quot;)</translation>
    </message>
    <message>
      <source>, DMI %1</source>
      <translation>, DMI %1</translation>
    </message>
    <message>
      <source>KVM on this machine</source>
      <translation>KVM on this machine</translation>
    </message>
    <message>
      <source>no /dev/kvm here: %1</source>
      <translation>no /dev/kvm here: %1</translation>
    </message>
    <message>
      <source>/dev/kvm, KVM API %1, modules %2</source>
      <translation>/dev/kvm, KVM API %1, modules %2</translation>
    </message>
    <message>
      <source>Hypervisor structure: three VMs</source>
      <translation>Hypervisor structure: three VMs</translation>
    </message>
    <message>
      <source>VM%1</source>
      <translation>VM%1</translation>
    </message>
    <message>
      <source>a VM&apos;s numbers</source>
      <translation>a VM&apos;s numbers</translation>
    </message>
    <message>
      <source>VM%1: guest &quot;%2&quot;</source>
      <translation>VM%1: guest &quot;%2&quot;</translation>
    </message>
    <message>
      <source>Guest code in %1 mode (no OS: vmctl&apos;s own image)</source>
      <translation>Guest code in %1 mode (no OS: vmctl&apos;s own image)</translation>
    </message>
    <message numerus="yes">
      <source>vRAM %1, %n vCPU(s)</source>
      <translation>
        <numerusform>vRAM %1, %n vCPU</numerusform>
        <numerusform>vRAM %1, %n vCPUs</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 VM exits: %2</source>
      <translation>%1 VM exits: %2</translation>
    </message>
    <message>
      <source>outcome: %1</source>
      <translation>outcome: %1</translation>
    </message>
    <message>
      <source>Hypervisor (notes: VMware ESXi; here: KVM in Linux %1)</source>
      <translation>Hypervisor (notes: VMware ESXi; here: KVM in Linux %1)</translation>
    </message>
    <message>
      <source>CPU scheduling</source>
      <translation>CPU scheduling</translation>
    </message>
    <message>
      <source>vCPU threads</source>
      <translation>vCPU threads</translation>
    </message>
    <message numerus="yes">
      <source>%n vCPU(s) = host threads %1</source>
      <translation>
        <numerusform>%n vCPU = host threads %1</numerusform>
        <numerusform>%n vCPUs = host threads %1</numerusform>
      </translation>
    </message>
    <message>
      <source>Memory management</source>
      <translation>Memory management</translation>
    </message>
    <message>
      <source>guest memory</source>
      <translation>guest memory</translation>
    </message>
    <message>
      <source>%1 of guest RAM in memslots</source>
      <translation>%1 of guest RAM in memslots</translation>
    </message>
    <message>
      <source>I/O management</source>
      <translation>I/O management</translation>
    </message>
    <message>
      <source>I/O exits</source>
      <translation>I/O exits</translation>
    </message>
    <message>
      <source>%1 of %2 exits were I/O (IO/MMIO)</source>
      <translation>%1 of %2 exits were I/O (IO/MMIO)</translation>
    </message>
    <message>
      <source>CPU + RAM: %1</source>
      <translation>CPU + RAM: %1</translation>
    </message>
    <message>
      <source>NIC: %1</source>
      <translation>NIC: %1</translation>
    </message>
    <message>
      <source>the NICs</source>
      <translation>the NICs</translation>
    </message>
    <message>
      <source>this &quot;hardware&quot; is itself virtual: this machine runs on %1</source>
      <translation>this &quot;hardware&quot; is itself virtual: this machine runs on %1</translation>
    </message>
    <message>
      <source>Physical hardware</source>
      <translation>Physical hardware</translation>
    </message>
    <message>
      <source>CPU virtualization: vCPU allocation</source>
      <translation>CPU virtualization: vCPU allocation</translation>
    </message>
    <message>
      <source>Physical CPU</source>
      <translation>Physical CPU</translation>
    </message>
    <message numerus="yes">
      <source>%n logical CPU(s)</source>
      <translation>
        <numerusform>%n logical CPU</numerusform>
        <numerusform>%n logical CPUs</numerusform>
      </translation>
    </message>
    <message>
      <source>physical CPUs</source>
      <translation>physical CPUs</translation>
    </message>
    <message>
      <source>Hypervisor (KVM)</source>
      <translation>Hypervisor (KVM)</translation>
    </message>
    <message>
      <source>vCPU %1 = thread %2</source>
      <translation>vCPU %1 = thread %2</translation>
    </message>
    <message numerus="yes">
      <source>guest &quot;%1&quot;: %n vCPU(s)</source>
      <translation>
        <numerusform>guest &quot;%1&quot;: %n vCPU</numerusform>
        <numerusform>guest &quot;%1&quot;: %n vCPUs</numerusform>
      </translation>
    </message>
    <message>
      <source>VMs</source>
      <translation>VMs</translation>
    </message>
    <message>
      <source>vCPUs per VM</source>
      <translation>vCPUs per VM</translation>
    </message>
    <message>
      <source>Total: %1 vCPUs on %2 CPUs — more vCPUs than CPUs, so they take turns</source>
      <translation>Total: %1 vCPUs on %2 CPUs — more vCPUs than CPUs, so they take turns</translation>
    </message>
    <message>
      <source>Total: %1 vCPUs on %2 CPUs</source>
      <translation>Total: %1 vCPUs on %2 CPUs</translation>
    </message>
    <message>
      <source>In reality: time slices</source>
      <translation>In reality: time slices</translation>
    </message>
    <message>
      <source>time slices</source>
      <translation>time slices</translation>
    </message>
    <message>
      <source>the host CPU of each slice</source>
      <translation>the host CPU of each slice</translation>
    </message>
    <message>
      <source>guest &quot;%1&quot;: every VM exit ends a slice of guest execution on its vCPU (the exit trace)</source>
      <translation>guest &quot;%1&quot;: every VM exit ends a slice of guest execution on its vCPU (the exit trace)</translation>
    </message>
    <message>
      <source>host CPU %1</source>
      <translation>host CPU %1</translation>
    </message>
    <message>
      <source>vCPU %1</source>
      <translation>vCPU %1</translation>
    </message>
    <message>
      <source>%1 ms: vCPU %2 on host CPU %3</source>
      <translation>%1 ms: vCPU %2 on host CPU %3</translation>
    </message>
    <message>
      <source>CPU %1</source>
      <translation>CPU %1</translation>
    </message>
    <message>
      <source>%1 ms</source>
      <translation>%1 ms</translation>
    </message>
    <message>
      <source>time since the VM was created →</source>
      <translation>time since the VM was created →</translation>
    </message>
    <message>
      <source>Time slice %1 (%2 ms): vCPU %3 ran on host CPU %4</source>
      <translation>Time slice %1 (%2 ms): vCPU %3 ran on host CPU %4</translation>
    </message>
    <message>
      <source>Time slice %1 ended at %2 ms: vCPU %3 left the guest (%4 exit)</source>
      <translation>Time slice %1 ended at %2 ms: vCPU %3 left the guest (%4 exit)</translation>
    </message>
    <message>
      <source>vCPU %1 (host thread %2): %3 migration(s) between host CPUs</source>
      <translation>vCPU %1 (host thread %2): %3 migration(s) between host CPUs</translation>
    </message>
    <message>
      <source>The guest did not finish (%1): %2</source>
      <translation>The guest did not finish (%1): %2</translation>
    </message>
    <message>
      <source>CPU virtualization in detail: time slices</source>
      <translation>CPU virtualization in detail: time slices</translation>
    </message>
    <message>
      <source>Each VM keeps its own CPU state:</source>
      <translation>Each VM keeps its own CPU state:</translation>
    </message>
    <message>
      <source>vCPU registers</source>
      <translation>vCPU registers</translation>
    </message>
    <message>
      <source>registers: RAX %1  RBX %2  RCX %3</source>
      <translation>registers: RAX %1  RBX %2  RCX %3</translation>
    </message>
    <message>
      <source>RIP %1  RSP %2</source>
      <translation>RIP %1  RSP %2</translation>
    </message>
    <message>
      <source>flags register RFLAGS %1</source>
      <translation>flags register RFLAGS %1</translation>
    </message>
    <message>
      <source>page-table base CR3 %1</source>
      <translation>page-table base CR3 %1</translation>
    </message>
    <message>
      <source>interrupt vector table: none (vmctl&apos;s guests have no IDT)</source>
      <translation>interrupt vector table: none (vmctl&apos;s guests have no IDT)</translation>
    </message>
    <message>
      <source>vCPU %1 (host thread %2)</source>
      <translation>vCPU %1 (host thread %2)</translation>
    </message>
    <message>
      <source>What the hypervisor does</source>
      <translation>What the hypervisor does</translation>
    </message>
    <message>
      <source>GVA %1 → GPA %2 → HPA %3</source>
      <translation>GVA %1 → GPA %2 → HPA %3</translation>
    </message>
    <message>
      <source>a translation</source>
      <translation>a translation</translation>
    </message>
    <message>
      <source>1. Resource scheduling</source>
      <translation>1. Resource scheduling</translation>
    </message>
    <message numerus="yes">
      <source>CPU time (time slicing): %n vCPU thread(s)</source>
      <translation>
        <numerusform>CPU time (time slicing): %n vCPU thread</numerusform>
        <numerusform>CPU time (time slicing): %n vCPU threads</numerusform>
      </translation>
    </message>
    <message>
      <source>vCPUs</source>
      <translation>vCPUs</translation>
    </message>
    <message>
      <source>memory (EPT/NPT): %1; %2</source>
      <translation>memory (EPT/NPT): %1; %2</translation>
    </message>
    <message>
      <source>the CPU has NPT/EPT</source>
      <translation>the CPU has NPT/EPT</translation>
    </message>
    <message>
      <source>no NPT/EPT flag visible</source>
      <translation>no NPT/EPT flag visible</translation>
    </message>
    <message>
      <source>NPT/EPT</source>
      <translation>NPT/EPT</translation>
    </message>
    <message>
      <source>I/O: %1 exits handled</source>
      <translation>I/O: %1 exits handled</translation>
    </message>
    <message>
      <source>2. Isolation and security</source>
      <translation>2. Isolation and security</translation>
    </message>
    <message>
      <source>each VM its own memory: %1 memslot(s)</source>
      <translation>each VM its own memory: %1 memslot(s)</translation>
    </message>
    <message>
      <source>memslots</source>
      <translation>memslots</translation>
    </message>
    <message>
      <source>hardware access controlled: the guest&apos;s I/O traps to the hypervisor</source>
      <translation>hardware access controlled: the guest&apos;s I/O traps to the hypervisor</translation>
    </message>
    <message>
      <source>privileged instructions emulated: exits %1</source>
      <translation>privileged instructions emulated: exits %1</translation>
    </message>
    <message>
      <source>exits</source>
      <translation>exits</translation>
    </message>
    <message>
      <source>3. Hardware abstraction</source>
      <translation>3. Hardware abstraction</translation>
    </message>
    <message>
      <source>vCPU: %1,  vRAM: %2</source>
      <translation>vCPU: %1,  vRAM: %2</translation>
    </message>
    <message>
      <source>vCPU/vRAM</source>
      <translation>vCPU/vRAM</translation>
    </message>
    <message>
      <source>vNIC: none in vmctl&apos;s guests (a serial port at 0x3f8 instead)</source>
      <translation>vNIC: none in vmctl&apos;s guests (a serial port at 0x3f8 instead)</translation>
    </message>
    <message>
      <source>vDisk: none (the guest image is copied into its RAM)</source>
      <translation>vDisk: none (the guest image is copied into its RAM)</translation>
    </message>
    <message>
      <source>Hypervisor layer (here: KVM, %1)</source>
      <translation>Hypervisor layer (here: KVM, %1)</translation>
    </message>
    <message>
      <source>IOMMU: DMA remapping for VMs</source>
      <translation>IOMMU: DMA remapping for VMs</translation>
    </message>
    <message>
      <source>VM1</source>
      <translation>VM1</translation>
    </message>
    <message>
      <source>Virtual device</source>
      <translation>Virtual device</translation>
    </message>
    <message>
      <source>IOMMU</source>
      <translation>IOMMU</translation>
    </message>
    <message>
      <source>Physical device</source>
      <translation>Physical device</translation>
    </message>
    <message>
      <source>guest driver</source>
      <translation>guest driver</translation>
    </message>
    <message>
      <source>what the guest sees</source>
      <translation>what the guest sees</translation>
    </message>
    <message>
      <source>DMA address translation + isolation</source>
      <translation>DMA address translation + isolation</translation>
    </message>
    <message>
      <source>does the DMA</source>
      <translation>does the DMA</translation>
    </message>
    <message>
      <source>Without it: a VM&apos;s device could DMA into any physical memory (a security risk). With it: the IOMMU gives each VM its own DMA address space.</source>
      <translation>Without it: a VM&apos;s device could DMA into any physical memory (a security risk). With it: the IOMMU gives each VM its own DMA address space.</translation>
    </message>
    <message>
      <source>CPU virtualization extension: %1</source>
      <translation>CPU virtualization extension: %1</translation>
    </message>
    <message>
      <source>none visible</source>
      <translation>none visible</translation>
    </message>
    <message>
      <source>nested paging (NPT/EPT): %1</source>
      <translation>nested paging (NPT/EPT): %1</translation>
    </message>
    <message>
      <source>this machine is a VM: %1</source>
      <translation>this machine is a VM: %1</translation>
    </message>
    <message>
      <source>the CPU&apos;s virtualization extension</source>
      <translation>the CPU&apos;s virtualization extension</translation>
    </message>
    <message>
      <source>This machine</source>
      <translation>This machine</translation>
    </message>
    <message>
      <source>Processes of a VM host, and what a container removes</source>
      <translation>Processes of a VM host, and what a container removes</translation>
    </message>
    <message>
      <source>1. Host processes (e.g. Excel): here %1 processes in the host&apos;s pid namespace</source>
      <translation>1. Host processes (e.g. Excel): here %1 processes in the host&apos;s pid namespace</translation>
    </message>
    <message>
      <source>host processes</source>
      <translation>host processes</translation>
    </message>
    <message>
      <source>2. Host OS: here Linux %1</source>
      <translation>2. Host OS: here Linux %1</translation>
    </message>
    <message>
      <source>3. Guest processes: here %1 process(es) in %2 other pid namespace(s) (containers)</source>
      <translation>3. Guest processes: here %1 process(es) in %2 other pid namespace(s) (containers)</translation>
    </message>
    <message>
      <source>container processes</source>
      <translation>container processes</translation>
    </message>
    <message>
      <source>4. Guest OS (its own kernel): %1</source>
      <translation>4. Guest OS (its own kernel): %1</translation>
    </message>
    <message>
      <source>a guest&apos;s own process count</source>
      <translation>a guest&apos;s own process count</translation>
    </message>
    <message>
      <source>5. Virtual hardware (a process too): this machine itself runs on %1</source>
      <translation>5. Virtual hardware (a process too): this machine itself runs on %1</translation>
    </message>
    <message>
      <source>← a container does without it</source>
      <translation>← a container does without it</translation>
    </message>
    <message>
      <source>If host and guest run the same OS, 4 and 5 are not needed: the container&apos;s processes (3) run directly on the host kernel (2).</source>
      <translation>If host and guest run the same OS, 4 and 5 are not needed: the container&apos;s processes (3) run directly on the host kernel (2).</translation>
    </message>
    <message>
      <source>The evolution of virtualization</source>
      <translation>The evolution of virtualization</translation>
    </message>
    <message>
      <source>CPU in use now: %1% of %2 CPUs (cgtop)</source>
      <translation>CPU in use now: %1% of %2 CPUs (cgtop)</translation>
    </message>
    <message>
      <source>CPU use</source>
      <translation>CPU use</translation>
    </message>
    <message>
      <source>1. Physical server (1990s)</source>
      <translation>1. Physical server (1990s)</translation>
    </message>
    <message>
      <source>2. Virtual machines (2000s)</source>
      <translation>2. Virtual machines (2000s)</translation>
    </message>
    <message>
      <source>3. Containers (2010s)</source>
      <translation>3. Containers (2010s)</translation>
    </message>
    <message>
      <source>4. Container orchestration (now)</source>
      <translation>4. Container orchestration (now)</translation>
    </message>
    <message>
      <source>1 server = 1 application</source>
      <translation>1 server = 1 application</translation>
    </message>
    <message>
      <source>utilisation 5–15% (notes)</source>
      <translation>utilisation 5–15% (notes)</translation>
    </message>
    <message>
      <source>1 server = many VMs</source>
      <translation>1 server = many VMs</translation>
    </message>
    <message>
      <source>here: this machine is one, on %1</source>
      <translation>here: this machine is one, on %1</translation>
    </message>
    <message>
      <source>here: not a VM</source>
      <translation>here: not a VM</translation>
    </message>
    <message>
      <source>1 server = dozens of containers</source>
      <translation>1 server = dozens of containers</translation>
    </message>
    <message numerus="yes">
      <source>here: %n container(s) running</source>
      <translation>
        <numerusform>here: %n container running</numerusform>
        <numerusform>here: %n containers running</numerusform>
      </translation>
    </message>
    <message>
      <source>containers</source>
      <translation>containers</translation>
    </message>
    <message>
      <source>a cluster = thousands of containers</source>
      <translation>a cluster = thousands of containers</translation>
    </message>
    <message>
      <source>here: no orchestrator</source>
      <translation>here: no orchestrator</translation>
    </message>
    <message>
      <source>Red outline: where this machine is.</source>
      <translation>Red outline: where this machine is.</translation>
    </message>
    <message>
      <source>Hypervisor types: bare-metal (type 1) vs hosted (type 2)</source>
      <translation>Hypervisor types: bare-metal (type 1) vs hosted (type 2)</translation>
    </message>
    <message>
      <source>Type 1: bare-metal hypervisor</source>
      <translation>Type 1: bare-metal hypervisor</translation>
    </message>
    <message>
      <source>Hardware</source>
      <translation>Hardware</translation>
    </message>
    <message>
      <source>hidden from this machine</source>
      <translation>hidden from this machine</translation>
    </message>
    <message>
      <source>Bare-metal hypervisor</source>
      <translation>Bare-metal hypervisor</translation>
    </message>
    <message>
      <source>under this machine: %1</source>
      <translation>under this machine: %1</translation>
    </message>
    <message>
      <source>here: none</source>
      <translation>here: none</translation>
    </message>
    <message>
      <source>My computer&apos;s OS</source>
      <translation>My computer&apos;s OS</translation>
    </message>
    <message>
      <source>Virtual environment 1 (OS)</source>
      <translation>Virtual environment 1 (OS)</translation>
    </message>
    <message>
      <source>this machine: Linux %1</source>
      <translation>this machine: Linux %1</translation>
    </message>
    <message>
      <source>Virtual environment 2 (OS)</source>
      <translation>Virtual environment 2 (OS)</translation>
    </message>
    <message>
      <source>other guests: hidden from us</source>
      <translation>other guests: hidden from us</translation>
    </message>
    <message>
      <source>Type 2: hosted hypervisor</source>
      <translation>Type 2: hosted hypervisor</translation>
    </message>
    <message>
      <source>here: Linux %1</source>
      <translation>here: Linux %1</translation>
    </message>
    <message>
      <source>Hosted hypervisor</source>
      <translation>Hosted hypervisor</translation>
    </message>
    <message>
      <source>vmctl guests, the test VM (QEMU)</source>
      <translation>vmctl guests, the test VM (QEMU)</translation>
    </message>
    <message>
      <source>This machine gives two answers. Below it: a hypervisor named by CPUID/DMI (%1); from inside a VM its type cannot be seen, only its name. In it: KVM is part of the Linux kernel itself, and vmctl/QEMU are ordinary processes that use it.</source>
      <translation>This machine gives two answers. Below it: a hypervisor named by CPUID/DMI (%1); from inside a VM its type cannot be seen, only its name. In it: KVM is part of the Linux kernel itself, and vmctl/QEMU are ordinary processes that use it.</translation>
    </message>
    <message>
      <source>the type of the hypervisor below</source>
      <translation>the type of the hypervisor below</translation>
    </message>
    <message>
      <source>not visible from inside a VM (vmctl info gives its name only)</source>
      <translation>not visible from inside a VM (vmctl info gives its name only)</translation>
    </message>
    <message>
      <source>Page fault handling</source>
      <translation>Page fault handling</translation>
    </message>
    <message>
      <source>the address</source>
      <translation>the address</translation>
    </message>
    <message>
      <source>the Present bit</source>
      <translation>the Present bit</translation>
    </message>
    <message>
      <source>1. The CPU tries to access a virtual address</source>
      <translation>1. The CPU tries to access a virtual address</translation>
    </message>
    <message>
      <source>here: the demo child touches %1</source>
      <translation>here: the demo child touches %1</translation>
    </message>
    <message>
      <source>2. The MMU checks the page table → Present = 0</source>
      <translation>2. The MMU checks the page table → Present = 0</translation>
    </message>
    <message>
      <source>here: pagemap bit 63 = %1 before the touch; pages with a frame: %2</source>
      <translation>here: pagemap bit 63 = %1 before the touch; pages with a frame: %2</translation>
    </message>
    <message>
      <source>present pages before</source>
      <translation>present pages before</translation>
    </message>
    <message>
      <source>3. A hardware exception is raised (page fault)</source>
      <translation>3. A hardware exception is raised (page fault)</translation>
    </message>
    <message>
      <source>here: the child&apos;s minor faults before: %1</source>
      <translation>here: the child&apos;s minor faults before: %1</translation>
    </message>
    <message>
      <source>minor faults</source>
      <translation>minor faults</translation>
    </message>
    <message>
      <source>4. The CPU jumps to the OS&apos;s page-fault handler</source>
      <translation>4. The CPU jumps to the OS&apos;s page-fault handler</translation>
    </message>
    <message>
      <source>the kernel counts each fault in /proc/PID/stat (field 10 minor, 12 major)</source>
      <translation>the kernel counts each fault in /proc/PID/stat (field 10 minor, 12 major)</translation>
    </message>
    <message>
      <source>5. The OS decides what kind of fault it is:</source>
      <translation>5. The OS decides what kind of fault it is:</translation>
    </message>
    <message>
      <source>here: first read → the shared zero page</source>
      <translation>here: first read → the shared zero page</translation>
    </message>
    <message>
      <source>here: first read → a frame</source>
      <translation>here: first read → a frame</translation>
    </message>
    <message>
      <source>PFN %1</source>
      <translation>PFN %1</translation>
    </message>
    <message>
      <source>the zero page&apos;s frame</source>
      <translation>the zero page&apos;s frame</translation>
    </message>
    <message>
      <source>first write → own frame, PFN %1</source>
      <translation>first write → own frame, PFN %1</translation>
    </message>
    <message>
      <source>the new frame</source>
      <translation>the new frame</translation>
    </message>
    <message>
      <source>here: swap is on (%1)</source>
      <translation>here: swap is on (%1)</translation>
    </message>
    <message>
      <source>here: no swap area (pagewalk demo swap)</source>
      <translation>here: no swap area (pagewalk demo swap)</translation>
    </message>
    <message numerus="yes">
      <source>page back from disk: %n major fault(s)</source>
      <translation>
        <numerusform>page back from disk: %n major fault</numerusform>
        <numerusform>page back from disk: %n major faults</numerusform>
      </translation>
    </message>
    <message>
      <source>(a clean file page, re-read from its file)</source>
      <translation>(a clean file page, re-read from its file)</translation>
    </message>
    <message>
      <source>a swap-in</source>
      <translation>a swap-in</translation>
    </message>
    <message>
      <source>a) First access: allocate a new frame</source>
      <translation>a) First access: allocate a new frame</translation>
    </message>
    <message>
      <source>b) Swapped out: load it from disk</source>
      <translation>b) Swapped out: load it from disk</translation>
    </message>
    <message>
      <source>c) Invalid access: Segmentation fault</source>
      <translation>c) Invalid access: Segmentation fault</translation>
    </message>
    <message>
      <source>SIGSEGV to the process</source>
      <translation>SIGSEGV to the process</translation>
    </message>
    <message>
      <source>described, not run here</source>
      <translation>described, not run here</translation>
    </message>
    <message>
      <source>6. The page table is updated</source>
      <translation>6. The page table is updated</translation>
    </message>
    <message>
      <source>here: Present = %1; pages with a frame: %2</source>
      <translation>here: Present = %1; pages with a frame: %2</translation>
    </message>
    <message>
      <source>present pages after</source>
      <translation>present pages after</translation>
    </message>
    <message>
      <source>7. The instruction is executed again</source>
      <translation>7. The instruction is executed again</translation>
    </message>
    <message>
      <source>here: minor faults %1 → %2 (after the read) → %3 (after the writes)</source>
      <translation>here: minor faults %1 → %2 (after the read) → %3 (after the writes)</translation>
    </message>
    <message>
      <source>This machine: pagewalk demo fault</source>
      <translation>This machine: pagewalk demo fault</translation>
    </message>
    <message>
      <source>Swap: the LRU table</source>
      <translation>Swap: the LRU table</translation>
    </message>
    <message>
      <source>the LRU steps</source>
      <translation>the LRU steps</translation>
    </message>
    <message>
      <source>No simulator run</source>
      <translation>No simulator run</translation>
    </message>
    <message>
      <source>Run: pagewalk simulate Aw B C D E -a lru --frames 4 --json</source>
      <translation>Run: pagewalk simulate Aw B C D E -a lru --frames 4 --json</translation>
    </message>
    <message>
      <source>Frame %1</source>
      <translation>Frame %1</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>(empty)</translation>
    </message>
    <message>
      <source>Page %1</source>
      <translation>Page %1</translation>
    </message>
    <message>
      <source>Dirty = 1</source>
      <translation>Dirty = 1</translation>
    </message>
    <message>
      <source>Dirty = 0</source>
      <translation>Dirty = 0</translation>
    </message>
    <message numerus="yes">
      <source>Physical memory: %n frame(s) (pagewalk simulate, LRU), references: %1</source>
      <translation>
        <numerusform>Physical memory: %n frame (pagewalk simulate, LRU), references: %1</numerusform>
        <numerusform>Physical memory: %n frames (pagewalk simulate, LRU), references: %1</numerusform>
      </translation>
    </message>
    <message>
      <source>No eviction</source>
      <translation>No eviction</translation>
    </message>
    <message>
      <source>Every page fitted in the frames: nothing had to leave.</source>
      <translation>Every page fitted in the frames: nothing had to leave.</translation>
    </message>
    <message>
      <source>Before step %1: every frame is full</source>
      <translation>Before step %1: every frame is full</translation>
    </message>
    <message>
      <source>A new page %1 is needed:</source>
      <translation>A new page %1 is needed:</translation>
    </message>
    <message>
      <source>1. LRU finds the least recently used page: Page %1 (Frame %2)</source>
      <translation>1. LRU finds the least recently used page: Page %1 (Frame %2)</translation>
    </message>
    <message>
      <source>2. Page %1&apos;s Dirty bit = 1: modified → written to disk, then removed%2</source>
      <translation>2. Page %1&apos;s Dirty bit = 1: modified → written to disk, then removed%2</translation>
    </message>
    <message>
      <source> (write-back: yes)</source>
      <translation> (write-back: yes)</translation>
    </message>
    <message>
      <source>2. Page %1&apos;s Dirty bit = 0: only read → simply removed</source>
      <translation>2. Page %1&apos;s Dirty bit = 0: only read → simply removed</translation>
    </message>
    <message>
      <source>3. Page %1 is loaded into Frame %2</source>
      <translation>3. Page %1 is loaded into Frame %2</translation>
    </message>
    <message>
      <source>4. The page table is updated</source>
      <translation>4. The page table is updated</translation>
    </message>
    <message>
      <source>Step %1: reference %2</source>
      <translation>Step %1: reference %2</translation>
    </message>
    <message>
      <source>After step %1</source>
      <translation>After step %1</translation>
    </message>
    <message>
      <source>Every step (the simulator&apos;s table)</source>
      <translation>Every step (the simulator&apos;s table)</translation>
    </message>
    <message>
      <source>step</source>
      <translation>step</translation>
    </message>
    <message>
      <source>reference</source>
      <translation>reference</translation>
    </message>
    <message>
      <source>result</source>
      <translation>result</translation>
    </message>
    <message>
      <source>victim</source>
      <translation>victim</translation>
    </message>
    <message>
      <source> (write)</source>
      <translation> (write)</translation>
    </message>
    <message>
      <source>hit</source>
      <translation>hit</translation>
    </message>
    <message>
      <source>fault</source>
      <translation>fault</translation>
    </message>
    <message>
      <source> (written back)</source>
      <translation> (written back)</translation>
    </message>
    <message>
      <source>Faults %1, hits %2, evictions %3, write-backs %4   (* = Dirty)</source>
      <translation>Faults %1, hits %2, evictions %3, write-backs %4   (* = Dirty)</translation>
    </message>
    <message>
      <source>Hardware virtualization: one physical NIC, many virtual ones</source>
      <translation>Hardware virtualization: one physical NIC, many virtual ones</translation>
    </message>
    <message>
      <source>%1 %2, driver %3</source>
      <translation>%1 %2, driver %3</translation>
    </message>
    <message>
      <source>the physical NIC</source>
      <translation>the physical NIC</translation>
    </message>
    <message>
      <source>Process</source>
      <translation>Process</translation>
    </message>
    <message>
      <source>user mode</source>
      <translation>user mode</translation>
    </message>
    <message>
      <source>File - Socket</source>
      <translation>File - Socket</translation>
    </message>
    <message>
      <source>the system-call boundary</source>
      <translation>the system-call boundary</translation>
    </message>
    <message>
      <source>TCP/IP</source>
      <translation>TCP/IP</translation>
    </message>
    <message>
      <source>kernel mode: Linux %1</source>
      <translation>kernel mode: Linux %1</translation>
    </message>
    <message>
      <source>Network driver</source>
      <translation>Network driver</translation>
    </message>
    <message>
      <source>Host</source>
      <translation>Host</translation>
    </message>
    <message>
      <source>Guests on a virtual switch</source>
      <translation>Guests on a virtual switch</translation>
    </message>
    <message>
      <source>Guest OS (user mode / kernel mode / virtual hardware)</source>
      <translation>Guest OS (user mode / kernel mode / virtual hardware)</translation>
    </message>
    <message>
      <source>the guests&apos; vNICs</source>
      <translation>the guests&apos; vNICs</translation>
    </message>
    <message>
      <source>Guest %1 (network namespace)</source>
      <translation>Guest %1 (network namespace)</translation>
    </message>
    <message>
      <source>vNIC %1 %2</source>
      <translation>vNIC %1 %2</translation>
    </message>
    <message>
      <source>address %1</source>
      <translation>address %1</translation>
    </message>
    <message>
      <source>switch port %1 (veth pair)</source>
      <translation>switch port %1 (veth pair)</translation>
    </message>
    <message>
      <source>Virtual switch (VMware: vSwitch; here: Linux bridge %1)</source>
      <translation>Virtual switch (VMware: vSwitch; here: Linux bridge %1)</translation>
    </message>
    <message numerus="yes">
      <source>%n MAC address(es) in its learning table</source>
      <translation>
        <numerusform>%n MAC address in its learning table</numerusform>
        <numerusform>%n MAC addresses in its learning table</numerusform>
      </translation>
    </message>
    <message>
      <source>the switch</source>
      <translation>the switch</translation>
    </message>
    <message>
      <source>not connected to the physical NIC here (no uplink port)</source>
      <translation>not connected to the physical NIC here (no uplink port)</translation>
    </message>
    <message>
      <source>Physical NIC (the real network card)</source>
      <translation>Physical NIC (the real network card)</translation>
    </message>
    <message>
      <source>NAT mode: a private network behind the host</source>
      <translation>NAT mode: a private network behind the host</translation>
    </message>
    <message>
      <source>the host&apos;s external address</source>
      <translation>the host&apos;s external address</translation>
    </message>
    <message>
      <source>vmctl info --json lists the NICs without their addresses</source>
      <translation>vmctl info --json lists the NICs without their addresses</translation>
    </message>
    <message>
      <source>Internet</source>
      <translation>Internet</translation>
    </message>
    <message>
      <source>Router</source>
      <translation>Router</translation>
    </message>
    <message>
      <source>Physical PC (host)</source>
      <translation>Physical PC (host)</translation>
    </message>
    <message>
      <source>the router</source>
      <translation>the router</translation>
    </message>
    <message>
      <source>no tool reads the default gateway</source>
      <translation>no tool reads the default gateway</translation>
    </message>
    <message>
      <source>%1, address %2</source>
      <translation>%1, address %2</translation>
    </message>
    <message>
      <source>NIC —</source>
      <translation>NIC —</translation>
    </message>
    <message>
      <source>Virtual router (NAT)</source>
      <translation>Virtual router (NAT)</translation>
    </message>
    <message>
      <source>here: bridge %1 (mode %2), no NAT</source>
      <translation>here: bridge %1 (mode %2), no NAT</translation>
    </message>
    <message>
      <source>the private network</source>
      <translation>the private network</translation>
    </message>
    <message>
      <source>VM%1 (%2)</source>
      <translation>VM%1 (%2)</translation>
    </message>
    <message>
      <source>NAT table</source>
      <translation>NAT table</translation>
    </message>
    <message>
      <source>Internal IP:Port</source>
      <translation>Internal IP:Port</translation>
    </message>
    <message>
      <source>→</source>
      <translation>→</translation>
    </message>
    <message>
      <source>External IP:Port</source>
      <translation>External IP:Port</translation>
    </message>
    <message>
      <source>State</source>
      <translation>State</translation>
    </message>
    <message>
      <source>ports</source>
      <translation>ports</translation>
    </message>
    <message>
      <source>state</source>
      <translation>state</translation>
    </message>
    <message>
      <source>the router&apos;s outside address</source>
      <translation>the router&apos;s outside address</translation>
    </message>
    <message>
      <source>the outside namespace</source>
      <translation>the outside namespace</translation>
    </message>
    <message>
      <source>the outside peer</source>
      <translation>the outside peer</translation>
    </message>
    <message>
      <source>the router&apos;s outside interface</source>
      <translation>the router&apos;s outside interface</translation>
    </message>
    <message>
      <source>the gateway</source>
      <translation>the gateway</translation>
    </message>
    <message>
      <source>Public side (notes: Physical PC)</source>
      <translation>Public side (notes: Physical PC)</translation>
    </message>
    <message>
      <source>here: the outside namespace %1 at %2</source>
      <translation>here: the outside namespace %1 at %2</translation>
    </message>
    <message>
      <source>no route to the private network (only via the NAT)</source>
      <translation>no route to the private network (only via the NAT)</translation>
    </message>
    <message>
      <source>not here: a cable runs straight from %1 to %2</source>
      <translation>not here: a cable runs straight from %1 to %2</translation>
    </message>
    <message>
      <source>%1 %2 in the router&apos;s namespace %3</source>
      <translation>%1 %2 in the router&apos;s namespace %3</translation>
    </message>
    <message>
      <source>what the outside sees: the external address of the NAT table</source>
      <translation>what the outside sees: the external address of the NAT table</translation>
    </message>
    <message>
      <source>namespace %1: bridge %2 with the gateway %3, ip_forward = %4</source>
      <translation>namespace %1: bridge %2 with the gateway %3, ip_forward = %4</translation>
    </message>
    <message>
      <source>namespace %1</source>
      <translation>namespace %1</translation>
    </message>
    <message>
      <source>the nft rule</source>
      <translation>the nft rule</translation>
    </message>
    <message>
      <source>nftables: table %1 %2, chain %3 (hook postrouting)</source>
      <translation>nftables: table %1 %2, chain %3 (hook postrouting)</translation>
    </message>
    <message>
      <source>rule %1: oifname &quot;%2&quot; masquerade — the source becomes %3</source>
      <translation>rule %1: oifname &quot;%2&quot; masquerade — the source becomes %3</translation>
    </message>
    <message>
      <source>VM1, VM2</source>
      <translation>VM1, VM2</translation>
    </message>
    <message>
      <source>network namespace %1, default route via %2</source>
      <translation>network namespace %1, default route via %2</translation>
    </message>
    <message>
      <source>ping %1: answered in %2 ms</source>
      <translation>ping %1: answered in %2 ms</translation>
    </message>
    <message>
      <source>ping %1: no answer (%2)</source>
      <translation>ping %1: no answer (%2)</translation>
    </message>
    <message>
      <source>TCP to %1: the outside saw %2</source>
      <translation>TCP to %1: the outside saw %2</translation>
    </message>
    <message>
      <source>TCP to %1: failed (%2)</source>
      <translation>TCP to %1: failed (%2)</translation>
    </message>
    <message>
      <source>A %1 packet from %2 to %3: on the way out the router rewrites its source to %4 and notes the pair in its conntrack table. %3 answers %4 (it has no route to the private network); the router finds the row and sends the answer back to %2.</source>
      <translation>A %1 packet from %2 to %3: on the way out the router rewrites its source to %4 and notes the pair in its conntrack table. %3 answers %4 (it has no route to the private network); the router finds the row and sends the answer back to %2.</translation>
    </message>
    <message>
      <source>the router&apos;s conntrack (namespace %1), read by nsenter-lite net nat</source>
      <translation>the router&apos;s conntrack (namespace %1), read by nsenter-lite net nat</translation>
    </message>
    <message>
      <source>the router&apos;s conntrack (namespace %1), read by nsenter-lite net switch</source>
      <translation>the router&apos;s conntrack (namespace %1), read by nsenter-lite net switch</translation>
    </message>
    <message>
      <source>Protocol</source>
      <translation>Protocol</translation>
    </message>
    <message>
      <source>Remote</source>
      <translation>Remote</translation>
    </message>
    <message>
      <source>Timeout</source>
      <translation>Timeout</translation>
    </message>
    <message>
      <source>no entries: every flow&apos;s timeout had ended (ICMP 30 s, TCP TIME_WAIT 120 s)</source>
      <translation>no entries: every flow&apos;s timeout had ended (ICMP 30 s, TCP TIME_WAIT 120 s)</translation>
    </message>
    <message>
      <source>… %1 more rows</source>
      <translation>… %1 more rows</translation>
    </message>
    <message>
      <source>→: masqueraded to the router&apos;s outside address %1. =: seen by the router but not translated (host to host across the bridge, the bridge&apos;s own reports). For ICMP the echo id is the port. Rows leave when their timeout ends.</source>
      <translation>→: masqueraded to the router&apos;s outside address %1. =: seen by the router but not translated (host to host across the bridge, the bridge&apos;s own reports). For ICMP the echo id is the port. Rows leave when their timeout ends.</translation>
    </message>
    <message>
      <source>Afterwards nsenter-lite net down removed: %1</source>
      <translation>Afterwards nsenter-lite net down removed: %1</translation>
    </message>
    <message>
      <source>nothing</source>
      <translation>nothing</translation>
    </message>
    <message>
      <source>001#4 Page fault handling</source>
      <translation>001#4 Page fault handling</translation>
    </message>
    <message>
      <source>001#5 Swap: the LRU table</source>
      <translation>001#5 Swap: the LRU table</translation>
    </message>
    <message>
      <source>001#6 One physical NIC, virtual NICs</source>
      <translation>001#6 One physical NIC, virtual NICs</translation>
    </message>
    <message>
      <source>001#7 Hypervisor structure (ESXi)</source>
      <translation>001#7 Hypervisor structure (ESXi)</translation>
    </message>
    <message>
      <source>001#8 vCPU allocation</source>
      <translation>001#8 vCPU allocation</translation>
    </message>
    <message>
      <source>001#12 NAT mode and its table</source>
      <translation>001#12 NAT mode and its table</translation>
    </message>
    <message>
      <source>001#16 Virtual disk files</source>
      <translation>001#16 Virtual disk files</translation>
    </message>
    <message>
      <source>001#17 Snapshot chain</source>
      <translation>001#17 Snapshot chain</translation>
    </message>
    <message>
      <source>001#19 IOMMU</source>
      <translation>001#19 IOMMU</translation>
    </message>
    <message>
      <source>001#20 Host and guest processes</source>
      <translation>001#20 Host and guest processes</translation>
    </message>
    <message>
      <source>001#22 What the hypervisor does</source>
      <translation>001#22 What the hypervisor does</translation>
    </message>
    <message>
      <source>001#23 CPU time slices</source>
      <translation>001#23 CPU time slices</translation>
    </message>
    <message>
      <source>001#26 The container runtime&apos;s OS functions</source>
      <translation>001#26 The container runtime&apos;s OS functions</translation>
    </message>
    <message>
      <source>001#29 Container layers</source>
      <translation>001#29 Container layers</translation>
    </message>
    <message>
      <source>001#30 Docker Engine flow</source>
      <translation>001#30 Docker Engine flow</translation>
    </message>
    <message>
      <source>001#31 Performance: VM vs container</source>
      <translation>001#31 Performance: VM vs container</translation>
    </message>
    <message>
      <source>001#32 Why Kubernetes</source>
      <translation>001#32 Why Kubernetes</translation>
    </message>
    <message>
      <source>001#33 The evolution of virtualization</source>
      <translation>001#33 The evolution of virtualization</translation>
    </message>
    <message>
      <source>002#3 Docker daemon → runC</source>
      <translation>002#3 Docker daemon → runC</translation>
    </message>
    <message>
      <source>004#1 Type 1 vs hosted hypervisor</source>
      <translation>004#1 Type 1 vs hosted hypervisor</translation>
    </message>
    <message>
      <source>the IOMMU</source>
      <translation>the IOMMU</translation>
    </message>
    <message numerus="yes">
      <source>IOMMU: none (/sys/class/iommu empty, %n PCI device(s) without a group): no safe passthrough here</source>
      <translation>
        <numerusform>IOMMU: none (/sys/class/iommu empty, %n PCI device without a group): no safe passthrough here</numerusform>
        <numerusform>IOMMU: none (/sys/class/iommu empty, %n PCI devices without a group): no safe passthrough here</numerusform>
      </translation>
    </message>
    <message>
      <source>IOMMU: %1; %2 group(s) holding %3 of %4 PCI devices</source>
      <translation>IOMMU: %1; %2 group(s) holding %3 of %4 PCI devices</translation>
    </message>
    <message>
      <source>the security modules (LSMs)</source>
      <translation>the security modules (LSMs)</translation>
    </message>
    <message>
      <source>LSMs: %1 — no AppArmor/SELinux active, so no profile label</source>
      <translation>LSMs: %1 — no AppArmor/SELinux active, so no profile label</translation>
    </message>
    <message>
      <source>LSMs: %1 — %2 label: %3</source>
      <translation>LSMs: %1 — %2 label: %3</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::Page</name>
    <message>
      <source>running: %1</source>
      <translation>running: %1</translation>
    </message>
    <message>
      <source>%1 cancelled</source>
      <translation>%1 cancelled</translation>
    </message>
    <message>
      <source>Could not get the data</source>
      <translation>Could not get the data</translation>
    </message>
    <message>
      <source>This view needs root</source>
      <translation>This view needs root</translation>
    </message>
    <message>
      <source>The kernel shows these numbers only to root. Run the explorer as root, or run the tool yourself and open its output (File ▸ Open replay):
  sudo %1 &gt; out.json

Tool said: %2</source>
      <translation>The kernel shows these numbers only to root. Run the explorer as root, or run the tool yourself and open its output (File ▸ Open replay):
  sudo %1 &gt; out.json

Tool said: %2</translation>
    </message>
    <message>
      <source>Tool not available</source>
      <translation>Tool not available</translation>
    </message>
    <message>
      <source>Not supported on this machine</source>
      <translation>Not supported on this machine</translation>
    </message>
    <message>
      <source>this page does not read tool documents</source>
      <translation>this page does not read tool documents</translation>
    </message>
    <message>
      <source>[%1 output, English] %2</source>
      <translation>[%1 output, English] %2</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::PresenterWindow</name>
    <message>
      <source>(no presenter note)</source>
      <translation>(no presenter note)</translation>
    </message>
    <message>
      <source>Elapsed %1:%2:%3</source>
      <translation>Elapsed %1:%2:%3</translation>
    </message>
    <message>
      <source>Next: %1</source>
      <translation>Next: %1</translation>
    </message>
    <message>
      <source>Next: — (last step)</source>
      <translation>Next: — (last step)</translation>
    </message>
    <message>
      <source>Step %1 of %2</source>
      <translation>Step %1 of %2</translation>
    </message>
    <message>
      <source>virtlab presenter — %1</source>
      <translation>virtlab presenter — %1</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::StepCanvas</name>
    <message>
      <source>go to %1 ⏎</source>
      <translation>go to %1 ⏎</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::VmPage</name>
    <message>
      <source>no vmctl document in this file</source>
      <translation>no vmctl document in this file</translation>
    </message>
    <message>
      <source>Guest:</source>
      <translation>Guest:</translation>
    </message>
    <message>
      <source>Run guest</source>
      <translation>Run guest</translation>
    </message>
    <message>
      <source>GVA → HPA</source>
      <translation>GVA → HPA</translation>
    </message>
    <message>
      <source>Virtual machines: KVM exits and memory translation</source>
      <translation>Virtual machines: KVM exits and memory translation</translation>
    </message>
    <message>
      <source>Nested: no /dev/kvm here</source>
      <translation>Nested: no /dev/kvm here</translation>
    </message>
    <message>
      <source>vmctl ran inside the test VM (%1: QEMU TCG with KVM inside), so these exits are an L2 guest's. %2</source>
      <translation>vmctl ran inside the test VM (%1: QEMU TCG with KVM inside), so these exits are an L2 guest's. %2</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>No data yet</translation>
    </message>
    <message>
      <source>Press Refresh for vmctl info, run a guest, boot Linux, or open a replay.</source>
      <translation>Press Refresh for vmctl info, run a guest, boot Linux, or open a replay.</translation>
    </message>
    <message>
      <source>/dev/kvm present, KVM API %1</source>
      <translation>/dev/kvm present, KVM API %1</translation>
    </message>
    <message>
      <source>no /dev/kvm: %1 — vmctl runs guests nested in the test VM</source>
      <translation>no /dev/kvm: %1 — vmctl runs guests nested in the test VM</translation>
    </message>
    <message>
      <source>CPU extension: %1</source>
      <translation>CPU extension: %1</translation>
    </message>
    <message>
      <source>none visible</source>
      <translation>none visible</translation>
    </message>
    <message>
      <source>modules: %1</source>
      <translation>modules: %1</translation>
    </message>
    <message>
      <source>this machine: %1, %2 CPUs, %3; a VM: %4</source>
      <translation>this machine: %1, %2 CPUs, %3; a VM: %4</translation>
    </message>
    <message>
      <source>no</source>
      <translation>no</translation>
    </message>
    <message>
      <source>KVM on this machine</source>
      <translation>KVM on this machine</translation>
    </message>
    <message>
      <source>Guest "%1" (%2 mode, %3): %4 — %5 exits in %6 s</source>
      <translation>Guest "%1" (%2 mode, %3): %4 — %5 exits in %6 s</translation>
    </message>
    <message>
      <source>Exit histogram</source>
      <translation>Exit histogram</translation>
    </message>
    <message numerus="yes">
      <source>Exit timeline (%n exit(s) in the ring)</source>
      <translation>
        <numerusform>Exit timeline (%n exit in the ring)</numerusform>
        <numerusform>Exit timeline (%n exits in the ring)</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 ns</source>
      <translation>%1 ns</translation>
    </message>
    <message>
      <source>exits seen by vmctl: %1; counted in the kernel: %2</source>
      <translation>exits seen by vmctl: %1; counted in the kernel: %2</translation>
    </message>
    <message>
      <source>not available</source>
      <translation>not available</translation>
    </message>
    <message>
      <source>vCPU %1 registers</source>
      <translation>vCPU %1 registers</translation>
    </message>
    <message>
      <source>Emulated vs paravirtual I/O (same bytes)</source>
      <translation>Emulated vs paravirtual I/O (same bytes)</translation>
    </message>
    <message>
      <source>%1 exits for %2 bytes (%3 exits/byte, %4 s)</source>
      <translation>%1 exits for %2 bytes (%3 exits/byte, %4 s)</translation>
    </message>
    <message>
      <source>paravirtual speed-up: ×%1</source>
      <translation>paravirtual speed-up: ×%1</translation>
    </message>
    <message>
      <source>Guest serial output (port 0x3f8)</source>
      <translation>Guest serial output (port 0x3f8)</translation>
    </message>
    <message>
      <source>Memory virtualization: three translations (guest "%1", CR3 %2)</source>
      <translation>Memory virtualization: three translations (guest "%1", CR3 %2)</translation>
    </message>
    <message>
      <source>GVA</source>
      <translation>GVA</translation>
    </message>
    <message>
      <source>GPA</source>
      <translation>GPA</translation>
    </message>
    <message>
      <source>HVA</source>
      <translation>HVA</translation>
    </message>
    <message>
      <source>HPA</source>
      <translation>HPA</translation>
    </message>
    <message>
      <source>guest virtual</source>
      <translation>guest virtual</translation>
    </message>
    <message>
      <source>guest physical</source>
      <translation>guest physical</translation>
    </message>
    <message>
      <source>host virtual (vmctl's memory)</source>
      <translation>host virtual (vmctl's memory)</translation>
    </message>
    <message>
      <source>host physical (a frame)</source>
      <translation>host physical (a frame)</translation>
    </message>
    <message>
      <source>—</source>
      <translation>—</translation>
    </message>
    <message>
      <source>hidden: needs root (pagemap)</source>
      <translation>hidden: needs root (pagemap)</translation>
    </message>
    <message>
      <source>guest page tables (%1)</source>
      <translation>guest page tables (%1)</translation>
    </message>
    <message>
      <source>KVM memslot</source>
      <translation>KVM memslot</translation>
    </message>
    <message>
      <source>host page tables</source>
      <translation>host page tables</translation>
    </message>
    <message>
      <source>  fault: %1</source>
      <translation>  fault: %1</translation>
    </message>
    <message>
      <source>  (KVM_TRANSLATE agrees)</source>
      <translation>  (KVM_TRANSLATE agrees)</translation>
    </message>
    <message>
      <source>  (KVM_TRANSLATE differs)</source>
      <translation>  (KVM_TRANSLATE differs)</translation>
    </message>
    <message>
      <source>Virtual machines</source>
      <translation>Virtual machines</translation>
    </message>
    <message>
      <source>Boot Linux</source>
      <translation>Boot Linux</translation>
    </message>
    <message>
      <source>vmctl boot --console virtio --json: minutes when nested; Esc cancels</source>
      <translation>vmctl boot --console virtio --json: minutes when nested; Esc cancels</translation>
    </message>
    <message>
      <source>Booted Linux VM: kernel %1, %2 RAM — %3 after %4 s, %5 exits to vmctl</source>
      <translation>Booted Linux VM: kernel %1, %2 RAM — %3 after %4 s, %5 exits to vmctl</translation>
    </message>
    <message>
      <source>Guest userland: /init from the initramfs (%1)</source>
      <translation>Guest userland: /init from the initramfs (%1)</translation>
    </message>
    <message>
      <source>/init ran at %1; the marker line at %2</source>
      <translation>/init ran at %1; the marker line at %2</translation>
    </message>
    <message>
      <source>%1 console bytes written by the guest</source>
      <translation>%1 console bytes written by the guest</translation>
    </message>
    <message>
      <source>Guest Linux kernel (its own): %1</source>
      <translation>Guest Linux kernel (its own): %1</translation>
    </message>
    <message>
      <source>boot protocol %1, %2; first console output at %3</source>
      <translation>boot protocol %1, %2; first console output at %3</translation>
    </message>
    <message>
      <source>command line: %1</source>
      <translation>command line: %1</translation>
    </message>
    <message>
      <source>nested in the test VM (%1: QEMU TCG, KVM inside)</source>
      <translation>nested in the test VM (%1: QEMU TCG, KVM inside)</translation>
    </message>
    <message>
      <source>directly on this machine's /dev/kvm</source>
      <translation>directly on this machine's /dev/kvm</translation>
    </message>
    <message>
      <source>Hypervisor: vmctl on KVM</source>
      <translation>Hypervisor: vmctl on KVM</translation>
    </message>
    <message>
      <source>%1; %2 interrupts raised by vmctl</source>
      <translation>%1; %2 interrupts raised by vmctl</translation>
    </message>
    <message>
      <source>vCPUs: %1</source>
      <translation>vCPUs: %1</translation>
    </message>
    <message>
      <source>each a thread of vmctl</source>
      <translation>each a thread of vmctl</translation>
    </message>
    <message>
      <source>%1 exits in KVM (vCPU 0)</source>
      <translation>%1 exits in KVM (vCPU 0)</translation>
    </message>
    <message>
      <source>RAM %1</source>
      <translation>RAM %1</translation>
    </message>
    <message>
      <source>vmctl's own memory (a memslot)</source>
      <translation>vmctl's own memory (a memslot)</translation>
    </message>
    <message>
      <source>%1 kicks exited, %2 via ioeventfd</source>
      <translation>%1 kicks exited, %2 via ioeventfd</translation>
    </message>
    <message>
      <source>%1 bytes sent</source>
      <translation>%1 bytes sent</translation>
    </message>
    <message>
      <source>the guest driver never set DRIVER_OK</source>
      <translation>the guest driver never set DRIVER_OK</translation>
    </message>
    <message>
      <source>%1 exits to vmctl</source>
      <translation>%1 exits to vmctl</translation>
    </message>
    <message>
      <source>virtio-console @%1</source>
      <translation>virtio-console @%1</translation>
    </message>
    <message>
      <source>%1, %2: %3 of %4 allocated</source>
      <translation>%1, %2: %3 of %4 allocated</translation>
    </message>
    <message>
      <source>%1 reads, %2 writes</source>
      <translation>%1 reads, %2 writes</translation>
    </message>
    <message>
      <source>delta %1: %2 sectors, %3 allocated</source>
      <translation>delta %1: %2 sectors, %3 allocated</translation>
    </message>
    <message>
      <source>virtio-blk disk</source>
      <translation>virtio-blk disk</translation>
    </message>
    <message>
      <source>disk: not attached</source>
      <translation>disk: not attached</translation>
    </message>
    <message>
      <source>--disk FILE[,ro|,snapshot] attaches a virtio-blk disk</source>
      <translation>--disk FILE[,ro|,snapshot] attaches a virtio-blk disk</translation>
    </message>
    <message>
      <source>NIC: not attached</source>
      <translation>NIC: not attached</translation>
    </message>
    <message>
      <source>no --net yet (issue #19: virtio-net on a bridge)</source>
      <translation>no --net yet (issue #19: virtio-net on a bridge)</translation>
    </message>
    <message>
      <source>Virtual hardware (what the guest kernel touched)</source>
      <translation>Virtual hardware (what the guest kernel touched)</translation>
    </message>
    <message>
      <source>Exits over the boot (%1 s per bar)</source>
      <translation>Exits over the boot (%1 s per bar)</translation>
    </message>
    <message>
      <source>%1 exits from %2 s</source>
      <translation>%1 exits from %2 s</translation>
    </message>
    <message>
      <source>max %1 exits per bar</source>
      <translation>max %1 exits per bar</translation>
    </message>
    <message>
      <source>%1 → %2</source>
      <translation>%1 → %2</translation>
    </message>
    <message>
      <source>in KVM: %1</source>
      <translation>in KVM: %1</translation>
    </message>
    <message>
      <source>Exits to vmctl by device</source>
      <translation>Exits to vmctl by device</translation>
    </message>
    <message>
      <source>device</source>
      <translation>device</translation>
    </message>
    <message>
      <source>total</source>
      <translation>total</translation>
    </message>
    <message>
      <source>Two-dimensional walk of a guest process's variable (%1, ring %2): %3</source>
      <translation>Two-dimensional walk of a guest process's variable (%1, ring %2): %3</translation>
    </message>
    <message>
      <source>decompression</source>
      <translation>decompression</translation>
    </message>
    <message>
      <source>kernel init</source>
      <translation>kernel init</translation>
    </message>
    <message>
      <source>userspace</source>
      <translation>userspace</translation>
    </message>
    <message>
      <source>The boot did not succeed: %1</source>
      <translation>The boot did not succeed: %1</translation>
    </message>
  </context>
</TS>
