#!/usr/bin/env bash
# Installs what the end-to-end tests need: Debian's chromium (driven by playwright-core),
# libkrb5-dev and ripgrep (needed to build code-server), and code-server 4.100.3 (the real
# VS Code 1.100.3 workbench) into .vscode-test/code-server/. Idempotent: a second run only
# checks and exits (well under a second). Works as root with no stdin (CI).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CS_DIR="$ROOT/.vscode-test/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"

log() { printf '[e2e-setup] %s\n' "$*"; }
start=$SECONDS

# --- system packages --------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
# native modules of code-server build from source
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v python3 >/dev/null 2>&1 || missing+=(python3)

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { log "need root (or sudo) to install: ${missing[*]}"; exit 1; }
    SUDO=(sudo -n)
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "system packages present (chromium, libkrb5-dev, ripgrep)"
fi

# --- code-server ------------------------------------------------------------------------
installed_version() {
  [ -x "$CS_BIN" ] || return 1
  # without XDG variables code-server writes under $HOME, even for --version
  local x
  x="$(mktemp -d)"
  XDG_CONFIG_HOME="$x/config" XDG_DATA_HOME="$x/data" "$CS_BIN" --version 2>/dev/null | awk '/^[0-9]+\.[0-9]+\.[0-9]+ /{print $1; exit}'
  rm -rf "$x"
}

if [ "$(installed_version || true)" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION already in ${CS_DIR#"$ROOT"/}"
else
  log "installing code-server $CODE_SERVER_VERSION into ${CS_DIR#"$ROOT"/} (takes a few minutes)"
  mkdir -p "$CS_DIR"
  cat >"$CS_DIR/package.json" <<EOF
{
  "name": "e2e-code-server",
  "private": true,
  "description": "code-server for the end-to-end tests; installed by scripts/e2e/setup.sh, never part of the .vsix",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" }
}
EOF
  # @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here); seed its cache
  # with Debian's rg so it reports "Using cached download".
  rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rg_cache"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  # node-gyp: use the machine's Node headers instead of downloading them
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
    export npm_config_nodedir=/usr
  fi
  # as root code-server's postinstall checks npm_config_unsafe_perm; node-pty's postinstall
  # runs `npx node-gyp`, which `yes=false` refuses.
  (
    cd "$CS_DIR"
    npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false npm_config_audit=false \
      npm_config_update_notifier=false npm install --no-save --loglevel=error >"$CS_DIR/install.log" 2>&1
  ) || { log "npm install failed; last lines of $CS_DIR/install.log:"; tail -n 40 "$CS_DIR/install.log"; exit 1; }
  v="$(installed_version || true)"
  if [ "$v" != "$CODE_SERVER_VERSION" ]; then
    log "code-server did not install correctly (version '$v'); see $CS_DIR/install.log"
    exit 1
  fi
  log "code-server $v installed"
fi

log "done in $((SECONDS - start)) s"
