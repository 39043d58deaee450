#!/usr/bin/env bash
# Device values through the connector onto Kafka (MQTT JSON, Sparkplug B) beside Kafka's own producer, same broker,
# same run: starts the platform as `brain up` does (own ports, temporary data), prints both and the ratios, stops.
#   tools/bench/connector.sh [-Dbench.mqtt.values=200000] [-Dbench.sparkplug.values=200000] [-Dbench.baseline.records=500000]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/tools/bench/target/brain-bench.jar"
if [ ! -f "$JAR" ] || [ ! -f "$ROOT/services/connector-service/target/connector-service-0.1.0-SNAPSHOT-exec.jar" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests install)
fi
exec java -Xmx512m -Dbrain.home="$ROOT" "$@" -cp "$JAR:$ROOT/tools/bench/target/lib/*" org.enterprisebrain.bench.ConnectorBench
