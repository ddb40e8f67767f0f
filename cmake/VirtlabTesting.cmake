# Test helpers shared by every suite under tests/.
#
# Labels: "unit" = pure, no root or special kernel features (also run under ASan+UBSan);
#         "integration" = real kernel mechanism on this host; "vm" = runs inside the test VM.

# virtlab_add_gtest(<name> SOURCES <files...> LIBRARIES <libs...> [LABELS <labels...>])
function(virtlab_add_gtest name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES;LABELS" ${ARGN})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBRARIES} virtlab::common GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    VIRTLAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    VIRTLAB_BINARY_DIR="${PROJECT_BINARY_DIR}"
    VIRTLAB_FIXTURES_DIR="${CMAKE_CURRENT_SOURCE_DIR}/fixtures")
  gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
endfunction()

# virtlab_add_schema_test(<name> SCHEMA <schema file> [JSONL] [LABELS ...] COMMAND <cmd...>)
# Runs the real tool and validates its stdout against the JSON Schema (Draft 2020-12) with python3-jsonschema.
# JSONL: stdout is JSON Lines; every line is validated.
function(virtlab_add_schema_test name)
  cmake_parse_arguments(ARG "JSONL" "SCHEMA" "COMMAND;LABELS" ${ARGN})
  if(NOT ARG_LABELS)
    set(ARG_LABELS integration)
  endif()
  set(mode --json)
  if(ARG_JSONL)
    set(mode --jsonl)
  endif()
  add_test(NAME ${name}
    COMMAND python3 ${PROJECT_SOURCE_DIR}/tests/schema/validate_output.py ${mode}
            ${PROJECT_SOURCE_DIR}/schemas/${ARG_SCHEMA} -- ${ARG_COMMAND})
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS};schema" SKIP_RETURN_CODE 77)
endfunction()

# The test VM's CMake helpers (virtlab_add_vm_test) live beside its code once it exists.
include(VirtlabVmTest OPTIONAL)
