#!/usr/bin/env bash
# A real single-node Slurm on loopback, for tests: munged, slurmctld and slurmd of Debian's packages,
# all private to one temp folder (config, key, socket, state, spool, logs, pid files) and on free
# ports other than Slurm's defaults, so it never meets a system Slurm or another fixture.
#
#   scripts/slurm-fixture.sh start [DIR]   install if missing (root, apt), start, wait until the node
#                                          is idle; prints "export ..." lines (SLURM_CONF, ...) on stdout
#   scripts/slurm-fixture.sh env    [DIR]  prints those lines again
#   scripts/slurm-fixture.sh status [DIR]  daemons alive, node state, queue
#   scripts/slurm-fixture.sh stop   [DIR]  cancels the fixture's jobs, ends exactly the daemons it
#                                          started (by their pid files) and removes DIR
# DIR defaults to $SLURM_FIXTURE_DIR for env/status/stop, and to a new mktemp folder for start.
#
# Accounting: there is no slurmdbd (it needs MySQL/MariaDB), so `sacct` answers "accounting storage is
# disabled". Finished jobs are recorded by jobcomp/filetxt in DIR/jobcomp.log, one line per job and per
# array task (JobId, JobState, ExitCode, times, node), and slurmctld keeps them in memory for MinJobAge
# seconds (`squeue --states=all`, `scontrol show job`).
#
# Every failure ends with one line "slurm-fixture: ..." on stderr (after the log tail that explains it)
# and exit status 1; a failed start ends the daemons it started and keeps DIR for its logs.
set -euo pipefail

readonly NODE=initlabnode        # slurmd is started with -N, so the machine's own hostname never matters
readonly WAIT_IDLE_S=${SLURM_FIXTURE_WAIT_S:-60}
readonly PACKAGES=(slurmctld slurmd slurm-client munge)

die() { echo "slurm-fixture: $*" >&2; exit 1; }
# prints the last lines of a log (to stderr) and dies with one line
# (a daemon that dies before opening its log file said why on stderr: DIR/log/NAME.out)
die_with_log() {
  local log=$1; shift
  [ -s "$log" ] || log=${log%.log}.out
  [ -s "$log" ] && { echo "--- tail of $log" >&2; tail -n 20 "$log" >&2; }
  die "$*"
}

have_binaries() { command -v slurmctld && command -v slurmd && command -v sbatch && command -v munged && command -v mungekey; } >/dev/null 2>&1

install_packages() {
  have_binaries && return 0
  [ "$(id -u)" = 0 ] || die "Slurm is not installed and installing it needs root (apt-get install ${PACKAGES[*]})"
  command -v apt-get >/dev/null 2>&1 || die "Slurm is not installed and there is no apt-get to install ${PACKAGES[*]}"
  echo "slurm-fixture: installing ${PACKAGES[*]}" >&2
  # Debian's postinst would start the system munged/slurmctld/slurmd; a temporary policy-rc.d (only if the
  # machine has none) forbids that, so the only Slurm daemons running are this fixture's.
  local policy=/usr/sbin/policy-rc.d ours=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && ours=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  local log; log=$(mktemp /tmp/slurm-fixture-apt.XXXXXX)
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
          -o DPkg::Lock::Timeout=300 "${PACKAGES[@]}"; } >"$log" 2>&1; then
    die_with_log "$log" "apt-get install ${PACKAGES[*]} failed (log above)"
  fi
  rm -f "$log"
  if [ -n "$ours" ]; then rm -f "$policy"; trap - EXIT; fi
  have_binaries || die "installed ${PACKAGES[*]} but slurmctld/slurmd/sbatch/munged are still not on PATH"
}

# Ports in use (any state) from /proc/net, as decimal numbers.
used_ports() {
  local _ local_addr _rest
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | while read -r _ local_addr _rest; do
    case "$local_addr" in *:*) printf '%d\n' "0x${local_addr##*:}" ;; esac
  done | sort -u
}

# Two consecutive free ports in 20000-29999 (Slurm's defaults are 6817/6818).
free_port_pair() {
  local used p i
  used=" $(used_ports | tr '\n' ' ') "
  for i in $(seq 1 200); do
    p=$((20000 + RANDOM % 9998))
    case "$used" in *" $p "*|*" $((p + 1)) "*) continue ;; esac
    echo "$p"; return 0
  done
  die "found no two free consecutive ports in 20000-29999"
}

write_config() {
  local dir=$1 ctld_port=$2 cpus mem_mb
  cpus=$(nproc)
  mem_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
  cat >"$dir/slurm.conf" <<CONF
# written by scripts/slurm-fixture.sh: a single-node test cluster, private to $dir
ClusterName=initlabfixture
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$((ctld_port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.daemon.pid
SlurmdPidFile=$dir/run/slurmd.daemon.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# no cgroups in a container: track processes by parent pid, bind nothing
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
# the node's size comes from this file (nproc, MemTotal), not from what slurmd detects (cgroup limits)
SlurmdParameters=config_overrides
# a dependent job starts within a second or two of its dependency finishing (default: up to a minute)
SchedulerParameters=sched_interval=2,sched_min_interval=100000
# no slurmdbd: finished jobs go to a text file; slurmctld keeps them listed for MinJobAge seconds
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.log
MinJobAge=600
NodeName=$NODE NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF
}

# Starts a daemon in the foreground of its own session, detached from our stdio (so a caller reading our
# output, such as a Java test, is not held open by it), and records its pid.
launch() {
  local dir=$1 name=$2; shift 2
  setsid "$@" </dev/null >>"$dir/log/$name.out" 2>&1 &
  echo $! >"$dir/run/$name.pid"
}

alive() { local dir=$1 name=$2 pid; pid=$(cat "$dir/run/$name.pid" 2>/dev/null) || return 1
  # the pid is ours only if its command line still names our folder (pids are reused)
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$dir"; }

# Waits up to $3 seconds for command "$4..." to succeed while daemon $2 stays alive.
wait_for() {
  local dir=$1 name=$2 secs=$3 i; shift 3
  for ((i = 0; i < secs * 5; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    alive "$dir" "$name" || die_with_log "$dir/log/$name.log" "$name exited during start-up (logs in $dir/log)"
    sleep 0.2
  done
  return 1
}

node_idle() { [ "$(sinfo -h -n "$NODE" -o %T 2>/dev/null)" = idle ]; }

print_env() {
  local dir=$1
  echo "export SLURM_FIXTURE_DIR=$dir"
  echo "export SLURM_CONF=$dir/slurm.conf"
}

start() {
  local dir=${1:-}
  if [ -n "$dir" ] && [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then die "$dir is not empty; give start a new or empty folder"; fi
  [ "$(id -u)" = 0 ] || die "the fixture runs the Slurm daemons as root; run it as root (uid is $(id -u))"
  install_packages
  if [ -z "$dir" ]; then dir=$(mktemp -d /tmp/initlab-slurm.XXXXXX); else mkdir -p "$dir"; dir=$(cd "$dir" && pwd); fi
  chmod 700 "$dir"
  # a failed start ends the daemons it did start, quietly (the last stderr line stays the reason), and
  # keeps the folder for its logs
  trap "stop_daemons '$dir' 2>/dev/null" EXIT
  mkdir -p "$dir"/{munge,state,spool,log,run}
  chmod 700 "$dir/munge"
  export SLURM_CONF=$dir/slurm.conf
  write_config "$dir" "$(free_port_pair)"

  mungekey --create --keyfile="$dir/munge/munge.key" >/dev/null 2>&1 || die "mungekey could not create $dir/munge/munge.key"
  launch "$dir" munged munged --foreground --force --key-file="$dir/munge/munge.key" \
    --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
    --seed-file="$dir/munge/munge.seed" --log-file="$dir/log/munged.log"
  wait_for "$dir" munged 10 test -S "$dir/munge/munge.socket" \
    || die_with_log "$dir/log/munged.log" "munged did not open $dir/munge/munge.socket within 10 s"

  launch "$dir" slurmctld slurmctld -D -f "$dir/slurm.conf"
  wait_for "$dir" slurmctld 20 scontrol ping \
    || die_with_log "$dir/log/slurmctld.log" "slurmctld did not answer scontrol ping within 20 s"

  launch "$dir" slurmd slurmd -D -f "$dir/slurm.conf" -N "$NODE"
  wait_for "$dir" slurmd "$WAIT_IDLE_S" node_idle \
    || die_with_log "$dir/log/slurmd.log" "node $NODE not idle within $WAIT_IDLE_S s (sinfo: $(sinfo -h -N -o '%T %E' 2>&1 | head -1))"
  trap - EXIT
  echo "slurm-fixture: up in $dir (node $NODE, $(nproc) CPUs, slurmctld port $(sed -n 's/^SlurmctldPort=//p' "$dir/slurm.conf"))" >&2
  print_env "$dir"
}

fixture_dir() {
  local dir=${1:-${SLURM_FIXTURE_DIR:-}}
  [ -n "$dir" ] || die "no fixture folder: give it as an argument or set SLURM_FIXTURE_DIR"
  [ -f "$dir/slurm.conf" ] || die "$dir is not a slurm-fixture folder (no slurm.conf)"
  echo "$dir"
}

status() {
  local dir name; dir=$(fixture_dir "${1:-}")
  export SLURM_CONF=$dir/slurm.conf
  for name in munged slurmctld slurmd; do
    if alive "$dir" "$name"; then echo "$name: running (pid $(cat "$dir/run/$name.pid"))"; else echo "$name: not running"; fi
  done
  sinfo -N -o '%N %T %c %m' 2>&1 || true
  squeue --states=all 2>&1 || true
}

stop_daemon() {
  local dir=$1 name=$2 pid i
  alive "$dir" "$name" || return 0
  pid=$(cat "$dir/run/$name.pid")
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do alive "$dir" "$name" || return 0; sleep 0.2; done
  echo "slurm-fixture: $name (pid $pid) ignored SIGTERM for 10 s; sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

stop_daemons() { stop_daemon "$1" slurmd; stop_daemon "$1" slurmctld; stop_daemon "$1" munged; }

stop() {
  local dir i; dir=$(fixture_dir "${1:-}")
  export SLURM_CONF=$dir/slurm.conf
  # jobs' slurmstepd processes outlive slurmd, so end the jobs first, while the daemons still run
  if alive "$dir" slurmctld && [ -n "$(squeue -h -o %i 2>/dev/null)" ]; then
    scancel --full --quiet --partition=debug 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  stop_daemons "$dir"
  rm -rf "$dir"
  echo "slurm-fixture: stopped; removed $dir" >&2
}

case "${1:-}" in
  start) start "${2:-}" ;;
  env) print_env "$(fixture_dir "${2:-}")" ;;
  status) status "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) die "usage: $0 start [DIR] | env [DIR] | status [DIR] | stop [DIR]" ;;
esac
