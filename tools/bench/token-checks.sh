#!/usr/bin/env bash
# Token checks (JMH): the platform's issuer, audience and expiry checks beside Spring Security's defaults (the baseline).
#   tools/bench/token-checks.sh [JMH options]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/tools/bench/target/brain-bench.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests install)
exec java -Xmx512m -cp "$JAR:$ROOT/tools/bench/target/lib/*" org.openjdk.jmh.Main TokenChecksBench "$@"
