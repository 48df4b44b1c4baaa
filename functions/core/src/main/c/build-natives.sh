#!/usr/bin/env bash
# Builds thumbflow's own JNI libraries, libthumbflow_png.so (png_rows.c) and libthumbflow_pixels.so
# (pixels.c), for Linux x86_64 and aarch64 into OUT (default: the
# bundled copies in src/main/resources/native/linux-ARCH/) and prints their sha256. Needs gcc and
# gcc-aarch64-linux-gnu (Debian: apt-get install gcc gcc-aarch64-linux-gnu) and a JDK for jni.h.
# The build is reproducible: Debian 12's gcc 12 gives the bytes whose hashes native/README.md lists,
# and .ci/run rebuilds both and fails if they differ from the committed files.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${1:-$HERE/../resources/native}"
JDK="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
FLAGS=(-std=c11 -O2 -fPIC -shared -fvisibility=hidden -g0 -s -Wall -Wextra -Werror
  -Wl,-z,noexecstack -Wl,-z,relro -Wl,-z,now -I"$JDK/include" -I"$JDK/include/linux")
for pair in gcc:x86_64 aarch64-linux-gnu-gcc:aarch64; do
  cc="${pair%%:*}"; arch="${pair#*:}"
  mkdir -p "$OUT/linux-$arch"
  for pair2 in png_rows.c:libthumbflow_png.so pixels.c:libthumbflow_pixels.so; do
    # Compiled from the source's own folder under a fixed name, so no path of this machine is recorded.
    (cd "$HERE" && "$cc" "${FLAGS[@]}" -o "$OUT/linux-$arch/${pair2#*:}" "${pair2%%:*}")
  done
done
(cd "$OUT" && sha256sum linux-*/libthumbflow_*.so)
