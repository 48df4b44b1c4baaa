#!/usr/bin/env bash
# Renditions bench (issue 12): the CPU time of one run making 50x50 + 256x256 + 1024x1024, against a lone
# 1024x1024 run and against three separate runs, over ../shared/corpus/photos, whole `thumbflow local`
# processes (JVM start included), in alternating rounds; prints each round and the medians.
# usage: bench/renditions.sh [ROUNDS] [COPIES]   COPIES > 1 repeats the corpus in distinct files (default 1)
# Needs /usr/bin/time (Debian package `time`) and a build (mvn -B -q package -DskipTests): each run is the
# README's command, the launcher orchestrator/target/thumbflow.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
COPIES=${2:-1}
THUMBFLOW=$PWD/orchestrator/target/thumbflow
PHOTOS=${THUMBFLOW_SHARED:-$PWD/../shared}/corpus/photos
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The corpus's images (its README and MANIFEST stay out), COPIES times over under distinct names.
mkdir -p "$WORK/in"
for c in $(seq 1 "$COPIES"); do
  mkdir -p "$WORK/in/$c"
  find "$PHOTOS" -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) \
    -exec cp {} "$WORK/in/$c/" \;
done
echo "images: $(find "$WORK/in" -type f | wc -l) ($COPIES x corpus), rounds: $ROUNDS, workers: 2"

# CPU seconds (user + system) of one `thumbflow local` run into a fresh folder.
cpu() {
  rm -rf "$WORK/out"
  if ! /usr/bin/time -f '%U %S' -o "$WORK/time" "$THUMBFLOW" local "$WORK/in" --out "$WORK/out" "$@" \
    >/dev/null 2>"$WORK/err"; then
    cat "$WORK/err" >&2
    exit 1
  fi
  awk '{printf "%.2f", $1 + $2}' "$WORK/time"
}

declare -A runs=(
  [three]="--rendition s:50x50 --rendition m:256x256 --rendition l:1024x1024"
  [lone1024]="--size 1024x1024"
  [lone256]="--size 256x256"
  [lone50]="--size 50x50"
)
order=(three lone1024 lone256 lone50)
declare -A samples
for r in $(seq 1 "$ROUNDS"); do
  line="round $r:"
  for name in "${order[@]}"; do
    # shellcheck disable=SC2086
    t=$(cpu ${runs[$name]})
    samples[$name]+="$t "
    line+=" $name ${t}s"
  done
  echo "$line"
  order=("${order[@]:1}" "${order[0]}")   # rotate, so no run always goes first
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
three=$(echo "${samples[three]}" | median)
lone=$(echo "${samples[lone1024]}" | median)
separate=$(awk -v a="$lone" -v b="$(echo "${samples[lone256]}" | median)" \
  -v c="$(echo "${samples[lone50]}" | median)" 'BEGIN {print a + b + c}')
echo "median CPU s: three renditions $three, lone 1024x1024 $lone, three separate runs $separate"
awk -v t="$three" -v l="$lone" -v s="$separate" 'BEGIN {
  printf "three renditions / lone 1024x1024 = %.2fx (target <= 1.5x)\n", t / l
  printf "three renditions vs three separate runs: %.1f%% less (target >= 40%%)\n", 100 * (1 - t / s) }'
