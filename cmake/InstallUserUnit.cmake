# Included by the install step (cmake/Install.cmake): writes the systemd user unit for the prefix
# being installed into and installs it where systemd finds user units for that prefix.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(unit_dir "${CMAKE_INSTALL_PREFIX}/lib/systemd/user")
else()
  set(unit_dir "${CMAKE_INSTALL_PREFIX}/${RUNKNEE_DATADIR}/systemd/user")
endif()
set(RUNKNEE_INSTALLED_BINARY "${CMAKE_INSTALL_PREFIX}/${RUNKNEE_BINDIR}/runknee")
configure_file(${RUNKNEE_UNIT_TEMPLATE} ${RUNKNEE_UNIT_OUT} @ONLY)
file(INSTALL DESTINATION "${unit_dir}" TYPE FILE FILES ${RUNKNEE_UNIT_OUT})
