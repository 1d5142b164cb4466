#!/bin/sh
# Differential test: the cookiejar crate (`cookiejar replay`) against Go's
# net/http/cookiejar with golang.org/x/net/publicsuffix, on the conformance
# corpora and on random scenarios; each scenario where the two differ is
# shrunk and classified by cause (see README.md beside this script).
#
# Needs Go and Debian's golang-golang-x-net-dev (`apt-get install golang-go
# golang-golang-x-net-dev`; no module proxy is used), python3 and cargo.
# Usage, from anywhere: sh scripts/go_interop/run.sh [COUNT_PER_SEED]
# (default 3000; outputs in scripts/go_interop/out).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
N=${1:-3000}
cd "$HERE"
mkdir -p out
# 1. The Go side, built in build/: the standard library's jar.go and
#    punycode.go copied from this machine's GOROOT (their internal `ascii`
#    package too, whose import path is rewritten), with goj/clock.go, which
#    exports the jar's own time-taking methods so that a scenario's virtual
#    clock drives it; Debian's x/net publicsuffix as a local module.
GOROOT=$(go env GOROOT)
rm -rf build && mkdir -p build/goj/ascii build/xnet
cp main.go go.mod build/
cp goj/clock.go build/goj/
for f in jar.go punycode.go; do
  sed 's#"net/http/internal/ascii"#"gojar/goj/ascii"#' "$GOROOT/src/net/http/cookiejar/$f" > "build/goj/$f"
done
cp "$GOROOT/src/net/http/internal/ascii/print.go" build/goj/ascii/
cp -r /usr/share/gocode/src/golang.org/x/net/publicsuffix build/xnet/
printf 'module golang.org/x/net\n\ngo 1.17\n' > build/xnet/go.mod
(cd build && GOPROXY=off GOFLAGS=-mod=mod go build -o gojar .)
# 2. The Rust side, built afresh (a stale binary would compare old code).
(cd "$ROOT" && cargo build --release --features cli)
RUST="$TARGET/release/cookiejar"
CORPORA="$SHARED/conformance/http-state-scenarios.jsonl $SHARED/conformance/http-state-wpt2020-scenarios.jsonl $ROOT/tests/conformance/wpt-cookies-scenarios.jsonl $ROOT/tests/scenarios/*.json"
# The copied jar against the standard library's own, on every scenario
# that does not need the clock.
./build/gojar -selfcheck $CORPORA 2>&1 >/dev/null | tail -1
echo "== corpora: expected vs rust vs go"
python3 compare.py --rust "$RUST" --skip-superseded --out out/corpus_diffs.jsonl $CORPORA
# 3. Random scenarios from two generators, shrunk and classified by cause.
for kind in rand syn; do
  : > out/$kind.jsonl
  for seed in 11 12 13; do
    if [ $kind = syn ]; then
      python3 gen.py --syntax --count "$N" --seed $seed
    else
      python3 gen.py --count "$N" --seed $seed
    fi >> out/$kind.jsonl
  done
  python3 residual.py out/$kind.jsonl out/${kind}_resid.jsonl
  for f in $kind ${kind}_resid; do
    echo "== $f"
    python3 compare.py --rust "$RUST" out/$f.jsonl | sed -n '1p;7,8p'
    RUST="$RUST" python3 minimize.py out/$f.jsonl out/${f}_min.jsonl 2> out/${f}_min.log
    python3 classify.py out/${f}_min.jsonl --examples 1 > out/${f}_classes.txt
    sed -n '/^$/q;p' out/${f}_classes.txt
  done
done
