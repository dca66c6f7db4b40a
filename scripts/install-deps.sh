#!/usr/bin/env bash
# Installs the Debian packages vrsx needs to build and test, only those that are missing.
set -euo pipefail
packages=(cmake g++ make liblz4-dev libzstd-dev libxxhash-dev nlohmann-json3-dev catch2 libpng-dev
  libopus-dev libavcodec-dev libavutil-dev  # opus audio, h264/h265 video (src/media)
  libturbojpeg0-dev libjxl-dev  # image decoding (src/media), optional in CMake
  clang libclang-rt-14-dev  # clang and its runtimes: the fuzz targets (scripts/fuzz.sh)
  libcurl4-openssl-dev nginx  # URLs (VRSX_WITH_CURL); nginx: the URL tests
  # The Python package (python/), its tests and vrsx.dask, for Debian's /usr/bin/python3.
  python3 python3-dev python3-pybind11 python3-numpy python3-pytest python3-setuptools python3-wheel
  python3-pip python3-dask python3-distributed python3-pandas)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi
