# Sourced by ./switchboard and scripts/mvn: sets JAVA_HOME to the newest JDK 21+ on the machine
# (JAVA_HOME itself when it already is one).
_sb_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2; exit}'; }
_sb_best=""; _sb_best_v=0
if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/javac ]]; then
  _sb_v=$(_sb_major "$JAVA_HOME"); _sb_v=${_sb_v%%.*}
  if (( _sb_v >= 21 )); then _sb_best=$JAVA_HOME; _sb_best_v=$_sb_v; fi
fi
if [[ -z $_sb_best ]]; then
  for _sb_dir in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [[ -x $_sb_dir/bin/javac && ! -L $_sb_dir ]] || continue
    _sb_v=$(_sb_major "$_sb_dir"); _sb_v=${_sb_v%%.*}
    [[ $_sb_v =~ ^[0-9]+$ ]] || continue
    if (( _sb_v > _sb_best_v )); then _sb_best=$_sb_dir; _sb_best_v=$_sb_v; fi
  done
fi
if (( _sb_best_v < 21 )); then echo "needs a JDK 21 or later; none found (set JAVA_HOME)" >&2; return 1 2>/dev/null || exit 1; fi
export JAVA_HOME=$_sb_best
[[ -n ${SB_QUIET_JDK:-} ]] || echo "using JDK $_sb_best_v at $JAVA_HOME" >&2
