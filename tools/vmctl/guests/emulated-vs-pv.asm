; emulated-vs-pv — the same RSI bytes (pattern: byte i = i & 0xff) sent twice:
;   phase 1, emulated device: one OUT per byte to port 0x3f8, like a UART or an emulated NIC register → 1 exit/byte;
;   phase 2, paravirtual device: bytes go into a shared-memory ring at GPA 0x100000 (4 KiB) and one OUT of the batch
;            length to the doorbell port 0x510 ("kick") hands a whole batch over → 1 exit per 4096 bytes.
; Port 0x511 marks phase boundaries (1 = start emulated, 2 = start paravirtual, 3 = done).
bits 64
org 0x10000

start:
    mov r12, rsi               ; total bytes
    mov dx, 0x511
    mov al, 1
    out dx, al
    xor rcx, rcx
    mov dx, 0x3f8
.emulated:
    mov al, cl
    out dx, al                 ; one exit per byte
    inc rcx
    cmp rcx, r12
    jb .emulated

    mov dx, 0x511
    mov al, 2
    out dx, al
    xor rcx, rcx
.batch:
    mov rdi, 0x100000
    xor r8, r8
.fill:
    mov [rdi + r8], cl         ; plain memory writes: no exit
    inc r8
    inc rcx
    cmp rcx, r12
    jae .kick
    cmp r8, 4096
    jb .fill
.kick:
    mov eax, r8d
    mov dx, 0x510
    out dx, eax                ; one exit per batch: "r8 bytes are in the ring"
    cmp rcx, r12
    jb .batch

    mov dx, 0x511
    mov al, 3
    out dx, al
    hlt
