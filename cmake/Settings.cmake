# Compiler settings shared by all first-party targets: link `rk_settings` PRIVATE.
add_library(rk_settings INTERFACE)
target_compile_options(rk_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
  -Wno-sign-conversion)
if(RUNKNEE_WERROR)
  target_compile_options(rk_settings INTERFACE -Werror)
endif()
if(RUNKNEE_SANITIZE)
  # -O1, as the AddressSanitizer documentation advises: stack traces stay usable and the
  # 100,000-case safety property test runs in minutes rather than tens of minutes.
  target_compile_options(rk_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined -O1)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports false maybe-uninitialized inside libstdc++'s std::regex and std::function
    # once the sanitizers instrument -O1 code; the Release build keeps the warning.
    target_compile_options(rk_settings INTERFACE -Wno-maybe-uninitialized)
  endif()
  target_link_options(rk_settings INTERFACE -fsanitize=address,undefined)
endif()
if(RUNKNEE_FUZZ)
  target_compile_options(rk_settings INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
  target_link_options(rk_settings INTERFACE -fsanitize=address,undefined)
endif()
