#!/usr/bin/env bash
# Auditing every API call (JMH): ActionAudit after a read and after an audited write, beside the spec lookup each
# request already makes (the baseline).
#   tools/bench/action-audit.sh [JMH options]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/tools/bench/target/brain-bench.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests install)
exec java -Xmx512m -cp "$JAR:$ROOT/tools/bench/target/lib/*" org.openjdk.jmh.Main ActionAuditBench "$@"
