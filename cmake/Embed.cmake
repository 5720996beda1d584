# rk_embed(TARGET NAME ROOT FILES...) compiles FILES (paths relative to ROOT) into TARGET as a
# table of (name, bytes) that rk::embedded_files_<NAME>() returns, so the binary needs nothing
# beside it at run time.
function(rk_embed target name root)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cc)
  set(abs_files)
  foreach(f ${ARGN})
    list(APPEND abs_files ${root}/${f})
  endforeach()
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DNAME=${name} -DROOT=${root} -DOUT=${out}
            "-DFILES=${ARGN}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedGenerate.cmake
    DEPENDS ${abs_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedGenerate.cmake
    COMMENT "Embedding ${name} files"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
