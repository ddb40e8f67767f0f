; long.asm — reference solution for seed @SEED@ (64-bit long mode, vmctl's tables at CR3 = 0x3000 at entry).
bits 64
org 0x10000

start:
    ; 1. Our own PML4 at @PML4@. Entry 0 = vmctl's entry 0, so the low 1 GiB (this code, the stack, the device)
    ;    stays identity-mapped after we load CR3.
    mov rax, cr3
    mov rbx, [rax]
    mov [@PML4@], rbx

    ; 2. The chain for GVA @MAP_GVA@ (indices @I4@ / @I3@ / @I2@ / @I1@) down to the page at GPA @MAP_GPA@.
    ;    Entry = next table's GPA | present (bit 0) | writable (bit 1).
    mov rax, @PDPT@ | 3
    mov [@PML4@ + 8 * @I4@], rax
    mov rax, @PD@ | 3
    mov [@PDPT@ + 8 * @I3@], rax
    mov rax, @PT@ | 3
    mov [@PD@ + 8 * @I2@], rax
    mov rax, @MAP_GPA@ | 3
    mov [@PT@ + 8 * @I1@], rax

    ; 3. Switch to our tables.
    mov rax, @PML4@
    mov cr3, rax

    ; 4. The message, one OUT per byte.
    lea rsi, [rel message]
    mov rcx, message_len
    mov dx, @LONG_PORT@
.next:
    lodsb
    out dx, al
    loop .next

    ; 5. One read of the device register at GPA @LONG_MMIO@ (identity-mapped through entry 0).
    mov rbx, @LONG_MMIO@
    mov eax, [rbx]

    hlt

message: db "@LONG_MESSAGE@"
message_len equ $ - message
