# What `cmake --install` puts where, and the Debian package (`cpack -G DEB` in the build folder).
# A user's install goes to ~/.local (scripts/setup.sh); the package installs under /usr.
include(GNUInstallDirs)

install(TARGETS runknee RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/runknee.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/runknee.bash-completion
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME runknee)

# The systemd user unit names the binary by its installed path and goes where systemd looks for
# user units: /usr/lib/systemd/user for the package, ~/.local/share/systemd/user for a user's own
# install. Both depend on the prefix given at install time, so they are decided then.
install(CODE "
  set(RUNKNEE_UNIT_TEMPLATE ${PROJECT_SOURCE_DIR}/packaging/runknee.service.in)
  set(RUNKNEE_UNIT_OUT ${PROJECT_BINARY_DIR}/runknee.service)
  set(RUNKNEE_BINDIR ${CMAKE_INSTALL_BINDIR})
  set(RUNKNEE_DATADIR ${CMAKE_INSTALL_DATADIR})
  include(${PROJECT_SOURCE_DIR}/cmake/InstallUserUnit.cmake)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME runknee)
set(CPACK_PACKAGE_VENDOR "runknee")
set(CPACK_PACKAGE_CONTACT "runknee developers <dev@runknee.local>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "inner (medial) knee pain help for runners, local-first")
set(CPACK_PACKAGE_DESCRIPTION
  "Red-flag triage, likely causes and instant relief for inner knee pain; imports FIT, GPX, TCX,
Strava and Garmin exports; training load, running form, a pain diary, KOOS and plans that adapt
to pain. A CLI, a local web app and an HTTP API. Information, not a diagnosis.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # runknee_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends from the shared libraries the binary really uses
include(CPack)
