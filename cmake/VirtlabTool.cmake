# virtlab_add_tool(<name> LIBRARIES <libs...> SOURCES <main.cpp...>)
# Builds the thin executable <name>, and from its own CLI definition (hidden flags --man-page and
# --bash-completion, provided by virtlab::common) generates build/<preset>/share/man/man1/<name>.1 and
# build/<preset>/share/bash-completion/completions/<name>, so help, man page and completion never drift apart.
function(virtlab_add_tool name)
  cmake_parse_arguments(ARG "" "" "LIBRARIES;SOURCES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBRARIES} virtlab::common)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
  set(man ${CMAKE_BINARY_DIR}/share/man/man1/${name}.1)
  set(completion ${CMAKE_BINARY_DIR}/share/bash-completion/completions/${name})
  add_custom_command(
    OUTPUT ${man} ${man}.gz ${completion}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/share/man/man1
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/share/bash-completion/completions
    COMMAND $<TARGET_FILE:${name}> --man-page > ${man}
    # Installed gzip'ed (Debian policy: -9, no name or time stamp); the plain page stays for `man -l`.
    COMMAND gzip -9nf -k ${man}
    COMMAND $<TARGET_FILE:${name}> --bash-completion > ${completion}
    DEPENDS ${name}
    COMMENT "Generating man page and bash completion for ${name}"
    VERBATIM)
  add_custom_target(${name}_docs ALL DEPENDS ${man} ${completion})
  install(TARGETS ${name} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES ${man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${completion} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
endfunction()

# virtlab_link_for_fast_start(<target> ORDER_FILE <startup-order.txt>)
# Start-up is most of a short tool run, so the tool becomes one static, non-PIE executable (no dynamic loader, no
# relocations; bench/results/nsenter-lite.md, pagewalk.md) with its start-up functions in first-use order:
# - gcc links a -static program with crtbeginT.o, which registers .eh_frame with libgcc's unwinder at start; the
#   first exception then sorts every FDE of the binary (perf: add_fdes, frame_heapsort), 2-3 ms on every error exit.
#   crtbegin.o registers nothing, so the unwinder binary-searches .eh_frame_hdr (_dl_find_object, in static glibc).
#   gcc has no switch for that: a directory holding crtbegin.o under the name crtbeginT.o goes first in its
#   start-file search (-B).
# - With lld's --symbol-ordering-file the functions a start runs share a few 64 KiB fault-around windows instead of
#   dozens (the order file is written by the tool's startup-order/make_order.py). GNU ld has no such option; without
#   lld (Debian: lld) the binary links as before.
# Callers skip this under VIRTLAB_SANITIZE (ASan cannot be linked statically).
function(virtlab_link_for_fast_start target)
  cmake_parse_arguments(ARG "" "ORDER_FILE" "" ${ARGN})
  target_link_options(${target} PRIVATE -static -no-pie -Wl,--eh-frame-hdr)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=crtbegin.o OUTPUT_VARIABLE crtbegin
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(IS_ABSOLUTE "${crtbegin}" AND EXISTS "${crtbegin}")
    set(startfiles ${CMAKE_CURRENT_BINARY_DIR}/startfiles)
    configure_file(${crtbegin} ${startfiles}/crtbeginT.o COPYONLY)
    target_link_options(${target} PRIVATE -B${startfiles}/)
  endif()
  find_program(VIRTLAB_LLD ld.lld)
  if(VIRTLAB_LLD AND ARG_ORDER_FILE)
    target_link_options(${target} PRIVATE -fuse-ld=lld -Wl,--symbol-ordering-file=${ARG_ORDER_FILE}
                        -Wl,--no-warn-symbol-ordering)
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${ARG_ORDER_FILE})
  endif()
endfunction()
