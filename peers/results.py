#!/usr/bin/env python3
"""The two halves of scripts/peers.sh's bookkeeping (standard library only).

  results.py parse ROUND WORKLOAD PEER LOAD < run-output   csv rows of one run's figures
  results.py table OUT_DIR [--note TEXT]                    peers.md from OUT_DIR/peers.csv and machine.txt

A peer's output ends with "RESULT key=value ..." (one per GEMM shape); `initlab train` prints its own last line
(test_accuracy=… samples_per_s=… train_s=…) and one line per epoch, whose samples/s (or, in older output, wall time at 0.1 s resolution) gives
the steady state (the last epoch; older output: the training rows of the banner over its seconds).
"""
import csv
import re
import statistics
import sys
from collections import defaultdict

FIGURES = ("samples_per_s", "steady_samples_per_s", "train_s", "test_accuracy")
PEER_NAMES = {"initlab": "initlab", "pytorch-djl": "PyTorch (DJL)", "c-openblas": "C loop on OpenBLAS",
              "c-openblas-ftz": "C loop on OpenBLAS, denormals flushed"}
WORKLOAD_TITLES = {
    "mlp": "Reference run end to end: seed MLP 784-256-128-10, MNIST, Adam 1e-3, batch 64, 2 epochs",
    "cnn-5fold": "The 5-fold study's CNN: conv 32 3×3 → maxpool 2 → dense 100 → dense 10, SGD 0.01 momentum 0.9, "
                 "batch 32, MNIST",
    "cnn-cifar": "Part 8's DL-A1 CIFAR CNN: conv 32 → pool → conv 64 → pool → dense 128 → dropout 0.5 → dense 10, "
                 "Adam, batch 64, synthetic 3×32×32",
}


def parse(round_, workload, peer, load):
    text = sys.stdin.read()
    out = csv.writer(sys.stdout, lineterminator="\n")
    found = False
    for line in text.splitlines():
        if not line.startswith("RESULT "):
            continue
        kv = dict(p.split("=", 1) for p in line.split()[1:] if "=" in p)
        found = True
        if "shape" in kv:
            for f in ("gflops_best", "gflops_median", "checksum"):
                out.writerow([round_, f"{workload}:{kv['shape']}", peer, f, kv[f], load])
        else:
            for f in FIGURES:
                if f in kv:
                    out.writerow([round_, workload, peer, f, kv[f], load])
    if not found:  # initlab train's own output
        last = re.search(r"test_accuracy=(\S+) .*samples_per_s=(\S+) train_s=(\S+)", text)
        rows = re.search(r"initlab: \S+ (\d+) train", text)
        # "(2.4 s)" before part 10's warm-up work; "(0.89 s, 67579 samples/s)" since: the training steps' own rate
        epochs = re.findall(r"^epoch \d+: .*\((\S+) s(?:, (\S+) samples/s)?\)$", text, re.M)
        if not last:
            out.writerow([round_, workload, peer, "failed", 1, load])
            return
        acc, sps, train_s = last.groups()
        for f, v in (("samples_per_s", sps), ("train_s", train_s), ("test_accuracy", acc)):
            out.writerow([round_, workload, peer, f, v, load])
        if len(epochs) > 1 and epochs[-1][1]:
            out.writerow([round_, workload, peer, "steady_samples_per_s", epochs[-1][1], load])
        elif rows and len(epochs) > 1 and float(epochs[-1][0]) > 0:
            out.writerow([round_, workload, peer, "steady_samples_per_s", f"{int(rows.group(1)) / float(epochs[-1][0]):.1f}",
                          load])


def fmt(v, digits=0):
    return "–" if v is None else f"{v:,.{digits}f}".replace(",", " ")


def summary(values):
    """median and best (the fastest round) of a rate."""
    return (statistics.median(values), max(values)) if values else (None, None)


def table(out_dir, note):
    data = defaultdict(list)  # (workload, peer, figure) -> values over rounds
    loads = defaultdict(list)
    failed = defaultdict(int)
    rounds = set()
    with open(f"{out_dir}/peers.csv") as f:
        for row in csv.DictReader(f):
            rounds.add(row["round"])
            key = (row["workload"], row["peer"])
            if row["figure"] == "failed":
                failed[key] += 1
                continue
            data[key + (row["figure"],)].append(float(row["value"]))
            if row["figure"] in ("process_s",):
                loads[row["workload"].split(":")[0]].append(float(row["load1"]))
    machine = open(f"{out_dir}/machine.txt").read().strip()
    print(f"# Peers: initlab next to PyTorch (DJL) and C on OpenBLAS, 1 thread\n")
    print("Made by `scripts/peers.sh` (see peers/README.md for how each workload is timed). "
          f"{len(rounds)} round(s), interleaved; median over rounds, best = the fastest round. "
          "Ratios are initlab / peer of the medians (> 1: initlab faster).\n")
    if note:
        print(f"**{note}**\n")
    print("```\n" + machine + "\n```\n")
    workloads = sorted({k[0] for k in data if not k[0].startswith("sgemm:")} | {k[0] for k in failed},
                       key=lambda w: list(WORKLOAD_TITLES).index(w) if w in WORKLOAD_TITLES else 99)
    for w in workloads:
        if w.startswith("sgemm"):  # its own table below
            continue
        ld = loads.get(w, [])
        print(f"## {WORKLOAD_TITLES.get(w, w)}\n")
        if ld:
            print(f"Load average (1 min) when the runs started: {min(ld):.1f}–{max(ld):.1f}.\n")
        print("| peer | end to end, samples/s: median (best) | steady state: median (best) | initlab / peer, "
              "end to end | initlab / peer, steady | test accuracy | rounds |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        base = data.get((w, "initlab", "samples_per_s"))
        base_steady = data.get((w, "initlab", "steady_samples_per_s"))
        peers = sorted({k[1] for k in data if k[0] == w} | {k[1] for k in failed if k[0] == w},
                       key=lambda p: list(PEER_NAMES).index(p) if p in PEER_NAMES else 99)
        for p in peers:
            e2e = summary(data.get((w, p, "samples_per_s"), []))
            steady = summary(data.get((w, p, "steady_samples_per_s"), []))
            acc = data.get((w, p, "test_accuracy"), [])
            ratio = lambda b, v: fmt(statistics.median(b) / v, 2) + "×" if b and v else "–"
            accs = "–" if not acc else (f"{min(acc):.4f}" if min(acc) == max(acc) else f"{min(acc):.4f}–{max(acc):.4f}")
            n = len(data.get((w, p, "samples_per_s"), []))
            fails = f" ({failed[(w, p)]} failed)" if failed.get((w, p)) else ""
            print(f"| {PEER_NAMES.get(p, p)} | {fmt(e2e[0])} ({fmt(e2e[1])}) | {fmt(steady[0])} ({fmt(steady[1])}) | "
                  f"{ratio(base, e2e[0])} | {ratio(base_steady, steady[0])} | {accs} | {n}{fails} |")
        print()
    shapes = sorted({k[0] for k in data if k[0].startswith("sgemm:")}, key=shape_order)
    if shapes:
        ld = loads.get("sgemm", [])
        print("## SGEMM, 1 thread: initlab (JvmOps) vs OpenBLAS cblas_sgemm\n")
        print("GFLOP/s (2·m·n·k per call) of each round's fastest window of calls: median over rounds (best round). "
              "Shape m×n×k of C = op(A)·op(B); TN: A stored k×m, NT: B stored n×k. Same result: both peers' middle "
              "element of C (same inputs) agrees to 1e-3."
              + (f" Load average when the runs started: {min(ld):.1f}–{max(ld):.1f}." if ld else "") + "\n")
        print("| layout | m×n×k | initlab GFLOP/s | OpenBLAS GFLOP/s | initlab / OpenBLAS | same result |")
        print("|---|---|---:|---:|---:|---|")
        for s in shapes:
            layout, dims = s.split(":")[1:]
            a = summary(data.get((s, "initlab", "gflops_best"), []))
            b = summary(data.get((s, "c-openblas", "gflops_best"), []))
            r = fmt(a[0] / b[0], 2) if a[0] and b[0] else "–"
            print(f"| {layout} | {dims} | {fmt(a[0], 1)} ({fmt(a[1], 1)}) | {fmt(b[0], 1)} ({fmt(b[1], 1)}) | {r} | "
                  f"{agree(data.get((s, 'initlab', 'checksum')), data.get((s, 'c-openblas', 'checksum')))} |")
        print()
    if failed:
        print("Failed runs (see raw/): " + ", ".join(f"{w} {p} ×{n}" for (w, p), n in sorted(failed.items())) + "\n")


def agree(xs, ys):
    """whether both peers' checksums (C's middle element, same inputs) match to float rounding in every round."""
    if not xs or not ys:
        return "–"
    ok = all(abs(x - y) <= 1e-3 * max(1.0, abs(x), abs(y)) for x in xs for y in ys)
    return "yes" if ok else f"**NO** ({xs[0]:.4g} vs {ys[0]:.4g})"


def shape_order(s):
    """the MLP's shapes first (largest layer first, NN TN NT each), then the squares by layout and size."""
    layout, dims = s.split(":")[1:]
    m, n, k = map(int, dims.split("x"))
    li = ["NN", "TN", "NT"].index(layout)
    return (1, li, m * n * k) if m == n == k else (0, -m * n * k, li)


def main():
    args = sys.argv[1:]
    if len(args) == 5 and args[0] == "parse":
        parse(*args[1:])
    elif len(args) in (2, 4) and args[0] == "table":
        note = args[3] if len(args) == 4 and args[2] == "--note" else None
        table(args[1], note)
    else:
        sys.exit("usage: results.py parse ROUND WORKLOAD PEER LOAD < output | table OUT_DIR [--note TEXT]")


if __name__ == "__main__":
    main()
