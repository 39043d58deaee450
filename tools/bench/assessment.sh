#!/usr/bin/env bash
# Assessment evaluation: starts the platform as `brain up` does (own ports, temporary data), streams the demo
# plant, then times the whole catalogue's evaluation through the gateway beside GET /profile (the cheapest
# authenticated call of the same service), and the first request for new plants (gathering included).
#   tools/bench/assessment.sh [-Dbench.requests=300] [-Dbench.cold=10] [-Dbench.demo.ticks=18]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/tools/bench/target/brain-bench.jar"
[ -f "$JAR" ] && [ -f "$ROOT/services/analytics-jobs/target/analytics-jobs-0.1.0-SNAPSHOT.jar" ] \
  || (cd "$ROOT" && mvn -B -q -DskipTests install)
# the bench measures latency, not the per-client rate policy: lift the gateway limit for this run
export BRAIN_GATEWAY_RATE_PER_SECOND=${BRAIN_GATEWAY_RATE_PER_SECOND:-1000000} BRAIN_GATEWAY_RATE_BURST=${BRAIN_GATEWAY_RATE_BURST:-1000000}
exec java -Xmx512m -Dbrain.home="$ROOT" "$@" -cp "$JAR:$ROOT/tools/bench/target/lib/*" \
  org.enterprisebrain.bench.AssessmentBench
