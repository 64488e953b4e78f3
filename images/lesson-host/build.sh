#!/usr/bin/env bash
# Fill the rootfs folder $1 with the lesson host: a minimal Debian with Docker's engine, the tools
# lessons use (ps, pstree, ip, iptables, nsenter…), and those Katacoda and Killercoda authors took
# for granted on their hosts (sudo, curl, wget, jq, an editor, ping…). Built with debootstrap from
# Debian's own mirror (no container registry needed), about three minutes; reused while this recipe
# is unchanged.
set -euo pipefail
root=${1:?usage: build.sh ROOTFS}

if ! command -v debootstrap >/dev/null; then
  echo "installing debootstrap" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >&2
fi

# What lessons run: the engine and the process tools the seed lessons teach with.
engine=docker.io,procps,psmisc,iproute2,iptables,util-linux,ncurses-base
# What lesson authors assumed a host has. ca-certificates: curl and wget reach https sites under
# lesson.yaml `network: true`. man-db is cheap here (measured: about 10 s more build, 7 MB more
# image; minbase already ships the pages), so `man ls` works as on a Katacoda host. docker-compose
# (Debian's, 1.29): Docker scenarios run `docker-compose up` as often as `docker run`. htop and
# stress: cgroup scenarios load the CPU and watch it; git: scenarios clone and commit. vim (not
# only vim-tiny's `vi`), python3 (and venv), nc (netcat-openbsd), cal (ncal), info, gpg, iftop, bzip2: what
# Linux-basics scenarios type on an Ubuntu host. No syslog daemon: it would show in every `ps aux`
# of the lessons about processes.
assumed=sudo,curl,wget,ca-certificates,jq,less,nano,vim-tiny,vim,file,tree,iputils-ping,net-tools,man-db,docker-compose,htop,stress,git
assumed+=,python3,python3-venv,netcat-openbsd,ncal,info,gpg,iftop,bzip2
# cgroup-tools: cgroup scenarios `apt install` it, then cgcreate and lscgroup (installed, apt says
# so offline). golang-go (Debian's 1.19, the biggest part of the image): Katacoda's Ubuntu hosts
# had Go, and Docker scenarios `go build` a program to put in a `FROM scratch` image.
assumed+=,cgroup-tools,golang-go
# Debian's registry (distribution 2.8): a lesson that runs `docker pull` gets its preloaded images
# from it, through the inner engine's mirror setting below (the sandbox starts it only then).
assumed+=,docker-registry

# The mirror is debootstrap's default (deb.debian.org); the suite is the machines' own.
debootstrap --variant=minbase --include="$engine,$assumed" bookworm "$root" >&2

# What a fresh host needs and nothing more: no package caches, an empty machine id.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
: >"$root/etc/machine-id"
# The inner engine asks the sandbox's own registry first for Docker Hub images; nothing listens
# there unless the lesson pulls, and then the engine goes on to Docker Hub as usual.
mkdir -p "$root/etc/docker"
echo '{ "registry-mirrors": ["http://127.0.0.1:5000"] }' >"$root/etc/docker/daemon.json"
cat >"$root/etc/docker/registry/config.yml" <<'CONF'
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: /var/lib/docker-registry
http:
  addr: 127.0.0.1:5000
CONF
# Go's tests and their data are never built by lessons.
rm -rf "$root"/usr/share/go-*/src/*/testdata "$root"/usr/share/go-*/test
# The standard library compiled into root's build cache, with cgo and without (`CGO_ENABLED=0
# go build`, for `FROM scratch` images): a lesson's first build then takes seconds, not minutes.
for cgo in 1 0; do chroot "$root" env HOME=/root PATH=/usr/bin:/bin CGO_ENABLED=$cgo go build std >&2; done
# `docker compose`, Compose v2's spelling that newer scenarios type, runs Debian's docker-compose
# 1.29 through a Docker CLI plugin (bookworm has no Compose v2): the commands work, their output
# is v1's (`Creating app_web_1 ... done`, container names with `_`).
mkdir -p "$root/usr/libexec/docker/cli-plugins"
cat >"$root/usr/libexec/docker/cli-plugins/docker-compose" <<'PLUGIN'
#!/bin/sh
if [ "$1" = docker-cli-plugin-metadata ]; then
  echo '{"SchemaVersion":"0.1.0","Vendor":"Debian docker-compose","Version":"1.29.2","ShortDescription":"Docker Compose (docker-compose 1.29)"}'
  exit 0
fi
shift
exec docker-compose "$@"
PLUGIN
chmod 755 "$root/usr/libexec/docker/cli-plugins/docker-compose"
# Docker writes the container's own /etc/hostname (`--hostname`, lesson.yaml `hostname`); this
# one is only what the image says when run otherwise.
echo host01 >"$root/etc/hostname"
