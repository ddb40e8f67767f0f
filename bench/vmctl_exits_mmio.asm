; Benchmark guest (real mode): ECX round trips through an MMIO exit (a write to GPA 0xA0000, which no memslot backs
; when guest memory is 512 KiB), then HLT.
bits 16
org 0
    mov ecx, COUNT
    mov ax, 0xa000
    mov es, ax
    mov al, 'x'
.loop:
    mov [es:0], al
    dec ecx
    jnz .loop
    hlt
