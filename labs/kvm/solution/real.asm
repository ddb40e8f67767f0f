; real.asm — reference solution for seed @SEED@ (16-bit real mode).
; vmctl loads the image at GPA 0x10000 with CS = DS = ES = 0x1000, so `org 0` offsets are right.
bits 16
org 0

start:
    mov si, message
    mov cx, message_len        ; every byte, the last one too
    mov dx, @REAL_PORT@
.next:
    lodsb                      ; al = [ds:si], si += 1
    out dx, al                 ; one KVM_EXIT_IO per byte
    loop .next

    ; The device at GPA @REAL_MMIO@: no RAM there (the VM has @REAL_MEM@), so the read is a KVM_EXIT_MMIO.
    ; Real-mode address = segment * 16 + offset.
    mov ax, @REAL_SEG@
    mov es, ax
    mov al, [es:@REAL_OFF@]

    hlt                        ; KVM_EXIT_HLT: the guest is done

message: db "@REAL_MESSAGE@"
message_len equ $ - message
