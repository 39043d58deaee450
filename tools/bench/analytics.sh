#!/usr/bin/env bash
# Analytics throughput: each Flink job beside a pass-through job and a source-only job on the same broker,
# topics and Elasticsearch node, in the same run; prints records/s and the ratios.
#   tools/bench/analytics.sh [-Dbench.records=200000] [-Dbench.repeat=2]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TARGET="$ROOT/tools/analytics-bench/target"
[ -f "$TARGET/analytics-bench-0.1.0-SNAPSHOT.jar" ] || (cd "$ROOT" && mvn -B -q -DskipTests install)
mkdir -p "$TARGET/tmp"
cd "$ROOT"
exec java -Xmx1g -Djava.io.tmpdir="$TARGET/tmp" "$@" \
  -cp "$TARGET/analytics-bench-0.1.0-SNAPSHOT.jar:$TARGET/lib/*" org.enterprisebrain.bench.analytics.AnalyticsBench
