; dirty — KVM_GET_DIRTY_LOG shows which guest pages the guest wrote. The memslot has KVM_MEM_LOG_DIRTY_PAGES.
; Round 1 writes pages 0, 2, 4, 6 of the area at GPA 0x140000, then marks (port 0x511) so vmctl reads the log;
; reading clears it, so round 2 (pages 1 and 5) shows up alone at HLT. vmctl's page-table entries carry A and D
; already, so the CPU's own page walks write nothing and the log holds only the program's writes.
bits 64
org 0x10000

start:
    mov rbx, 0x140000
    mov byte [rbx + 0x0000], 1
    mov byte [rbx + 0x2000], 1
    mov byte [rbx + 0x4000], 1
    mov byte [rbx + 0x6000], 1
    mov dx, 0x511
    mov al, 1
    out dx, al                 ; vmctl: KVM_GET_DIRTY_LOG → pages 0x140000, 0x142000, 0x144000, 0x146000
    mov byte [rbx + 0x1000], 2
    mov byte [rbx + 0x5000], 2
    hlt                        ; vmctl: KVM_GET_DIRTY_LOG → pages 0x141000, 0x145000
