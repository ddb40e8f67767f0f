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
    <name>explorer::CgroupsPage</name>
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
    <name>explorer::LayersPage</name>
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
    <name>explorer::MainWindow</name>
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
  </context>
  <context>
    <name>explorer::MemoryPage</name>
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
    <name>explorer::NamespacesPage</name>
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
    <name>explorer::Page</name>
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
    <name>explorer::VmPage</name>
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
      <source>Press Refresh for vmctl info, run a guest, or open a replay.</source>
      <translation>Press Refresh for vmctl info, run a guest, or open a replay.</translation>
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
  </context>
</TS>
