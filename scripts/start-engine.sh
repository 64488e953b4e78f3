#!/usr/bin/env bash
# Install and start a Docker engine on a Debian machine (as root), for `--host local`
# builds and the tests (openssh-server: the test of an engine reached over SSH on loopback).
# Does nothing that is already done. Used by .ci/run.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

source "$(dirname "$0")/apt-missing.sh"
install_missing docker.io iptables busybox-static psmisc procps debootstrap openssh-server openssh-client

if docker info >/dev/null 2>&1; then
  echo "Docker engine already running"
else
  log=/var/log/dockerd.log
  if [ -d /run/systemd/system ]; then
    # A systemd machine: let it own the engine.
    systemctl start docker
  else
    # No init system: start dockerd detached, so it outlives this script. No bridge:
    # lesson containers get loopback only (no outside network), and nothing depends on
    # a docker0 link that other tools may remove.
    setsid nohup dockerd --bridge none --iptables=false >"$log" 2>&1 </dev/null &
  fi
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    echo "Unexpected unreachable Docker engine after 60 s, expected \`docker info\` to answer. Last lines of $log:" >&2
    tail -n 40 "$log" >&2 || journalctl -u docker --no-pager -n 40 >&2
    exit 1
  fi
fi
docker version --format 'engine {{.Server.Version}}, client {{.Client.Version}}'
