# Sourced by initlab's scripts: makes JAVA_HOME point at a JDK >= 21.
# Keeps JAVA_HOME when it already is one; otherwise takes the newest JDK >= 21 under /usr/lib/jvm.
_initlab_java_major() {  # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
_initlab_find_jdk() {
  local v best="" bestv=0 d
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(_initlab_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for d in /usr/lib/jvm/*/ /usr/local/lib/jvm/*/ /opt/java/*/; do
    [ -d "$d" ] || continue
    d=${d%/}
    v=$(_initlab_java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  [ -n "$best" ] && echo "$best"
}
_initlab_jdk=$(_initlab_find_jdk)
if [ -z "$_initlab_jdk" ]; then
  echo "initlab: needs a JDK 21 or newer (javac included); JAVA_HOME=${JAVA_HOME:-unset} is not one and none was found under /usr/lib/jvm. Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) and set JAVA_HOME." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME=$_initlab_jdk
export PATH="$JAVA_HOME/bin:$PATH"
unset _initlab_jdk
