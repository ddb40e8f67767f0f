# The Debian package (docs/packaging.md): `scripts/package` runs `cpack -G DEB` in build/default.
# The tools install themselves (binary, man page, completion: VirtlabTool.cmake); this file adds what no tool owns:
# the explorer's man page, completion, .desktop entry and icon, the data under share/virtlab (labs without solutions,
# lectures with their recordings, schemas), the Debian copyright and changelog, the CPack settings and the tests.
set(virtlab_packaging_dir ${PROJECT_SOURCE_DIR}/packaging)
set(virtlab_datadir ${CMAKE_INSTALL_DATADIR}/virtlab)
set(virtlab_docdir ${CMAKE_INSTALL_DATADIR}/doc/virtlab)
# Debian policy: man pages and changelogs gzip'ed with -9, without name and time stamp (reproducible).
find_program(GZIP_EXECUTABLE gzip REQUIRED)

if(TARGET explorer)
  # Qt cannot print a man page; help2man builds it from explorer --help/--version plus packaging/explorer.h2m.
  find_program(HELP2MAN_EXECUTABLE help2man)
  if(NOT HELP2MAN_EXECUTABLE)
    message(FATAL_ERROR "help2man not found (the explorer's man page): run scripts/install-deps (packages.txt)")
  endif()
  set(explorer_man ${CMAKE_BINARY_DIR}/share/man/man1/explorer.1)
  add_custom_command(
    OUTPUT ${explorer_man} ${explorer_man}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/share/man/man1
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ${HELP2MAN_EXECUTABLE} --no-info --section=1
            --include=${virtlab_packaging_dir}/explorer.h2m --output=${explorer_man} $<TARGET_FILE:explorer>
    COMMAND ${GZIP_EXECUTABLE} -9nf -k ${explorer_man}
    DEPENDS explorer ${virtlab_packaging_dir}/explorer.h2m
    COMMENT "Generating the explorer's man page (help2man)"
    VERBATIM)
  add_custom_target(explorer_docs ALL DEPENDS ${explorer_man})
  install(FILES ${explorer_man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${virtlab_packaging_dir}/explorer.bash-completion DESTINATION
          ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME explorer)
  install(FILES ${virtlab_packaging_dir}/virtlab-explorer.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${virtlab_packaging_dir}/virtlab-explorer.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()

# The same files the students' bundle leaves out (labs/lib/dist.py LEFT_OUT_NAMES): no solutions in a package.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/labs/ DESTINATION ${virtlab_datadir}/labs USE_SOURCE_PERMISSIONS
        PATTERN solution EXCLUDE PATTERN __pycache__ EXCLUDE PATTERN "*.pyc" EXCLUDE PATTERN grade-logs EXCLUDE
        PATTERN results.json EXCLUDE PATTERN .seed EXCLUDE PATTERN .hints.json EXCLUDE PATTERN selftest.py EXCLUDE
        PATTERN test_gradelib.py EXCLUDE PATTERN dist.py EXCLUDE PATTERN CMakeLists.txt EXCLUDE PATTERN .gitignore EXCLUDE)
# Walkthroughs find their recordings beside them (recordings/<id>.jsonl); labs find ../schemas.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lectures/ DESTINATION ${virtlab_datadir}/lectures
        FILES_MATCHING PATTERN "*.json" PATTERN "*.jsonl")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/schemas/ DESTINATION ${virtlab_datadir}/schemas FILES_MATCHING PATTERN "*.json")
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${virtlab_docdir})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${virtlab_docdir}/docs FILES_MATCHING PATTERN "*.md"
        PATTERN img EXCLUDE)
install(FILES ${virtlab_packaging_dir}/copyright DESTINATION ${virtlab_docdir})
install(FILES ${virtlab_packaging_dir}/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME virtlab)

set(virtlab_deb_version ${PROJECT_VERSION}-1)
# The entry is dated by its source file, so a reconfigure does not make the changelog (and the package) new.
file(TIMESTAMP ${virtlab_packaging_dir}/changelog.Debian virtlab_changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(changelog ${CMAKE_BINARY_DIR}/packaging/changelog.Debian)
file(READ ${virtlab_packaging_dir}/changelog.Debian changelog_text)
string(REPLACE "@VERSION@" ${virtlab_deb_version} changelog_text "${changelog_text}")
string(REPLACE "@DATE@" ${virtlab_changelog_date} changelog_text "${changelog_text}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${virtlab_packaging_dir}/changelog.Debian)
file(CONFIGURE OUTPUT ${changelog}.in CONTENT "${changelog_text}")
add_custom_command(
  OUTPUT ${changelog}.gz
  COMMAND ${CMAKE_COMMAND} -E copy ${changelog}.in ${changelog}
  COMMAND ${GZIP_EXECUTABLE} -9nf ${changelog}
  DEPENDS ${changelog}.in
  VERBATIM)
add_custom_target(virtlab_changelog ALL DEPENDS ${changelog}.gz)
install(FILES ${changelog}.gz DESTINATION ${virtlab_docdir})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME virtlab)
set(CPACK_PACKAGE_VENDOR "virtlab maintainers")
set(CPACK_PACKAGE_CONTACT "virtlab maintainers <maintainers@users.noreply.b-seed-9efc7c53.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# The extended description: lines under 80 columns (lintian), one paragraph per line of this list.
set(CPACK_PACKAGE_DESCRIPTION
    "virtlab is a toolkit for teaching and seeing how Linux virtualizes memory,\n"
    "CPUs, devices and whole systems. Every number comes from the running kernel:\n"
    "page tables and physical frames (pagewalk), control groups (cgtop),\n"
    "namespaces and virtual switches (nsenter-lite), virtual machines built from\n"
    "raw KVM ioctls (vmctl), a throw-away QEMU test VM (testvm) and a Qt GUI that\n"
    "draws the machine as layered diagrams (explorer). Labs with live graders and\n"
    "lecture walkthroughs are installed in /usr/share/virtlab.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Linked libraries: dpkg-shlibdeps. Programs the tools run or dlopen() only for some commands are Recommends:
# testvm runs qemu-system-x86_64, unpacks kernel modules with xz/zstd and runs depmod (kmod); net switch --mode nat
# dlopens libnftnl and libmnl; the explorer's Korean text needs a CJK font; the labs' graders are Python.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "qemu-system-x86, xz-utils, zstd, kmod, libnftnl11, libmnl0, fonts-noto-cjk, python3, make")
# What students need for some labs: a C compiler (memory, container), nasm (kvm), iproute2 (network).
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gcc, libc6-dev, nasm, iproute2, bash-completion")
include(CPack)

if(VIRTLAB_BUILD_TESTS)
  if(TARGET explorer)
    add_test(NAME packaging.explorer_completion
             COMMAND ${virtlab_packaging_dir}/check-explorer-completion.sh $<TARGET_FILE:explorer>
                     ${virtlab_packaging_dir}/explorer.bash-completion)
    add_test(NAME packaging.desktop_file COMMAND ${virtlab_packaging_dir}/check-desktop-file.sh
                                                 ${virtlab_packaging_dir}/virtlab-explorer.desktop)
    set_tests_properties(packaging.explorer_completion packaging.desktop_file
                         PROPERTIES LABELS "unit;packaging" SKIP_RETURN_CODE 77 TIMEOUT 60)
  endif()
  # Builds the .deb (scripts/package), installs it with apt into a fresh Debian 12 root (mmdebstrap) and runs every
  # tool there. Minutes, network: label package only.
  add_test(NAME package.install COMMAND ${virtlab_packaging_dir}/test-install.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(package.install PROPERTIES LABELS package SKIP_RETURN_CODE 77 TIMEOUT 1800 RUN_SERIAL ON)
endif()
