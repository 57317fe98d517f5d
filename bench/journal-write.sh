#!/usr/bin/env bash
# journal-write.sh — journal write throughput (exchanges/s) into SQLite and PostgreSQL (embedded, fsync on), in
# batches of 1,000 as the journal's writer sends them, with metadata only and with 1 KiB bodies each way.
#
# Usage: bench/journal-write.sh [RECORDS]     (per measurement, default 200000)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
source "$root/scripts/find-jdk.sh" >/dev/null  # the newest JDK 21+ on the machine, as scripts/mvn uses
scripts/mvn -B -q -o test-compile -Dcheckstyle.skip -Dspotless.check.skip=true >/dev/null
cp=$(scripts/mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "target/test-classes:target/classes:$cp" \
  io.switchboard.journal.JournalWriteBench "${1:-200000}"
