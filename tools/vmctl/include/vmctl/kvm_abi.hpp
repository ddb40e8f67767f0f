// The kernel's byte layout for the KVM structs that end in a flexible array, spelled out for C++.
//
// Why: linux-libc-dev before 6.7 (Debian 12 ships 6.1) declares those arrays with __DECLARE_FLEX_ARRAY, which in
// C++ expands to an anonymous struct holding an *empty struct* (size 1 in C++, 0 in C). So in C++ sizeof(struct
// kvm_cpuid2) is 12 instead of 8 and sizeof(struct kvm_stats_desc) is 20 instead of 16. The ioctl numbers encode
// the struct size (_IOWR(KVMIO, 0x05, struct kvm_cpuid2) becomes 0xc00cae05 instead of 0xc008ae05), so the kernel
// does not recognise KVM_GET_SUPPORTED_CPUID / KVM_SET_CPUID2 and answers EINVAL; the entries and the names also sit
// 4 bytes too far. Fixed upstream in uapi/linux/stddef.h ("Fix __DECLARE_FLEX_ARRAY for C++"); vmctl does not rely
// on the installed headers for these.
#pragma once

#include <sys/ioctl.h>

#include <cstddef>
#include <cstdint>

#include <linux/kvm.h>

namespace virtlab::vmctl::kvm_abi {

// struct kvm_cpuid2 without its flexible array: the entries (struct kvm_cpuid_entry2, 40 bytes) follow at offset 8.
struct Cpuid2Header {
  std::uint32_t nent;
  std::uint32_t padding;
};
static_assert(sizeof(Cpuid2Header) == 8);
static_assert(sizeof(kvm_cpuid_entry2) == 40, "struct kvm_cpuid_entry2 has no flexible array; its size is ABI");
inline constexpr std::size_t kCpuidEntriesOffset = sizeof(Cpuid2Header);

inline constexpr unsigned long kGetSupportedCpuid = _IOWR(KVMIO, 0x05, Cpuid2Header);  // on /dev/kvm
inline constexpr unsigned long kSetCpuid2 = _IOW(KVMIO, 0x90, Cpuid2Header);           // on a vCPU fd

// struct kvm_stats_desc without its name: flags u32, exponent s16, size u16, offset u32, bucket_size u32 = 16 bytes;
// the name (header.name_size bytes) follows.
struct StatsDescHeader {
  std::uint32_t flags;
  std::int16_t exponent;
  std::uint16_t size;
  std::uint32_t offset;
  std::uint32_t bucket_size;
};
static_assert(sizeof(StatsDescHeader) == 16);

}  // namespace virtlab::vmctl::kvm_abi
