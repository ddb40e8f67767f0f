// virtlab-walk: the guest program of `vmctl boot --walk` (runs as root under the guest's Linux, from /init).
// It allocates one page (mmap), writes a known value into it, prints
//   VIRTLAB-WALK pid=<pid> va=0x<address> value=0x<value>
// and then rings vmctl's doorbell: one 32-bit `out` to port 0x505 from user mode (ring 3, after ioperm). That OUT exits
// to vmctl while this process's CR3 is loaded, so vmctl walks *this* process's page tables; the console line cannot be
// the trigger, because the tty layer sends it to the UART later, when some other task may be running. The registers
// carry the claim to check: EAX = pid, RDI = the address, RSI = the value. vmctl walks synchronously in its exit
// handler, so the tables stay as they are until the OUT returns; then the program exits.
//
// Freestanding C (no libc: -nostdlib -static), raw system calls: the binary is ~1 KiB of code, has no loader or
// libc start-up whose page faults would blur what the page tables show, and builds with the compiler the project
// already requires (busybox cannot do port I/O; nasm would need a hand-written ELF header).
typedef unsigned long u64;

enum { kSysWrite = 1, kSysMmap = 9, kSysGetpid = 39, kSysIoperm = 173, kSysExitGroup = 231 };
enum { kDoorbellPort = 0x505 };  // vmctl's kWalkDoorbellPort (boot_walk.hpp)

static long syscall6(long n, long a, long b, long c, long d, long e, long f) {
  long ret;
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return ret;
}

static char* put_text(char* out, const char* text) {
  while (*text) *out++ = *text++;
  return out;
}

static char* put_decimal(char* out, u64 value) {
  char digits[24];
  int n = 0;
  do digits[n++] = (char)('0' + value % 10);
  while ((value /= 10) != 0);
  while (n > 0) *out++ = digits[--n];
  return out;
}

static char* put_hex(char* out, u64 value) {
  out = put_text(out, "0x");
  int shift = 60;
  while (shift > 0 && ((value >> shift) & 0xf) == 0) shift -= 4;
  for (; shift >= 0; shift -= 4) *out++ = "0123456789abcdef"[(value >> shift) & 0xf];
  return out;
}

static void say(const char* start, const char* end) {
  syscall6(kSysWrite, 1, (long)start, end - start, 0, 0, 0);
}

static void fail(const char* what, long error) {
  char line[96];
  char* p = put_text(line, "VIRTLAB-WALK error: ");
  p = put_text(p, what);
  p = put_text(p, " failed, errno ");
  p = put_decimal(p, (u64)-error);
  *p++ = '\n';
  say(line, p);
  syscall6(kSysExitGroup, 1, 0, 0, 0, 0, 0);
}

void walk_main(void);  // called from _start below
void walk_main(void) {
  const long pid = syscall6(kSysGetpid, 0, 0, 0, 0, 0, 0);
  // PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS: a fresh page, mapped by the first write below.
  const long page = syscall6(kSysMmap, 0, 4096, 3, 0x22, -1, 0);
  if (page < 0 && page > -4096) fail("mmap", page);
  volatile u64* variable = (volatile u64*)(page + 0x58);  // not at the page start: the offset shows in each address
  const u64 value = 0x5649525400000000ul | (u64)pid;      // "VIRT" and the pid: no stale page can hold it
  *variable = value;
  // All four ports the 32-bit OUT touches must be allowed in the I/O bitmap (one was not enough: #GP, measured).
  const long rc = syscall6(kSysIoperm, kDoorbellPort, 4, 1, 0, 0, 0);
  if (rc < 0) fail("ioperm(0x505, 4 ports)", rc);
  char line[128];
  char* p = put_text(line, "VIRTLAB-WALK pid=");
  p = put_decimal(p, (u64)pid);
  p = put_text(p, " va=");
  p = put_hex(p, (u64)variable);
  p = put_text(p, " value=");
  p = put_hex(p, *variable);
  *p++ = '\n';
  say(line, p);
  __asm__ volatile("outl %%eax, %%dx" ::"a"((unsigned)pid), "d"((unsigned short)kDoorbellPort), "D"(variable),
                   "S"(value)
                   : "memory");
  syscall6(kSysExitGroup, 0, 0, 0, 0, 0, 0);
}

// The ELF entry point: align the stack as the ABI expects at a call, then run.
__asm__(".globl _start\n_start:\n  xor %ebp, %ebp\n  and $-16, %rsp\n  call walk_main\n  hlt\n");
