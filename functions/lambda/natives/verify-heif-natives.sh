#!/usr/bin/env bash
# Checks libheif bundles (folders written by fetch-heif-natives.sh) against what AWS Lambda's java21
# runtime (Amazon Linux 2023) provides, for each architecture:
#  - every ELF file is for the folder's architecture;
#  - every NEEDED soname is in the bundle, listed earlier in heif-natives.txt (so loading by absolute path
#    in that order resolves it to the bundled copy), or in AL2023's base: libc.so.6, libm.so.6,
#    libpthread.so.0, libdl.so.2, librt.so.1, ld-linux-x86-64.so.2 / ld-linux-aarch64.so.1, or libstdc++.so.6
#    and libgcc_s.so.1, which are not bundled and are assumed from AL2023's GCC 11 runtime (see README.md);
#  - no GLIBC_ symbol version above 2.34 (AL2023's glibc), no GLIBCXX_ above 3.4.29 and no CXXABI_ above
#    1.3.13 (GCC 11's libstdc++), no GCC_ above 7.0.0 (libgcc_s).
# Usage: verify-heif-natives.sh DIR... ; prints one line per library; exits 1 on any violation.
set -euo pipefail

MAX_GLIBC=2.34
MAX_GLIBCXX=3.4.29
MAX_CXXABI=1.3.13
MAX_GCC=7.0.0
BASE="libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 ld-linux-x86-64.so.2 ld-linux-aarch64.so.1"
ASSUMED="libstdc++.so.6 libgcc_s.so.1"

command -v readelf >/dev/null || { echo "readelf not found (Debian package binutils)" >&2; exit 2; }
le() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -1)" = "$2" ]; } # $1 <= $2
fail=0
for dir in "$@"; do
  arch=${dir##*linux-}
  case "$arch" in
    x86_64) machine="Advanced Micro Devices X86-64" ;;
    aarch64) machine="AArch64" ;;
    *) echo "$dir: folder name must end in linux-x86_64 or linux-aarch64" >&2; exit 2 ;;
  esac
  order="$dir/heif-natives.txt"
  [ -f "$order" ] || { echo "$order missing" >&2; exit 1; }
  loaded=""
  while read -r kind name; do
    case "$kind" in ''|'#'*) continue ;; esac
    f="$dir/$name"
    problems=()
    grep -q "Machine:.*$machine" <<<"$(readelf -h "$f")" || problems+=("not an $arch ELF file")
    for n in $(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
      case " $loaded $BASE $ASSUMED " in *" $n "*) ;; *) problems+=("NEEDED $n is neither bundled before it nor in AL2023") ;; esac
    done
    versions=$(readelf -V -W "$f" | awk '/Version needs section/{n=1} /Version definition section/{n=0} n && /Name:/ {for(i=1;i<=NF;i++) if($i=="Name:") print $(i+1)}' | sort -u)
    line="$arch $name:"
    for ns in GLIBC GLIBCXX CXXABI GCC; do
      max=$(echo "$versions" | sed -n "s/^${ns}_\([0-9.]*\)$/\1/p" | sort -V | tail -1)
      [ -n "$max" ] || continue
      line="$line ${ns}_$max"
      limit_var="MAX_$ns"
      le "$max" "${!limit_var}" || problems+=("needs ${ns}_$max > ${ns}_${!limit_var}")
    done
    if [ "${#problems[@]}" -eq 0 ]; then
      echo "ok   $line"
    else
      echo "FAIL $line: ${problems[*]}"
      fail=1
    fi
    [ "$kind" = lib ] && loaded="$loaded $name"
  done < "$order"
done
exit "$fail"
