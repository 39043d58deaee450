#!/usr/bin/env bash
# Kafka as the chart secures it (TLS, SCRAM-SHA-512, ACLs) beside a plaintext broker, same producer and consumer,
# same run: the ratio is what a plant pays for it.
#   tools/bench/kafka-security.sh [-Dbench.records=1000000] [-Dbench.rounds=2]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/tools/bench/target/brain-bench.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests install)
exec java -Xmx256m "$@" -cp "$JAR:$ROOT/tools/bench/target/lib/*" org.enterprisebrain.bench.KafkaSecurityBench
