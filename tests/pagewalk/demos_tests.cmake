# Schema tests of `pagewalk simulate`, `pagewalk demo` and `pagewalk tour` output (real runs), and the swap demo
# with a real swap device (in the test VM when this host has no swap). Included from tests/pagewalk/CMakeLists.txt.
set(pw $<TARGET_FILE:pagewalk>)
set(classic 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1)
virtlab_add_schema_test(pagewalk_schema_simulate SCHEMA pagewalk.v1.json LABELS unit
  COMMAND ${pw} --json simulate ${classic} --frames 3)
virtlab_add_schema_test(pagewalk_schema_simulate_clock_sweep SCHEMA pagewalk.v1.json LABELS unit
  COMMAND ${pw} --json simulate 1 2 3w 4 1 2 5w 1 2 3 4 5 -a clock --sweep --frames 3)
virtlab_add_schema_test(pagewalk_schema_simulate_belady SCHEMA pagewalk.v1.json LABELS unit
  COMMAND ${pw} --json simulate --belady)
virtlab_add_schema_test(pagewalk_schema_simulate_practice SCHEMA pagewalk.v1.json LABELS unit
  COMMAND ${pw} --json simulate --seed 2026)
virtlab_add_schema_test(pagewalk_schema_simulate_answers SCHEMA pagewalk.v1.json LABELS unit
  COMMAND ${pw} --json --explain simulate --seed 2026 --answers --write-percent 40)
virtlab_add_schema_test(pagewalk_schema_demo_list SCHEMA pagewalk.v1.json LABELS unit
  COMMAND ${pw} --json demo --list)
# Every demo on the real kernel, as JSON Lines (one document per demo); --explain adds the step log.
virtlab_add_schema_test(pagewalk_schema_tour SCHEMA pagewalk.v1.json JSONL
  COMMAND ${pw} --json tour)
virtlab_add_schema_test(pagewalk_schema_demo_cow_explain SCHEMA pagewalk.v1.json
  COMMAND ${pw} --json --explain demo cow)
virtlab_add_schema_test(pagewalk_schema_demo_unprivileged SCHEMA pagewalk.v1.json
  COMMAND setpriv --reuid=65534 --regid=65534 --clear-groups ${pw} --json demo two-processes)

# Bad input: one line naming the problem and the fix, exit 2 (usage), nothing on stdout.
set(usage_check ${CMAKE_CURRENT_SOURCE_DIR}/demos_usage_test.sh ${pw})
add_test(NAME pagewalk_usage_bad_reference COMMAND ${usage_check} "bad reference 'x' at position 3" simulate 1 2 x)
add_test(NAME pagewalk_usage_zero_frames COMMAND ${usage_check} "--frames must be between 1 and 64"
  simulate 1 2 --frames 0)
add_test(NAME pagewalk_usage_answers_without_seed COMMAND ${usage_check} "add --seed N" simulate 1 2 --answers)
add_test(NAME pagewalk_usage_seed_and_refs COMMAND ${usage_check} "both a reference string and --seed"
  simulate 1 2 --seed 3)
add_test(NAME pagewalk_usage_unknown_algorithm COMMAND ${usage_check} "unknown algorithm 'random'"
  simulate 1 2 -a random)
add_test(NAME pagewalk_usage_unknown_demo COMMAND ${usage_check} "no demo named 'nope'" demo nope)
set_tests_properties(pagewalk_usage_bad_reference pagewalk_usage_zero_frames pagewalk_usage_answers_without_seed
  pagewalk_usage_seed_and_refs pagewalk_usage_unknown_algorithm pagewalk_usage_unknown_demo PROPERTIES LABELS unit)

# The swap demo needs a swap device: on a host without swap, testvm boots the test VM with one.
if(TARGET pagewalk_demo_tests AND TARGET testvm AND COMMAND virtlab_add_vm_test)
  virtlab_add_vm_test(pagewalk_demo_swap_vm NEEDS swap SWAP 64M MEM 512 TIMEOUT 600
    FILES $<TARGET_FILE:pagewalk_demo_tests>
    COMMAND $<TARGET_FILE:pagewalk_demo_tests> --gtest_filter=Demos.*)
endif()
