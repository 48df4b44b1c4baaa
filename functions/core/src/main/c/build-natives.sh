#!/usr/bin/env bash
# Builds thumbflow's own JNI libraries, libthumbflow_png.so (png_rows.c with zlib-ng, vendored
# in zlib-ng/, linked static), libthumbflow_pixels.so (pixels.c) and libthumbflow_jpeg.so (jpeg_scan.c), for Linux x86_64 and aarch64
# into OUT (default: the bundled copies in src/main/resources/native/linux-ARCH/) and prints their
# sha256. Needs gcc, gcc-aarch64-linux-gnu, cmake and make (Debian: apt-get install gcc
# gcc-aarch64-linux-gnu cmake make) and a JDK for jni.h.
# The build is reproducible: Debian 12's gcc 12 gives the bytes whose hashes native/README.md lists,
# and .ci/run rebuilds both and fails if they differ from the committed files.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${1:-$HERE/../resources/native}"
JDK="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
FLAGS=(-std=c11 -O2 -fPIC -shared -fvisibility=hidden -g0 -s -Wall -Wextra -Werror
  -Wl,-z,noexecstack -Wl,-z,relro -Wl,-z,now -I"$JDK/include" -I"$JDK/include/linux")
# zlib-ng's own CMake build (runtime CPU dispatch, no -march=native), native API (zng_*), so its
# symbols cannot meet the JDK's zlib; --exclude-libs keeps them out of the library's exports.
ZLIB_NG=(-DZLIB_COMPAT=OFF -DBUILD_SHARED_LIBS=OFF -DZLIB_ENABLE_TESTS=OFF -DZLIBNG_ENABLE_TESTS=OFF
  -DWITH_GTEST=OFF -DWITH_GZFILEOP=OFF -DCMAKE_BUILD_TYPE=Release -DCMAKE_POSITION_INDEPENDENT_CODE=ON
  "-DCMAKE_C_FLAGS=-g0 -ffile-prefix-map=$HERE/zlib-ng=zlib-ng")
for pair in gcc:x86_64 aarch64-linux-gnu-gcc:aarch64; do
  cc="${pair%%:*}"; arch="${pair#*:}"
  mkdir -p "$OUT/linux-$arch"
  toolchain=()
  [ "$arch" = aarch64 ] && toolchain=("-DCMAKE_TOOLCHAIN_FILE=$HERE/zlib-ng/cmake/toolchain-aarch64.cmake")
  cmake -S "$HERE/zlib-ng" -B "$WORK/zlib-ng-$arch" "${toolchain[@]}" "${ZLIB_NG[@]}" >"$WORK/cmake-$arch.log" 2>&1 \
    || { cat "$WORK/cmake-$arch.log"; exit 1; }
  make -s -C "$WORK/zlib-ng-$arch" zlib >"$WORK/make-$arch.log" 2>&1 || { cat "$WORK/make-$arch.log"; exit 1; }
  # Compiled from the source's own folder under a fixed name, so no path of this machine is recorded.
  (cd "$HERE" && "$cc" "${FLAGS[@]}" -I"$WORK/zlib-ng-$arch" -o "$OUT/linux-$arch/libthumbflow_png.so" \
    png_rows.c "$WORK/zlib-ng-$arch/libz-ng.a" -Wl,--exclude-libs,ALL)
  (cd "$HERE" && "$cc" "${FLAGS[@]}" -o "$OUT/linux-$arch/libthumbflow_pixels.so" pixels.c)
  (cd "$HERE" && "$cc" "${FLAGS[@]}" -o "$OUT/linux-$arch/libthumbflow_jpeg.so" jpeg_scan.c)
done
(cd "$OUT" && sha256sum linux-*/libthumbflow_*.so)
