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
