# Builds libvrsx.so from SOURCE_DIR in WORK_DIR/build (kept from run to run: incremental), then
# runs run.cmake's consumers against its `library` component.
#   -DSOURCE_DIR= -DWORK_DIR= -DCXX= -DSANITIZE= -DLIBDIR=   as for run.cmake
#   -DGENERATOR= -DBUILD_TYPE= -DLAUNCHER=                     those of the parent build
set(shared_build ${WORK_DIR}/build)
set(launcher_arg "")
if(LAUNCHER)
  set(launcher_arg -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${shared_build} -G ${GENERATOR}
  -DBUILD_SHARED_LIBS=ON -DVRSX_BUILD_TESTS=OFF -DVRSX_BUILD_BENCH=OFF -DVRSX_FUZZ=OFF
  -DVRSX_SANITIZE=${SANITIZE} -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_CXX_COMPILER=${CXX}
  -DCMAKE_INSTALL_LIBDIR=${LIBDIR} ${launcher_arg} OUTPUT_QUIET RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring the shared build failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${shared_build} --target vrsx --parallel 2
  RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building libvrsx.so failed")
endif()

set(BUILD_DIR ${shared_build})
set(SHARED ON)
set(COMPONENT library)
set(WORK_DIR ${WORK_DIR}/consumer-test)
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)
