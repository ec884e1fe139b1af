#!/usr/bin/env bash
# Runs a benchmark and prints its figures; the last line is one JSON object.
#   benchmarks/run.sh operator [--apps N]   the operator against its physical floor (default 50 apps)
#   benchmarks/run.sh sample-app [--connections N] [--round-seconds S] [--algorithm ES256|EdDSA|HS256]
#                                           JWT, Redis and HTTP figures of the sample app
# Builds what it needs first (quietly, tests skipped). See docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
benchmark="${1:-}"
[ $# -gt 0 ] && shift

usage() {
  echo "usage: benchmarks/run.sh operator [--apps N] | sample-app [--connections N] [--round-seconds S] [--algorithm A]" >&2
  exit 2
}

build() {
  # package, not install: the benchmark runs from this checkout's reactor, never from ~/.m2.
  (cd "$root" && mvn -B -q -Dstyle.color=never package -DskipTests -pl "$1" -am) >&2
}

classpath() {
  # The operator's classes rather than its shaded jar, which bundles copies of its libraries.
  echo "$root/benchmarks/target/classes:$root/operator/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"
}

case "$benchmark" in
  operator)
    build benchmarks
    # The operator itself runs in a JVM of its own, started by this one; its log lands in target/.
    exec java -Dbenchmarks.logDir="$root/benchmarks/target" -cp "$(classpath)" \
      dev.stateless.benchmarks.OperatorBenchmark "$@"
    ;;
  sample-app)
    build benchmarks,sample-app
    # The app runs from its own shaded jar in a JVM of its own, as deployed; its log lands in target/.
    exec java -Dbenchmarks.logDir="$root/benchmarks/target" \
      -Dsample.app.jar="$root/sample-app/target/stateless-sample-app.jar" -cp "$(classpath)" \
      dev.stateless.benchmarks.SampleAppBenchmark "$@"
    ;;
  *)
    usage
    ;;
esac
