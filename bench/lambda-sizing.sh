#!/usr/bin/env bash
# Lambda memory sizing: runs the thumbnail handler in-process (io.thumbflow.lambda.tools.LambdaSizing, test
# scope) under a cgroup v1 CPU quota and memory limit that emulate one Lambda memory size at a time, against
# an S3 API (s3proxy) served by another JVM outside those groups. Prints one RESULT line per run.
#
# usage (root, cgroup v1 cpu + memory controllers, from the repository root):
#   bench/lambda-sizing.sh [PHOTOS_DIR]          default ../shared/corpus/photos
# environment:
#   SIZES="512 1024 1769 3008"   memory sizes (MB) for the corpus runs
#   BIG_SIZES="256 384 512"      memory sizes (MB) tried for each 50 MP image (empty: skip)
#   BIG_DIR=/tmp/thumbflow-50mp  where the 50 MP images are made (8660x5773 baseline JPEG, progressive JPEG
#                                and PNG, upscaled from a corpus photo with /usr/bin/python3 + Pillow)
#   FIRST=plasma_Kite_2560x1600.jpg   the photo of the first (cold) invocation
#
# Emulation: Lambda gives a function memory/1769 vCPU (1769 MB = one full vCPU; 3008 MB = 1.7), so the
# JVM's group gets cpu.cfs_quota_us = 100000 * MB / 1769 per cpu.cfs_period_us = 100000, and a memory
# limit of MB (memory.limit_in_bytes; exceeding it kills the JVM as Lambda would end the sandbox). The
# JVM runs with the flags the Lambda java17/java21 runtimes use: C1 only, serial GC, and a maximum heap
# of 85% of the memory size. The S3 server runs outside both groups, as S3 does.
set -euo pipefail
cd "$(dirname "$0")/.."
PHOTOS="${1:-../shared/corpus/photos}"
SIZES="${SIZES:-512 1024 1769 3008}"
BIG_SIZES="${BIG_SIZES-256 384 512}"
BIG_DIR="${BIG_DIR:-/tmp/thumbflow-50mp}"
FIRST="${FIRST:-plasma_Kite_2560x1600.jpg}"
CPU_ROOT=/sys/fs/cgroup/cpu
MEM_ROOT=/sys/fs/cgroup/memory
PERIOD=100000

[ -f "$CPU_ROOT/cpu.cfs_quota_us" ] || { echo "needs cgroup v1 with the cpu controller at $CPU_ROOT" >&2; exit 2; }
[ -f "$MEM_ROOT/memory.limit_in_bytes" ] || { echo "needs cgroup v1 with the memory controller at $MEM_ROOT" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root (to create cgroups)" >&2; exit 2; }

mvn -B -o -q -pl functions/core,functions/lambda -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
CP="functions/lambda/target/test-classes:functions/lambda/target/classes:$(cat functions/lambda/target/test.classpath)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ -n "$BIG_SIZES" ] && [ ! -f "$BIG_DIR/big50mp.png" ]; then
  mkdir -p "$BIG_DIR"
  /usr/bin/python3 - "$PHOTOS/lomiri20_Kleiber_by_Lukas_Baubkus.jpg" "$BIG_DIR" <<'PY'
import sys
from PIL import Image
src, out = sys.argv[1], sys.argv[2]
im = Image.open(src).convert("RGB").resize((8660, 5773), Image.LANCZOS)
im.save(out + "/big50mp.jpg", quality=90)
im.save(out + "/big50mp_progressive.jpg", quality=90, progressive=True)
im.save(out + "/big50mp.png", compress_level=6)
PY
fi

SERVER_OUT="$(mktemp)"
BIG_FILES=()
[ -n "$BIG_SIZES" ] && BIG_FILES=("$BIG_DIR/big50mp.jpg" "$BIG_DIR/big50mp_progressive.jpg" "$BIG_DIR/big50mp.png")
"$JAVA" -cp "$CP" io.thumbflow.lambda.tools.LambdaSizing server "$PHOTOS" "${BIG_FILES[@]}" >"$SERVER_OUT" 2>/dev/null &
SERVER=$!
GROUPS_MADE=()
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  for g in "${GROUPS_MADE[@]}"; do rmdir "$g" 2>/dev/null || true; done
  rm -f "$SERVER_OUT"
}
trap cleanup EXIT
for _ in $(seq 1 600); do [ -s "$SERVER_OUT" ] && break; sleep 0.2; done
ENDPOINT="$(head -1 "$SERVER_OUT")"
[ -n "$ENDPOINT" ] || { echo "the S3 server did not start" >&2; exit 1; }

# run_in MB ARGS...: LambdaSizing measure ARGS under the emulation of an MB function.
run_in() {
  local mb="$1"; shift
  local cg="$CPU_ROOT/thumbflow-sizing-$mb" mg="$MEM_ROOT/thumbflow-sizing-$mb"
  mkdir -p "$cg" "$mg"; GROUPS_MADE+=("$cg" "$mg")
  echo "$PERIOD" >"$cg/cpu.cfs_period_us"
  echo $((PERIOD * mb / 1769)) >"$cg/cpu.cfs_quota_us"
  echo $((mb * 1024 * 1024)) >"$mg/memory.limit_in_bytes"
  local heap=$((mb * 85 / 100))
  set +e
  sh -c 'echo $$ >"$1/cgroup.procs"; echo $$ >"$2/cgroup.procs"; shift 2; exec "$@"' sh "$cg" "$mg" \
    "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto "-Xmx${heap}m" -cp "$CP" \
    io.thumbflow.lambda.tools.LambdaSizing measure "$ENDPOINT" "$@" 2>/dev/null | grep '^RESULT'
  local status=${PIPESTATUS[0]}
  set -e
  if [ "$status" != 0 ]; then
    echo "RESULT exit=$status oom_kill=$(awk '/oom_kill /{print $2}' "$mg/memory.oom_control")"
  fi
}

for mb in $SIZES; do
  echo "== $mb MB: $(awk -v m="$mb" 'BEGIN{printf "%.2f", m/1769}') vCPU, heap $((mb * 85 / 100)) MB"
  run_in "$mb" "$PHOTOS" --first "$FIRST" --passes 2 | sed "s/^RESULT/RESULT memory_mb=$mb/"
  run_in "$mb" "$PHOTOS" --first "$FIRST" --primed --cold-only | sed "s/^RESULT/RESULT memory_mb=$mb/"
done
for f in "${BIG_FILES[@]}"; do
  for mb in $BIG_SIZES; do
    echo "== $(basename "$f") ($(($(stat -c %s "$f") / 1048576)) MB file) in $mb MB"
    run_in "$mb" "$f" --passes 1 | sed "s/^RESULT/RESULT memory_mb=$mb/"
  done
done
