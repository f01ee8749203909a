# Sourced by ./bulwark and .ci/run: exports JAVA_HOME as the newest JDK of release 21 or newer on this machine.
# Bulwark compiles for release 21 but runs best on the newest JDK (virtual threads stop pinning their carrier
# inside synchronized blocks from JDK 24 on, JEP 491), so the newest wins. Fails, saying what is needed, when
# there is none.

bulwark_jdk_release() { # prints the feature release of the JDK at $1 (e.g. 25), or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

bulwark_use_jdk() {
  local candidates=() best="" best_release=0 home release
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for home in /usr/lib/jvm/* /opt/java/* /usr/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    release=$(bulwark_jdk_release "$home")
    if [ -n "$release" ] && [ "$release" -ge 21 ] && [ "$release" -gt "$best_release" ]; then
      best=$(readlink -f "$home"); best_release=$release
    fi
  done
  if [ -z "$best" ]; then
    echo "Bulwark needs a JDK of release 21 or newer (java and javac); none was found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
    echo "Install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  echo "Using JDK $best_release at $JAVA_HOME" >&2
}
