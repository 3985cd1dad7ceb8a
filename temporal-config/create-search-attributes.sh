#!/bin/sh
# Registers the custom search attributes Media Jobs sets on every job workflow (JobType, UserId, ProjectId, all
# Keyword) so operators can filter jobs in the Temporal Web UI and with `temporal workflow list --query`.
#
# Idempotent: safe to run on every `docker compose up` and by hand. It waits for the Temporal frontend, creates the
# namespace when it is missing (temporalio/server, unlike the old auto-setup image, creates none), then creates each
# attribute that is not there yet. An attribute that already exists with the right type is fine; one that exists
# with another type is an error (fix it by hand: search attributes cannot change type).
#
# Runs in the temporalio/admin-tools image (POSIX sh + the `temporal` CLI) as the one-shot compose service
# temporal-create-search-attributes, or anywhere the CLI is installed:
#   TEMPORAL_ADDRESS=localhost:7233 ./temporal-config/create-search-attributes.sh
#
# Environment:
#   TEMPORAL_ADDRESS       frontend host:port                  (default temporal:7233)
#   TEMPORAL_NAMESPACE     namespace the app uses              (default default)
#   NAMESPACE_RETENTION    retention when creating it          (default 7d; closed job workflows are kept this long)
#   SEARCH_ATTRIBUTES      space-separated Name=Type pairs     (default "JobType=Keyword UserId=Keyword ProjectId=Keyword",
#                          the same list as SEARCH_ATTRIBUTES in scripts/lib.sh)
#   WAIT_TIMEOUT_SECONDS   how long to wait for the frontend   (default 180)
#   TEMPORAL_CLI           the CLI binary                      (default temporal)
set -eu

TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${NAMESPACE_RETENTION:-7d}"
SEARCH_ATTRIBUTES="${SEARCH_ATTRIBUTES:-JobType=Keyword UserId=Keyword ProjectId=Keyword}"
WAIT_TIMEOUT_SECONDS="${WAIT_TIMEOUT_SECONDS:-180}"
CLI="${TEMPORAL_CLI:-temporal}"

log() { echo "[create-search-attributes] $*" >&2; }
die() { log "error: $*"; exit 1; }

command -v "$CLI" >/dev/null 2>&1 || die "the Temporal CLI ('$CLI') is not installed"

# The CLI reads TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE itself too; pass them explicitly so the intent is visible.
# Some Docker networks hand the gRPC resolver an address it cannot dial first (IPv6 before IPv4); dial the IPv4
# address of the host when getent can resolve it.
host="${TEMPORAL_ADDRESS%:*}"
port="${TEMPORAL_ADDRESS##*:}"
address="$TEMPORAL_ADDRESS"
if command -v getent >/dev/null 2>&1; then
  # glibc knows ahostsv4; musl (Alpine, the admin-tools image) only hosts.
  ip="$({ getent ahostsv4 "$host" || getent hosts "$host"; } 2>/dev/null | awk '$1 ~ /^[0-9.]+$/ { print $1; exit }')" || ip=""
  [ -n "$ip" ] && address="$ip:$port"
fi

t() { "$CLI" "$@" --address "$address"; }

log "waiting up to ${WAIT_TIMEOUT_SECONDS}s for the Temporal frontend at $TEMPORAL_ADDRESS ($address)"
start="$(date +%s)"
until t operator cluster health >/dev/null 2>&1; do
  [ $(( $(date +%s) - start )) -lt "$WAIT_TIMEOUT_SECONDS" ] || die "Temporal at $TEMPORAL_ADDRESS is not serving"
  sleep 2
done
log "Temporal is serving"

# The namespace: create it when missing. Right after schema setup the frontend can answer health checks before the
# namespace registry is ready, so retry both calls for a while.
start="$(date +%s)"
until t operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; do
  if out="$(t operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" 2>&1)"; then
    log "created namespace '$NAMESPACE' (retention $RETENTION)"
  else
    case "$out" in
      *"already"*) ;; # registered by someone else meanwhile
      *) log "namespace '$NAMESPACE' not ready yet: $out" ;;
    esac
  fi
  [ $(( $(date +%s) - start )) -lt "$WAIT_TIMEOUT_SECONDS" ] || die "could not create or describe namespace '$NAMESPACE'"
  sleep 2
done
log "namespace '$NAMESPACE' is registered"

# Current attributes as "Name Type" lines (the CLI prints a two-column table with a header).
existing_type() { # name -> prints its type, or nothing
  t operator search-attribute list --namespace "$NAMESPACE" 2>/dev/null | awk -v n="$1" '$1 == n { print $2; exit }'
}

failed=0
for pair in $SEARCH_ATTRIBUTES; do
  name="${pair%%=*}"
  type="${pair#*=}"
  [ -n "$name" ] && [ -n "$type" ] && [ "$name" != "$pair" ] || die "bad SEARCH_ATTRIBUTES entry '$pair' (want Name=Type)"
  have="$(existing_type "$name")"
  if [ -z "$have" ]; then
    if out="$(t operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type" 2>&1)"; then
      log "created search attribute $name ($type)"
      continue
    fi
    case "$out" in
      *"already exists"*) have="$(existing_type "$name")" ;; # a concurrent run created it
      *) log "could not create search attribute $name ($type): $out"; failed=1; continue ;;
    esac
  fi
  if [ -n "$have" ] && [ "$have" != "$type" ]; then
    log "search attribute $name exists with type $have, not $type: remove it or rename ours"
    failed=1
  else
    log "search attribute $name ($type) already exists"
  fi
done

[ "$failed" = 0 ] || die "some search attributes are missing (see above)"
log "done: $SEARCH_ATTRIBUTES in namespace '$NAMESPACE'"
