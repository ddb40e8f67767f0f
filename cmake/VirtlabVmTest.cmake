# virtlab_add_vm_test(<name> NEEDS <kvm|cgroup2|swap|vm>...
#                     [TIMEOUT <seconds>] [MEM <size>] [CPUS <n>] [SWAP <size>] [CGROUP v2|hybrid]
#                     [FILES <host paths>...] [ENV <NAME=VALUE>...] [WORKDIR <guest dir>] [LABELS <labels>...]
#                     COMMAND <command> [<args>...])
#
# A test that needs something this host may lack. At test time `testvm run --needs ...` checks the host:
#   - the host has every NEEDS entry (kvm: usable /dev/kvm; cgroup2: pure v2 with cpu memory io pids; swap: an
#     active swap device)  -> COMMAND runs right here, on the host;
#   - otherwise                                  -> COMMAND runs inside the test VM (QEMU TCG + nested KVM +
#     pure cgroup v2), with COMMAND's binary, FILES and their shared libraries copied in at the same paths;
#   - QEMU or the kernel package cannot be had   -> exit 77 (ctest: skipped) with the reason printed.
# NEEDS vm always uses the VM. COMMAND and FILES accept generator expressions ($<TARGET_FILE:my_tests>).
# The test gets the labels "vm" and "integration" plus LABELS, and a ctest TIMEOUT of TIMEOUT + 240 s
# (the first run may download and build the cached kernel image).
#
# Example (a gtest binary, only its KVM tests, two vCPUs):
#   virtlab_add_vm_test(vmctl_kvm_in_vm NEEDS kvm CPUS 2 TIMEOUT 300
#     COMMAND $<TARGET_FILE:vmctl_tests> --gtest_filter=Kvm*)
function(virtlab_add_vm_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT;MEM;CPUS;SWAP;CGROUP;WORKDIR" "NEEDS;FILES;ENV;LABELS;COMMAND" ${ARGN})
  if(NOT ARG_COMMAND)
    message(FATAL_ERROR "virtlab_add_vm_test(${name}): COMMAND is required")
  endif()
  if(NOT ARG_NEEDS)
    message(FATAL_ERROR "virtlab_add_vm_test(${name}): NEEDS is required (kvm, cgroup2, swap or vm)")
  endif()
  if(NOT TARGET testvm)
    message(FATAL_ERROR "virtlab_add_vm_test(${name}): the testvm tool (tools/testvm) is not part of this build")
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  list(JOIN ARG_NEEDS "," needs)
  set(args run --skip-code 77 --needs ${needs} --timeout ${ARG_TIMEOUT})
  if(ARG_MEM)
    list(APPEND args --mem ${ARG_MEM})
  endif()
  if(ARG_CPUS)
    list(APPEND args --cpus ${ARG_CPUS})
  endif()
  if(ARG_SWAP)
    list(APPEND args --swap ${ARG_SWAP})
  endif()
  if(ARG_CGROUP)
    list(APPEND args --cgroup ${ARG_CGROUP})
  endif()
  if(ARG_WORKDIR)
    list(APPEND args --workdir ${ARG_WORKDIR})
  endif()
  foreach(file IN LISTS ARG_FILES)
    list(APPEND args --file ${file})
  endforeach()
  foreach(env IN LISTS ARG_ENV)
    list(APPEND args --env ${env})
  endforeach()
  add_test(NAME ${name} COMMAND $<TARGET_FILE:testvm> ${args} -- ${ARG_COMMAND})
  math(EXPR ctest_timeout "${ARG_TIMEOUT} + 240")
  set_tests_properties(${name} PROPERTIES
    LABELS "vm;integration;${ARG_LABELS}"
    SKIP_RETURN_CODE 77
    TIMEOUT ${ctest_timeout})
endfunction()
