#!/usr/bin/env bash
# Proves the Dockerfile without a Docker engine or an image registry: builds stand-ins for its two base
# images from Debian packages, builds the image from the unchanged Dockerfile with podman, starts a
# container, waits until the image's own HEALTHCHECK says healthy, drops a CSV into the inbox and waits
# for it in done/ and for its report naming the Zoho job (the built-in sandbox answers: no credentials
# are set).
#
# Needs root and network access to deb.debian.org and Maven Central. Installs podman, runc, mmdebstrap
# when missing. Everything it makes lives in one temporary directory (podman storage included) that is
# removed at the end; only the logs stay, in target/image-verify/. Exits non-zero with a message on any
# failure. Settings (environment): DEBIAN_MIRROR, IMAGE_VERIFY_KEEP=1 (keep the temporary directory),
# IMAGE_VERIFY_M2=none (the build stage downloads everything instead of starting from a copy of the
# host's Maven repository).
set -Eeuo pipefail
cd "$(dirname "$0")/../../.."
REPO=$PWD
LOGS=$REPO/target/image-verify
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
# the build stand-in carries the Maven its tag names (Debian's own is 3.8)
MAVEN_VERSION=3.9.9
# the names the Dockerfile's FROM lines resolve to
BUILD_BASE=docker.io/library/maven:3.9-eclipse-temurin-17
RUNTIME_BASE=docker.io/library/eclipse-temurin:17-jre
IMAGE=localhost/zoho-crm-camel:verify
CTR=zoho-image-verify-$$
# the defaults (nproc 32768) are refused in this kind of machine; these work
LIMITS=(--ulimit nofile=20000:20000 --ulimit nproc=4096:4096)
CSV='Last_Name,Email,Company
Smith,smith@example.com,Acme
'

PHASE=start
T0=$EPOCHREALTIME
die() { echo "verify-image: FAILED in phase '$PHASE': $*" >&2; exit 1; }
trap 'die "command failed (line $LINENO): $BASH_COMMAND"' ERR
phase() { # ends the current phase (prints its wall time) and starts the next
  local now=$EPOCHREALTIME
  [ "$PHASE" = start ] || printf '%-10s %6.1f s\n' "$PHASE" "$(awk "BEGIN {print $now - $T0}")" | tee -a "$LOGS/timings.txt"
  PHASE=$1 T0=$now
  [ "$1" = done ] || echo "== $1"
}

stamp() { # prefixes each line with the seconds since the phase began: where a phase spends its time
  while IFS= read -r line; do printf '%6.1f %s\n' "$(awk "BEGIN {print $EPOCHREALTIME - $T0}")" "$line"; done
}

[ "$(id -u)" = 0 ] || die "needs root (apt-get, mmdebstrap, podman)"
mkdir -p "$LOGS" && rm -f "$LOGS"/*
W=$(mktemp -d /tmp/zoho-image-verify.XXXXXX)
P() {
  podman --root "$W/storage" --runroot "$W/run" --tmpdir "$W/libpod" --runtime runc \
    --cgroup-manager cgroupfs --events-backend none "$@"
}
cleanup() {
  local rc=$?
  trap - ERR
  if [ $rc -ne 0 ] && P container exists "$CTR" 2>/dev/null; then
    P logs "$CTR" > "$LOGS/container.log" 2>&1 || true
    echo "--- last lines of the container's log (all in $LOGS/container.log):" >&2
    tail -n 40 "$LOGS/container.log" >&2 || true
  fi
  if [ "${IMAGE_VERIFY_KEEP:-}" = 1 ]; then echo "kept $W (podman --root $W/storage --runroot $W/run)"; exit $rc; fi
  P rm -f -v -t 0 "$CTR" >/dev/null 2>&1 || true
  P rmi -a -f >/dev/null 2>&1 || true
  # podman keeps its overlay directory mounted on itself
  umount "$W/storage/overlay" 2>/dev/null || true
  rm -rf "$W" || echo "verify-image: could not remove $W" >&2
  exit $rc
}
trap cleanup EXIT

phase tools
need=()
for t in podman:podman runc:runc mmdebstrap:mmdebstrap mvn:maven; do
  command -v "${t%%:*}" >/dev/null 2>&1 || need+=("${t#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" > "$LOGS/apt.log" 2>&1 \
    || die "could not install ${need[*]} (see $LOGS/apt.log)"
fi

phase maven
# through Maven itself, from Maven Central (checksums checked), with the plugin the project's build
# already uses; the tarball leaves the host's repository again unless it was there before
m2=$HOME/.m2/repository
cached=$m2/org/apache/maven/apache-maven/$MAVEN_VERSION
had_maven=no; [ -d "$cached" ] && had_maven=yes
mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy \
  -Dartifact="org.apache.maven:apache-maven:$MAVEN_VERSION:tar.gz:bin" -DoutputDirectory="$W" > "$LOGS/maven.log" 2>&1 \
  || die "could not fetch Maven $MAVEN_VERSION from Maven Central (see $LOGS/maven.log)"
[ $had_maven = yes ] || { rm -rf "$cached"; rmdir --ignore-fail-on-non-empty "${cached%/*}"; }

phase bases
# One Debian root file system with a JDK 17 (which contains the JRE) and Maven serves both FROM names:
# the build stage needs mvn and javac, the runtime stage java, apt-get and useradd.
# The CAs this host added locally (a TLS-intercepting proxy's, say) go in before ca-certificates is
# configured, so the JDK's trust store holds them and the build's Maven reaches Maven Central as the
# host's does; on a machine without any this copies nothing.
arch=$(dpkg --print-architecture)
mmdebstrap --variant=minbase --include=openjdk-17-jdk-headless,ca-certificates \
  --aptopt='APT::Install-Recommends "false"' --dpkgopt=force-unsafe-io \
  --setup-hook='mkdir -p "$1/usr/local/share/ca-certificates" && if [ -d /usr/local/share/ca-certificates ]; then cp -a /usr/local/share/ca-certificates/. "$1/usr/local/share/ca-certificates/"; fi' \
  --customize-hook="mkdir -p \"\$1/usr/share/maven\" && tar -xzf $W/apache-maven-$MAVEN_VERSION-bin.tar.gz -C \"\$1/usr/share/maven\" --strip-components=1 && ln -s /usr/share/maven/bin/mvn \"\$1/usr/bin/mvn\"" \
  --customize-hook='rm -f "$1/etc/apt/apt.conf.d/99mmdebstrap" "$1/etc/dpkg/dpkg.cfg.d/99mmdebstrap"' \
  "$SUITE" - "deb $MIRROR $SUITE main" "deb ${MIRROR%/debian}/debian-security $SUITE-security main" 2> >(stamp > "$LOGS/mmdebstrap.log") \
  | P import --change "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$arch" --change 'ENV MAVEN_HOME=/usr/share/maven' \
      --change 'ENV MAVEN_CONFIG=/root/.m2' --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' - "$BUILD_BASE" > /dev/null \
  || die "could not make the base image (see $LOGS/mmdebstrap.log)"
P tag "$BUILD_BASE" "$RUNTIME_BASE"
P run --rm --network none "${LIMITS[@]}" "$RUNTIME_BASE" sh -c 'java -version && mvn -v' > "$LOGS/bases.log" 2>&1 \
  || die "the base image cannot run java and mvn (see $LOGS/bases.log)"

phase build
# The build stage's Maven starts from a copy of the host's repository (a build-time volume both RUN steps
# share, thrown away at the end; an overlay of ~/.m2 would drop go-offline's downloads before package):
# 36 s instead of 2-2.5 min of downloads. IMAGE_VERIFY_M2=none downloads everything, as docker build does.
m2_mount=()
if [ "${IMAGE_VERIFY_M2:-}" != none ] && [ -d "$HOME/.m2/repository" ]; then
  mkdir -p "$W/m2" && cp -a "$HOME/.m2/repository" "$W/m2/"
  m2_mount=(-v "$W/m2:/root/.m2")
fi
P build --jobs 2 --format docker --pull=never --network host "${LIMITS[@]}" \
  "${m2_mount[@]}" -f "$REPO/Dockerfile" -t "$IMAGE" "$REPO" 2>&1 | stamp > "$LOGS/build.log" \
  || { tail -n 30 "$LOGS/build.log" >&2; die "podman build failed (all in $LOGS/build.log)"; }
hc=$(P image inspect --format '{{json .HealthCheck}}' "$IMAGE")
[[ $hc == *observe/health* ]] || die "the built image has no HEALTHCHECK on /observe/health: $hc"

phase healthy
# without systemd podman cannot schedule the check on its interval (it says so on stderr, kept in
# run.log): the loop below runs the image's own check until it says healthy
P run -d --name "$CTR" --network none "${LIMITS[@]}" "$IMAGE" > "$LOGS/run.log" 2>&1 \
  || die "the container did not start (see $LOGS/run.log)"
deadline=$((SECONDS + 180))
until P healthcheck run "$CTR" > /dev/null 2>&1; do
  [ "$(P inspect --format '{{.State.Running}}' "$CTR")" = true ] || die "the container stopped"
  [ $SECONDS -lt $deadline ] || die "not healthy after 180 s: $(P inspect --format '{{json .State.Health}}' "$CTR")"
  sleep 2
done
status=$(P inspect --format '{{.State.Health.Status}}' "$CTR")
[ "$status" = healthy ] || die "health status is '$status'"
health=$(P exec "$CTR" curl -fsS http://127.0.0.1:9876/observe/health)
[[ $health == *'"UP"'* ]] || die "/observe/health answers $health"

phase file
# dropped by the image's user, as a dropping system sharing the volume would
printf '%s' "$CSV" | P exec -i "$CTR" sh -c 'mkdir -p /data/inbox/Leads/insert && cat > /data/inbox/Leads/insert/leads.csv'
wait_for() { # file, seconds
  local deadline=$((SECONDS + $2))
  until P exec "$CTR" test -s "$1"; do
    [ $SECONDS -lt $deadline ] || die "$1 did not appear within $2 s; the folders hold: $(P exec "$CTR" find /data/inbox /data/done /data/error /data/reports -type f 2>/dev/null | tr '\n' ' ')"
    sleep 1
  done
}
wait_for /data/done/Leads/insert/leads.csv 60
# the report names the Zoho job its one row went into
report_ok() {
  local report
  report=$(P exec "$CTR" cat /data/reports/Leads/insert/leads.report.json 2>/dev/null) || return 1
  grep -Eq '"rows" ?: ?1[,}[:space:]]' <<< "$report" && grep -Eq '"zoho_job_id" ?: ?"?[0-9]+' <<< "$report"
}
deadline=$((SECONDS + 30))
until report_ok; do
  [ $SECONDS -lt $deadline ] || die "no report showing the row in a Zoho job within 30 s: $(P exec "$CTR" cat /data/reports/Leads/insert/leads.report.json 2>&1)"
  sleep 1
done
P logs "$CTR" > "$LOGS/container.log" 2>&1

phase done
echo "verify-image: OK: the image built from the Dockerfile came up healthy and took a dropped file ($(awk '{s+=$2} END {print s}' "$LOGS/timings.txt") s)"
