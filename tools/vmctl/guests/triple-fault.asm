; triple-fault — a broken guest. vmctl gives paged guests no IDT (limit 0). UD2 raises #UD; delivering it needs
; IDT entry 6, which is beyond the limit → #GP; delivering #GP fails the same way → #DF; delivering #DF fails →
; triple fault. A real CPU resets; KVM stops the vCPU and reports KVM_EXIT_SHUTDOWN.
bits 64
org 0x10000

start:
    mov dx, 0x3f8
    mov al, '!'
    out dx, al                 ; one last sign of life
    ud2                        ; invalid opcode → #UD → #GP → #DF → triple fault
    hlt                        ; never reached
