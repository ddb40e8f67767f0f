; protected — 32-bit protected mode with paging (vmctl sets CR0.PE|PG, CR3 = 0x3000, CR4.PSE).
; vmctl's page table maps GVA 0x1000 to GPA 0x5000 (every other page is identity-mapped): the guest copies its
; message to virtual 0x1000, then prints it back from there. `vmctl run protected` then shows the bytes at GPA 0x5000.
bits 32
org 0x10000

start:
    mov esi, message
    mov edi, 0x1000        ; a virtual address: the MMU sends it to guest-physical 0x5000
    mov ecx, message_len
    rep movsb
    mov esi, 0x1000
    mov ecx, message_len
    mov dx, 0x3f8
.next:
    lodsb
    out dx, al             ; one KVM_EXIT_IO per byte
    loop .next
    mov ebx, cr0           ; leave CR0 and CR3 in registers for the register dump at the end
    mov ecx, cr3
    hlt

message: db "32-bit paging: GVA 0x1000 -> GPA 0x5000", 10
message_len equ $ - message
