# Installs vrsx from BUILD_DIR into a scratch prefix, then builds tests/consumer/app.cc against it
# twice and runs it: (a) with CMake's find_package(vrsx), in a project that sets no C++ standard,
# (b) with a plain compiler command and `pkg-config --cflags --libs vrsx` (--static for libvrsx.a).
#   -DSOURCE_DIR= -DBUILD_DIR= -DCXX=      the vrsx tree, its build, the compiler it was built with
#   -DSHARED=ON|OFF                        libvrsx.so or libvrsx.a
#   -DSANITIZE=ON|OFF                      the library was built with ASan + UBSan
#   -DLIBDIR=lib                           CMAKE_INSTALL_LIBDIR of that build
#   -DCOMPONENT=library                    install only that component (optional: all of them)
#   -DWORK_DIR=                            scratch folder (default: BUILD_DIR/consumer-test)
if(NOT LIBDIR)
  set(LIBDIR lib)
endif()
if(NOT WORK_DIR)
  set(WORK_DIR ${BUILD_DIR}/consumer-test)
endif()
set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
file(REMOVE_RECURSE ${WORK_DIR})

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "${what} failed (${rc}): ${ARGN}")
  endif()
endfunction()

set(component_args "")
if(COMPONENT)
  set(component_args --component ${COMPONENT})
endif()
run("install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} ${component_args})

set(expected include/vrsx/reader.h ${LIBDIR}/cmake/vrsx/vrsxConfig.cmake ${LIBDIR}/pkgconfig/vrsx.pc)
if(SHARED)
  list(APPEND expected ${LIBDIR}/libvrsx.so)
  set(unexpected ${LIBDIR}/libvrsx.a)
else()
  list(APPEND expected ${LIBDIR}/libvrsx.a)
  set(unexpected ${LIBDIR}/libvrsx.so)
endif()
if(NOT COMPONENT)
  list(APPEND expected bin/vrsx bin/vrsx-demo-record)
endif()
foreach(f ${expected})
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "install is missing ${f}")
  endif()
endforeach()
if(EXISTS ${prefix}/${unexpected})
  message(FATAL_ERROR "install has ${unexpected}, SHARED=${SHARED} said otherwise")
endif()
if(SHARED)
  file(GLOB versioned ${prefix}/${LIBDIR}/libvrsx.so.*)
  if(NOT versioned)
    message(FATAL_ERROR "install has no versioned libvrsx.so.N (SOVERSION)")
  endif()
endif()
if(NOT COMPONENT)
  # The installed tool runs from the prefix (with libvrsx.so: through its RPATH).
  run("installed vrsx --help" ${prefix}/bin/vrsx --help OUTPUT_QUIET)
endif()

set(sanitize_flags "")
if(SANITIZE)
  set(sanitize_flags -fsanitize=address,undefined)  # the library was built with the sanitizers
endif()
# Where the app finds libvrsx.so at run time when nothing set an RPATH.
set(run_env ${CMAKE_COMMAND} -E env --modify LD_LIBRARY_PATH=path_list_prepend:${prefix}/${LIBDIR})

# (a) CMake: find_package(vrsx), no CMAKE_CXX_STANDARD (vrsx::vrsx brings cxx_std_20).
run("consumer configure" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${build}
  -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX}
  "-DCMAKE_EXE_LINKER_FLAGS=${sanitize_flags}" "-DCMAKE_CXX_FLAGS=${sanitize_flags}" OUTPUT_QUIET)
run("consumer build" ${CMAKE_COMMAND} --build ${build})
run("consumer app" ${build}/app ${WORK_DIR}/cmake.vrs)  # CMake set the RPATH to libvrsx.so

# (b) pkg-config and the compiler alone.
find_program(PKG_CONFIG NAMES pkg-config pkgconf REQUIRED)
set(static_arg "")
if(NOT SHARED)
  set(static_arg --static)
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${prefix}/${LIBDIR}/pkgconfig
  ${PKG_CONFIG} --cflags --libs ${static_arg} vrsx
  OUTPUT_VARIABLE pc_flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "pkg-config --cflags --libs ${static_arg} vrsx failed")
endif()
message(STATUS "pkg-config --cflags --libs ${static_arg} vrsx: ${pc_flags}")
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
run("pkg-config consumer build" ${CXX} -std=c++20 -Wall -Wextra -Werror ${sanitize_flags}
  ${SOURCE_DIR}/tests/consumer/app.cc ${pc_flags} -o ${WORK_DIR}/app-pkg-config)
run("pkg-config consumer app" ${run_env} ${WORK_DIR}/app-pkg-config ${WORK_DIR}/pkg-config.vrs)
