; real.asm — part 1: a 16-bit real-mode guest (seed @SEED@). See worksheet.txt.
; vmctl loads this image at GPA 0x10000 and enters it at its first byte with CS = DS = ES = 0x1000 (so `org 0`).
; The VM has @REAL_MEM@ of RAM. Grade with `make grade`; try it with
;   nasm -f bin -o real.bin real.asm && vmctl run --image real.bin --mode real --mem @REAL_MEM@
; 파트 1: 16비트 리얼 모드 게스트. 자세한 내용은 worksheet.txt 를 보세요.
bits 16
org 0

; TODO 1: print "@REAL_MESSAGE@" on port @REAL_PORT@, one OUT per byte.   메시지를 포트로 한 바이트씩 OUT
; TODO 2: read one byte at GPA @REAL_MMIO@ (segment * 16 + offset).       장치 주소에서 1바이트 읽기
; TODO 3: halt.                                                           HLT로 끝내기
