#!/usr/bin/env bash
# A real single-node Slurm on loopback, for tests: munged, slurmctld and slurmd of Debian's packages,
# all private to one temp folder (config, key, socket, state, spool, logs, pid files) and on free
# ports other than Slurm's defaults, so it never meets a system Slurm or another fixture.
#
#   scripts/slurm-fixture.sh start [--accounting] [DIR]
#                                          install if missing (root, apt), start, wait until the node
#                                          is idle; prints "export ..." lines (SLURM_CONF, ...) on stdout
#   scripts/slurm-fixture.sh env    [DIR]  prints those lines again
#   scripts/slurm-fixture.sh status [DIR]  daemons alive, node state, queue
#   scripts/slurm-fixture.sh stop   [DIR]  cancels the fixture's jobs, ends exactly the daemons it
#                                          started (by their pid files) and removes DIR
# DIR defaults to $SLURM_FIXTURE_DIR for env/status/stop, and to a new mktemp folder for start.
#
# Accounting: finished jobs are always recorded by jobcomp/filetxt in DIR/jobcomp.log, one line per job
# and per array task (JobId, ArrayJobId, ArrayTaskId, JobState, ExitCode, times, node), and slurmctld
# lists them for MinJobAge seconds (`squeue --states=all`, `scontrol show job`). `sacct` needs slurmdbd,
# and Slurm 22.05's slurmdbd stores only in MySQL/MariaDB, so by default `sacct` answers "Slurm accounting
# storage is disabled". With --accounting the fixture also installs slurmdbd, mariadb-server-core and
# mariadb-client-core, runs a private MariaDB (DIR/mysql, loopback) and slurmdbd, and `sacct` works; that
# adds about 10 s to the start (creating the database) and about 80 MB under DIR.
#
# Every failure ends with one line "slurm-fixture: ..." on stderr (after the log tail that explains it)
# and exit status 1; a failed start ends the daemons it started and keeps DIR for its logs.
set -euo pipefail

readonly NODE=initlabnode        # slurmd is started with -N, so the machine's own hostname never matters
readonly WAIT_IDLE_S=${SLURM_FIXTURE_WAIT_S:-60}
readonly PACKAGES=(slurmctld slurmd slurm-client munge)
readonly ACCOUNTING_PACKAGES=(slurmdbd mariadb-server-core mariadb-client-core)
readonly DB_USER=slurm DB_PASS=fixture DB_NAME=slurm_acct_db   # reachable only on loopback, for a throwaway database
# MariaDB as small as it goes: the fixture's database holds a few dozen rows
readonly MARIADB_OPTS=(--no-defaults --user=root --skip-name-resolve --innodb-buffer-pool-size=16M
  --innodb-log-file-size=4M --innodb-data-file-path=ibdata1:4M:autoextend)

die() { echo "slurm-fixture: $*" >&2; exit 1; }
# prints the last lines of a log (to stderr) and dies with one line
# (a daemon that dies before opening its log file said why on stderr: DIR/log/NAME.out)
die_with_log() {
  local log=$1; shift
  [ -s "$log" ] || log=${log%.log}.out
  [ -s "$log" ] && { echo "--- tail of $log" >&2; tail -n 20 "$log" >&2; }
  die "$*"
}

have_binaries() {
  local b
  for b in slurmctld slurmd sbatch munged mungekey "$@"; do command -v "$b" >/dev/null 2>&1 || return 1; done
}

# install_packages PACKAGE... -- BINARY...: installs the packages unless all the binaries are there
install_packages() {
  local packages=() binaries=()
  while [ "$1" != -- ]; do packages+=("$1"); shift; done; shift; binaries=("$@")
  have_binaries "${binaries[@]}" && return 0
  [ "$(id -u)" = 0 ] || die "Slurm is not installed and installing it needs root (apt-get install ${packages[*]})"
  command -v apt-get >/dev/null 2>&1 || die "Slurm is not installed and there is no apt-get to install ${packages[*]}"
  echo "slurm-fixture: installing ${packages[*]}" >&2
  # Debian's postinst would start the system munged/slurmctld/slurmd; a temporary policy-rc.d (only if the
  # machine has none) forbids that, so the only Slurm daemons running are this fixture's.
  local policy=/usr/sbin/policy-rc.d ours=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && ours=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  local log; log=$(mktemp /tmp/slurm-fixture-apt.XXXXXX)
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
          -o DPkg::Lock::Timeout=300 "${packages[@]}"; } >"$log" 2>&1; then
    die_with_log "$log" "apt-get install ${packages[*]} failed (log above)"
  fi
  rm -f "$log"
  if [ -n "$ours" ]; then rm -f "$policy"; trap - EXIT; fi
  have_binaries "${binaries[@]}" || die "installed ${packages[*]} but some of slurmctld slurmd sbatch munged mungekey ${binaries[*]} are still not on PATH"
}

# Ports in use (any state) from /proc/net, as decimal numbers.
used_ports() {
  local _ local_addr _rest
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | while read -r _ local_addr _rest; do
    case "$local_addr" in *:*) printf '%d\n' "0x${local_addr##*:}" ;; esac
  done | sort -u
}

# The first of four consecutive free ports in 20000-29999 (Slurm's defaults are 6817-6819, MariaDB's
# 3306): slurmctld, slurmd, slurmdbd, MariaDB.
free_ports() {
  local used p i k
  used=" $(used_ports | tr '\n' ' ') "
  for i in $(seq 1 200); do
    p=$((20000 + RANDOM % 9996))
    for k in 0 1 2 3; do case "$used" in *" $((p + k)) "*) continue 2 ;; esac; done
    echo "$p"; return 0
  done
  die "found no four free consecutive ports in 20000-29999"
}

# write_config DIR FIRST_PORT ACCOUNTING(0|1)
write_config() {
  local dir=$1 ctld_port=$2 accounting=$3 cpus mem_mb storage
  cpus=$(nproc)
  mem_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
  if [ "$accounting" = 1 ]; then
    storage="AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=$((ctld_port + 2))
# (for slurmdbd connections this names the munge socket; AuthInfo covers only the cluster's own traffic)
AccountingStoragePass=$dir/munge/munge.socket"
  else
    storage="AccountingStorageType=accounting_storage/none"
  fi
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
# finished jobs go to a text file (and to slurmdbd with --accounting); slurmctld lists them for MinJobAge s
$storage
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.log
MinJobAge=600
NodeName=$NODE NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF
  [ "$accounting" = 1 ] || return 0
  # slurmdbd finds this file beside \$SLURM_CONF, and refuses it unless only its owner can read it
  install -m 600 /dev/null "$dir/slurmdbd.conf"
  cat >"$dir/slurmdbd.conf" <<CONF
# written by scripts/slurm-fixture.sh: slurmdbd for the test cluster in $dir
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
DbdHost=localhost
DbdAddr=127.0.0.1
DbdPort=$((ctld_port + 2))
SlurmUser=root
PidFile=$dir/run/slurmdbd.daemon.pid
LogFile=$dir/log/slurmdbd.log
DebugLevel=info
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$((ctld_port + 3))
StorageUser=$DB_USER
StoragePass=$DB_PASS
StorageLoc=$DB_NAME
CONF
}

db_answers() { timeout 5 mariadb --no-defaults --socket="$1/mysql/mysql.sock" -uroot -e 'SELECT 1'; }

# A private MariaDB on loopback (root by its socket only) and slurmdbd on top of it.
start_accounting() {
  local dir=$1 db_port=$(($2 + 3))
  mkdir -p "$dir/mysql/data"
  mariadb-install-db "${MARIADB_OPTS[@]}" --datadir="$dir/mysql/data" --auth-root-authentication-method=socket \
    --skip-test-db >"$dir/log/mariadb-install.log" 2>&1 \
    || die_with_log "$dir/log/mariadb-install.log" "mariadb-install-db could not create $dir/mysql/data"
  launch "$dir" mariadbd mariadbd "${MARIADB_OPTS[@]}" --datadir="$dir/mysql/data" --socket="$dir/mysql/mysql.sock" \
    --pid-file="$dir/mysql/mariadbd.pid" --port="$db_port" --bind-address=127.0.0.1 --log-error="$dir/log/mariadbd.log"
  wait_for "$dir" mariadbd 30 db_answers "$dir" \
    || die_with_log "$dir/log/mariadbd.log" "MariaDB did not answer on $dir/mysql/mysql.sock within 30 s"
  mariadb --no-defaults --socket="$dir/mysql/mysql.sock" -uroot -e "CREATE USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
    GRANT ALL ON $DB_NAME.* TO '$DB_USER'@'127.0.0.1';" >>"$dir/log/mariadbd.out" 2>&1 \
    || die_with_log "$dir/log/mariadbd.out" "could not create MariaDB user $DB_USER"
  launch "$dir" slurmdbd slurmdbd -D
  wait_for "$dir" slurmdbd 30 timeout 5 sacctmgr --noheader list cluster \
    || die_with_log "$dir/log/slurmdbd.log" "slurmdbd did not answer sacctmgr within 30 s"
  sacctmgr --immediate add cluster initlabfixture >>"$dir/log/slurmdbd.out" 2>&1 \
    || die_with_log "$dir/log/slurmdbd.out" "sacctmgr could not add cluster initlabfixture"
}

# Starts a daemon in the foreground of its own session, detached from our stdio (so a caller reading our
# output, such as a Java test, is not held open by it), and records its pid.
launch() {
  local dir=$1 name=$2; shift 2
  setsid "$@" </dev/null >>"$dir/log/$name.out" 2>&1 &
  echo $! >"$dir/run/$name.pid"
}

alive() { local dir=$1 name=$2 pid; pid=$(cat "$dir/run/$name.pid" 2>/dev/null) || return 1
  # the pid is ours only if its command line or environment (slurmdbd: SLURM_CONF) still names our
  # folder (pids are reused); a zombie has neither
  { tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qF "$dir"; } 2>/dev/null \
    || { tr '\0' '\n' <"/proc/$pid/environ" | grep -qxF "SLURM_CONF=$dir/slurm.conf"; } 2>/dev/null
}

# Waits up to $3 seconds for command "$4..." to succeed while daemon $2 stays alive. (The probes are cut
# off by `timeout`: Slurm's clients retry for a long time when nobody answers.)
wait_for() {
  local dir=$1 name=$2 deadline=$((SECONDS + $3)); shift 3
  while ((SECONDS < deadline)); do
    "$@" >/dev/null 2>&1 && return 0
    alive "$dir" "$name" || die_with_log "$dir/log/$name.log" "$name exited during start-up (logs in $dir/log)"
    sleep 0.2
  done
  return 1
}

node_idle() { [ "$(timeout 5 sinfo -h -n "$NODE" -o %T 2>/dev/null)" = idle ]; }

print_env() {
  local dir=$1
  echo "export SLURM_FIXTURE_DIR=$dir"
  echo "export SLURM_CONF=$dir/slurm.conf"
}

start() {
  local accounting=0 dir="" port
  if [ "${1:-}" = --accounting ]; then accounting=1; shift; fi
  dir=${1:-}
  if [ -n "$dir" ] && [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then die "$dir is not empty; give start a new or empty folder"; fi
  [ "$(id -u)" = 0 ] || die "the fixture runs the Slurm daemons as root; run it as root (uid is $(id -u))"
  install_packages "${PACKAGES[@]}" --
  [ "$accounting" = 0 ] || install_packages "${ACCOUNTING_PACKAGES[@]}" -- slurmdbd mariadbd mariadb-install-db mariadb
  if [ -z "$dir" ]; then dir=$(mktemp -d /tmp/initlab-slurm.XXXXXX); else mkdir -p "$dir"; dir=$(cd "$dir" && pwd); fi
  chmod 700 "$dir"
  # a failed start ends the daemons it did start, quietly (the last stderr line stays the reason), and
  # keeps the folder for its logs
  trap "stop_daemons '$dir' 2>/dev/null" EXIT
  mkdir -p "$dir"/{munge,state,spool,log,run}
  chmod 700 "$dir/munge"
  export SLURM_CONF=$dir/slurm.conf
  port=$(free_ports)
  write_config "$dir" "$port" "$accounting"

  mungekey --create --keyfile="$dir/munge/munge.key" >/dev/null 2>&1 || die "mungekey could not create $dir/munge/munge.key"
  launch "$dir" munged munged --foreground --force --key-file="$dir/munge/munge.key" \
    --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
    --seed-file="$dir/munge/munge.seed" --log-file="$dir/log/munged.log"
  wait_for "$dir" munged 10 test -S "$dir/munge/munge.socket" \
    || die_with_log "$dir/log/munged.log" "munged did not open $dir/munge/munge.socket within 10 s"

  [ "$accounting" = 0 ] || start_accounting "$dir" "$port"

  launch "$dir" slurmctld slurmctld -D -f "$dir/slurm.conf"
  wait_for "$dir" slurmctld 20 timeout 5 scontrol ping \
    || die_with_log "$dir/log/slurmctld.log" "slurmctld did not answer scontrol ping within 20 s"

  launch "$dir" slurmd slurmd -D -f "$dir/slurm.conf" -N "$NODE"
  wait_for "$dir" slurmd "$WAIT_IDLE_S" node_idle \
    || die_with_log "$dir/log/slurmd.log" "node $NODE not idle within $WAIT_IDLE_S s (sinfo: $(timeout 5 sinfo -h -N -o '%T %E' 2>&1 | head -1))"
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
  for name in munged mariadbd slurmdbd slurmctld slurmd; do
    [ -f "$dir/run/$name.pid" ] || continue
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

stop_daemons() { local name; for name in slurmd slurmctld slurmdbd mariadbd munged; do stop_daemon "$1" "$name"; done; }

stop() {
  local dir i; dir=$(fixture_dir "${1:-}")
  export SLURM_CONF=$dir/slurm.conf
  # jobs' slurmstepd processes outlive slurmd, so end the jobs first, while the daemons still run
  if alive "$dir" slurmctld && [ -n "$(timeout 5 squeue -h -o %i 2>/dev/null)" ]; then
    timeout 5 scancel --full --quiet --partition=debug 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do [ -z "$(timeout 5 squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  stop_daemons "$dir"
  rm -rf "$dir"
  echo "slurm-fixture: stopped; removed $dir" >&2
}

case "${1:-}" in
  start) shift; start "$@" ;;
  env) print_env "$(fixture_dir "${2:-}")" ;;
  status) status "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) die "usage: $0 start [--accounting] [DIR] | env [DIR] | status [DIR] | stop [DIR]" ;;
esac
