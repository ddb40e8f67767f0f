; long.asm — part 2: a 64-bit long-mode guest with your own page tables (seed @SEED@). See worksheet.txt.
; vmctl loads this image at GPA 0x10000 and enters it in long mode on its own tables (CR3 = 0x3000, the first
; 1 GiB identity-mapped). Try it with
;   nasm -f bin -o long.bin long.asm && vmctl run --image long.bin --mode long
;   vmctl translate --image long.bin --mode long @MAP_GVA@
; 파트 2: 직접 만든 페이지 테이블을 쓰는 64비트 롱 모드 게스트. 자세한 내용은 worksheet.txt 를 보세요.
bits 64
org 0x10000

; TODO 1: your PML4 at @PML4@: copy vmctl's PML4 entry 0 (at [CR3]) into its entry 0 (keeps this code mapped).
;         PML4를 @PML4@ 에: vmctl PML4의 0번 엔트리([CR3])를 0번 엔트리로 복사 (코드 매핑 유지).
; TODO 2: map GVA @MAP_GVA@ to GPA @MAP_GPA@: PML4 -> PDPT @PDPT@ -> PD @PD@ -> PT @PT@ -> page.
;         GVA를 GPA로 매핑: PML4 -> PDPT -> PD -> PT -> 페이지.
; TODO 3: load CR3 with @PML4@.                                          CR3 에 PML4 주소 넣기
; TODO 4: print "@LONG_MESSAGE@" on port @LONG_PORT@, one OUT per byte.     메시지를 한 바이트씩 OUT
; TODO 5: read 4 bytes at GPA @LONG_MMIO@.                                장치 주소에서 4바이트 읽기
; TODO 6: halt.                                                           HLT로 끝내기
