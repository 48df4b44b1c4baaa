#!/usr/bin/env bash
# Builds thumbflow if needed and runs `thumbflow bench` from the repository root.
# usage: bench/run.sh [bench options...]     e.g. bench/run.sh --rounds 3 --check --peers seed,vips_batch
# Needs: a JDK 17 and Maven; for all columns /usr/bin/time (Debian package `time`); for the peers
# /usr/bin/python3 with Pillow (python3-pil), gcc + libvips-dev, imagemagick (see ../shared/peers/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=orchestrator/target/thumbflow.jar
if [ ! -f "$JAR" ]; then mvn -B -q package -DskipTests; fi
exec java -jar "$JAR" bench "$@"
