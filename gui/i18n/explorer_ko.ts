<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
  <context>
    <name>SceneKit</name>
    <message>
      <source>Click to open</source>
      <translation>클릭하면 열립니다</translation>
    </message>
    <message>
      <source>◀ this machine</source>
      <translation>◀ 이 머신</translation>
    </message>
  </context>
  <context>
    <name>explorer::CgroupsPage</name>
    <message>
      <source>no cgtop document in this file</source>
      <translation>이 파일에 cgtop 문서가 없습니다</translation>
    </message>
    <message>
      <source>Run under limits:</source>
      <translation>제한을 걸고 실행:</translation>
    </message>
    <message>
      <source>command, e.g. stress-ng --vm 1 --vm-bytes 128M</source>
      <translation>명령, 예: stress-ng --vm 1 --vm-bytes 128M</translation>
    </message>
    <message>
      <source>CPU</source>
      <translation>CPU</translation>
    </message>
    <message>
      <source>memory</source>
      <translation>메모리</translation>
    </message>
    <message>
      <source>tasks</source>
      <translation>태스크</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>실행</translation>
    </message>
    <message>
      <source>type a command to run under the limits</source>
      <translation>제한 아래에서 실행할 명령을 입력하세요</translation>
    </message>
    <message>
      <source>Control groups: what each group uses against its limits</source>
      <translation>제어 그룹(cgroup): 각 그룹이 한도 대비 얼마나 쓰는가</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>아직 데이터가 없습니다</translation>
    </message>
    <message>
      <source>Press Refresh to stream cgtop, or open a replay.</source>
      <translation>새로 고침을 누르면 cgtop을 실시간으로 받습니다. 저장된 리플레이를 열어도 됩니다.</translation>
    </message>
    <message>
      <source>cgtop run: a command in its own cgroup</source>
      <translation>cgtop run: 자기 cgroup 안의 명령</translation>
    </message>
    <message>
      <source>killed by signal %1</source>
      <translation>시그널 %1로 종료됨</translation>
    </message>
    <message>
      <source>exit status %1</source>
      <translation>종료 코드 %1</translation>
    </message>
    <message>
      <source> — OOM kill ×%1</source>
      <translation> — OOM kill ×%1</translation>
    </message>
    <message>
      <source>%1: %2 in %3 s (limits: %4)</source>
      <translation>%1: %2, %3초 (한도: %4)</translation>
    </message>
    <message numerus="yes">
      <source>%1 hierarchy · %2 CPUs · refresh %3 (rates over %4 s) · %n cgroup(s)</source>
      <translation>
        <numerusform>%1 계층 · CPU %2개 · 새로 고침 %3 (비율은 %4초 기준) · cgroup %n개</numerusform>
      </translation>
    </message>
    <message>
      <source>cgroup</source>
      <translation>cgroup</translation>
    </message>
    <message>
      <source>CPU (100 % = one CPU; bar to the limit)</source>
      <translation>CPU (100 % = CPU 하나; 막대 = 한도 대비)</translation>
    </message>
    <message>
      <source>memory (bar to the limit)</source>
      <translation>메모리 (막대 = 한도 대비)</translation>
    </message>
    <message>
      <source>I/O · tasks · events</source>
      <translation>I/O · 태스크 · 이벤트</translation>
    </message>
    <message>
      <source>n/a</source>
      <translation>없음</translation>
    </message>
    <message>
      <source>≤ %1 CPU</source>
      <translation>≤ CPU %1</translation>
    </message>
    <message>
      <source>r %1/s w %2/s</source>
      <translation>읽기 %1/s 쓰기 %2/s</translation>
    </message>
    <message>
      <source>%1/%2 tasks</source>
      <translation>태스크 %1/%2</translation>
    </message>
    <message>
      <source>%1 tasks</source>
      <translation>태스크 %1</translation>
    </message>
    <message>
      <source>⏸ throttled %1×</source>
      <translation>⏸ 스로틀 %1회</translation>
    </message>
    <message>
      <source>OOM kill ×%1</source>
      <translation>OOM kill ×%1</translation>
    </message>
    <message>
      <source>… %1 more cgroups not drawn; %2 empty cgroups hidden (no tasks, memory or CPU)</source>
      <translation>… cgroup %1개 더 있음(그리지 않음); 빈 cgroup %2개 숨김(태스크·메모리·CPU 없음)</translation>
    </message>
    <message>
      <source>Cgroups</source>
      <translation>Cgroups</translation>
    </message>
    <message>
      <source>cgtop's own explanation (tool output, English):</source>
      <translation>cgtop 자체 설명 (도구 출력, 영어):</translation>
    </message>
    <message>
      <source>cgtop was stopped by %1 and stopped the command after %2 s in cgroup %3.</source>
      <translation>cgtop이 %1을(를) 받아 멈추면서, cgroup %3에서 %2초 동안 돌던 명령을 중단했습니다.</translation>
    </message>
    <message>
      <source>The command ran for %1 s in cgroup %2 (%3 hierarchy) and was killed by %4.</source>
      <translation>명령이 cgroup %2 (%3 계층)에서 %1초 동안 실행되다가 %4로 종료되었습니다.</translation>
    </message>
    <message>
      <source>The command ran for %1 s in cgroup %2 (%3 hierarchy) and exited with status %4.</source>
      <translation>명령이 cgroup %2 (%3 계층)에서 %1초 동안 실행되고 종료 상태 %4으로 끝났습니다.</translation>
    </message>
    <message>
      <source>CPU: %1 s of CPU time = %2 % of one CPU on average (100 % = one CPU fully busy).</source>
      <translation>CPU: CPU 시간 %1초 = 평균적으로 CPU 하나의 %2 % (100 % = CPU 하나를 꽉 채워 사용).</translation>
    </message>
    <message>
      <source>CPU limit hit: throttled in %1 of %2 periods, %3 s in all waiting for the next period.</source>
      <translation>CPU 한도 도달: %2개 주기 중 %1개에서 제한되어, 다음 주기를 기다리며 모두 %3초를 보냈습니다.</translation>
    </message>
    <message>
      <source>CPU limit never reached: %1 of %2 periods throttled.</source>
      <translation>CPU 한도에 닿지 않음: %2개 주기 중 %1개에서 제한됨.</translation>
    </message>
    <message>
      <source>no limit</source>
      <translation>한도 없음</translation>
    </message>
    <message numerus="yes">
      <source>Memory limit hit: %n OOM kill(s) at a peak of %1 (%2). The kernel could not reclaim enough memory in the group, so it killed the largest task.</source>
      <translation>
        <numerusform>메모리 한도 도달: 최대 %1 (%2)에서 OOM kill %n번. 커널이 그룹 안에서 메모리를 충분히 회수하지 못해 가장 큰 태스크를 종료했습니다.</numerusform>
      </translation>
    </message>
    <message>
      <source>Memory: peak %1 (%2).</source>
      <translation>메모리: 최대 %1 (%2).</translation>
    </message>
    <message numerus="yes">
      <source>The memory limit was reached %n time(s): the kernel reclaimed pages of the group each time.</source>
      <translation>
        <numerusform>메모리 한도에 %n번 닿았습니다. 그때마다 커널이 그룹의 페이지를 회수했습니다.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Tasks limit hit: the kernel refused %n fork(s).</source>
      <translation>
        <numerusform>태스크 수 한도 도달: 커널이 fork를 %n번 거부했습니다.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>explorer::LayersPage</name>
    <message>
      <source>no vmctl, nsenter-lite or cgtop document in this file: the layers view has nothing to draw</source>
      <translation>이 파일에 vmctl, nsenter-lite, cgtop 문서가 없어 계층 뷰에 그릴 것이 없습니다</translation>
    </message>
    <message>
      <source>Diagram:</source>
      <translation>다이어그램:</translation>
    </message>
    <message>
      <source>This machine, live</source>
      <translation>이 머신 (실시간)</translation>
    </message>
    <message>
      <source>OS = kernel + userland</source>
      <translation>OS = 커널 + 유저랜드</translation>
    </message>
    <message>
      <source>Containers vs VMs</source>
      <translation>컨테이너 vs VM</translation>
    </message>
    <message>
      <source>macOS + Docker Desktop / Multipass</source>
      <translation>macOS + Docker Desktop / Multipass</translation>
    </message>
    <message>
      <source>EKS node</source>
      <translation>EKS 노드</translation>
    </message>
    <message>
      <source>Linux kernel</source>
      <translation>리눅스 커널</translation>
    </message>
    <message>
      <source>Linux %1</source>
      <translation>Linux %1</translation>
    </message>
    <message>
      <source>unknown (vmctl info not read)</source>
      <translation>알 수 없음 (vmctl info를 읽지 못함)</translation>
    </message>
    <message>
      <source>none: this machine is bare metal</source>
      <translation>없음: 이 머신은 베어메탈입니다</translation>
    </message>
    <message>
      <source>a hypervisor (vendor not reported)</source>
      <translation>하이퍼바이저 (제조사 미보고)</translation>
    </message>
    <message>
      <source>This machine as layers: %1</source>
      <translation>이 머신의 계층: %1</translation>
    </message>
    <message>
      <source>(no data yet)</source>
      <translation>(아직 데이터 없음)</translation>
    </message>
    <message>
      <source>Every box is live data from the tools' JSON. Click a layer to open its view.</source>
      <translation>모든 상자는 도구 JSON에서 온 실시간 데이터입니다. 계층을 클릭하면 해당 뷰가 열립니다.</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>아직 데이터가 없습니다</translation>
    </message>
    <message>
      <source>Press Refresh to ask vmctl, nsenter-lite and cgtop about this machine, or open a saved replay.</source>
      <translation>새로 고침을 누르면 vmctl, nsenter-lite, cgtop에 이 머신을 물어봅니다. 저장된 리플레이를 열어도 됩니다.</translation>
    </message>
    <message>
      <source>Userland (host)</source>
      <translation>유저랜드 (호스트)</translation>
    </message>
    <message>
      <source>systemd, shells, daemons, tools</source>
      <translation>systemd, 셸, 데몬, 도구</translation>
    </message>
    <message>
      <source>libraries: glibc, …</source>
      <translation>라이브러리: glibc, …</translation>
    </message>
    <message>
      <source>processes see the whole machine</source>
      <translation>프로세스는 머신 전체를 봅니다</translation>
    </message>
    <message>
      <source>→ Memory view: a process's pages</source>
      <translation>→ 메모리 뷰: 프로세스의 페이지</translation>
    </message>
    <message>
      <source>Containers</source>
      <translation>컨테이너</translation>
    </message>
    <message>
      <source>nsenter-lite has not answered</source>
      <translation>nsenter-lite가 응답하지 않았습니다</translation>
    </message>
    <message>
      <source>(containers = processes in their own namespaces)</source>
      <translation>(컨테이너 = 자기 네임스페이스 안의 프로세스)</translation>
    </message>
    <message>
      <source>Containers: none running</source>
      <translation>컨테이너: 실행 중인 것 없음</translation>
    </message>
    <message>
      <source>no process group has its own namespaces</source>
      <translation>자기 네임스페이스를 가진 프로세스 그룹이 없습니다</translation>
    </message>
    <message>
      <source>start one: runc run …, or nsenter-lite run …</source>
      <translation>시작하기: runc run … 또는 nsenter-lite run …</translation>
    </message>
    <message>
      <source>they would share this kernel</source>
      <translation>컨테이너는 이 커널을 공유합니다</translation>
    </message>
    <message numerus="yes">
      <source>pid %1, %n process(es)</source>
      <translation>
        <numerusform>pid %1, 프로세스 %n개</numerusform>
      </translation>
    </message>
    <message>
      <source>own ns: %1</source>
      <translation>자기 ns: %1</translation>
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
      <translation>컨테이너: %1</translation>
    </message>
    <message>
      <source>… and %1 more containers</source>
      <translation>… 컨테이너 %1개 더</translation>
    </message>
    <message>
      <source>no vmctl VM running</source>
      <translation>실행 중인 vmctl VM 없음</translation>
    </message>
    <message>
      <source>each VM has its own kernel</source>
      <translation>VM마다 자기 커널이 있습니다</translation>
    </message>
    <message>
      <source>no /dev/kvm: nested</source>
      <translation>/dev/kvm 없음: 중첩(nested)</translation>
    </message>
    <message>
      <source>(QEMU TCG test VM with KVM inside)</source>
      <translation>(QEMU TCG 테스트 VM 안의 KVM)</translation>
    </message>
    <message>
      <source>/dev/kvm present: KVM in this kernel</source>
      <translation>/dev/kvm 있음: 이 커널의 KVM</translation>
    </message>
    <message>
      <source>VMs (vmctl)</source>
      <translation>VM (vmctl)</translation>
    </message>
    <message>
      <source>▼ system calls: open, mmap, fork, clone, socket, ioctl(KVM_RUN) …</source>
      <translation>▼ 시스템 콜: open, mmap, fork, clone, socket, ioctl(KVM_RUN) …</translation>
    </message>
    <message>
      <source>paging: %1-level page tables (%2-bit virtual addresses)</source>
      <translation>페이징: %1단계 페이지 테이블 (%2비트 가상 주소)</translation>
    </message>
    <message>
      <source>cgroups: %1 hierarchy, %2 groups (cgtop) → Cgroups view</source>
      <translation>cgroup: %1 계층, 그룹 %2개 (cgtop) → Cgroups 뷰</translation>
    </message>
    <message>
      <source>namespaces + cgroups: what makes a container</source>
      <translation>네임스페이스 + cgroup: 컨테이너를 만드는 것</translation>
    </message>
    <message>
      <source>memory management: page tables, page cache</source>
      <translation>메모리 관리: 페이지 테이블, 페이지 캐시</translation>
    </message>
    <message>
      <source>KVM module: runs VMs' vCPUs</source>
      <translation>KVM 모듈: VM의 vCPU를 실행</translation>
    </message>
    <message>
      <source>Host kernel: %1</source>
      <translation>호스트 커널: %1</translation>
    </message>
    <message>
      <source>CPU: %1, %2 logical CPUs</source>
      <translation>CPU: %1, 논리 CPU %2개</translation>
    </message>
    <message>
      <source>memory: %1</source>
      <translation>메모리: %1</translation>
    </message>
    <message>
      <source>NICs: %1</source>
      <translation>NIC: %1</translation>
    </message>
    <message>
      <source>vmctl info has not answered: CPU, memory and NICs unknown</source>
      <translation>vmctl info가 응답하지 않음: CPU, 메모리, NIC 알 수 없음</translation>
    </message>
    <message>
      <source>Virtual hardware (this machine is a VM)</source>
      <translation>가상 하드웨어 (이 머신은 VM입니다)</translation>
    </message>
    <message>
      <source>vendor: %1</source>
      <translation>제조사: %1</translation>
    </message>
    <message>
      <source>detected by: %1</source>
      <translation>감지 근거: %1</translation>
    </message>
    <message>
      <source>Hypervisor</source>
      <translation>하이퍼바이저</translation>
    </message>
    <message>
      <source>Physical server</source>
      <translation>물리 서버</translation>
    </message>
    <message>
      <source>real CPUs, RAM and NICs: hidden from this machine by the hypervisor</source>
      <translation>실제 CPU, RAM, NIC: 하이퍼바이저가 이 머신에서 숨김</translation>
    </message>
    <message>
      <source>Hardware</source>
      <translation>하드웨어</translation>
    </message>
    <message>
      <source>Concept: OS / kernel / applications</source>
      <translation>개념: OS / 커널 / 앱</translation>
    </message>
    <message>
      <source>%1 · %2 CPUs · %3</source>
      <translation>%1 · CPU %2개 · %3</translation>
    </message>
    <message>
      <source>CPU / RAM / Disk / NIC</source>
      <translation>CPU / RAM / 디스크 / NIC</translation>
    </message>
    <message>
      <source>app → system call → kernel → hardware</source>
      <translation>앱 → 시스템 콜 → 커널 → 하드웨어</translation>
    </message>
    <message>
      <source>Applications (user space)</source>
      <translation>애플리케이션 (유저 스페이스)</translation>
    </message>
    <message>
      <source>bash, curl, node, nginx …</source>
      <translation>bash, curl, node, nginx 등</translation>
    </message>
    <message>
      <source>System calls</source>
      <translation>시스템 콜</translation>
    </message>
    <message>
      <source>open, fork, socket, bind, mmap …</source>
      <translation>open, fork, socket, bind, mmap …</translation>
    </message>
    <message>
      <source>Kernel (lowest core layer)</source>
      <translation>커널 (최저층 핵심)</translation>
    </message>
    <message>
      <source>here: %1 — scheduling, memory, files/network, drivers</source>
      <translation>여기: %1 — 스케줄링, 메모리, 파일/네트워크, 드라이버</translation>
    </message>
    <message>
      <source>here: %1</source>
      <translation>여기: %1</translation>
    </message>
    <message>
      <source>Operating system (OS)</source>
      <translation>운영체제 (OS)</translation>
    </message>
    <message>
      <source>OS = kernel + userland tools + services (e.g. Ubuntu, macOS, Windows).
The kernel is not the OS: macOS's XNU is not Linux, so Linux-only features (namespaces, cgroups) need a Linux kernel.</source>
      <translation>운영체제 = 커널 + 유저랜드 도구 + 서비스 (예: Ubuntu, macOS, Windows).
커널은 OS와 다릅니다: macOS의 XNU는 리눅스가 아니므로 리눅스 전용 기능(네임스페이스, cgroup)에는 리눅스 커널이 필요합니다.</translation>
    </message>
    <message>
      <source>Red outline: this machine's live layer.</source>
      <translation>빨간 테두리: 이 머신의 실제 계층.</translation>
    </message>
    <message>
      <source>Containers vs virtual machines</source>
      <translation>컨테이너 vs 가상머신</translation>
    </message>
    <message numerus="yes">
      <source>here: %n container(s) found</source>
      <translation>
        <numerusform>여기: 컨테이너 %n개 발견</numerusform>
      </translation>
    </message>
    <message>
      <source>processes with their own namespaces</source>
      <translation>자기 네임스페이스를 가진 프로세스들</translation>
    </message>
    <message>
      <source>Container (on Linux)</source>
      <translation>컨테이너 (리눅스에서)</translation>
    </message>
    <message>
      <source>Container processes</source>
      <translation>컨테이너 프로세스들</translation>
    </message>
    <message>
      <source>Shared Linux kernel (namespaces, cgroups)</source>
      <translation>리눅스 커널 공유 (네임스페이스, cgroup)</translation>
    </message>
    <message>
      <source>Host hardware</source>
      <translation>호스트 하드웨어</translation>
    </message>
    <message>
      <source>vmctl info not read</source>
      <translation>vmctl info를 읽지 못함</translation>
    </message>
    <message>
      <source>here: virtual hardware of a VM</source>
      <translation>여기: VM의 가상 하드웨어</translation>
    </message>
    <message>
      <source>here: real hardware</source>
      <translation>여기: 실제 하드웨어</translation>
    </message>
    <message>
      <source>Virtual machine (VM)</source>
      <translation>가상머신 (VM)</translation>
    </message>
    <message>
      <source>Guest OS userland</source>
      <translation>게스트 OS 유저랜드</translation>
    </message>
    <message>
      <source>here: this machine's userland</source>
      <translation>여기: 이 머신의 유저랜드</translation>
    </message>
    <message>
      <source>a guest's own userland</source>
      <translation>게스트 자신의 유저랜드</translation>
    </message>
    <message>
      <source>Guest Linux kernel (independent)</source>
      <translation>게스트 리눅스 커널 (독립)</translation>
    </message>
    <message>
      <source>its own kernel</source>
      <translation>자기 커널</translation>
    </message>
    <message>
      <source>Virtual hardware (vCPU/vRAM/vDisk/vNIC)</source>
      <translation>가상 하드웨어 (vCPU/vRAM/vDisk/vNIC)</translation>
    </message>
    <message>
      <source>here: %1 vCPUs, %2</source>
      <translation>여기: vCPU %1개, %2</translation>
    </message>
    <message>
      <source>Host OS / kernel</source>
      <translation>호스트 OS / 커널</translation>
    </message>
    <message>
      <source>hidden from us</source>
      <translation>우리에게는 보이지 않음</translation>
    </message>
    <message>
      <source>This machine is both at once: a guest kernel on a hypervisor (right), and the shared kernel for its own containers (left). Red outline: live layer.</source>
      <translation>이 머신은 둘 다입니다: 하이퍼바이저 위의 게스트 커널(오른쪽)이면서, 자기 컨테이너들이 공유하는 커널(왼쪽)입니다. 빨간 테두리: 실제 계층.</translation>
    </message>
    <message>
      <source>macOS: Docker Desktop and Multipass</source>
      <translation>macOS에서 Docker / Multipass 구조</translation>
    </message>
    <message>
      <source>Linux VM (hidden, managed by Docker Desktop)</source>
      <translation>Linux VM (숨겨짐, Docker Desktop이 관리)</translation>
    </message>
    <message>
      <source>Multipass Ubuntu VM</source>
      <translation>Multipass Ubuntu VM</translation>
    </message>
    <message numerus="yes">
      <source>here: %n container(s)</source>
      <translation>
        <numerusform>여기: 컨테이너 %n개</numerusform>
      </translation>
    </message>
    <message>
      <source>(optional) Docker / TiNET</source>
      <translation>(옵션) Docker / TiNET</translation>
    </message>
    <message>
      <source>Docker Engine (containerd …)</source>
      <translation>Docker Engine (containerd 등)</translation>
    </message>
    <message>
      <source>here: runc</source>
      <translation>여기: runc</translation>
    </message>
    <message>
      <source>Ubuntu userland + systemd</source>
      <translation>Ubuntu 유저랜드 + systemd</translation>
    </message>
    <message>
      <source>Hypervisor (hosted)</source>
      <translation>하이퍼바이저 (호스트형)</translation>
    </message>
    <message>
      <source>Apple Hypervisor / Virtualization framework (or QEMU); here: %1</source>
      <translation>Apple Hypervisor / Virtualization Framework (또는 QEMU 계열); 여기: %1</translation>
    </message>
    <message>
      <source>macOS kernel (XNU)</source>
      <translation>macOS 커널 (XNU)</translation>
    </message>
    <message>
      <source>not Linux: no namespaces or cgroups</source>
      <translation>리눅스가 아님: 네임스페이스·cgroup 없음</translation>
    </message>
    <message>
      <source>Mac hardware (Apple Silicon / Intel)</source>
      <translation>macOS 하드웨어 (Apple Silicon / Intel)</translation>
    </message>
    <message>
      <source>Linux containers need a Linux kernel, so on a Mac they run inside a Linux VM. This machine is in the same place as that hidden VM: a Linux kernel on a hypervisor (red outline).</source>
      <translation>리눅스 컨테이너에는 리눅스 커널이 필요하므로 Mac에서는 리눅스 VM 안에서 실행됩니다. 이 머신은 그 숨겨진 VM과 같은 자리에 있습니다: 하이퍼바이저 위의 리눅스 커널 (빨간 테두리).</translation>
    </message>
    <message>
      <source>Amazon EKS node</source>
      <translation>Amazon EKS 노드</translation>
    </message>
    <message>
      <source>Where does an EKS container run?</source>
      <translation>EKS 컨테이너는 어디서 실행되나?</translation>
    </message>
    <message>
      <source>containerd / Docker</source>
      <translation>containerd / Docker</translation>
    </message>
    <message>
      <source>here: runc (the runtime below containerd)</source>
      <translation>여기: runc (containerd 아래의 런타임)</translation>
    </message>
    <message>
      <source>Linux OS (Amazon Linux / Bottlerocket / Ubuntu)</source>
      <translation>Linux OS (Amazon Linux / Bottlerocket / Ubuntu 등)</translation>
    </message>
    <message>
      <source>EC2 instance (a VM)</source>
      <translation>EC2 인스턴스 (VM)</translation>
    </message>
    <message>
      <source>here: this machine, a VM on %1</source>
      <translation>여기: 이 머신, %1 위의 VM</translation>
    </message>
    <message>
      <source>here: not a VM</source>
      <translation>여기: VM 아님</translation>
    </message>
    <message>
      <source>AWS's hardware (Nitro hypervisor)</source>
      <translation>AWS 하드웨어 (Nitro 하이퍼바이저)</translation>
    </message>
    <message>
      <source>Answer from the notes</source>
      <translation>노트의 답</translation>
    </message>
    <message>
      <source>A container on EKS runs on a node: an EC2 instance (or Fargate). It uses that node's Linux kernel and its resources, limited by cgroups. The node itself is a VM, like this machine.</source>
      <translation>EKS에 배포된 컨테이너는 반드시 노드(EC2 인스턴스 또는 Fargate) 위에서 실행됩니다. 그 노드의 리눅스 커널과 자원을 cgroup 한도 안에서 씁니다. 노드 자체도 이 머신처럼 VM입니다.</translation>
    </message>
    <message>
      <source>Layers</source>
      <translation>계층</translation>
    </message>
    <message>
      <source>cgroup unknown (nsenter-lite gave none)</source>
      <translation>cgroup 알 수 없음 (nsenter-lite가 알려 주지 않음)</translation>
    </message>
    <message>
      <source>cgtop has not answered: no cgroup numbers</source>
      <translation>cgtop 응답 없음: cgroup 수치 없음</translation>
    </message>
    <message>
      <source>cgtop has no row for this cgroup</source>
      <translation>cgtop에 이 cgroup 행이 없음</translation>
    </message>
    <message>
      <source>numbers of the nearest ancestor %1 (no cgtop row of its own)</source>
      <translation>가장 가까운 상위 cgroup %1의 수치 (자기 행은 cgtop에 없음)</translation>
    </message>
    <message>
      <source>CPU n/a</source>
      <translation>CPU 알 수 없음</translation>
    </message>
    <message>
      <source>%1 (limit %2 CPU)</source>
      <translation>%1 (한도 %2 CPU)</translation>
    </message>
    <message>
      <source>%1 (no limit)</source>
      <translation>%1 (한도 없음)</translation>
    </message>
    <message>
      <source>memory %1 of limit %2</source>
      <translation>메모리 %1 / 한도 %2</translation>
    </message>
    <message>
      <source>memory %1 (no limit)</source>
      <translation>메모리 %1 (한도 없음)</translation>
    </message>
    <message>
      <source>tasks %1 of max %2</source>
      <translation>태스크 %1개 / 최대 %2개</translation>
    </message>
    <message>
      <source>tasks %1 (no limit)</source>
      <translation>태스크 %1개 (한도 없음)</translation>
    </message>
  </context>
  <context>
    <name>explorer::MainWindow</name>
    <message>
      <source>Open replay</source>
      <translation>리플레이 열기</translation>
    </message>
    <message>
      <source>Tool JSON (*.json *.jsonl);;All files (*)</source>
      <translation>도구 JSON (*.json *.jsonl);;모든 파일 (*)</translation>
    </message>
    <message>
      <source>translation not found: the build did not embed explorer_%1.qm</source>
      <translation>번역 없음: 빌드에 explorer_%1.qm이 들어 있지 않습니다</translation>
    </message>
    <message>
      <source>virtlab explorer</source>
      <translation>virtlab 탐색기</translation>
    </message>
    <message>
      <source>Tools</source>
      <translation>도구</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>새로 고침</translation>
    </message>
    <message>
      <source>Run the tools again (F5)</source>
      <translation>도구를 다시 실행 (F5)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>취소</translation>
    </message>
    <message>
      <source>Stop the running tool (Esc)</source>
      <translation>실행 중인 도구 멈추기 (Esc)</translation>
    </message>
    <message>
      <source>Open replay…</source>
      <translation>리플레이 열기…</translation>
    </message>
    <message>
      <source>Open saved tool JSON or JSON Lines</source>
      <translation>저장된 도구 JSON 또는 JSON Lines 열기</translation>
    </message>
    <message>
      <source>Save JSON…</source>
      <translation>JSON 저장…</translation>
    </message>
    <message>
      <source>Save the data on screen as replayable JSON</source>
      <translation>화면의 데이터를 리플레이 가능한 JSON으로 저장</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>내보내기…</translation>
    </message>
    <message>
      <source>Export the view as PNG or SVG at the chosen size</source>
      <translation>선택한 크기로 뷰를 PNG 또는 SVG로 내보내기</translation>
    </message>
    <message>
      <source>Zoom in</source>
      <translation>확대</translation>
    </message>
    <message>
      <source>Zoom in (Ctrl+wheel)</source>
      <translation>확대 (Ctrl+휠)</translation>
    </message>
    <message>
      <source>Zoom out</source>
      <translation>축소</translation>
    </message>
    <message>
      <source>Zoom out (Ctrl+wheel)</source>
      <translation>축소 (Ctrl+휠)</translation>
    </message>
    <message>
      <source>Fit</source>
      <translation>맞춤</translation>
    </message>
    <message>
      <source>Fit the whole picture</source>
      <translation>그림 전체를 화면에 맞춤</translation>
    </message>
    <message>
      <source>A+</source>
      <translation>A+</translation>
    </message>
    <message>
      <source>Larger presentation font</source>
      <translation>발표용 글꼴 크게</translation>
    </message>
    <message>
      <source>A−</source>
      <translation>A−</translation>
    </message>
    <message>
      <source>Smaller presentation font</source>
      <translation>발표용 글꼴 작게</translation>
    </message>
    <message>
      <source>no page called %1</source>
      <translation>%1 페이지가 없습니다</translation>
    </message>
    <message>
      <source>replayed what was readable; %1</source>
      <translation>읽을 수 있는 부분만 재생했습니다; %1</translation>
    </message>
    <message numerus="yes">
      <source>replaying %1 (%n document(s))</source>
      <translation>
        <numerusform>%1 재생 중 (문서 %n개)</numerusform>
      </translation>
    </message>
    <message>
      <source>Save JSON</source>
      <translation>JSON 저장</translation>
    </message>
    <message>
      <source>Tool JSON (*.json *.jsonl)</source>
      <translation>도구 JSON (*.json *.jsonl)</translation>
    </message>
    <message>
      <source>saved %1: open it with File ▸ Open replay or explorer --replay</source>
      <translation>%1 저장됨: 리플레이 열기 또는 explorer --replay로 여세요</translation>
    </message>
    <message>
      <source>Export picture</source>
      <translation>그림 내보내기</translation>
    </message>
    <message>
      <source>PNG image (*.png);;SVG drawing (*.svg)</source>
      <translation>PNG 이미지 (*.png);;SVG 그림 (*.svg)</translation>
    </message>
    <message>
      <source>exported %1</source>
      <translation>%1 내보냄</translation>
    </message>
    <message>
      <source>presentation font: %1 pt</source>
      <translation>발표용 글꼴: %1 pt</translation>
    </message>
    <message>
      <source>virtlab explorer — %1</source>
      <translation>virtlab 탐색기 — %1</translation>
    </message>
  </context>
  <context>
    <name>explorer::MemoryPage</name>
    <message>
      <source>no pagewalk summary, walk or demo document in this file</source>
      <translation>이 파일에 pagewalk summary, walk, demo 문서가 없습니다</translation>
    </message>
    <message>
      <source>Process:</source>
      <translation>프로세스:</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>보기</translation>
    </message>
    <message>
      <source>Address:</source>
      <translation>주소:</translation>
    </message>
    <message>
      <source>Walk</source>
      <translation>워크</translation>
    </message>
    <message>
      <source>not an address: %1 (write it as 0x7ffd1234)</source>
      <translation>주소가 아닙니다: %1 (0x7ffd1234 형식으로 쓰세요)</translation>
    </message>
    <message>
      <source>Demo:</source>
      <translation>데모:</translation>
    </message>
    <message>
      <source>Run demo</source>
      <translation>데모 실행</translation>
    </message>
    <message>
      <source>Memory of process %1 (%2)</source>
      <translation>프로세스 %1 (%2)의 메모리</translation>
    </message>
    <message>
      <source>Memory: virtual pages → page tables → physical frames</source>
      <translation>메모리: 가상 페이지 → 페이지 테이블 → 물리 프레임</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>아직 데이터가 없습니다</translation>
    </message>
    <message>
      <source>Press Refresh to run pagewalk on process %1, pick a demo, or open a saved replay.</source>
      <translation>새로 고침을 누르면 프로세스 %1에 pagewalk를 실행합니다. 데모를 고르거나 저장된 리플레이를 열어도 됩니다.</translation>
    </message>
    <message>
      <source>Page walk</source>
      <translation>페이지 워크</translation>
    </message>
    <message>
      <source>Click a VMA on the left to walk its first page through the page tables (or type an address above).</source>
      <translation>왼쪽 VMA를 클릭하면 첫 페이지를 페이지 테이블로 따라갑니다 (위에 주소를 입력해도 됩니다).</translation>
    </message>
    <message>
      <source>%1 · %2 VMAs · resident %3 · swapped %4 · minor faults %5, major %6</source>
      <translation>%1 · VMA %2개 · 상주 %3 · 스왑 %4 · 마이너 폴트 %5, 메이저 %6</translation>
    </message>
    <message>
      <source>anonymous, in RAM</source>
      <translation>익명, RAM에 있음</translation>
    </message>
    <message>
      <source>file / shared, in RAM</source>
      <translation>파일 / 공유, RAM에 있음</translation>
    </message>
    <message>
      <source>swapped out</source>
      <translation>스왑 아웃됨</translation>
    </message>
    <message>
      <source>not present (never touched or dropped)</source>
      <translation>없음 (접근한 적 없거나 버려짐)</translation>
    </message>
    <message>
      <source>… %1 more VMAs (save the JSON to see them all)</source>
      <translation>… VMA %1개 더 (전체는 JSON을 저장해 보세요)</translation>
    </message>
    <message>
      <source>%1 pages: %2 anonymous, %3 file/shared in RAM, %4 swapped, %5 not present — click to walk</source>
      <translation>%1 페이지: 익명 %2, 파일/공유 %3 (RAM), 스왑 %4, 없음 %5 — 클릭하면 워크</translation>
    </message>
    <message>
      <source>note: %1</source>
      <translation>참고 (pagewalk 출력, 영어): %1</translation>
    </message>
    <message>
      <source>Page walk of %1 in process %2</source>
      <translation>프로세스 %2의 %1 페이지 워크</translation>
    </message>
    <message>
      <source>%1 · VMA %2-%3 %4 %5</source>
      <translation>%1 · VMA %2-%3 %4 %5</translation>
    </message>
    <message>
      <source>bits %1-%2</source>
      <translation>비트 %1-%2</translation>
    </message>
    <message>
      <source>= %1</source>
      <translation>= %1</translation>
    </message>
    <message>
      <source>CR3 (this process's top-level table)</source>
      <translation>CR3 (이 프로세스의 최상위 테이블)</translation>
    </message>
    <message>
      <source>%1 table, entry %2</source>
      <translation>%1 테이블, 엔트리 %2</translation>
    </message>
    <message>
      <source>PFN %1 (%2) → physical address %3</source>
      <translation>PFN %1 (%2) → 물리 주소 %3</translation>
    </message>
    <message>
      <source>frame flags: %1</source>
      <translation>프레임 플래그: %1</translation>
    </message>
    <message numerus="yes">
      <source>mapped %n time(s) (kpagecount)</source>
      <translation>
        <numerusform>%n번 매핑됨 (kpagecount)</numerusform>
      </translation>
    </message>
    <message>
      <source>charged to memory cgroup %1</source>
      <translation>메모리 cgroup %1에 과금됨</translation>
    </message>
    <message>
      <source>present in RAM, but the PFN is hidden: pagemap shows PFNs only to root</source>
      <translation>RAM에 있지만 PFN은 숨겨짐: pagemap은 root에게만 PFN을 보여줍니다</translation>
    </message>
    <message>
      <source>not in RAM: swapped out (the entry holds the swap location)</source>
      <translation>RAM에 없음: 스왑 아웃 (엔트리에 스왑 위치가 있음)</translation>
    </message>
    <message>
      <source>not present: never touched, or dropped — the next access is a page fault</source>
      <translation>없음: 접근한 적 없거나 버려짐 — 다음 접근은 페이지 폴트</translation>
    </message>
    <message>
      <source>Physical frame</source>
      <translation>물리 프레임</translation>
    </message>
    <message>
      <source>No frame</source>
      <translation>프레임 없음</translation>
    </message>
    <message>
      <source>pagemap entry %1</source>
      <translation>pagemap 엔트리 %1</translation>
    </message>
    <message>
      <source>Upper-level entry values live in kernel memory; pagemap reports the walk's result for the page.</source>
      <translation>상위 단계 엔트리 값은 커널 메모리에 있습니다; pagemap은 그 페이지에 대한 워크 결과를 알려줍니다.</translation>
    </message>
    <message>
      <source>Demo: %1</source>
      <translation>데모: %1</translation>
    </message>
    <message>
      <source>Not shown on this machine</source>
      <translation>이 머신에서는 보여줄 수 없음</translation>
    </message>
    <message>
      <source>present, PFN %1</source>
      <translation>있음, PFN %1</translation>
    </message>
    <message>
      <source>hidden</source>
      <translation>숨겨짐</translation>
    </message>
    <message>
      <source>swapped</source>
      <translation>스왑됨</translation>
    </message>
    <message>
      <source>not present</source>
      <translation>없음</translation>
    </message>
    <message>
      <source>%1 %2</source>
      <translation>%1 %2</translation>
    </message>
    <message>
      <source>exclusive</source>
      <translation>단독 매핑</translation>
    </message>
    <message>
      <source>What this shows</source>
      <translation>이것이 보여주는 것</translation>
    </message>
    <message>
      <source>Memory</source>
      <translation>메모리</translation>
    </message>
    <message>
      <source>The frame in physical memory</source>
      <translation>물리 메모리 속의 프레임</translation>
    </message>
    <message>
      <source>PFN %1 = %2</source>
      <translation>PFN %1 = %2</translation>
    </message>
    <message>
      <source>Physical address space from 0; shaded: the %1 of RAM this machine has (MemTotal, from vmctl info). The frame is at %2 (%3 % of the way). Frames above MemTotal are normal: firmware and the PCI hole below 4 GiB push part of RAM to higher addresses.</source>
      <translation>0부터 시작하는 물리 주소 공간입니다. 색칠한 부분은 이 머신의 RAM %1입니다 (MemTotal, vmctl info에서 읽음). 프레임은 %2 위치(%3 % 지점)에 있습니다. MemTotal보다 높은 주소의 프레임도 정상입니다: 펌웨어 영역과 4 GiB 아래의 PCI 홀 때문에 RAM 일부가 더 높은 주소로 밀려납니다.</translation>
    </message>
    <message>
      <source>Physical address space from 0 to just past the frame (%1). Open or run vmctl info to draw it against this machine's RAM.</source>
      <translation>0부터 프레임 바로 뒤(%1)까지의 물리 주소 공간입니다. 이 머신의 RAM과 비교해 그리려면 vmctl info를 실행하거나 그 출력을 여세요.</translation>
    </message>
    <message>
      <source>one of %1 entries; each covers %2 of the address space</source>
      <translation>엔트리 %1개 중 하나, 엔트리 하나가 주소 공간 %2를 담당</translation>
    </message>
    <message>
      <source>(bit meanings: pagewalk's output, English)</source>
      <translation>(각 비트의 의미: pagewalk 출력, 영어)</translation>
    </message>
    <message>
      <source>Frames of the VMA</source>
      <translation>VMA의 프레임</translation>
    </message>
    <message>
      <source>pagewalk --list: which physical frame backs each page of the walked address's VMA</source>
      <translation>pagewalk --list: 워크한 주소가 속한 VMA의 각 페이지를 어느 물리 프레임이 받치고 있는지</translation>
    </message>
    <message>
      <source>walk an address first: its VMA is the range that gets listed</source>
      <translation>먼저 주소를 워크하세요: 그 주소의 VMA가 목록으로 볼 범위입니다</translation>
    </message>
    <message numerus="yes">
      <source>Frames behind %1-%2 of process %3 %4 (pagewalk --list): %n page(s)</source>
      <translation>
        <numerusform>프로세스 %3 %4의 %1-%2 뒤에 있는 프레임 (pagewalk --list): 페이지 %n개</numerusform>
      </translation>
    </message>
    <message>
      <source>virtual: %1 … %2</source>
      <translation>가상: %1 … %2</translation>
    </message>
    <message>
      <source>physical: 0 … %1 (MemTotal from vmctl info)</source>
      <translation>물리: 0 … %1 (vmctl info의 MemTotal)</translation>
    </message>
    <message>
      <source>physical: 0 … %1 (the highest frame listed; MemTotal unknown)</source>
      <translation>물리: 0 … %1 (목록의 가장 높은 프레임까지, MemTotal 모름)</translation>
    </message>
    <message>
      <source>%1 of %2 runs are present; %3 of those are a single page: consecutive virtual pages get frames from wherever the allocator had free ones, so the page table is what makes the range look contiguous.</source>
      <translation>실행 구간 %2개 중 %1개가 메모리에 있고, 그중 %3개는 한 페이지짜리입니다: 연속된 가상 페이지도 할당자에게 그때 빈 프레임이 있던 곳에서 프레임을 받습니다. 이 범위가 연속으로 보이는 것은 페이지 테이블 덕분입니다.</translation>
    </message>
    <message>
      <source>PFN %1 (physical %2)</source>
      <translation>PFN %1 (물리 주소 %2)</translation>
    </message>
    <message numerus="yes">
      <source>%1-%2  %n page(s)  →  %3</source>
      <translation>
        <numerusform>%1-%2  페이지 %n개  →  %3</numerusform>
      </translation>
    </message>
    <message>
      <source>… %1 more runs</source>
      <translation>… 실행 구간 %1개 더</translation>
    </message>
  </context>
  <context>
    <name>explorer::NamespacesPage</name>
    <message>
      <source>Namespaces: who sees which world</source>
      <translation>네임스페이스: 누가 어떤 세상을 보는가</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>아직 데이터가 없습니다</translation>
    </message>
    <message>
      <source>Press Refresh to run nsenter-lite ls, or open a saved replay.</source>
      <translation>새로 고침을 누르면 nsenter-lite ls를 실행합니다. 저장된 리플레이를 열어도 됩니다.</translation>
    </message>
    <message>
      <source>%1 namespaces on %2. The host's are PID 1's (green); every other namespace isolates something. Containers (teal, red outline) are processes with their own pid namespace or several own kinds: %3 found.</source>
      <translation>%2의 네임스페이스 %1개. 호스트의 것은 PID 1의 것(초록)이고, 나머지는 모두 무언가를 격리합니다. 컨테이너(청록, 빨간 테두리)는 자기 pid 네임스페이스나 여러 종류의 자기 네임스페이스를 가진 프로세스입니다: %3개 발견.</translation>
    </message>
    <message numerus="yes">
      <source>%n process(es) could not be read (permission denied): their namespaces are missing.</source>
      <translation>
        <numerusform>프로세스 %n개를 읽지 못했습니다 (권한 없음): 그 네임스페이스는 빠져 있습니다.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n process(es), pid %1</source>
      <translation>
        <numerusform>프로세스 %n개, pid %1</numerusform>
      </translation>
    </message>
    <message>
      <source>held by %1: %2</source>
      <translation>%1이(가) 붙잡고 있음: %2</translation>
    </message>
    <message>
      <source> host</source>
      <translation> 호스트</translation>
    </message>
    <message>
      <source>… %1 more %2 namespaces</source>
      <translation>… %2 네임스페이스 %1개 더</translation>
    </message>
    <message>
      <source>Processes grouped by their own (non-host) namespaces</source>
      <translation>자기(호스트가 아닌) 네임스페이스로 묶은 프로세스</translation>
    </message>
    <message>
      <source>Container: %1</source>
      <translation>컨테이너: %1</translation>
    </message>
    <message>
      <source>Sandboxed: %1</source>
      <translation>샌드박스: %1</translation>
    </message>
    <message>
      <source>own: %1</source>
      <translation>자기 것: %1</translation>
    </message>
    <message>
      <source>pids %1</source>
      <translation>pid %1</translation>
    </message>
    <message>
      <source>every process shares all of PID 1's namespaces: no sandbox, no container</source>
      <translation>모든 프로세스가 PID 1의 네임스페이스를 공유합니다: 샌드박스도 컨테이너도 없음</translation>
    </message>
    <message>
      <source>User namespace ownership (who may administer what)</source>
      <translation>사용자 네임스페이스 소유 관계 (누가 무엇을 관리할 수 있나)</translation>
    </message>
    <message numerus="yes">
      <source>user:[%1] uid %2 (%3) owns %n namespace(s) — first process %4 %5</source>
      <translation>
        <numerusform>user:[%1] uid %2 (%3)가 네임스페이스 %n개 소유 — 첫 프로세스 %4 %5</numerusform>
      </translation>
    </message>
    <message>
      <source>Namespaces</source>
      <translation>네임스페이스</translation>
    </message>
    <message>
      <source>no nsenter-lite ls or net switch document in this file</source>
      <translation>이 파일에 nsenter-lite ls 또는 net switch 문서가 없습니다</translation>
    </message>
    <message>
      <source>Virtual switch:</source>
      <translation>가상 스위치:</translation>
    </message>
    <message>
      <source> hosts</source>
      <translation>개 호스트</translation>
    </message>
    <message>
      <source>Build switch</source>
      <translation>스위치 만들기</translation>
    </message>
    <message>
      <source>Ping</source>
      <translation>Ping</translation>
    </message>
    <message>
      <source>Remove switch</source>
      <translation>스위치 제거</translation>
    </message>
    <message>
      <source>Virtual switch: the notes' bridge, hosts and MAC learning table</source>
      <translation>가상 스위치: 노트의 브리지, 호스트, MAC 학습 테이블</translation>
    </message>
    <message>
      <source>No virtual switch on this machine</source>
      <translation>이 머신에 가상 스위치가 없습니다</translation>
    </message>
    <message>
      <source>Build one with the "Build switch" button (as root), or run it yourself and open the output as a replay:
  sudo %1 --json &gt; switch.json
Remove it afterwards with: sudo nsenter-lite net down</source>
      <translation>"스위치 만들기" 버튼(root 권한 필요)으로 만들거나, 직접 실행한 뒤 그 출력을 리플레이로 여세요:
  sudo %1 --json &gt; switch.json
다 쓴 뒤에는 다음으로 제거합니다: sudo nsenter-lite net down</translation>
    </message>
    <message>
      <source>Host-only mode: the bridge itself has an address, so the host machine is on the switch too.</source>
      <translation>호스트 전용 모드: 브리지 자체에 주소가 있어서 호스트 머신도 이 스위치에 연결되어 있습니다.</translation>
    </message>
    <message>
      <source>Bridge mode: a pure layer-2 switch. No uplink NIC is enslaved, so no frame leaves this machine.</source>
      <translation>브리지 모드: 순수한 2계층 스위치입니다. 업링크 NIC를 연결하지 않으므로 어떤 프레임도 이 머신 밖으로 나가지 않습니다.</translation>
    </message>
    <message>
      <source>Each host is a network namespace with one end of a veth pair as its NIC; the other end is a port of the bridge. The bridge learns the source MAC of every frame that arrives on a port; a frame for an unknown MAC is flooded to every port.</source>
      <translation>각 호스트는 네트워크 네임스페이스이고, veth 쌍의 한쪽 끝이 그 NIC입니다. 다른 쪽 끝은 브리지의 포트입니다. 브리지는 포트로 들어오는 모든 프레임의 출발지 MAC을 학습하고, 모르는 MAC으로 가는 프레임은 모든 포트로 내보냅니다(플러딩).</translation>
    </message>
    <message>
      <source>Bridge %1 (the switch)</source>
      <translation>브리지 %1 (스위치)</translation>
    </message>
    <message numerus="yes">
      <source>a Linux bridge in the host's network namespace · %n port(s)</source>
      <translation>
        <numerusform>호스트 네트워크 네임스페이스의 리눅스 브리지 · 포트 %n개</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n MAC address(es) learned</source>
      <translation>
        <numerusform>학습한 MAC 주소 %n개</numerusform>
      </translation>
    </message>
    <message>
      <source>port %1</source>
      <translation>포트 %1</translation>
    </message>
    <message>
      <source>ifindex %1</source>
      <translation>ifindex %1</translation>
    </message>
    <message>
      <source>no MAC learned here</source>
      <translation>여기서 학습한 MAC 없음</translation>
    </message>
    <message>
      <source>learned %1</source>
      <translation>학습: %1</translation>
    </message>
    <message>
      <source>veth pair</source>
      <translation>veth 쌍</translation>
    </message>
    <message>
      <source>MAC learning table (FDB of %1)</source>
      <translation>MAC 학습 테이블 (%1의 FDB)</translation>
    </message>
    <message>
      <source>read with RTM_GETNEIGH (AF_BRIDGE) · table %1 · %2</source>
      <translation>RTM_GETNEIGH (AF_BRIDGE)로 읽음 · %1번째 테이블 · %2</translation>
    </message>
    <message>
      <source>MAC</source>
      <translation>MAC</translation>
    </message>
    <message>
      <source>port</source>
      <translation>포트</translation>
    </message>
    <message>
      <source>host</source>
      <translation>호스트</translation>
    </message>
    <message>
      <source>kind</source>
      <translation>종류</translation>
    </message>
    <message>
      <source>VLAN</source>
      <translation>VLAN</translation>
    </message>
    <message>
      <source>learned</source>
      <translation>학습됨</translation>
    </message>
    <message>
      <source>static</source>
      <translation>고정</translation>
    </message>
    <message>
      <source>%1 (new)</source>
      <translation>%1 (새로)</translation>
    </message>
    <message>
      <source>(empty: no frame has crossed the switch yet; ping between two hosts)</source>
      <translation>(비어 있음: 아직 스위치를 지난 프레임이 없습니다. 두 호스트 사이에 ping을 보내 보세요)</translation>
    </message>
    <message numerus="yes">
      <source>%n local entry(ies) — the ports' own MACs — not listed. The kernel forgets a learned entry after the bridge's ageing time (300 s by default) without frames from that MAC.</source>
      <translation>
        <numerusform>로컬 항목 %n개(포트 자신의 MAC)는 표시하지 않았습니다. 학습한 항목은 그 MAC에서 프레임이 오지 않은 채 브리지의 에이징 시간(기본 300초)이 지나면 커널이 잊어버립니다.</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 → %2: reply in %3 ms</source>
      <translation>%1 → %2: 응답 %3 ms</translation>
    </message>
    <message>
      <source>%1 → %2: no reply (nsenter-lite said: %3)</source>
      <translation>%1 → %2: 응답 없음 (nsenter-lite 출력, 영어: %3)</translation>
    </message>
    <message>
      <source>The switch stays up after the command: remove it with "Remove switch" or sudo nsenter-lite net down.</source>
      <translation>이 스위치는 명령이 끝난 뒤에도 남아 있습니다. "스위치 제거" 버튼이나 sudo nsenter-lite net down으로 제거하세요.</translation>
    </message>
    <message>
      <source>VLAN filtering is on: a frame only reaches ports of its own VLAN.</source>
      <translation>VLAN 필터링이 켜져 있습니다: 프레임은 같은 VLAN의 포트에만 전달됩니다.</translation>
    </message>
    <message>
      <source>access VLAN %1</source>
      <translation>액세스 VLAN %1</translation>
    </message>
    <message>
      <source> — unexpected: the hosts are in different VLANs</source>
      <translation> — 예상 밖: 두 호스트는 서로 다른 VLAN에 있습니다</translation>
    </message>
    <message>
      <source> — as expected: different VLANs</source>
      <translation> — 예상대로: 서로 다른 VLAN</translation>
    </message>
    <message>
      <source>a network namespace</source>
      <translation>네트워크 네임스페이스</translation>
    </message>
    <message>
      <source>host %1</source>
      <translation>호스트 %1</translation>
    </message>
    <message numerus="yes">
      <source>%n process(es) could not be read (they exited while nsenter-lite listed them, or the kernel refused): their namespaces are missing.</source>
      <translation>
        <numerusform>프로세스 %n개를 읽지 못했습니다 (nsenter-lite가 목록을 만드는 동안 종료되었거나 커널이 거부함): 그 네임스페이스는 빠져 있습니다.</numerusform>
      </translation>
    </message>
    <message>
      <source>Pings (nsenter-lite net switch / net ping: ICMP echo sent from inside the first host named)</source>
      <translation>Ping (nsenter-lite net switch / net ping: 앞에 적힌 호스트 안에서 보낸 ICMP echo)</translation>
    </message>
  </context>
  <context>
    <name>explorer::Page</name>
    <message>
      <source>running: %1</source>
      <translation>실행 중: %1</translation>
    </message>
    <message>
      <source>%1 cancelled</source>
      <translation>%1 취소됨</translation>
    </message>
    <message>
      <source>Could not get the data</source>
      <translation>데이터를 가져오지 못했습니다</translation>
    </message>
    <message>
      <source>This view needs root</source>
      <translation>이 뷰는 root 권한이 필요합니다</translation>
    </message>
    <message>
      <source>The kernel shows these numbers only to root. Run the explorer as root, or run the tool yourself and open its output (File ▸ Open replay):
  sudo %1 &gt; out.json

Tool said: %2</source>
      <translation>커널은 이 숫자들을 root에게만 보여줍니다. 탐색기를 root로 실행하거나, 도구를 직접 실행한 뒤 그 출력을 여세요 (리플레이 열기):
  sudo %1 &gt; out.json

도구의 메시지: %2</translation>
    </message>
    <message>
      <source>Tool not available</source>
      <translation>도구를 찾을 수 없음</translation>
    </message>
    <message>
      <source>Not supported on this machine</source>
      <translation>이 머신에서는 지원되지 않음</translation>
    </message>
    <message>
      <source>this page does not read tool documents</source>
      <translation>이 페이지는 도구 문서를 읽지 않습니다</translation>
    </message>
    <message>
      <source>[%1 output, English] %2</source>
      <translation>[%1 출력, 영어] %2</translation>
    </message>
  </context>
  <context>
    <name>explorer::VmPage</name>
    <message>
      <source>no vmctl document in this file</source>
      <translation>이 파일에 vmctl 문서가 없습니다</translation>
    </message>
    <message>
      <source>Guest:</source>
      <translation>게스트:</translation>
    </message>
    <message>
      <source>Run guest</source>
      <translation>게스트 실행</translation>
    </message>
    <message>
      <source>GVA → HPA</source>
      <translation>GVA → HPA</translation>
    </message>
    <message>
      <source>Virtual machines: KVM exits and memory translation</source>
      <translation>가상머신: KVM exit와 메모리 변환</translation>
    </message>
    <message>
      <source>Nested: no /dev/kvm here</source>
      <translation>중첩 실행: 여기에는 /dev/kvm이 없음</translation>
    </message>
    <message>
      <source>vmctl ran inside the test VM (%1: QEMU TCG with KVM inside), so these exits are an L2 guest's. %2</source>
      <translation>vmctl이 테스트 VM(%1: 안에 KVM이 있는 QEMU TCG) 안에서 실행되었으므로 이 exit들은 L2 게스트의 것입니다. %2</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>아직 데이터가 없습니다</translation>
    </message>
    <message>
      <source>Press Refresh for vmctl info, run a guest, or open a replay.</source>
      <translation>새로 고침을 누르면 vmctl info를 봅니다. 게스트를 실행하거나 리플레이를 열어도 됩니다.</translation>
    </message>
    <message>
      <source>/dev/kvm present, KVM API %1</source>
      <translation>/dev/kvm 있음, KVM API %1</translation>
    </message>
    <message>
      <source>no /dev/kvm: %1 — vmctl runs guests nested in the test VM</source>
      <translation>/dev/kvm 없음: %1 — vmctl은 테스트 VM 안에서 중첩으로 게스트를 실행합니다</translation>
    </message>
    <message>
      <source>CPU extension: %1</source>
      <translation>CPU 가상화 확장: %1</translation>
    </message>
    <message>
      <source>none visible</source>
      <translation>보이지 않음</translation>
    </message>
    <message>
      <source>modules: %1</source>
      <translation>모듈: %1</translation>
    </message>
    <message>
      <source>this machine: %1, %2 CPUs, %3; a VM: %4</source>
      <translation>이 머신: %1, CPU %2개, %3; VM 여부: %4</translation>
    </message>
    <message>
      <source>no</source>
      <translation>아니오</translation>
    </message>
    <message>
      <source>KVM on this machine</source>
      <translation>이 머신의 KVM</translation>
    </message>
    <message>
      <source>Guest "%1" (%2 mode, %3): %4 — %5 exits in %6 s</source>
      <translation>게스트 "%1" (%2 모드, %3): %4 — %6초 동안 exit %5번</translation>
    </message>
    <message>
      <source>Exit histogram</source>
      <translation>Exit 히스토그램</translation>
    </message>
    <message numerus="yes">
      <source>Exit timeline (%n exit(s) in the ring)</source>
      <translation>
        <numerusform>Exit 타임라인 (링 버퍼에 exit %n개)</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 ns</source>
      <translation>%1 ns</translation>
    </message>
    <message>
      <source>exits seen by vmctl: %1; counted in the kernel: %2</source>
      <translation>vmctl이 본 exit: %1; 커널이 센 exit: %2</translation>
    </message>
    <message>
      <source>not available</source>
      <translation>사용 불가</translation>
    </message>
    <message>
      <source>vCPU %1 registers</source>
      <translation>vCPU %1 레지스터</translation>
    </message>
    <message>
      <source>Emulated vs paravirtual I/O (same bytes)</source>
      <translation>에뮬레이션 vs 준가상화 I/O (같은 바이트)</translation>
    </message>
    <message>
      <source>%1 exits for %2 bytes (%3 exits/byte, %4 s)</source>
      <translation>%2바이트에 exit %1번 (바이트당 %3번, %4초)</translation>
    </message>
    <message>
      <source>paravirtual speed-up: ×%1</source>
      <translation>준가상화 속도 향상: ×%1</translation>
    </message>
    <message>
      <source>Guest serial output (port 0x3f8)</source>
      <translation>게스트 시리얼 출력 (포트 0x3f8)</translation>
    </message>
    <message>
      <source>Memory virtualization: three translations (guest "%1", CR3 %2)</source>
      <translation>메모리 가상화: 세 번의 변환 (게스트 "%1", CR3 %2)</translation>
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
      <translation>게스트 가상 주소</translation>
    </message>
    <message>
      <source>guest physical</source>
      <translation>게스트 물리 주소</translation>
    </message>
    <message>
      <source>host virtual (vmctl's memory)</source>
      <translation>호스트 가상 주소 (vmctl의 메모리)</translation>
    </message>
    <message>
      <source>host physical (a frame)</source>
      <translation>호스트 물리 주소 (프레임)</translation>
    </message>
    <message>
      <source>—</source>
      <translation>—</translation>
    </message>
    <message>
      <source>hidden: needs root (pagemap)</source>
      <translation>숨겨짐: root 필요 (pagemap)</translation>
    </message>
    <message>
      <source>guest page tables (%1)</source>
      <translation>게스트 페이지 테이블 (%1)</translation>
    </message>
    <message>
      <source>KVM memslot</source>
      <translation>KVM memslot</translation>
    </message>
    <message>
      <source>host page tables</source>
      <translation>호스트 페이지 테이블</translation>
    </message>
    <message>
      <source>  fault: %1</source>
      <translation>  폴트: %1</translation>
    </message>
    <message>
      <source>  (KVM_TRANSLATE agrees)</source>
      <translation>  (KVM_TRANSLATE와 일치)</translation>
    </message>
    <message>
      <source>  (KVM_TRANSLATE differs)</source>
      <translation>  (KVM_TRANSLATE와 다름)</translation>
    </message>
    <message>
      <source>Virtual machines</source>
      <translation>가상머신</translation>
    </message>
  </context>
</TS>
