#!/usr/bin/env bash
# Alert latency: starts the platform as `brain up` does (own ports, temporary data), sends out-of-control SPC
# subgroups through the gateway one at a time and times each alert to Kafka, to Elasticsearch and to search.
#   tools/bench/alert-latency.sh [-Dbench.alerts=200] [-Dbench.pause.ms=100]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/tools/bench/target/brain-bench.jar"
[ -f "$JAR" ] && [ -f "$ROOT/services/analytics-jobs/target/analytics-jobs-0.1.0-SNAPSHOT.jar" ] \
  || (cd "$ROOT" && mvn -B -q -DskipTests install)
exec java -Xmx512m -Dbrain.home="$ROOT" "$@" -cp "$JAR:$ROOT/tools/bench/target/lib/*" \
  org.enterprisebrain.bench.AlertLatencyBench
