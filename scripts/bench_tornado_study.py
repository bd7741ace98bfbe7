#!/usr/bin/env python3
"""Reads what scripts/bench-tornado-study.sh left in OUT and writes OUT/summary.md (also printed).

Per side (before, after): SIDE.log (everything the run printed, /usr/bin/time -v at its end), SIDE.meta (command,
loads, exit status), SIDE/runs/*.json (the run records). Usage: bench_tornado_study.py OUT
"""
import glob
import json
import math
import os
import re
import sys

SIDES = ("before", "after")
# Fields that hold times: they differ between any two runs, so they are left out of the agreement check.
TIMING_FIELDS = ("wallSeconds", "samplesPerSecond")

# TornadoEngine.PhaseStats.toString(), printed per phase when a run's backend closes (-Dinitlab.tornado.stats=true).
PHASE = re.compile(r"initlab: tornado (.+?): (\d+) tasks, (\d+) runs?, first ([0-9.]+) ms \(compiles\)")
# TornadoBackend.close() after the phase lines (trees with RunCache): TornadoEngine.processSummary() is cumulative.
CLOSE = re.compile(r"initlab: tornado (compiled its phases|reused compiled phases); phases run on the host: (\d+); "
                   r"(\d+) graphs compiled in this process, ([0-9.]+) s in their first runs")


def read_meta(out, side):
    meta = {}
    path = os.path.join(out, side + ".meta")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            key, _, value = line.rstrip("\n").partition("=")
            meta[key] = value
    return meta


def seconds(clock):
    """time -v's "h:mm:ss" or "m:ss.ss" as seconds."""
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


def parse_log(path):
    """Compile figures and time -v's figures from one side's log."""
    text = open(path, encoding="utf-8", errors="replace").read() if os.path.exists(path) else ""
    r = {"phase_lines": 0, "compile_ms": 0.0, "process_graphs": None, "process_first_s": None, "host_runs": None,
         "reused_runs": None, "study_line": None}
    # A reused engine's stats are cumulative: its phase lines repeat the first runs already counted, so a block
    # closed by "reused compiled phases" adds only phases not seen before (ones a later run ran for the first time).
    seen, block = set(), []

    def count(lines, only_new):
        for key in lines:
            if only_new and key in seen:
                continue
            seen.add(key)
            r["phase_lines"] += 1
            r["compile_ms"] += key[2]

    for line in text.splitlines():
        m = PHASE.search(line)
        if m:
            block.append((m.group(1), int(m.group(2)), float(m.group(4))))
            continue
        m = CLOSE.search(line)
        if m:
            reused = m.group(1).startswith("reused")
            r["reused_runs"] = (r["reused_runs"] or 0) + reused
            count(block, reused)
            block = []
            r["host_runs"] = max(r["host_runs"] or 0, int(m.group(2)))  # cumulative per cached engine
            r["process_graphs"], r["process_first_s"] = int(m.group(3)), float(m.group(4))
            continue
        if line.startswith("study="):
            r["study_line"] = line.strip()
    count(block, False)  # trees without the close line: every run compiled its own phases

    def time_v(label):
        m = re.search(r"^\s*" + re.escape(label) + r": (.+)$", text, re.M)
        return m.group(1).strip() if m else None

    wall = time_v("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    r["wall_s"] = seconds(wall) if wall else None
    user, system = time_v("User time (seconds)"), time_v("System time (seconds)")
    r["cpu_s"] = float(user) + float(system) if user and system else None
    r["cpu_pct"] = time_v("Percent of CPU this job got")
    rss = time_v("Maximum resident set size (kbytes)")
    r["max_rss_mib"] = int(rss) / 1024 if rss else None
    return r


def read_runs(folder):
    runs = {}
    for f in sorted(glob.glob(os.path.join(folder, "runs", "*.json"))):
        rec = json.load(open(f, encoding="utf-8"))
        runs[rec["runId"]] = rec
    return runs


def train_samples(rec):
    """Training samples of a run: steps × batch (exact when the study drops the short last batch, drop_last: true).

    The records keep samplesPerSecond (samples over the training time only) but neither count, so the training
    seconds come back as samples / samplesPerSecond."""
    if rec.get("status") == "diverged":
        steps = rec.get("divergedStep", 0)
    elif rec.get("status") == "ok":
        steps = len(rec.get("epochs", [])) * rec.get("stepsPerEpoch", 0)
    else:
        return 0, 0.0
    samples = steps * rec.get("batch", 0)
    rate = rec.get("samplesPerSecond")
    secs = samples / rate if isinstance(rate, (int, float)) and rate > 0 and math.isfinite(rate) else 0.0
    return samples, secs


def without_times(rec):
    r = {k: v for k, v in rec.items() if k not in TIMING_FIELDS}
    r["epochs"] = [{k: v for k, v in e.items() if k != "wallSeconds"} for e in rec.get("epochs", [])]
    return r


def agreement(before, after):
    """(identical run ids, [lines for runs that differ or exist on one side only])."""
    def key(rec):
        return (rec.get("group"), rec.get("seed"), rec.get("fold"))
    # Matched by run id; by (group, seed, fold) when the two trees name runs differently.
    b = before if set(before) & set(after) or not before else {key(r): r for r in before.values()}
    a = after if b is before else {key(r): r for r in after.values()}
    same, notes = 0, []
    for k in sorted(set(b) | set(a), key=str):
        if k not in a or k not in b:
            notes.append(f"`{k}`: only {'before' if k in b else 'after'}")
            continue
        x, y = without_times(b[k]), without_times(a[k])
        if x == y:
            same += 1
            continue
        fields = [f for f in sorted(set(x) | set(y)) if x.get(f) != y.get(f)]
        shown = {f: (b[k].get(f), a[k].get(f)) for f in ("status", "testAccuracy", "testLoss")}
        notes.append(f"`{k}`: differs in {', '.join(fields)}; "
                     + ", ".join(f"{f} {v[0]} vs {v[1]}" for f, v in shown.items()))
    return same, len(set(b) | set(a)), notes


def fmt(v, spec):
    return "—" if v is None else format(v, spec)


def ratio(b, a):
    return f"{a / b:.3f}" if isinstance(b, (int, float)) and isinstance(a, (int, float)) and b else "—"


def main(out):
    machine = {}
    path = os.path.join(out, "machine.txt")
    lines = open(path, encoding="utf-8").read().splitlines() if os.path.exists(path) else []
    for line in lines:
        k, _, v = line.partition(": ")
        if not line.startswith(" ") and v:
            machine.setdefault(k, v)
    device = "—"
    for i, line in enumerate(lines):
        if "(DEFAULT)" in line:
            device = line.strip() + " " + next((l.strip() for l in lines[i + 1:] if l.strip()), "")
            break

    meta = {s: read_meta(out, s) for s in SIDES}
    log = {s: parse_log(os.path.join(out, s + ".log")) for s in SIDES}
    runs = {s: read_runs(os.path.join(out, s)) for s in SIDES}
    for s in SIDES:
        samples = [train_samples(r) for r in runs[s].values()]
        log[s]["runs"] = len(runs[s])
        log[s]["samples"] = sum(n for n, _ in samples)
        log[s]["train_s"] = sum(t for _, t in samples)
        log[s]["per_s_wall"] = log[s]["samples"] / log[s]["wall_s"] if log[s]["wall_s"] else None
        log[s]["per_s_train"] = log[s]["samples"] / log[s]["train_s"] if log[s]["train_s"] else None
        log[s]["compile_s"] = log[s]["compile_ms"] / 1000 if log[s]["phase_lines"] else None

    b, a = log["before"], log["after"]
    rows = [
        ("whole study, wall clock (s) ¹", "wall_s", ".1f"),
        ("CPU time, user + system (s)", "cpu_s", ".1f"),
        ("max RSS (MiB)", "max_rss_mib", ".0f"),
        ("runs recorded", "runs", "d"),
        ("training samples, all runs ²", "samples", "d"),
        ("training samples/s over the study's wall clock", "per_s_wall", ".1f"),
        ("Σ samples / Σ training seconds of the runs (one run's rate) ³", "per_s_train", ".1f"),
        ("phase graphs compiled (\"first … ms\" lines) ⁴", "phase_lines", "d"),
        ("their first runs, summed (s) ⁴", "compile_s", ".1f"),
        ("graphs compiled in the process (processSummary) ⁵", "process_graphs", "d"),
        ("their first runs (s) ⁵", "process_first_s", ".1f"),
        ("runs that reused compiled phases", "reused_runs", "d"),
        ("phases run on the host ⁶", "host_runs", "d"),
    ]
    same, total, notes = agreement(runs["before"], runs["after"])
    md = [f"# TornadoVM study bench: before vs after", "",
          f"- date: {machine.get('date', '—')}; host: {machine.get('host', '—')}; cpu: {machine.get('cpu', '—')}",
          f"- java: {machine.get('java', '—')}; TornadoVM {machine.get('tornadovm', '—')}",
          f"- device: {device}",
          f"- study: `{machine.get('study', '—')}`; INITLAB_DATA={machine.get('initlab_data', '—')}",
          f"- before: {machine.get('before', '—')}", f"- after: {machine.get('after', '—')}", ""]
    md += ["| | before | after | after ÷ before |", "|---|---:|---:|---:|"]
    for label, field, spec in rows:
        md.append(f"| {label} | {fmt(b[field], spec)} | {fmt(a[field], spec)} | {ratio(b[field], a[field])} |")
    md.append(f"| load average (1, 5, 15 min) at the start | {meta['before'].get('load_before', '—')} | "
              f"{meta['after'].get('load_before', '—')} | |")
    md.append(f"| load average at the end | {meta['before'].get('load_after', '—')} | "
              f"{meta['after'].get('load_after', '—')} | |")
    md.append(f"| CPU share (time -v) | {b['cpu_pct'] or '—'} | {a['cpu_pct'] or '—'} | |")
    md.append(f"| exit status | {meta['before'].get('rc', '—')} | {meta['after'].get('rc', '—')} | |")
    md += ["", f"Run results: **{same} of {total}** runs identical field for field apart from the times "
               f"({', '.join(TIMING_FIELDS)}, each epoch's wallSeconds)" + ("; these differ:" if notes else ".")]
    md += [f"- {n}" for n in notes]
    md += ["", "Study lines:"] + [f"- {s}: `{log[s]['study_line'] or 'none printed'}`" for s in SIDES]
    md += ["", "Commands (in order, one at a time):", "", "    " + machine.get("invocation", "—")]
    md += [f"    {s}: {meta[s].get('command', '—')}" for s in SIDES]
    md += ["",
           "¹ /usr/bin/time -v around TornadoVM's launcher: JVM start, data loading, every run, the tables and report.",
           "² per run: steps × batch (the steps of the epochs run, or up to the diverging step); exact with "
           "drop_last: true.",
           "³ a run's training seconds = its samples / its samplesPerSecond: its training steps only (the train phase's "
           "first compile included; not the evaluations, the probe, the initialization). Runs trained in lockstep share "
           "their group's training seconds, so on that side this is the rate of one run within its group, not the "
           "device's: the study's wall clock above compares the sides.",
           "⁴ the sum of the \"first … ms (compiles)\" every phase line prints (-Dinitlab.tornado.stats=true); a run that "
           "reused an engine repeats that engine's lines, counted once. Leaves out the hubs' and upload graphs' first runs.",
           "⁵ TornadoEngine.processSummary() as last printed (every first run in the process, hubs and upload graphs "
           "included); trees before RunCache do not print it.",
           "⁶ the largest count a run printed: cumulative per cached engine, so the study's total when it has one model "
           "shape; trees before RunCache do not print it."]
    text = "\n".join(md) + "\n"
    with open(os.path.join(out, "summary.md"), "w", encoding="utf-8") as f:
        f.write(text)
    print(text, end="")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bench_tornado_study.py OUT (the folder scripts/bench-tornado-study.sh wrote)")
    main(sys.argv[1])
