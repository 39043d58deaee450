#!/usr/bin/env bash
# B2MML import beside the JSON API on the same 10,000 production-performance records, same platform, same run:
# starts the platform as `brain up` does (own ports, temporary data), prints both and the ratio, stops.
#   tools/bench/b2mml.sh [-Dbench.records=10000] [-Dbench.rounds=10] [-Dbench.warmup=5]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/tools/bench/target/brain-bench.jar"
if [ ! -f "$JAR" ] || [ ! -f "$ROOT/services/ingestion-service/target/ingestion-service-0.1.0-SNAPSHOT-exec.jar" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests install)
fi
# the bench measures capacity, not the per-client rate policy: lift the gateway limit for this run
export BRAIN_GATEWAY_RATE_PER_SECOND=${BRAIN_GATEWAY_RATE_PER_SECOND:-1000000} BRAIN_GATEWAY_RATE_BURST=${BRAIN_GATEWAY_RATE_BURST:-1000000}
exec java -Xmx1g -Dbrain.home="$ROOT" "$@" -cp "$JAR:$ROOT/tools/bench/target/lib/*" org.enterprisebrain.bench.B2mmlBench
