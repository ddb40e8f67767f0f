; Benchmark guest (real mode): ECX round trips through an IO exit (OUT to port 0x3f8), then HLT.
; vmctl and vmctl_exits_minimal.c run the same binary (load 0x10000, CS = 0x1000); ECX is set via the image's
; first instruction so both VMMs need no register set-up beyond the reset state.
bits 16
org 0
    mov ecx, COUNT
    mov dx, 0x3f8
    mov al, 'x'
.loop:
    out dx, al
    dec ecx
    jnz .loop
    hlt
