; mmio — a tiny virtual device at GPA 0x10000000, where no memslot is: every access leaves the guest as
; KVM_EXIT_MMIO and vmctl emulates it (offset 0: write a value; offset 4: read back value + 1).
; And a read-only memslot ("ROM") at GPA 0x20000000: reads are plain memory (no exit), writes become MMIO exits.
bits 64
org 0x10000

start:
    mov rbx, 0x10000000
    mov dword [rbx], 0x12345678      ; → MMIO write 0x10000000, 4 bytes 78 56 34 12
    mov eax, [rbx + 4]               ; → MMIO read 0x10000004, 4 bytes; vmctl answers 0x12345679
    mov r8, rax
    mov rcx, 0x20000000
    mov r9, [rcx]                    ; ROM read: backed memory, no exit
    mov dword [rcx], 0xdeadbeef      ; → MMIO write 0x20000000 (the slot is KVM_MEM_READONLY)
    mov r10d, [rcx]                  ; still the ROM's bytes: the write did not land
    hlt
