#!/usr/bin/env bash
# Ingestion benchmark: starts the platform as `brain up` does (own ports, temporary data), runs Kafka's
# ProducerPerformance as the baseline, then the gateway ingestion, prints both and the ratio, stops.
#   tools/bench/run.sh [-Dbench.seconds=20] [-Dbench.clients=8] [-Dbench.baseline.records=1000000]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/tools/bench/target/brain-bench.jar"
if [ ! -f "$JAR" ] || [ ! -f "$ROOT/services/gateway/target/gateway-0.1.0-SNAPSHOT-exec.jar" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests install)
fi
# the bench measures capacity, not the per-client rate policy: lift the gateway limit for this run
export BRAIN_GATEWAY_RATE_PER_SECOND=${BRAIN_GATEWAY_RATE_PER_SECOND:-1000000} BRAIN_GATEWAY_RATE_BURST=${BRAIN_GATEWAY_RATE_BURST:-1000000}
exec java -Xmx512m -Dbrain.home="$ROOT" "$@" -jar "$JAR"
