#!/usr/bin/env bash
# journal-query.sh — fills a SQLite journal with ROWS records (default 10 million, over 7 days; direct batched
# inserts, a few minutes) and times the first page of each journal filter, printing SQLite's query plan beside it.
# The file is kept (default /tmp/switchboard-journal-bench.db), so a second run only times the queries.
#
# Usage: bench/journal-query.sh [ROWS] [FILE]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
rows=${1:-10000000}
file=${2:-/tmp/switchboard-journal-bench.db}
cd "$root"
source "$root/scripts/find-jdk.sh" >/dev/null  # the newest JDK 21+ on the machine, as scripts/mvn uses
scripts/mvn -B -q -o test-compile -Dcheckstyle.skip -Dspotless.check.skip=true >/dev/null
cp=$(scripts/mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "target/test-classes:target/classes:$cp" \
  io.switchboard.journal.JournalQueryBench "$file" "$rows"
