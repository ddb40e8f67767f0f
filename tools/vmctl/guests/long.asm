; long — 64-bit long mode on 4-level page tables that vmctl builds (CR3 = 0x3000: PML4 → PDPT 0x4000 → PD 0x6000
; → PT 0x7000). Every page is identity-mapped except GVA 0x1000, which maps to GPA 0x5000 — the course notes'
; example. The guest writes its message through GVA 0x1000 and prints it from there.
bits 64
org 0x10000

start:
    lea rsi, [rel message]
    mov rdi, 0x1000        ; virtual; the PT entry 1 at GPA 0x7008 points to 0x5000
    mov rcx, message_len
    rep movsb
    mov rsi, 0x1000
    mov rcx, message_len
    mov dx, 0x3f8
.next:
    lodsb
    out dx, al             ; one KVM_EXIT_IO per byte
    loop .next
    mov rbx, cr3           ; show CR3 (the PML4's GPA) in the final registers
    hlt

message: db "long mode: GVA 0x1000 -> GPA 0x5000", 10
message_len equ $ - message
