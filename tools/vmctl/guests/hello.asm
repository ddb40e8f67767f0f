; hello — real mode. Prints a line over the serial port, then halts.
; vmctl loads this at GPA 0x10000 with CS = DS = 0x1000 (segment base 0x10000), so `org 0` offsets work.
; Each OUT is one VM exit (KVM_EXIT_IO, port 0x3f8, 1 byte): the CPU cannot finish it without the hypervisor.
bits 16
org 0

start:
    mov si, message
    mov dx, 0x3f8          ; COM1 data register
.next:
    lodsb                  ; al = [ds:si], si += 1
    test al, al
    jz .done
    out dx, al             ; → KVM_EXIT_IO (out, port 0x3f8, size 1, data = al)
    jmp .next
.done:
    hlt                    ; → KVM_EXIT_HLT: nothing left to do

message: db "Hello, KVM!", 10, 0
