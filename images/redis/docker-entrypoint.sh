#!/bin/sh
# The official redis image's entrypoint, for busybox: options alone run redis-server; as root,
# redis-server runs as the `redis` user. Debian's redis-server keeps protected mode on when no
# config file is given, where the official image builds it off: say it on the command line.
set -e

if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi

if [ "$1" = 'redis-server' ]; then
	case " $* " in
		*.conf\ *) ;;
		*) set -- "$@" --protected-mode no ;;
	esac
	if [ "$(id -u)" = '0' ]; then
		find . \! -user redis -exec chown redis '{}' +
		# su -p keeps the environment, as su-exec does; exec leaves redis-server as the container's PID 1.
		exec su -p -s /bin/sh -c 'exec "$0" "$@"' -- redis "$@"
	fi
fi

um="$(umask)"
if [ "$um" = '0022' ]; then
	umask 0077
fi

exec "$@"
