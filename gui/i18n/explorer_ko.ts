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
    <name>virtlab::explorer::CgroupsPage</name>
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
    <name>virtlab::explorer::LayersPage</name>
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
      <source>runtime: %1</source>
      <translation>런타임 흐름: %1</translation>
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
    <name>virtlab::explorer::LectureSession</name>
    <message>
      <source>%1 — %2</source>
      <translation>%1 — %2</translation>
    </message>
    <message>
      <source>%1; no recording of this step to show instead</source>
      <translation>%1; 이 단계의 녹화가 없어 대신 보여 줄 것이 없습니다</translation>
    </message>
    <message>
      <source>live %1 on %2</source>
      <translation>실시간 %1, %2에서</translation>
    </message>
    <message>
      <source>live run cancelled</source>
      <translation>실시간 실행 취소됨</translation>
    </message>
    <message>
      <source>live: %1 (exit %2)</source>
      <translation>실시간 실행 실패: %1 (종료 코드 %2)</translation>
    </message>
    <message>
      <source>no recording of this step</source>
      <translation>이 단계의 녹화가 없습니다</translation>
    </message>
    <message>
      <source>option %1=%2 does not apply to the %3 page</source>
      <translation>옵션 %1=%2는 %3 화면에 쓸 수 없습니다</translation>
    </message>
    <message>
      <source>recorded %1 on %2 (kernel %3)</source>
      <translation>녹화: %1, %2에서 (커널 %3)</translation>
    </message>
    <message>
      <source>running the step&apos;s tools…</source>
      <translation>이 단계의 도구를 실행하는 중…</translation>
    </message>
    <message>
      <source>running: %1</source>
      <translation>실행 중: %1</translation>
    </message>
    <message>
      <source>the page &quot;%1&quot; is not in this build of the explorer</source>
      <translation>&quot;%1&quot; 화면은 이 explorer 빌드에 없습니다</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::LectureWindow</name>
    <message>
      <source>Step %1/%2 · %3 (Esc cancels)</source>
      <translation>단계 %1/%2 · %3 (Esc: 취소)</translation>
    </message>
    <message>
      <source>Step %1/%2 · %3 · → ← Space PgUp PgDn, number + Enter, F2 steps, L language</source>
      <translation>단계 %1/%2 · %3 · → ← Space PgUp PgDn, 번호 + Enter, F2 단계 목록, L 언어</translation>
    </message>
    <message>
      <source>Steps (F2)</source>
      <translation>단계 (F2)</translation>
    </message>
    <message>
      <source>no step %1 (1–%2)</source>
      <translation>%1단계는 없습니다 (1–%2)</translation>
    </message>
    <message>
      <source>virtlab lecture — %1</source>
      <translation>virtlab 강의 — %1</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::MainWindow</name>
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
    <message>
      <source>&amp;Lecture</source>
      <translation>강의(&amp;L)</translation>
    </message>
    <message>
      <source>Open walkthrough</source>
      <translation>강의 열기</translation>
    </message>
    <message>
      <source>Open walkthrough…</source>
      <translation>강의 열기…</translation>
    </message>
    <message>
      <source>Present a lecture walkthrough (lectures/*.json) step by step</source>
      <translation>강의(lectures/*.json)를 단계별로 발표합니다</translation>
    </message>
    <message>
      <source>Walkthrough (*.json)</source>
      <translation>강의 (*.json)</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::MemoryPage</name>
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
    <name>virtlab::explorer::NamespacesPage</name>
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
    <name>virtlab::explorer::NotesPage</name>
    <message>
      <source>Diagram:</source>
      <translation>다이어그램:</translation>
    </message>
    <message>
      <source>no pagewalk, vmctl, nsenter-lite, cgtop or testvm document in this file</source>
      <translation>이 파일에는 pagewalk, vmctl, nsenter-lite, cgtop, testvm 문서가 없습니다</translation>
    </message>
    <message>
      <source>—</source>
      <translation>—</translation>
    </message>
    <message>
      <source>%1: not measured here (%2 would give it)</source>
      <translation>%1: 여기서는 측정되지 않음 (%2 로 얻을 수 있음)</translation>
    </message>
    <message>
      <source>%1: not measured here — %2</source>
      <translation>%1: 여기서는 측정되지 않음 — %2</translation>
    </message>
    <message>
      <source>From the notes: %1. Numbers: this machine&apos;s tool output.</source>
      <translation>노트의 그림: %1. 숫자: 이 머신의 도구 출력.</translation>
    </message>
    <message>
      <source>Not measured on this machine (shown as —)</source>
      <translation>이 머신에서 측정되지 않은 것 (— 로 표시)</translation>
    </message>
    <message>
      <source>Notes&apos; diagrams</source>
      <translation>노트의 다이어그램</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>아직 데이터 없음</translation>
    </message>
    <message>
      <source>Press Refresh to run the tools that feed this diagram, or open a replay.</source>
      <translation>새로 고침을 눌러 이 다이어그램에 필요한 도구를 실행하거나, 리플레이 파일을 여세요.</translation>
    </message>
    <message>
      <source>Virtual disk files</source>
      <translation>가상 디스크 파일</translation>
    </message>
    <message>
      <source>Notes: a VMware VM on a Windows host</source>
      <translation>노트: Windows 호스트 위의 VMware VM</translation>
    </message>
    <message>
      <source>Here: the test VM (QEMU) on this Linux host</source>
      <translation>여기: 이 리눅스 호스트 위의 테스트 VM (QEMU)</translation>
    </message>
    <message>
      <source>D:\VMs\Linux\</source>
      <translation>D:\VMs\Linux\</translation>
    </message>
    <message>
      <source>the VM&apos;s folder</source>
      <translation>VM 폴더</translation>
    </message>
    <message>
      <source>testvm&apos;s cache directory</source>
      <translation>testvm의 캐시 디렉터리</translation>
    </message>
    <message>
      <source>Linux.vmx</source>
      <translation>Linux.vmx</translation>
    </message>
    <message>
      <source>VM settings</source>
      <translation>VM 설정 파일</translation>
    </message>
    <message>
      <source>the QEMU command line</source>
      <translation>QEMU 명령줄</translation>
    </message>
    <message numerus="yes">
      <source>%n argument(s); memory -m %1 MiB</source>
      <translation>
        <numerusform>인자 %n개; 메모리 -m %1 MiB</numerusform>
      </translation>
    </message>
    <message>
      <source>the VM&apos;s settings</source>
      <translation>VM 설정</translation>
    </message>
    <message>
      <source>Linux.vmdk</source>
      <translation>Linux.vmdk</translation>
    </message>
    <message>
      <source>virtual disk</source>
      <translation>가상 디스크</translation>
    </message>
    <message>
      <source>kernel + initramfs (no disk image)</source>
      <translation>커널 + initramfs (디스크 이미지 없음)</translation>
    </message>
    <message>
      <source>the kernel file</source>
      <translation>커널 파일</translation>
    </message>
    <message>
      <source>kernel %1 (%2)</source>
      <translation>커널 %1 (%2)</translation>
    </message>
    <message>
      <source>the initramfs</source>
      <translation>initramfs</translation>
    </message>
    <message>
      <source>initramfs %1, %2</source>
      <translation>initramfs %1, %2</translation>
    </message>
    <message>
      <source>its size</source>
      <translation>그 크기</translation>
    </message>
    <message>
      <source>Linux.nvram</source>
      <translation>Linux.nvram</translation>
    </message>
    <message>
      <source>BIOS settings</source>
      <translation>BIOS 설정</translation>
    </message>
    <message>
      <source>none: QEMU boots the kernel directly (-kernel)</source>
      <translation>없음: QEMU가 커널을 바로 부팅 (-kernel)</translation>
    </message>
    <message>
      <source>Linux.log</source>
      <translation>Linux.log</translation>
    </message>
    <message>
      <source>log file</source>
      <translation>로그 파일</translation>
    </message>
    <message>
      <source>the serial console file</source>
      <translation>시리얼 콘솔 파일</translation>
    </message>
    <message>
      <source>the console log</source>
      <translation>콘솔 로그</translation>
    </message>
    <message>
      <source>Thick provisioned: the whole size allocated at once. Thin provisioned: only what is used.</source>
      <translation>Thick Provisioned: 처음에 전체 용량 할당. Thin Provisioned: 실제 사용하는 만큼만 할당.</translation>
    </message>
    <message>
      <source>thick vs thin provisioning</source>
      <translation>thick / thin 프로비저닝</translation>
    </message>
    <message>
      <source>the test VM has no disk image (it boots from an initramfs)</source>
      <translation>테스트 VM에는 디스크 이미지가 없음 (initramfs로 부팅)</translation>
    </message>
    <message>
      <source>Snapshots: original + deltas</source>
      <translation>스냅샷: 원본 + 델타</translation>
    </message>
    <message>
      <source>Notes: VMDK snapshots</source>
      <translation>노트: VMDK 스냅샷</translation>
    </message>
    <message>
      <source>Here: a container&apos;s overlay (the same idea, per file)</source>
      <translation>여기: 컨테이너의 overlay (같은 원리, 파일 단위)</translation>
    </message>
    <message>
      <source>%1 (one directory, no overlay)</source>
      <translation>%1 (디렉터리 하나, overlay 없음)</translation>
    </message>
    <message>
      <source>Original VMDK (read-only)</source>
      <translation>Original VMDK (읽기 전용)</translation>
    </message>
    <message>
      <source>the disk as it was</source>
      <translation>원래 디스크</translation>
    </message>
    <message>
      <source>Lower layer(s), read-only</source>
      <translation>Lower 레이어 (읽기 전용)</translation>
    </message>
    <message>
      <source>the read-only layer</source>
      <translation>읽기 전용 레이어</translation>
    </message>
    <message>
      <source>Delta VMDK (only the changes)</source>
      <translation>Delta VMDK (변경사항만 기록)</translation>
    </message>
    <message>
      <source>every write lands here</source>
      <translation>모든 쓰기가 여기로</translation>
    </message>
    <message>
      <source>Upper directory (the container&apos;s writes)</source>
      <translation>Upper 디렉터리 (컨테이너가 쓴 것)</translation>
    </message>
    <message>
      <source>the upper directory</source>
      <translation>upper 디렉터리</translation>
    </message>
    <message>
      <source>written by: %1</source>
      <translation>쓴 명령: %1</translation>
    </message>
    <message>
      <source>Next snapshot: a new delta file</source>
      <translation>또 다른 스냅샷: 새 Delta 파일</translation>
    </message>
    <message>
      <source>chained on the previous one</source>
      <translation>이전 것 위에 연결</translation>
    </message>
    <message>
      <source>another layer on top</source>
      <translation>그 위에 레이어 하나 더</translation>
    </message>
    <message>
      <source>not made here: one upper per container run</source>
      <translation>여기서는 만들지 않음: 컨테이너 실행마다 upper 하나</translation>
    </message>
    <message>
      <source>Restore: throw the deltas away</source>
      <translation>복구: Delta 파일들을 버림</translation>
    </message>
    <message>
      <source>back to the original</source>
      <translation>Original로 돌아감</translation>
    </message>
    <message>
      <source>Restore: remove the upper directory</source>
      <translation>복구: upper 디렉터리를 지움</translation>
    </message>
    <message>
      <source>here it was kept (--upper): the changes survive</source>
      <translation>여기서는 보존됨 (--upper): 변경사항이 남음</translation>
    </message>
    <message>
      <source>here nsenter-lite removed it at exit</source>
      <translation>여기서는 nsenter-lite가 종료 시 지움</translation>
    </message>
    <message>
      <source>the files in the upper directory</source>
      <translation>upper 디렉터리 안의 파일</translation>
    </message>
    <message>
      <source>nsenter-lite run --json names the directory, not its files</source>
      <translation>nsenter-lite run --json은 디렉터리 이름만 알려 주고 파일 목록은 없음</translation>
    </message>
    <message>
      <source>a disk-level snapshot chain</source>
      <translation>디스크 수준의 스냅샷 체인</translation>
    </message>
    <message>
      <source>no tool makes qcow2 backing files or VMDK deltas</source>
      <translation>qcow2 backing 파일이나 VMDK 델타를 만드는 도구가 없음</translation>
    </message>
    <message>
      <source>The OS functions a container runtime provides</source>
      <translation>Container Runtime이 제공하는 OS 기능들</translation>
    </message>
    <message>
      <source>the %1 namespace</source>
      <translation>%1 네임스페이스</translation>
    </message>
    <message>
      <source>1. Process management</source>
      <translation>1. 프로세스 관리</translation>
    </message>
    <message>
      <source>PID namespace isolation: %1</source>
      <translation>PID 네임스페이스 격리: %1</translation>
    </message>
    <message>
      <source>container process: host pid %1, %2, exit %3</source>
      <translation>컨테이너 프로세스: 호스트 pid %1, %2, 종료 %3</translation>
    </message>
    <message>
      <source>the container process</source>
      <translation>컨테이너 프로세스</translation>
    </message>
    <message>
      <source>2. Memory management</source>
      <translation>2. 메모리 관리</translation>
    </message>
    <message>
      <source>cgroup: %1</source>
      <translation>cgroup: %1</translation>
    </message>
    <message>
      <source>none (no limit asked)</source>
      <translation>없음 (한도를 주지 않음)</translation>
    </message>
    <message>
      <source>the cgroup</source>
      <translation>cgroup</translation>
    </message>
    <message>
      <source>limit and usage: %1</source>
      <translation>한도와 사용량: %1</translation>
    </message>
    <message>
      <source>the memory limit and usage</source>
      <translation>메모리 한도와 사용량</translation>
    </message>
    <message>
      <source>nsenter-lite run --json names the cgroup only; cgtop&apos;s row for it has the numbers</source>
      <translation>nsenter-lite run --json은 cgroup 경로만 줌; 숫자는 그 cgroup의 cgtop 행에 있음</translation>
    </message>
    <message>
      <source>3. File system</source>
      <translation>3. 파일 시스템</translation>
    </message>
    <message>
      <source>mount namespace %1, %2</source>
      <translation>Mount 네임스페이스 %1, %2</translation>
    </message>
    <message>
      <source>root: %1</source>
      <translation>루트: %1</translation>
    </message>
    <message>
      <source>union file system: not used (one root directory)</source>
      <translation>Union File System: 사용 안 함 (루트 디렉터리 하나)</translation>
    </message>
    <message numerus="yes">
      <source>union file system: overlay of %n layer(s)</source>
      <translation>
        <numerusform>Union File System: 레이어 %n개의 overlay</numerusform>
      </translation>
    </message>
    <message>
      <source>4. Network</source>
      <translation>4. 네트워크</translation>
    </message>
    <message>
      <source>network namespace %1</source>
      <translation>Network 네임스페이스 %1</translation>
    </message>
    <message>
      <source>veth %1 (%2) ↔ %3 (%4)</source>
      <translation>veth %1 (%2) ↔ %3 (%4)</translation>
    </message>
    <message>
      <source>only lo (no veth asked)</source>
      <translation>lo만 있음 (veth를 요청하지 않음)</translation>
    </message>
    <message>
      <source>5. Security</source>
      <translation>5. 보안</translation>
    </message>
    <message>
      <source>user namespace %1, rootless: %2</source>
      <translation>User 네임스페이스 %1, rootless: %2</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>예</translation>
    </message>
    <message>
      <source>no</source>
      <translation>아니오</translation>
    </message>
    <message numerus="yes">
      <source>%n capability(ies) kept</source>
      <translation>
        <numerusform>남은 capability %n개</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>seccomp %1: %n syscall(s) denied</source>
      <translation>
        <numerusform>seccomp %1: 시스템 콜 %n개 차단</numerusform>
      </translation>
    </message>
    <message>
      <source>Container runtime (Docker Engine; here: nsenter-lite run)</source>
      <translation>Container Runtime (Docker Engine; 여기: nsenter-lite run)</translation>
    </message>
    <message>
      <source>Container structure: layers, and no kernel</source>
      <translation>Container 구조: 레이어, 그리고 커널은 없음</translation>
    </message>
    <message>
      <source>Application layer</source>
      <translation>Application Layer</translation>
    </message>
    <message>
      <source>here: %1 (%2)</source>
      <translation>여기: %1 (%2)</translation>
    </message>
    <message>
      <source>the application</source>
      <translation>애플리케이션</translation>
    </message>
    <message>
      <source>Writable layer (the container&apos;s changes)</source>
      <translation>쓰기 가능한 레이어 (컨테이너의 변경사항)</translation>
    </message>
    <message>
      <source>none: the root directory is used directly</source>
      <translation>없음: 루트 디렉터리를 그대로 씀</translation>
    </message>
    <message>
      <source>Read-only layer %1 (dependencies, base OS: /bin, /lib, /usr)</source>
      <translation>읽기 전용 레이어 %1 (의존성, Base OS: /bin, /lib, /usr)</translation>
    </message>
    <message>
      <source>Base OS layer (/bin, /lib, /usr)</source>
      <translation>Base OS Layer (/bin, /lib, /usr)</translation>
    </message>
    <message>
      <source>the layers</source>
      <translation>레이어</translation>
    </message>
    <message>
      <source>Container</source>
      <translation>Container</translation>
    </message>
    <message>
      <source>seen inside as / at %1 — but the kernel is not in it!</source>
      <translation>안에서는 / 로 보임 (%1) — 하지만 커널은 제외!</translation>
    </message>
    <message>
      <source>but the kernel is not in it!</source>
      <translation>하지만 커널은 제외!</translation>
    </message>
    <message>
      <source>requests via the runtime</source>
      <translation>런타임을 통해 요청</translation>
    </message>
    <message>
      <source>Host OS kernel</source>
      <translation>호스트 OS 커널</translation>
    </message>
    <message>
      <source>here: Linux %1 (shared with every container)</source>
      <translation>여기: Linux %1 (모든 컨테이너가 공유)</translation>
    </message>
    <message>
      <source>How the Docker Engine serves a container</source>
      <translation>Docker Engine 동작 과정</translation>
    </message>
    <message>
      <source>the container run</source>
      <translation>컨테이너 실행</translation>
    </message>
    <message>
      <source>A file read</source>
      <translation>파일 읽기 요청</translation>
    </message>
    <message>
      <source>1. The program in the container asks to read a file</source>
      <translation>1. 컨테이너 내 프로그램이 파일 읽기 요청</translation>
    </message>
    <message>
      <source>here: %1</source>
      <translation>여기: %1</translation>
    </message>
    <message>
      <source>2. The engine checks the namespace</source>
      <translation>2. 엔진이 네임스페이스 확인</translation>
    </message>
    <message>
      <source>mount namespace mnt:[%1]</source>
      <translation>mount 네임스페이스 mnt:[%1]</translation>
    </message>
    <message>
      <source>3. The path is mapped into the container&apos;s file system</source>
      <translation>3. 해당 컨테이너의 파일시스템으로 경로 변환</translation>
    </message>
    <message>
      <source>%1 → %2%1</source>
      <translation>%1 → %2%1</translation>
    </message>
    <message>
      <source>4. The host kernel does the real read</source>
      <translation>4. 호스트 OS 커널이 실제로 파일을 읽음</translation>
    </message>
    <message>
      <source>Linux %1</source>
      <translation>Linux %1</translation>
    </message>
    <message>
      <source>5. The result goes back to the container</source>
      <translation>5. 결과를 컨테이너로 반환</translation>
    </message>
    <message>
      <source>exit status %1</source>
      <translation>종료 상태 %1</translation>
    </message>
    <message>
      <source>the veth pair</source>
      <translation>veth 쌍</translation>
    </message>
    <message>
      <source>A network request</source>
      <translation>네트워크 요청</translation>
    </message>
    <message>
      <source>1. The container sends an HTTP request</source>
      <translation>1. 컨테이너가 HTTP 요청 전송</translation>
    </message>
    <message>
      <source>from %1 %2</source>
      <translation>%1 %2 에서</translation>
    </message>
    <message>
      <source>2. The engine routes it to a virtual interface</source>
      <translation>2. 엔진이 가상 네트워크 인터페이스로 라우팅</translation>
    </message>
    <message>
      <source>veth pair → host end %1 %2</source>
      <translation>veth 쌍 → 호스트 쪽 %1 %2</translation>
    </message>
    <message>
      <source>3. On to the host&apos;s physical interface</source>
      <translation>3. 호스트의 물리 네트워크 인터페이스로 전달</translation>
    </message>
    <message>
      <source>routing in the host kernel (no NAT set up here)</source>
      <translation>호스트 커널의 라우팅 (여기서는 NAT 설정 없음)</translation>
    </message>
    <message>
      <source>4. The reply comes back to the container</source>
      <translation>4. 응답을 다시 컨테이너로 반환</translation>
    </message>
    <message>
      <source>the same way back</source>
      <translation>같은 길로 돌아옴</translation>
    </message>
    <message>
      <source>What the runtime really asked the kernel (nsenter-lite --explain, in order): %1</source>
      <translation>런타임이 실제로 커널에 요청한 것 (nsenter-lite --explain, 순서대로): %1</translation>
    </message>
    <message>
      <source>the runtime&apos;s system calls</source>
      <translation>런타임의 시스템 콜</translation>
    </message>
    <message>
      <source>Docker daemon → runC → namespaces, cgroup → container</source>
      <translation>Docker 데몬 → runC → namespace, cgroup → container</translation>
    </message>
    <message>
      <source>Docker daemon</source>
      <translation>Docker 데몬</translation>
    </message>
    <message>
      <source>not run here</source>
      <translation>여기서는 실행하지 않음</translation>
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
      <translation>여기: nsenter-lite run</translation>
    </message>
    <message>
      <source>What runC does (nsenter-lite&apos;s steps, from --explain):</source>
      <translation>runC가 하는 일 (nsenter-lite의 단계, --explain에서):</translation>
    </message>
    <message>
      <source>runC&apos;s steps</source>
      <translation>runC의 단계</translation>
    </message>
    <message>
      <source>run %1: root switched with %2 to %3 (host pid %4)</source>
      <translation>실행 %1: %2로 루트를 %3(으)로 바꿈 (호스트 pid %4)</translation>
    </message>
    <message>
      <source>namespaces</source>
      <translation>namespace</translation>
    </message>
    <message>
      <source>cgroup</source>
      <translation>cgroup</translation>
    </message>
    <message>
      <source>the container&apos;s cgroup</source>
      <translation>컨테이너의 cgroup</translation>
    </message>
    <message>
      <source>container</source>
      <translation>container</translation>
    </message>
    <message>
      <source>host pid %1, %2, exit %3</source>
      <translation>호스트 pid %1, %2, 종료 %3</translation>
    </message>
    <message>
      <source>Docker, containerd and the shim</source>
      <translation>Docker, containerd, shim</translation>
    </message>
    <message>
      <source>not installed or not run here: only the runC part is run (by nsenter-lite)</source>
      <translation>여기에는 설치되지 않았거나 실행되지 않음: runC 부분만 (nsenter-lite가) 실행</translation>
    </message>
    <message>
      <source>Performance: VM vs container</source>
      <translation>성능 비교: VM vs Container</translation>
    </message>
    <message>
      <source>%1 (boot), %2 in all</source>
      <translation>%1 (부팅), 전체 %2</translation>
    </message>
    <message>
      <source>VM start time</source>
      <translation>VM 시작 시간</translation>
    </message>
    <message>
      <source>container start time</source>
      <translation>컨테이너 시작 시간</translation>
    </message>
    <message>
      <source>%1 MiB given to the guest</source>
      <translation>게스트에 준 메모리 %1 MiB</translation>
    </message>
    <message>
      <source>VM memory</source>
      <translation>VM 메모리</translation>
    </message>
    <message>
      <source>container memory</source>
      <translation>컨테이너 메모리</translation>
    </message>
    <message>
      <source>nsenter-lite run --json reports none; cgtop&apos;s row for its cgroup would</source>
      <translation>nsenter-lite run --json에는 없음; 그 cgroup의 cgtop 행에는 있음</translation>
    </message>
    <message>
      <source>%1 initramfs (+ kernel)</source>
      <translation>initramfs %1 (+ 커널)</translation>
    </message>
    <message>
      <source>VM image size</source>
      <translation>VM 이미지 크기</translation>
    </message>
    <message>
      <source>container image size</source>
      <translation>컨테이너 이미지 크기</translation>
    </message>
    <message>
      <source>nsenter-lite run --json does not measure its rootfs</source>
      <translation>nsenter-lite run --json은 rootfs 크기를 재지 않음</translation>
    </message>
    <message>
      <source>CPU overhead</source>
      <translation>CPU 오버헤드</translation>
    </message>
    <message>
      <source>no benchmark of the same work in a VM and a container yet</source>
      <translation>같은 작업을 VM과 컨테이너에서 재는 벤치마크가 아직 없음</translation>
    </message>
    <message>
      <source>network throughput</source>
      <translation>네트워크 처리량</translation>
    </message>
    <message>
      <source>no virtlab tool measures it</source>
      <translation>이를 재는 virtlab 도구가 없음</translation>
    </message>
    <message>
      <source>own kernel %1</source>
      <translation>자기 커널 %1</translation>
    </message>
    <message>
      <source>the VM&apos;s kernel</source>
      <translation>VM의 커널</translation>
    </message>
    <message>
      <source>namespaces: %1; host kernel</source>
      <translation>네임스페이스: %1; 호스트 커널</translation>
    </message>
    <message>
      <source>Start time</source>
      <translation>시작 시간</translation>
    </message>
    <message>
      <source>30 s to minutes</source>
      <translation>30초~수분</translation>
    </message>
    <message>
      <source>1–3 s</source>
      <translation>1~3초</translation>
    </message>
    <message>
      <source>Memory use</source>
      <translation>메모리 사용량</translation>
    </message>
    <message>
      <source>512 MB to GBs</source>
      <translation>512MB~GB</translation>
    </message>
    <message>
      <source>10–100 MB</source>
      <translation>10~100MB</translation>
    </message>
    <message>
      <source>Disk size</source>
      <translation>디스크 용량</translation>
    </message>
    <message>
      <source>GBs</source>
      <translation>GB 단위</translation>
    </message>
    <message>
      <source>MBs</source>
      <translation>MB 단위</translation>
    </message>
    <message>
      <source>5–15%</source>
      <translation>5~15%</translation>
    </message>
    <message>
      <source>almost 0%</source>
      <translation>거의 0%</translation>
    </message>
    <message>
      <source>Network performance</source>
      <translation>네트워크 성능</translation>
    </message>
    <message>
      <source>90–95%</source>
      <translation>90~95%</translation>
    </message>
    <message>
      <source>95–99%</source>
      <translation>95~99%</translation>
    </message>
    <message>
      <source>Isolation</source>
      <translation>격리 수준</translation>
    </message>
    <message>
      <source>complete</source>
      <translation>완전 격리</translation>
    </message>
    <message>
      <source>process-level</source>
      <translation>프로세스 격리</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>항목</translation>
    </message>
    <message>
      <source>VM (notes)</source>
      <translation>VM (노트)</translation>
    </message>
    <message>
      <source>Container (notes)</source>
      <translation>Container (노트)</translation>
    </message>
    <message>
      <source>VM here (testvm)</source>
      <translation>여기 VM (testvm)</translation>
    </message>
    <message>
      <source>Container here (nsenter-lite)</source>
      <translation>여기 Container (nsenter-lite)</translation>
    </message>
    <message>
      <source>On this machine the container started %1× faster than the VM booted.</source>
      <translation>이 머신에서는 컨테이너가 VM 부팅보다 %1배 빨리 시작했습니다.</translation>
    </message>
    <message>
      <source>(the test VM runs under QEMU TCG, an emulator: a KVM-accelerated VM boots faster)</source>
      <translation>(테스트 VM은 에뮬레이터인 QEMU TCG로 실행: KVM 가속 VM은 더 빨리 부팅됨)</translation>
    </message>
    <message>
      <source>Physical server in the notes: 32 GB RAM, 16 cores. This machine: %1.</source>
      <translation>노트의 물리 서버: 32GB RAM, 16코어. 이 머신: %1.</translation>
    </message>
    <message>
      <source>Why Kubernetes: the problems it solves</source>
      <translation>Kubernetes가 해결하는 문제들</translation>
    </message>
    <message>
      <source>here: &quot;%1&quot; was killed by signal %2 after %3</source>
      <translation>여기: &quot;%1&quot;이(가) %3 후 시그널 %2로 죽음</translation>
    </message>
    <message>
      <source>none</source>
      <translation>없음</translation>
    </message>
    <message>
      <source>OOM kills: %1, at a memory peak of %2 (the limit)</source>
      <translation>OOM kill: %1번, 최대 메모리 %2 (한도)에서</translation>
    </message>
    <message>
      <source>a container that died</source>
      <translation>죽은 컨테이너</translation>
    </message>
    <message>
      <source>1. What if a container suddenly dies?</source>
      <translation>1. 컨테이너가 갑자기 죽으면?</translation>
    </message>
    <message>
      <source>2. What if traffic grows and we must scale?</source>
      <translation>2. 트래픽이 증가해서 확장이 필요하면?</translation>
    </message>
    <message>
      <source>3. How to spread containers over many servers?</source>
      <translation>3. 서버 여러 대에 컨테이너를 분산하려면?</translation>
    </message>
    <message>
      <source>4. How do containers talk to each other?</source>
      <translation>4. 컨테이너 간 네트워크 통신은?</translation>
    </message>
    <message>
      <source>5. Where do settings and passwords live?</source>
      <translation>5. 설정 정보와 비밀번호 관리는?</translation>
    </message>
    <message>
      <source>6. Load balancing and service discovery?</source>
      <translation>6. 로드밸런싱과 서비스 디스커버리는?</translation>
    </message>
    <message>
      <source>Self-healing: restart dead containers</source>
      <translation>Self-healing: 죽은 컨테이너 자동 재시작</translation>
    </message>
    <message>
      <source>Auto-scaling by load</source>
      <translation>Auto-scaling: 부하에 따른 자동 확장</translation>
    </message>
    <message>
      <source>Scheduling onto the best server</source>
      <translation>Scheduling: 최적 서버에 컨테이너 배치</translation>
    </message>
    <message>
      <source>Service mesh: safe container traffic</source>
      <translation>Service Mesh: 컨테이너 간 안전한 통신</translation>
    </message>
    <message>
      <source>ConfigMap/Secret</source>
      <translation>ConfigMap/Secret: 설정과 비밀정보 관리</translation>
    </message>
    <message>
      <source>Service/Ingress: load balancing, routing</source>
      <translation>Service/Ingress: 로드밸런싱과 라우팅</translation>
    </message>
    <message>
      <source>The problem</source>
      <translation>문제 상황</translation>
    </message>
    <message>
      <source>Kubernetes&apos; answer</source>
      <translation>Kubernetes의 해결</translation>
    </message>
    <message>
      <source>described, not shown here</source>
      <translation>설명만, 여기서 보여 주지는 않음</translation>
    </message>
    <message>
      <source>nothing restarted it: no orchestrator runs here</source>
      <translation>아무도 다시 시작하지 않음: 여기에는 오케스트레이터가 없음</translation>
    </message>
    <message>
      <source>Containers running on this machine now (nsenter-lite ls): %1</source>
      <translation>지금 이 머신에서 실행 중인 컨테이너 (nsenter-lite ls): %1</translation>
    </message>
    <message>
      <source>self-healing, scaling and scheduling</source>
      <translation>self-healing, 확장, 스케줄링</translation>
    </message>
    <message>
      <source>no orchestrator runs here</source>
      <translation>여기에는 오케스트레이터가 없음</translation>
    </message>
    <message>
      <source>this machine&apos;s CPU and memory</source>
      <translation>이 머신의 CPU와 메모리</translation>
    </message>
    <message>
      <source>%1, %2 logical CPUs, %3 RAM</source>
      <translation>%1, 논리 CPU %2개, RAM %3</translation>
    </message>
    <message>
      <source>the hypervisor below</source>
      <translation>아래의 하이퍼바이저</translation>
    </message>
    <message>
      <source>none: this machine is bare metal</source>
      <translation>없음: 이 머신은 베어메탈</translation>
    </message>
    <message>
      <source>a hypervisor (vendor not reported)</source>
      <translation>하이퍼바이저 (제조사 알 수 없음)</translation>
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
      <translation>이 머신의 KVM</translation>
    </message>
    <message>
      <source>no /dev/kvm here: %1</source>
      <translation>여기에는 /dev/kvm 없음: %1</translation>
    </message>
    <message>
      <source>/dev/kvm, KVM API %1, modules %2</source>
      <translation>/dev/kvm, KVM API %1, 모듈 %2</translation>
    </message>
    <message>
      <source>Hypervisor structure: three VMs</source>
      <translation>하이퍼바이저 구조: VM 세 개</translation>
    </message>
    <message>
      <source>VM%1</source>
      <translation>VM%1</translation>
    </message>
    <message>
      <source>a VM&apos;s numbers</source>
      <translation>VM의 숫자</translation>
    </message>
    <message>
      <source>VM%1: guest &quot;%2&quot;</source>
      <translation>VM%1: 게스트 &quot;%2&quot;</translation>
    </message>
    <message>
      <source>Guest code in %1 mode (no OS: vmctl&apos;s own image)</source>
      <translation>%1 모드의 게스트 코드 (OS 없음: vmctl 자체 이미지)</translation>
    </message>
    <message numerus="yes">
      <source>vRAM %1, %n vCPU(s)</source>
      <translation>
        <numerusform>vRAM %1, vCPU %n개</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 VM exits: %2</source>
      <translation>VM exit %1번: %2</translation>
    </message>
    <message>
      <source>outcome: %1</source>
      <translation>결과: %1</translation>
    </message>
    <message>
      <source>Hypervisor (notes: VMware ESXi; here: KVM in Linux %1)</source>
      <translation>하이퍼바이저 (노트: VMware ESXi; 여기: 리눅스 %1 안의 KVM)</translation>
    </message>
    <message>
      <source>CPU scheduling</source>
      <translation>CPU 스케줄링</translation>
    </message>
    <message>
      <source>vCPU threads</source>
      <translation>vCPU 스레드</translation>
    </message>
    <message numerus="yes">
      <source>%n vCPU(s) = host threads %1</source>
      <translation>
        <numerusform>vCPU %n개 = 호스트 스레드 %1</numerusform>
      </translation>
    </message>
    <message>
      <source>Memory management</source>
      <translation>메모리 관리</translation>
    </message>
    <message>
      <source>guest memory</source>
      <translation>게스트 메모리</translation>
    </message>
    <message>
      <source>%1 of guest RAM in memslots</source>
      <translation>memslot 속 게스트 RAM %1</translation>
    </message>
    <message>
      <source>I/O management</source>
      <translation>I/O 관리</translation>
    </message>
    <message>
      <source>I/O exits</source>
      <translation>I/O exit</translation>
    </message>
    <message>
      <source>%1 of %2 exits were I/O (IO/MMIO)</source>
      <translation>exit %2번 중 %1번이 I/O (IO/MMIO)</translation>
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
      <translation>NIC</translation>
    </message>
    <message>
      <source>this &quot;hardware&quot; is itself virtual: this machine runs on %1</source>
      <translation>이 &quot;하드웨어&quot;도 가상: 이 머신은 %1 위에서 실행</translation>
    </message>
    <message>
      <source>Physical hardware</source>
      <translation>Physical Hardware (물리 하드웨어)</translation>
    </message>
    <message>
      <source>CPU virtualization: vCPU allocation</source>
      <translation>CPU 가상화: vCPU 할당</translation>
    </message>
    <message>
      <source>Physical CPU</source>
      <translation>물리 CPU</translation>
    </message>
    <message numerus="yes">
      <source>%n logical CPU(s)</source>
      <translation>
        <numerusform>논리 CPU %n개</numerusform>
      </translation>
    </message>
    <message>
      <source>physical CPUs</source>
      <translation>물리 CPU</translation>
    </message>
    <message>
      <source>Hypervisor (KVM)</source>
      <translation>하이퍼바이저 (KVM)</translation>
    </message>
    <message>
      <source>vCPU %1 = thread %2</source>
      <translation>vCPU %1 = 스레드 %2</translation>
    </message>
    <message numerus="yes">
      <source>guest &quot;%1&quot;: %n vCPU(s)</source>
      <translation>
        <numerusform>게스트 &quot;%1&quot;: vCPU %n개</numerusform>
      </translation>
    </message>
    <message>
      <source>VMs</source>
      <translation>VM</translation>
    </message>
    <message>
      <source>vCPUs per VM</source>
      <translation>VM별 vCPU</translation>
    </message>
    <message>
      <source>Total: %1 vCPUs on %2 CPUs — more vCPUs than CPUs, so they take turns</source>
      <translation>합계: CPU %2개에 vCPU %1개 — CPU보다 vCPU가 많아 번갈아 실행</translation>
    </message>
    <message>
      <source>Total: %1 vCPUs on %2 CPUs</source>
      <translation>합계: CPU %2개에 vCPU %1개</translation>
    </message>
    <message>
      <source>In reality: time slices</source>
      <translation>실제로는 시분할로 동작</translation>
    </message>
    <message>
      <source>time slices</source>
      <translation>시간 슬라이스</translation>
    </message>
    <message>
      <source>the host CPU of each slice</source>
      <translation>각 슬라이스의 호스트 CPU</translation>
    </message>
    <message>
      <source>guest &quot;%1&quot;: every VM exit ends a slice of guest execution on its vCPU (the exit trace)</source>
      <translation>게스트 &quot;%1&quot;: VM exit마다 그 vCPU의 게스트 실행 한 조각이 끝남 (exit 기록)</translation>
    </message>
    <message>
      <source>host CPU %1</source>
      <translation>호스트 CPU %1</translation>
    </message>
    <message>
      <source>vCPU %1</source>
      <translation>vCPU %1</translation>
    </message>
    <message>
      <source>%1 ms: vCPU %2 on host CPU %3</source>
      <translation>%1 ms: vCPU %2이 호스트 CPU %3에서</translation>
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
      <translation>VM 생성 후 시간 →</translation>
    </message>
    <message>
      <source>Time slice %1 (%2 ms): vCPU %3 ran on host CPU %4</source>
      <translation>시간 슬라이스 %1 (%2 ms): vCPU %3이 호스트 CPU %4에서 실행</translation>
    </message>
    <message>
      <source>Time slice %1 ended at %2 ms: vCPU %3 left the guest (%4 exit)</source>
      <translation>시간 슬라이스 %1이 %2 ms에 끝남: vCPU %3이 게스트에서 나옴 (%4 exit)</translation>
    </message>
    <message>
      <source>vCPU %1 (host thread %2): %3 migration(s) between host CPUs</source>
      <translation>vCPU %1 (호스트 스레드 %2): 호스트 CPU 사이 이동 %3번</translation>
    </message>
    <message>
      <source>The guest did not finish (%1): %2</source>
      <translation>게스트가 끝나지 않음 (%1): %2</translation>
    </message>
    <message>
      <source>CPU virtualization in detail: time slices</source>
      <translation>CPU 가상화 상세: 시간 슬라이스</translation>
    </message>
    <message>
      <source>Each VM keeps its own CPU state:</source>
      <translation>각 VM은 독립적인 CPU 상태 유지:</translation>
    </message>
    <message>
      <source>vCPU registers</source>
      <translation>vCPU 레지스터</translation>
    </message>
    <message>
      <source>registers: RAX %1  RBX %2  RCX %3</source>
      <translation>레지스터: RAX %1  RBX %2  RCX %3</translation>
    </message>
    <message>
      <source>RIP %1  RSP %2</source>
      <translation>RIP %1  RSP %2</translation>
    </message>
    <message>
      <source>flags register RFLAGS %1</source>
      <translation>플래그 레지스터 RFLAGS %1</translation>
    </message>
    <message>
      <source>page-table base CR3 %1</source>
      <translation>페이지 테이블 베이스 주소 CR3 %1</translation>
    </message>
    <message>
      <source>interrupt vector table: none (vmctl&apos;s guests have no IDT)</source>
      <translation>인터럽트 벡터 테이블: 없음 (vmctl 게스트에는 IDT가 없음)</translation>
    </message>
    <message>
      <source>vCPU %1 (host thread %2)</source>
      <translation>vCPU %1 (호스트 스레드 %2)</translation>
    </message>
    <message>
      <source>What the hypervisor does</source>
      <translation>Hypervisor가 하는 일</translation>
    </message>
    <message>
      <source>GVA %1 → GPA %2 → HPA %3</source>
      <translation>GVA %1 → GPA %2 → HPA %3</translation>
    </message>
    <message>
      <source>a translation</source>
      <translation>주소 변환</translation>
    </message>
    <message>
      <source>1. Resource scheduling</source>
      <translation>1. 자원 스케줄링</translation>
    </message>
    <message numerus="yes">
      <source>CPU time (time slicing): %n vCPU thread(s)</source>
      <translation>
        <numerusform>CPU 시간 할당 (Time Slicing): vCPU 스레드 %n개</numerusform>
      </translation>
    </message>
    <message>
      <source>vCPUs</source>
      <translation>vCPU</translation>
    </message>
    <message>
      <source>memory (EPT/NPT): %1; %2</source>
      <translation>메모리 관리 (EPT/NPT): %1; %2</translation>
    </message>
    <message>
      <source>the CPU has NPT/EPT</source>
      <translation>CPU에 NPT/EPT 있음</translation>
    </message>
    <message>
      <source>no NPT/EPT flag visible</source>
      <translation>NPT/EPT 플래그가 보이지 않음</translation>
    </message>
    <message>
      <source>NPT/EPT</source>
      <translation>NPT/EPT</translation>
    </message>
    <message>
      <source>I/O: %1 exits handled</source>
      <translation>I/O 자원 분배: exit %1번 처리</translation>
    </message>
    <message>
      <source>2. Isolation and security</source>
      <translation>2. 격리 및 보안</translation>
    </message>
    <message>
      <source>each VM its own memory: %1 memslot(s)</source>
      <translation>VM마다 자기 메모리: memslot %1개</translation>
    </message>
    <message>
      <source>memslots</source>
      <translation>memslot</translation>
    </message>
    <message>
      <source>hardware access controlled: the guest&apos;s I/O traps to the hypervisor</source>
      <translation>하드웨어 접근 제어: 게스트의 I/O는 하이퍼바이저로 트랩</translation>
    </message>
    <message>
      <source>privileged instructions emulated: exits %1</source>
      <translation>특권 명령어 에뮬레이션: exit %1</translation>
    </message>
    <message>
      <source>exits</source>
      <translation>exit</translation>
    </message>
    <message>
      <source>3. Hardware abstraction</source>
      <translation>3. 하드웨어 추상화</translation>
    </message>
    <message>
      <source>vCPU: %1,  vRAM: %2</source>
      <translation>가상 CPU (vCPU): %1,  가상 메모리 (vRAM): %2</translation>
    </message>
    <message>
      <source>vCPU/vRAM</source>
      <translation>vCPU/vRAM</translation>
    </message>
    <message>
      <source>vNIC: none in vmctl&apos;s guests (a serial port at 0x3f8 instead)</source>
      <translation>가상 네트워크 (vNIC): vmctl 게스트에는 없음 (대신 0x3f8 시리얼 포트)</translation>
    </message>
    <message>
      <source>vDisk: none (the guest image is copied into its RAM)</source>
      <translation>가상 스토리지 (vDisk): 없음 (게스트 이미지를 RAM에 복사)</translation>
    </message>
    <message>
      <source>Hypervisor layer (here: KVM, %1)</source>
      <translation>Hypervisor Layer (여기: KVM, %1)</translation>
    </message>
    <message>
      <source>IOMMU: DMA remapping for VMs</source>
      <translation>IOMMU: VM별 DMA 주소 변환</translation>
    </message>
    <message>
      <source>VM1</source>
      <translation>VM1</translation>
    </message>
    <message>
      <source>Virtual device</source>
      <translation>가상 장치</translation>
    </message>
    <message>
      <source>IOMMU</source>
      <translation>IOMMU</translation>
    </message>
    <message>
      <source>Physical device</source>
      <translation>물리 장치</translation>
    </message>
    <message>
      <source>guest driver</source>
      <translation>게스트 드라이버</translation>
    </message>
    <message>
      <source>what the guest sees</source>
      <translation>게스트가 보는 장치</translation>
    </message>
    <message>
      <source>DMA address translation + isolation</source>
      <translation>DMA 주소 변환 및 격리</translation>
    </message>
    <message>
      <source>does the DMA</source>
      <translation>DMA 수행</translation>
    </message>
    <message>
      <source>Without it: a VM&apos;s device could DMA into any physical memory (a security risk). With it: the IOMMU gives each VM its own DMA address space.</source>
      <translation>없으면: VM이 물리 장치에 직접 DMA로 접근 → 보안 위험. 있으면: IOMMU가 VM별로 DMA 주소 공간 격리.</translation>
    </message>
    <message>
      <source>CPU virtualization extension: %1</source>
      <translation>CPU 가상화 확장: %1</translation>
    </message>
    <message>
      <source>none visible</source>
      <translation>보이지 않음</translation>
    </message>
    <message>
      <source>nested paging (NPT/EPT): %1</source>
      <translation>중첩 페이징 (NPT/EPT): %1</translation>
    </message>
    <message>
      <source>this machine is a VM: %1</source>
      <translation>이 머신은 VM: %1</translation>
    </message>
    <message>
      <source>the CPU&apos;s virtualization extension</source>
      <translation>CPU의 가상화 확장</translation>
    </message>
    <message>
      <source>This machine</source>
      <translation>이 머신</translation>
    </message>
    <message>
      <source>Processes of a VM host, and what a container removes</source>
      <translation>VM 호스트의 프로세스들, 그리고 컨테이너가 없애는 것</translation>
    </message>
    <message>
      <source>1. Host processes (e.g. Excel): here %1 processes in the host&apos;s pid namespace</source>
      <translation>1. 호스트 프로세스 (예: 엑셀): 여기서는 호스트 pid 네임스페이스에 프로세스 %1개</translation>
    </message>
    <message>
      <source>host processes</source>
      <translation>호스트 프로세스</translation>
    </message>
    <message>
      <source>2. Host OS: here Linux %1</source>
      <translation>2. 호스트 OS: 여기서는 Linux %1</translation>
    </message>
    <message>
      <source>3. Guest processes: here %1 process(es) in %2 other pid namespace(s) (containers)</source>
      <translation>3. 게스트 프로세스: 여기서는 다른 pid 네임스페이스 %2개 (컨테이너)에 프로세스 %1개</translation>
    </message>
    <message>
      <source>container processes</source>
      <translation>컨테이너 프로세스</translation>
    </message>
    <message>
      <source>4. Guest OS (its own kernel): %1</source>
      <translation>4. 게스트 OS (자기 커널): %1</translation>
    </message>
    <message>
      <source>a guest&apos;s own process count</source>
      <translation>게스트 안의 프로세스 수</translation>
    </message>
    <message>
      <source>5. Virtual hardware (a process too): this machine itself runs on %1</source>
      <translation>5. 가상 하드웨어 (이것도 프로세스): 이 머신 자체가 %1 위에서 실행</translation>
    </message>
    <message>
      <source>← a container does without it</source>
      <translation>← 컨테이너에는 필요 없음</translation>
    </message>
    <message>
      <source>If host and guest run the same OS, 4 and 5 are not needed: the container&apos;s processes (3) run directly on the host kernel (2).</source>
      <translation>호스트와 게스트가 같은 OS라면 4와 5는 필요 없습니다: 컨테이너의 프로세스(3)가 호스트 커널(2) 위에서 바로 실행됩니다.</translation>
    </message>
    <message>
      <source>The evolution of virtualization</source>
      <translation>가상화 기술의 진화</translation>
    </message>
    <message>
      <source>CPU in use now: %1% of %2 CPUs (cgtop)</source>
      <translation>지금 CPU 사용: CPU %2개의 %1% (cgtop)</translation>
    </message>
    <message>
      <source>CPU use</source>
      <translation>CPU 사용률</translation>
    </message>
    <message>
      <source>1. Physical server (1990s)</source>
      <translation>1단계: 물리 서버 (1990년대)</translation>
    </message>
    <message>
      <source>2. Virtual machines (2000s)</source>
      <translation>2단계: 가상 머신 (2000년대)</translation>
    </message>
    <message>
      <source>3. Containers (2010s)</source>
      <translation>3단계: 컨테이너 (2010년대)</translation>
    </message>
    <message>
      <source>4. Container orchestration (now)</source>
      <translation>4단계: 컨테이너 오케스트레이션 (현재)</translation>
    </message>
    <message>
      <source>1 server = 1 application</source>
      <translation>서버 1대 = 애플리케이션 1개</translation>
    </message>
    <message>
      <source>utilisation 5–15% (notes)</source>
      <translation>자원 활용률 5~15% (노트)</translation>
    </message>
    <message>
      <source>1 server = many VMs</source>
      <translation>서버 1대 = VM 여러 개</translation>
    </message>
    <message>
      <source>here: this machine is one, on %1</source>
      <translation>여기: 이 머신이 그 하나, %1 위</translation>
    </message>
    <message>
      <source>here: not a VM</source>
      <translation>여기: VM 아님</translation>
    </message>
    <message>
      <source>1 server = dozens of containers</source>
      <translation>서버 1대 = 컨테이너 수십 개</translation>
    </message>
    <message numerus="yes">
      <source>here: %n container(s) running</source>
      <translation>
        <numerusform>여기: 컨테이너 %n개 실행 중</numerusform>
      </translation>
    </message>
    <message>
      <source>containers</source>
      <translation>컨테이너</translation>
    </message>
    <message>
      <source>a cluster = thousands of containers</source>
      <translation>서버 클러스터 = 수천 개 컨테이너</translation>
    </message>
    <message>
      <source>here: no orchestrator</source>
      <translation>여기: 오케스트레이터 없음</translation>
    </message>
    <message>
      <source>Red outline: where this machine is.</source>
      <translation>빨간 테두리: 이 머신의 위치.</translation>
    </message>
    <message>
      <source>Hypervisor types: bare-metal (type 1) vs hosted (type 2)</source>
      <translation>하이퍼바이저 종류: 베어메탈 (타입 1) vs 호스트 (타입 2)</translation>
    </message>
    <message>
      <source>Type 1: bare-metal hypervisor</source>
      <translation>타입 1: 베어메탈 하이퍼바이저</translation>
    </message>
    <message>
      <source>Hardware</source>
      <translation>하드웨어</translation>
    </message>
    <message>
      <source>hidden from this machine</source>
      <translation>이 머신에서는 보이지 않음</translation>
    </message>
    <message>
      <source>Bare-metal hypervisor</source>
      <translation>베어메탈 하이퍼바이저</translation>
    </message>
    <message>
      <source>under this machine: %1</source>
      <translation>이 머신 아래: %1</translation>
    </message>
    <message>
      <source>here: none</source>
      <translation>여기: 없음</translation>
    </message>
    <message>
      <source>My computer&apos;s OS</source>
      <translation>내 컴퓨터 운영체제 (OS)</translation>
    </message>
    <message>
      <source>Virtual environment 1 (OS)</source>
      <translation>가상 환경 1 (OS)</translation>
    </message>
    <message>
      <source>this machine: Linux %1</source>
      <translation>이 머신: Linux %1</translation>
    </message>
    <message>
      <source>Virtual environment 2 (OS)</source>
      <translation>가상 환경 2 (OS)</translation>
    </message>
    <message>
      <source>other guests: hidden from us</source>
      <translation>다른 게스트: 보이지 않음</translation>
    </message>
    <message>
      <source>Type 2: hosted hypervisor</source>
      <translation>타입 2: 호스트 하이퍼바이저</translation>
    </message>
    <message>
      <source>here: Linux %1</source>
      <translation>여기: Linux %1</translation>
    </message>
    <message>
      <source>Hosted hypervisor</source>
      <translation>호스트 하이퍼바이저</translation>
    </message>
    <message>
      <source>vmctl guests, the test VM (QEMU)</source>
      <translation>vmctl 게스트, 테스트 VM (QEMU)</translation>
    </message>
    <message>
      <source>This machine gives two answers. Below it: a hypervisor named by CPUID/DMI (%1); from inside a VM its type cannot be seen, only its name. In it: KVM is part of the Linux kernel itself, and vmctl/QEMU are ordinary processes that use it.</source>
      <translation>이 머신에는 답이 두 개 있습니다. 아래: CPUID/DMI가 알려 주는 하이퍼바이저 (%1) — VM 안에서는 이름만 보이고 종류는 보이지 않습니다. 안: KVM은 리눅스 커널의 일부이고, vmctl/QEMU는 그것을 쓰는 보통 프로세스입니다.</translation>
    </message>
    <message>
      <source>the type of the hypervisor below</source>
      <translation>아래 하이퍼바이저의 종류</translation>
    </message>
    <message>
      <source>not visible from inside a VM (vmctl info gives its name only)</source>
      <translation>VM 안에서는 보이지 않음 (vmctl info는 이름만 줌)</translation>
    </message>
    <message>
      <source>Page fault handling</source>
      <translation>페이지 폴트 처리 과정</translation>
    </message>
    <message>
      <source>the address</source>
      <translation>주소</translation>
    </message>
    <message>
      <source>the Present bit</source>
      <translation>Present 비트</translation>
    </message>
    <message>
      <source>1. The CPU tries to access a virtual address</source>
      <translation>1. CPU가 가상 주소 접근 시도</translation>
    </message>
    <message>
      <source>here: the demo child touches %1</source>
      <translation>여기: 데모 자식 프로세스가 %1 접근</translation>
    </message>
    <message>
      <source>2. The MMU checks the page table → Present = 0</source>
      <translation>2. MMU가 페이지 테이블 확인 → Present = 0</translation>
    </message>
    <message>
      <source>here: pagemap bit 63 = %1 before the touch; pages with a frame: %2</source>
      <translation>여기: 접근 전 pagemap 비트 63 = %1; 프레임이 있는 페이지: %2</translation>
    </message>
    <message>
      <source>present pages before</source>
      <translation>접근 전 present 페이지</translation>
    </message>
    <message>
      <source>3. A hardware exception is raised (page fault)</source>
      <translation>3. 하드웨어 인터럽트 발생 (페이지 폴트)</translation>
    </message>
    <message>
      <source>here: the child&apos;s minor faults before: %1</source>
      <translation>여기: 접근 전 자식의 minor fault: %1</translation>
    </message>
    <message>
      <source>minor faults</source>
      <translation>minor fault</translation>
    </message>
    <message>
      <source>4. The CPU jumps to the OS&apos;s page-fault handler</source>
      <translation>4. CPU가 OS의 페이지 폴트 핸들러로 점프</translation>
    </message>
    <message>
      <source>the kernel counts each fault in /proc/PID/stat (field 10 minor, 12 major)</source>
      <translation>커널이 폴트를 /proc/PID/stat에 셈 (필드 10 minor, 12 major)</translation>
    </message>
    <message>
      <source>5. The OS decides what kind of fault it is:</source>
      <translation>5. OS가 상황 판단:</translation>
    </message>
    <message>
      <source>here: first read → the shared zero page</source>
      <translation>여기: 첫 읽기 → 공유 zero page</translation>
    </message>
    <message>
      <source>here: first read → a frame</source>
      <translation>여기: 첫 읽기 → 프레임</translation>
    </message>
    <message>
      <source>PFN %1</source>
      <translation>PFN %1</translation>
    </message>
    <message>
      <source>the zero page&apos;s frame</source>
      <translation>zero page의 프레임</translation>
    </message>
    <message>
      <source>first write → own frame, PFN %1</source>
      <translation>첫 쓰기 → 자기 프레임, PFN %1</translation>
    </message>
    <message>
      <source>the new frame</source>
      <translation>새 프레임</translation>
    </message>
    <message>
      <source>here: swap is on (%1)</source>
      <translation>여기: 스왑 사용 중 (%1)</translation>
    </message>
    <message>
      <source>here: no swap area (pagewalk demo swap)</source>
      <translation>여기: 스왑 영역 없음 (pagewalk demo swap)</translation>
    </message>
    <message numerus="yes">
      <source>page back from disk: %n major fault(s)</source>
      <translation>
        <numerusform>디스크에서 다시 로드: major fault %n번</numerusform>
      </translation>
    </message>
    <message>
      <source>(a clean file page, re-read from its file)</source>
      <translation>(수정되지 않은 파일 페이지를 파일에서 다시 읽음)</translation>
    </message>
    <message>
      <source>a swap-in</source>
      <translation>스왑 인</translation>
    </message>
    <message>
      <source>a) First access: allocate a new frame</source>
      <translation>a) 처음 접근: 새 프레임 할당</translation>
    </message>
    <message>
      <source>b) Swapped out: load it from disk</source>
      <translation>b) 스왑 아웃됨: 디스크에서 로드</translation>
    </message>
    <message>
      <source>c) Invalid access: Segmentation fault</source>
      <translation>c) 잘못된 접근: Segmentation Fault</translation>
    </message>
    <message>
      <source>SIGSEGV to the process</source>
      <translation>프로세스에 SIGSEGV</translation>
    </message>
    <message>
      <source>described, not run here</source>
      <translation>설명만, 여기서 실행하지는 않음</translation>
    </message>
    <message>
      <source>6. The page table is updated</source>
      <translation>6. 페이지 테이블 업데이트</translation>
    </message>
    <message>
      <source>here: Present = %1; pages with a frame: %2</source>
      <translation>여기: Present = %1; 프레임이 있는 페이지: %2</translation>
    </message>
    <message>
      <source>present pages after</source>
      <translation>이후 present 페이지</translation>
    </message>
    <message>
      <source>7. The instruction is executed again</source>
      <translation>7. 원래 명령어 재실행</translation>
    </message>
    <message>
      <source>here: minor faults %1 → %2 (after the read) → %3 (after the writes)</source>
      <translation>여기: minor fault %1 → %2 (읽은 뒤) → %3 (쓴 뒤)</translation>
    </message>
    <message>
      <source>This machine: pagewalk demo fault</source>
      <translation>이 머신: pagewalk demo fault</translation>
    </message>
    <message>
      <source>Swap: the LRU table</source>
      <translation>스왑 알고리즘 (LRU 예시)</translation>
    </message>
    <message>
      <source>the LRU steps</source>
      <translation>LRU 단계</translation>
    </message>
    <message>
      <source>No simulator run</source>
      <translation>시뮬레이터 실행 없음</translation>
    </message>
    <message>
      <source>Run: pagewalk simulate Aw B C D E -a lru --frames 4 --json</source>
      <translation>실행: pagewalk simulate Aw B C D E -a lru --frames 4 --json</translation>
    </message>
    <message>
      <source>Frame %1</source>
      <translation>Frame %1</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>(비어 있음)</translation>
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
        <numerusform>물리 메모리: 프레임 %n개 (pagewalk simulate, LRU), 참조열: %1</numerusform>
      </translation>
    </message>
    <message>
      <source>No eviction</source>
      <translation>교체 없음</translation>
    </message>
    <message>
      <source>Every page fitted in the frames: nothing had to leave.</source>
      <translation>모든 페이지가 프레임에 들어감: 나간 페이지가 없음.</translation>
    </message>
    <message>
      <source>Before step %1: every frame is full</source>
      <translation>%1단계 전: 모든 프레임이 참</translation>
    </message>
    <message>
      <source>A new page %1 is needed:</source>
      <translation>새로운 Page %1이 필요하면:</translation>
    </message>
    <message>
      <source>1. LRU finds the least recently used page: Page %1 (Frame %2)</source>
      <translation>1. LRU 알고리즘으로 가장 오래된 페이지 찾기: Page %1 (Frame %2)</translation>
    </message>
    <message>
      <source>2. Page %1&apos;s Dirty bit = 1: modified → written to disk, then removed%2</source>
      <translation>2. Page %1의 Dirty 비트 = 1: 수정됨 → 디스크에 저장 후 제거%2</translation>
    </message>
    <message>
      <source> (write-back: yes)</source>
      <translation> (디스크 기록: 예)</translation>
    </message>
    <message>
      <source>2. Page %1&apos;s Dirty bit = 0: only read → simply removed</source>
      <translation>2. Page %1의 Dirty 비트 = 0: 읽기만 함 → 그냥 제거</translation>
    </message>
    <message>
      <source>3. Page %1 is loaded into Frame %2</source>
      <translation>3. Frame %2에 Page %1 로드</translation>
    </message>
    <message>
      <source>4. The page table is updated</source>
      <translation>4. 페이지 테이블 업데이트</translation>
    </message>
    <message>
      <source>Step %1: reference %2</source>
      <translation>%1단계: %2 참조</translation>
    </message>
    <message>
      <source>After step %1</source>
      <translation>%1단계 후</translation>
    </message>
    <message>
      <source>Every step (the simulator&apos;s table)</source>
      <translation>모든 단계 (시뮬레이터의 표)</translation>
    </message>
    <message>
      <source>step</source>
      <translation>단계</translation>
    </message>
    <message>
      <source>reference</source>
      <translation>참조</translation>
    </message>
    <message>
      <source>result</source>
      <translation>결과</translation>
    </message>
    <message>
      <source>victim</source>
      <translation>교체 대상</translation>
    </message>
    <message>
      <source> (write)</source>
      <translation> (쓰기)</translation>
    </message>
    <message>
      <source>hit</source>
      <translation>히트</translation>
    </message>
    <message>
      <source>fault</source>
      <translation>폴트</translation>
    </message>
    <message>
      <source> (written back)</source>
      <translation> (디스크에 기록)</translation>
    </message>
    <message>
      <source>Faults %1, hits %2, evictions %3, write-backs %4   (* = Dirty)</source>
      <translation>폴트 %1, 히트 %2, 교체 %3, 디스크 기록 %4   (* = Dirty)</translation>
    </message>
    <message>
      <source>Hardware virtualization: one physical NIC, many virtual ones</source>
      <translation>하드웨어 가상화: 물리 NIC 하나, 가상 NIC 여럿</translation>
    </message>
    <message>
      <source>%1 %2, driver %3</source>
      <translation>%1 %2, 드라이버 %3</translation>
    </message>
    <message>
      <source>the physical NIC</source>
      <translation>물리 NIC</translation>
    </message>
    <message>
      <source>Process</source>
      <translation>Process</translation>
    </message>
    <message>
      <source>user mode</source>
      <translation>User mode</translation>
    </message>
    <message>
      <source>File - Socket</source>
      <translation>File - Socket</translation>
    </message>
    <message>
      <source>the system-call boundary</source>
      <translation>시스템 콜 경계</translation>
    </message>
    <message>
      <source>TCP/IP</source>
      <translation>TCP/IP</translation>
    </message>
    <message>
      <source>kernel mode: Linux %1</source>
      <translation>Kernel mode: Linux %1</translation>
    </message>
    <message>
      <source>Network driver</source>
      <translation>Network Driver</translation>
    </message>
    <message>
      <source>Host</source>
      <translation>호스트</translation>
    </message>
    <message>
      <source>Guests on a virtual switch</source>
      <translation>가상 스위치에 연결된 게스트</translation>
    </message>
    <message>
      <source>Guest OS (user mode / kernel mode / virtual hardware)</source>
      <translation>게스트 OS (usermode / kernelmode / 가상 하드웨어)</translation>
    </message>
    <message>
      <source>the guests&apos; vNICs</source>
      <translation>게스트의 vNIC</translation>
    </message>
    <message>
      <source>Guest %1 (network namespace)</source>
      <translation>게스트 %1 (네트워크 네임스페이스)</translation>
    </message>
    <message>
      <source>vNIC %1 %2</source>
      <translation>vNIC %1 %2</translation>
    </message>
    <message>
      <source>address %1</source>
      <translation>주소 %1</translation>
    </message>
    <message>
      <source>switch port %1 (veth pair)</source>
      <translation>스위치 포트 %1 (veth 쌍)</translation>
    </message>
    <message>
      <source>Virtual switch (VMware: vSwitch; here: Linux bridge %1)</source>
      <translation>Virtual Switch (VMware 가상 스위치; 여기: 리눅스 브리지 %1)</translation>
    </message>
    <message numerus="yes">
      <source>%n MAC address(es) in its learning table</source>
      <translation>
        <numerusform>학습 테이블에 MAC 주소 %n개</numerusform>
      </translation>
    </message>
    <message>
      <source>the switch</source>
      <translation>스위치</translation>
    </message>
    <message>
      <source>not connected to the physical NIC here (no uplink port)</source>
      <translation>여기서는 물리 NIC에 연결되지 않음 (Uplink 포트 없음)</translation>
    </message>
    <message>
      <source>Physical NIC (the real network card)</source>
      <translation>Physical NIC (실제 네트워크 카드)</translation>
    </message>
    <message>
      <source>NAT mode: a private network behind the host</source>
      <translation>NAT 모드: 호스트 뒤의 사설 네트워크</translation>
    </message>
    <message>
      <source>the host&apos;s external address</source>
      <translation>호스트의 외부 주소</translation>
    </message>
    <message>
      <source>vmctl info --json lists the NICs without their addresses</source>
      <translation>vmctl info --json의 NIC 목록에는 주소가 없음</translation>
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
      <translation>Physical PC (호스트)</translation>
    </message>
    <message>
      <source>the router</source>
      <translation>라우터</translation>
    </message>
    <message>
      <source>no tool reads the default gateway</source>
      <translation>기본 게이트웨이를 읽는 도구가 없음</translation>
    </message>
    <message>
      <source>%1, address %2</source>
      <translation>%1, 주소 %2</translation>
    </message>
    <message>
      <source>NIC —</source>
      <translation>NIC —</translation>
    </message>
    <message>
      <source>Virtual router (NAT)</source>
      <translation>가상 라우터 (NAT)</translation>
    </message>
    <message>
      <source>here: bridge %1 (mode %2), no NAT</source>
      <translation>여기: 브리지 %1 (모드 %2), NAT 없음</translation>
    </message>
    <message>
      <source>the private network</source>
      <translation>사설 네트워크</translation>
    </message>
    <message>
      <source>VM%1 (%2)</source>
      <translation>VM%1 (%2)</translation>
    </message>
    <message>
      <source>NAT table</source>
      <translation>NAT 테이블</translation>
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
      <translation>포트</translation>
    </message>
    <message>
      <source>state</source>
      <translation>상태</translation>
    </message>
    <message>
      <source>the router&apos;s outside address</source>
      <translation>라우터의 바깥쪽 주소</translation>
    </message>
    <message>
      <source>the outside namespace</source>
      <translation>바깥 네임스페이스</translation>
    </message>
    <message>
      <source>the outside peer</source>
      <translation>바깥 상대</translation>
    </message>
    <message>
      <source>the router&apos;s outside interface</source>
      <translation>라우터의 바깥쪽 인터페이스</translation>
    </message>
    <message>
      <source>the gateway</source>
      <translation>게이트웨이</translation>
    </message>
    <message>
      <source>Public side (notes: Physical PC)</source>
      <translation>공인 쪽 (노트: Physical PC)</translation>
    </message>
    <message>
      <source>here: the outside namespace %1 at %2</source>
      <translation>여기: 바깥 네임스페이스 %1, 주소 %2</translation>
    </message>
    <message>
      <source>no route to the private network (only via the NAT)</source>
      <translation>사설망으로 가는 경로 없음 (NAT를 거쳐야만 도달)</translation>
    </message>
    <message>
      <source>not here: a cable runs straight from %1 to %2</source>
      <translation>여기에는 없음: %1에서 %2로 케이블이 바로 연결됨</translation>
    </message>
    <message>
      <source>%1 %2 in the router&apos;s namespace %3</source>
      <translation>라우터 네임스페이스 %3의 %1 %2</translation>
    </message>
    <message>
      <source>what the outside sees: the external address of the NAT table</source>
      <translation>바깥에서 보이는 주소: NAT 테이블의 외부 주소</translation>
    </message>
    <message>
      <source>namespace %1: bridge %2 with the gateway %3, ip_forward = %4</source>
      <translation>네임스페이스 %1: 브리지 %2, 게이트웨이 %3, ip_forward = %4</translation>
    </message>
    <message>
      <source>namespace %1</source>
      <translation>네임스페이스 %1</translation>
    </message>
    <message>
      <source>the nft rule</source>
      <translation>nft 규칙</translation>
    </message>
    <message>
      <source>nftables: table %1 %2, chain %3 (hook postrouting)</source>
      <translation>nftables: 테이블 %1 %2, 체인 %3 (postrouting 훅)</translation>
    </message>
    <message>
      <source>rule %1: oifname &quot;%2&quot; masquerade — the source becomes %3</source>
      <translation>규칙 %1: oifname &quot;%2&quot; masquerade — 출발지 주소가 %3(으)로 바뀜</translation>
    </message>
    <message>
      <source>VM1, VM2</source>
      <translation>VM1, VM2</translation>
    </message>
    <message>
      <source>network namespace %1, default route via %2</source>
      <translation>네트워크 네임스페이스 %1, 기본 경로: %2 경유</translation>
    </message>
    <message>
      <source>ping %1: answered in %2 ms</source>
      <translation>ping %1: %2 ms 만에 응답</translation>
    </message>
    <message>
      <source>ping %1: no answer (%2)</source>
      <translation>ping %1: 응답 없음 (%2)</translation>
    </message>
    <message>
      <source>TCP to %1: the outside saw %2</source>
      <translation>%1(으)로 TCP 연결: 바깥에서는 %2(으)로 보임</translation>
    </message>
    <message>
      <source>TCP to %1: failed (%2)</source>
      <translation>%1(으)로 TCP 연결: 실패 (%2)</translation>
    </message>
    <message>
      <source>A %1 packet from %2 to %3: on the way out the router rewrites its source to %4 and notes the pair in its conntrack table. %3 answers %4 (it has no route to the private network); the router finds the row and sends the answer back to %2.</source>
      <translation>%2에서 %3(으)로 가는 %1 패킷: 나가는 길에 라우터가 출발지를 %4(으)로 바꾸고 그 짝을 conntrack 테이블에 적습니다. %3은(는) %4에 응답하고 (사설망으로 가는 경로가 없음), 라우터는 테이블에서 그 행을 찾아 응답을 %2(으)로 돌려보냅니다.</translation>
    </message>
    <message>
      <source>the router&apos;s conntrack (namespace %1), read by nsenter-lite net nat</source>
      <translation>라우터의 conntrack (네임스페이스 %1), nsenter-lite net nat로 읽음</translation>
    </message>
    <message>
      <source>the router&apos;s conntrack (namespace %1), read by nsenter-lite net switch</source>
      <translation>라우터의 conntrack (네임스페이스 %1), nsenter-lite net switch로 읽음</translation>
    </message>
    <message>
      <source>Protocol</source>
      <translation>프로토콜</translation>
    </message>
    <message>
      <source>Remote</source>
      <translation>상대 주소</translation>
    </message>
    <message>
      <source>Timeout</source>
      <translation>남은 시간</translation>
    </message>
    <message>
      <source>no entries: every flow&apos;s timeout had ended (ICMP 30 s, TCP TIME_WAIT 120 s)</source>
      <translation>항목 없음: 모든 흐름의 타임아웃이 끝남 (ICMP 30초, TCP TIME_WAIT 120초)</translation>
    </message>
    <message>
      <source>… %1 more rows</source>
      <translation>… %1개 행 더 있음</translation>
    </message>
    <message>
      <source>→: masqueraded to the router&apos;s outside address %1. =: seen by the router but not translated (host to host across the bridge, the bridge&apos;s own reports). For ICMP the echo id is the port. Rows leave when their timeout ends.</source>
      <translation>→: 라우터의 바깥쪽 주소 %1(으)로 변환됨 (masquerade). =: 라우터를 지났지만 변환되지 않음 (브리지를 건너는 호스트 간 통신, 브리지 자신의 보고). ICMP는 echo id가 포트 역할을 합니다. 각 행은 타임아웃이 끝나면 사라집니다.</translation>
    </message>
    <message>
      <source>Afterwards nsenter-lite net down removed: %1</source>
      <translation>그 뒤 nsenter-lite net down이 제거한 것: %1</translation>
    </message>
    <message>
      <source>nothing</source>
      <translation>없음</translation>
    </message>
    <message>
      <source>001#4 Page fault handling</source>
      <translation>001#4 페이지 폴트 처리 과정</translation>
    </message>
    <message>
      <source>001#5 Swap: the LRU table</source>
      <translation>001#5 스왑: LRU 표</translation>
    </message>
    <message>
      <source>001#6 One physical NIC, virtual NICs</source>
      <translation>001#6 물리 NIC 하나, 가상 NIC</translation>
    </message>
    <message>
      <source>001#7 Hypervisor structure (ESXi)</source>
      <translation>001#7 하이퍼바이저 구조 (ESXi)</translation>
    </message>
    <message>
      <source>001#8 vCPU allocation</source>
      <translation>001#8 vCPU 할당</translation>
    </message>
    <message>
      <source>001#12 NAT mode and its table</source>
      <translation>001#12 NAT 모드와 NAT 테이블</translation>
    </message>
    <message>
      <source>001#16 Virtual disk files</source>
      <translation>001#16 가상 디스크 파일</translation>
    </message>
    <message>
      <source>001#17 Snapshot chain</source>
      <translation>001#17 스냅샷</translation>
    </message>
    <message>
      <source>001#19 IOMMU</source>
      <translation>001#19 IOMMU</translation>
    </message>
    <message>
      <source>001#20 Host and guest processes</source>
      <translation>001#20 호스트와 게스트의 프로세스</translation>
    </message>
    <message>
      <source>001#22 What the hypervisor does</source>
      <translation>001#22 Hypervisor가 하는 일</translation>
    </message>
    <message>
      <source>001#23 CPU time slices</source>
      <translation>001#23 CPU 시간 슬라이스</translation>
    </message>
    <message>
      <source>001#26 The container runtime&apos;s OS functions</source>
      <translation>001#26 Container Runtime의 OS 기능</translation>
    </message>
    <message>
      <source>001#29 Container layers</source>
      <translation>001#29 컨테이너 레이어</translation>
    </message>
    <message>
      <source>001#30 Docker Engine flow</source>
      <translation>001#30 Docker Engine 동작 과정</translation>
    </message>
    <message>
      <source>001#31 Performance: VM vs container</source>
      <translation>001#31 성능 비교: VM vs Container</translation>
    </message>
    <message>
      <source>001#32 Why Kubernetes</source>
      <translation>001#32 Kubernetes의 등장</translation>
    </message>
    <message>
      <source>001#33 The evolution of virtualization</source>
      <translation>001#33 가상화 기술의 진화</translation>
    </message>
    <message>
      <source>002#3 Docker daemon → runC</source>
      <translation>002#3 Docker 데몬 → runC</translation>
    </message>
    <message>
      <source>004#1 Type 1 vs hosted hypervisor</source>
      <translation>004#1 타입 1 vs 호스트 하이퍼바이저</translation>
    </message>
    <message>
      <source>the IOMMU</source>
      <translation>IOMMU</translation>
    </message>
    <message numerus="yes">
      <source>IOMMU: none (/sys/class/iommu empty, %n PCI device(s) without a group): no safe passthrough here</source>
      <translation>
        <numerusform>IOMMU: 없음(/sys/class/iommu 비어 있음, 그룹 없는 PCI 장치 %n개): 이 머신에서는 안전한 장치 패스스루 불가</numerusform>
      </translation>
    </message>
    <message>
      <source>IOMMU: %1; %2 group(s) holding %3 of %4 PCI devices</source>
      <translation>IOMMU: %1; 그룹 %2개가 PCI 장치 %4개 중 %3개를 묶음</translation>
    </message>
    <message>
      <source>the security modules (LSMs)</source>
      <translation>보안 모듈(LSM)</translation>
    </message>
    <message>
      <source>LSMs: %1 — no AppArmor/SELinux active, so no profile label</source>
      <translation>LSM: %1 — AppArmor/SELinux가 동작하지 않아 프로필 레이블 없음</translation>
    </message>
    <message>
      <source>LSMs: %1 — %2 label: %3</source>
      <translation>LSM: %1 — %2 레이블: %3</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::Page</name>
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
    <name>virtlab::explorer::PresenterWindow</name>
    <message>
      <source>(no presenter note)</source>
      <translation>(발표자 메모 없음)</translation>
    </message>
    <message>
      <source>Elapsed %1:%2:%3</source>
      <translation>경과 %1:%2:%3</translation>
    </message>
    <message>
      <source>Next: %1</source>
      <translation>다음: %1</translation>
    </message>
    <message>
      <source>Next: — (last step)</source>
      <translation>다음: — (마지막 단계)</translation>
    </message>
    <message>
      <source>Step %1 of %2</source>
      <translation>%2단계 중 %1단계</translation>
    </message>
    <message>
      <source>virtlab presenter — %1</source>
      <translation>virtlab 발표자 — %1</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::StepCanvas</name>
    <message>
      <source>go to %1 ⏎</source>
      <translation>%1단계로 ⏎</translation>
    </message>
  </context>
  <context>
    <name>virtlab::explorer::VmPage</name>
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
      <source>Press Refresh for vmctl info, run a guest, boot Linux, or open a replay.</source>
      <translation>새로 고침을 누르면 vmctl info를 봅니다. 게스트를 실행하거나 리눅스를 부팅하거나 리플레이를 열어도 됩니다.</translation>
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
    <message>
      <source>Boot Linux</source>
      <translation>리눅스 부팅</translation>
    </message>
    <message>
      <source>vmctl boot --console virtio --json: minutes when nested; Esc cancels</source>
      <translation>vmctl boot --console virtio --json: 중첩 실행이면 몇 분 걸림; Esc로 취소</translation>
    </message>
    <message>
      <source>Booted Linux VM: kernel %1, %2 RAM — %3 after %4 s, %5 exits to vmctl</source>
      <translation>부팅된 리눅스 VM: 커널 %1, RAM %2 — %4초 뒤 %3, vmctl로 나간 exit %5회</translation>
    </message>
    <message>
      <source>Guest userland: /init from the initramfs (%1)</source>
      <translation>게스트 유저랜드: initramfs의 /init (%1)</translation>
    </message>
    <message>
      <source>/init ran at %1; the marker line at %2</source>
      <translation>/init 실행 %1, 마커 줄 %2</translation>
    </message>
    <message>
      <source>%1 console bytes written by the guest</source>
      <translation>게스트가 콘솔에 쓴 바이트 %1개</translation>
    </message>
    <message>
      <source>Guest Linux kernel (its own): %1</source>
      <translation>게스트 리눅스 커널 (독립): %1</translation>
    </message>
    <message>
      <source>boot protocol %1, %2; first console output at %3</source>
      <translation>부트 프로토콜 %1, %2; 첫 콘솔 출력 %3</translation>
    </message>
    <message>
      <source>command line: %1</source>
      <translation>커널 명령줄: %1</translation>
    </message>
    <message>
      <source>nested in the test VM (%1: QEMU TCG, KVM inside)</source>
      <translation>테스트 VM 안에서 중첩 실행 (%1: QEMU TCG, 그 안의 KVM)</translation>
    </message>
    <message>
      <source>directly on this machine's /dev/kvm</source>
      <translation>이 머신의 /dev/kvm에서 직접</translation>
    </message>
    <message>
      <source>Hypervisor: vmctl on KVM</source>
      <translation>하이퍼바이저: KVM 위의 vmctl</translation>
    </message>
    <message>
      <source>%1; %2 interrupts raised by vmctl</source>
      <translation>%1; vmctl이 올린 인터럽트 %2번</translation>
    </message>
    <message>
      <source>vCPUs: %1</source>
      <translation>vCPU: %1개</translation>
    </message>
    <message>
      <source>each a thread of vmctl</source>
      <translation>각각 vmctl의 스레드</translation>
    </message>
    <message>
      <source>%1 exits in KVM (vCPU 0)</source>
      <translation>KVM 안의 exit %1회 (vCPU 0)</translation>
    </message>
    <message>
      <source>RAM %1</source>
      <translation>RAM %1</translation>
    </message>
    <message>
      <source>vmctl's own memory (a memslot)</source>
      <translation>vmctl 자신의 메모리 (memslot)</translation>
    </message>
    <message>
      <source>%1 kicks exited, %2 via ioeventfd</source>
      <translation>exit한 kick %1번, ioeventfd로 %2번</translation>
    </message>
    <message>
      <source>%1 bytes sent</source>
      <translation>%1바이트 전송</translation>
    </message>
    <message>
      <source>the guest driver never set DRIVER_OK</source>
      <translation>게스트 드라이버가 DRIVER_OK를 설정하지 않음</translation>
    </message>
    <message>
      <source>%1 exits to vmctl</source>
      <translation>vmctl로 나간 exit %1회</translation>
    </message>
    <message>
      <source>virtio-console @%1</source>
      <translation>virtio-console @%1</translation>
    </message>
    <message>
      <source>%1, %2: %3 of %4 allocated</source>
      <translation>%1, %2: %4 중 %3 할당됨</translation>
    </message>
    <message>
      <source>%1 reads, %2 writes</source>
      <translation>읽기 %1번, 쓰기 %2번</translation>
    </message>
    <message>
      <source>delta %1: %2 sectors, %3 allocated</source>
      <translation>델타 %1: 섹터 %2개, %3 할당됨</translation>
    </message>
    <message>
      <source>virtio-blk disk</source>
      <translation>virtio-blk 디스크</translation>
    </message>
    <message>
      <source>disk: not attached</source>
      <translation>디스크: 연결 안 됨</translation>
    </message>
    <message>
      <source>--disk FILE[,ro|,snapshot] attaches a virtio-blk disk</source>
      <translation>--disk FILE[,ro|,snapshot]으로 virtio-blk 디스크 연결</translation>
    </message>
    <message>
      <source>NIC: not attached</source>
      <translation>NIC: 연결 안 됨</translation>
    </message>
    <message>
      <source>no --net yet (issue #19: virtio-net on a bridge)</source>
      <translation>--net 아직 없음 (이슈 #19: 브리지 위의 virtio-net)</translation>
    </message>
    <message>
      <source>Virtual hardware (what the guest kernel touched)</source>
      <translation>가상 하드웨어 (게스트 커널이 건드린 것)</translation>
    </message>
    <message>
      <source>Exits over the boot (%1 s per bar)</source>
      <translation>부팅 동안의 exit (막대 하나 = %1초)</translation>
    </message>
    <message>
      <source>%1 exits from %2 s</source>
      <translation>%2초부터 exit %1회</translation>
    </message>
    <message>
      <source>max %1 exits per bar</source>
      <translation>막대당 최대 exit %1회</translation>
    </message>
    <message>
      <source>%1 → %2</source>
      <translation>%1 → %2</translation>
    </message>
    <message>
      <source>in KVM: %1</source>
      <translation>KVM 안: %1</translation>
    </message>
    <message>
      <source>Exits to vmctl by device</source>
      <translation>장치별 vmctl exit</translation>
    </message>
    <message>
      <source>device</source>
      <translation>장치</translation>
    </message>
    <message>
      <source>total</source>
      <translation>합계</translation>
    </message>
    <message>
      <source>Two-dimensional walk of a guest process's variable (%1, ring %2): %3</source>
      <translation>게스트 프로세스 변수의 2차원 변환 (%1, 링 %2): %3</translation>
    </message>
    <message>
      <source>decompression</source>
      <translation>압축 해제</translation>
    </message>
    <message>
      <source>kernel init</source>
      <translation>커널 초기화</translation>
    </message>
    <message>
      <source>userspace</source>
      <translation>유저 공간</translation>
    </message>
    <message>
      <source>The boot did not succeed: %1</source>
      <translation>부팅이 끝까지 가지 못함: %1</translation>
    </message>
  </context>
</TS>
