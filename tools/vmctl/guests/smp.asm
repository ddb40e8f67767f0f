; smp — every vCPU runs this code (vmctl starts each on its own host thread with RDI = vCPU index,
; RSI = iterations, RDX = spin count, and its own stack). Each iteration spins, bumps the vCPU's counter at
; GPA 0x180000 + 8*index, and reports a tick on port 0x512: at each tick vmctl notes which host CPU the vCPU's
; thread was running on (sched_getcpu), showing how vCPUs are time-sliced onto physical cores.
bits 64
org 0x10000

start:
    mov r12, rsi
    mov r13, rdx
    xor rcx, rcx
.loop:
    mov r9, r13
.spin:
    dec r9
    jnz .spin
    mov rax, 0x180000
    inc qword [rax + rdi*8]
    mov eax, ecx
    mov dx, 0x512
    out dx, eax                ; → KVM_EXIT_IO: tick (value = iteration)
    inc rcx
    cmp rcx, r12
    jb .loop
    hlt
