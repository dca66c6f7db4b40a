# Optional codecs of src/media: libopus (opus audio) and libavcodec (h264/h265 video). On by
# default when pkg-config finds them; without them the decoders return an "unsupported" Status.
# Included by the top CMakeLists.txt once the `vrsx` target exists.
pkg_check_modules(OPUS QUIET IMPORTED_TARGET opus)
pkg_check_modules(AVCODEC QUIET IMPORTED_TARGET libavcodec libavutil)
option(VRSX_WITH_OPUS "Decode opus audio with libopus" ${OPUS_FOUND})
option(VRSX_WITH_VIDEO "Decode h264/h265 video with libavcodec" ${AVCODEC_FOUND})
if(VRSX_WITH_OPUS AND NOT OPUS_FOUND)
  message(FATAL_ERROR "VRSX_WITH_OPUS=ON but pkg-config finds no opus (install libopus-dev)")
endif()
if(VRSX_WITH_VIDEO AND NOT AVCODEC_FOUND)
  message(FATAL_ERROR
    "VRSX_WITH_VIDEO=ON but pkg-config finds no libavcodec (install libavcodec-dev libavutil-dev)")
endif()
# The installed package config (cmake/vrsxConfig.cmake.in) finds libopus for libvrsx.a under the
# name vrsx_OPUS, as it does lz4 and zstd (libavcodec is loaded at run time, see below).
set(VRSX_OPTIONAL_PKG_MODULES "")
# vrsx.pc names the optional codecs' libraries directly rather than in Requires.private: with
# --static, pkg-config would ask for every static dependency of libavcodec (libvpx, libx265...),
# which Debian ships as shared libraries only.
set(VRSX_PC_OPTIONAL_LIBS "")
if(VRSX_WITH_OPUS)
  target_compile_definitions(vrsx PRIVATE VRSX_HAVE_OPUS=1)
  target_link_libraries(vrsx PRIVATE $<BUILD_INTERFACE:PkgConfig::OPUS>
    $<INSTALL_INTERFACE:PkgConfig::vrsx_OPUS>)
  list(APPEND VRSX_OPTIONAL_PKG_MODULES "OPUS:opus")
  string(APPEND VRSX_PC_OPTIONAL_LIBS " -lopus")
endif()
if(VRSX_WITH_VIDEO)
  # Built against libavcodec's headers, but loaded with dlopen on the first video frame
  # (src/media/libav_library.h): linking it would load its whole dependency tree in every
  # program, video or not. So consumers of libvrsx.a need no libavcodec to link.
  target_compile_definitions(vrsx PRIVATE VRSX_HAVE_VIDEO=1)
  target_include_directories(vrsx PRIVATE ${AVCODEC_INCLUDE_DIRS})
  target_link_libraries(vrsx PRIVATE ${CMAKE_DL_LIBS})
endif()
message(STATUS "vrsx: opus audio ${VRSX_WITH_OPUS}, h264/h265 video ${VRSX_WITH_VIDEO}")
