#!/usr/bin/env bash
# Auto-classification benchmark (JMH): classifying a CSV sample beside reading it (the baseline).
#   tools/bench/classification.sh [JMH options, e.g. -p rows=1000]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/tools/bench/target/brain-bench.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests install)
exec java -Xmx512m -cp "$JAR:$ROOT/tools/bench/target/lib/*" org.openjdk.jmh.Main ClassificationBench "$@"
