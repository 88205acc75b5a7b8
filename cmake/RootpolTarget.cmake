# One place that says how our own code is compiled: C++20 with warnings on. Warnings become
# errors only under ROOTPOL_WERROR, which `make`, CI and developer builds turn on: a packager's
# plain `cmake -DCMAKE_BUILD_TYPE=Release` must not fail on a newer compiler's new warning
# (GCC 12 at -O3 reports false -Wrestrict positives inside libstdc++, for example).
# Generated ANTLR code does not use this (see grammar/CMakeLists.txt).
function(rootpol_target_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  # GCC 12 at -O2/-O3 reports -Wrestrict inside libstdc++ for `"text" + std::string` (GCC bug
  # 105329, a false positive fixed in GCC 13): a dozen places in plain Release builds.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(ROOTPOL_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# rootpol_library(NAME SOURCES... DEPS...): a pipeline stage as its own library.
function(rootpol_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(rootpol_${name} STATIC ${ARG_SOURCES})
  add_library(rootpol::${name} ALIAS rootpol_${name})
  target_include_directories(rootpol_${name} PUBLIC ${PROJECT_SOURCE_DIR}/compiler)
  target_link_libraries(rootpol_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  rootpol_target_defaults(rootpol_${name})
endfunction()

# The rootpol binary, and the benchmarks that time it in-process, allocate with mimalloc when
# the top level found it: linked as a shared library, it takes malloc, free, new and delete over
# for the whole process. ROOTPOL_MIMALLOC tells the code (the test FastAllocator checks it).
function(rootpol_fast_allocator target)
  if(TARGET mimalloc)
    target_link_libraries(${target} PRIVATE mimalloc)
    target_compile_definitions(${target} PRIVATE ROOTPOL_MIMALLOC=1)
  endif()
endfunction()
