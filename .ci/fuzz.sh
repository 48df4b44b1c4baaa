#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest target for a short, fixed time, one target per JVM (as Jazzer requires),
# one after the other, and fails if any target reports a finding. Prints executions, exec/s and coverage
# (libFuzzer's cov/ft/corp figures) per target. Regression mode (the checked-in inputs and the seeds) runs
# in the normal `mvn verify`; this is the part that mutates.
#
#   bash .ci/fuzz.sh [SECONDS_PER_TARGET] [TARGET_PREFIX]   (targets are named Class.method)
#
# FUZZ_JAZZER_ARGS adds Jazzer/libFuzzer flags (a long campaign: --keep_going=50 to go on past findings).
# FUZZ_WORK (default target/fuzz) holds each target's generated corpus, log and crash files; point it
# somewhere persistent to grow the corpus across runs. A finding's input lands in
# $FUZZ_WORK/<target>/crash-* (or timeout-*/oom-*): fix it, then copy it into the target's
# src/test/resources/<package>/<Class>Inputs/<method>/ so that `mvn verify` keeps checking it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-25}"
filter="${2:-}"
work="${FUZZ_WORK:-$PWD/target/fuzz}"
repo="$PWD"
shared="${THUMBFLOW_SHARED:-$repo/../shared}"

# module  class  method
targets=(
  "functions/core io.thumbflow.core.decode.FormatSnifferFuzzTest sniff"
  "functions/core io.thumbflow.core.decode.HeaderProbeFuzzTest probe"
  "functions/core io.thumbflow.core.decode.JpegStructureFuzzTest walk"
  "functions/core io.thumbflow.core.decode.PngStructureFuzzTest walk"
  "functions/core io.thumbflow.core.decode.GifStructureFuzzTest walk"
  "functions/core io.thumbflow.core.decode.TiffStripsFuzzTest read"
  "functions/core io.thumbflow.core.decode.dc.ProgressiveDcDecoderFuzzTest decode"
  "functions/core io.thumbflow.core.decode.png.ReducingPngDecoderFuzzTest decode"
  "functions/core io.thumbflow.core.ThumbnailPipelineFuzzTest render"
  "functions/lambda io.thumbflow.lambda.input.InvocationParserFuzzTest parse"
  "functions/lambda io.thumbflow.lambda.aggregate.ResultWriterManifestFuzzTest readManifest"
  "functions/lambda io.thumbflow.lambda.aggregate.ResultWriterManifestFuzzTest readResultFile"
  "orchestrator io.thumbflow.orchestrator.local.ManifestFuzzTest parse"
)

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  echo "== fuzz: compiling the tests and writing each module's test classpath"
  mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/fuzz-classpath.txt >/dev/null
fi

mkdir -p "$work"
failed=()
printf '%-52s %10s %8s %7s %7s %13s  %s\n' target runs exec/s cov ft corpus result
for entry in "${targets[@]}"; do
  read -r module class method <<<"$entry"
  name="${class##*.}.${method}"
  if [ -n "$filter" ] && [[ "$name" != "$filter"* ]]; then continue; fi
  dir="$work/$name"
  mkdir -p "$dir/corpus"
  cp="$repo/$module/target/test-classes:$repo/$module/target/classes:$(cat "$module/target/fuzz-classpath.txt")"
  # -Xmx512m as in the tests; -timeout: one input running 10 s is a hang (the pipeline's deadline is 1 s here);
  # -rss_limit_mb=0: the JVM's heap cap is the memory limit that matters (an OutOfMemoryError is a finding).
  status=0
  (cd "$module" && java -Xmx512m -Dthumbflow.shared="$shared" -Dthumbflow.repo="$repo" \
      -cp "$cp" com.code_intelligence.jazzer.Jazzer --target_class="$class" --target_method="$method" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=0 -print_final_stats=1 \
      -artifact_prefix="$dir/" ${FUZZ_JAZZER_ARGS:-} "$dir/corpus") >"$dir/fuzz.log" 2>&1 || status=$?
  last="$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$dir/fuzz.log" | tail -1 || true)"
  runs="$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$last")"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
  corp="$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$last")"
  execs="$(sed -n 's/.* exec\/s: \([0-9]*\).*/\1/p' <<<"$last")"
  result=ok
  if [ "$status" -ne 0 ] || grep -q '^== Java Exception\|^==[0-9]*== ERROR' "$dir/fuzz.log"; then
    result="FINDING (exit $status)"
    failed+=("$name")
  fi
  printf '%-52s %10s %8s %7s %7s %13s  %s\n' "$name" "${runs:-?}" "${execs:-?}" "${cov:-?}" "${ft:-?}" \
    "${corp:-?}" "$result"
  if [ "$result" != ok ]; then
    echo "---- $name: $dir/fuzz.log" >&2
    # The exception and libFuzzer's error, else the log's end (captured first: under pipefail, head
    # closing the pipe early would make grep fail and print both).
    excerpt="$(grep -A25 '^== Java Exception\|^==[0-9]*== ERROR' "$dir/fuzz.log" || true)"
    if [ -n "$excerpt" ]; then
      head -40 <<<"$excerpt" >&2
    else
      tail -40 "$dir/fuzz.log" >&2
    fi
    ls "$dir" | grep -E '^(crash|timeout|oom|leak)-' | sed "s|^|  input: $dir/|" >&2 || true
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing: no findings"
