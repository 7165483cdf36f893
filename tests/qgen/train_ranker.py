#!/usr/bin/env python3
"""Train the generator's ranker: a logistic model over the ranking features.

Each candidate the generator makes (``factcards generate --all --features``: every candidate
that passed the checks, before selection, so the pool does not depend on the ranker) is labelled 1
when the question scorer credits it for a gold fact of its document (answer and source match),
else 0. The model is fitted by Newton's method with an L2 penalty, in plain Python.

    python3 tests/qgen/train_ranker.py --eval EVAL_DIR --cv        # leave one set out
    python3 tests/qgen/train_ranker.py --eval EVAL_DIR --out W.txt # fit on every set
    python3 tests/qgen/train_ranker.py --eval EVAL_DIR --sets seeds,own --test fresh5  # fit, test

With --cv, each set in turn is held out: the model is fitted on the others, the held-out set is
generated at the default budget with those weights (``--rank-weights``), and the scorer's recall
is printed beside the built-in ranker's on the same set. EVAL_DIR holds qgen/score_qgen.py,
qgen/seed_gold.jsonl and seeds/.
"""

import argparse
import glob
import json
import math
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, "target", "release", "factcards")
DEFAULT_SETS = ["seeds", "own", "unseen", "fresh", "fresh2", "fresh3", "fresh4"]


def paths(s, ev):
    if s == "seeds":
        return os.path.join(ev, "seeds"), os.path.join(ev, "qgen", "seed_gold.jsonl")
    return os.path.join(ROOT, "tests", "qgen", s), os.path.join(ROOT, "tests", "qgen", s + "_gold.jsonl")


def generate(docs, extra):
    files = sorted(glob.glob(os.path.join(docs, "*.txt")))
    out = subprocess.run([BIN, "generate", "--format", "jsonl", *extra, *files],
                         check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def rows(s, ev, sq):
    docs, gold_path = paths(s, ev)
    gold = [json.loads(line) for line in open(gold_path) if line.strip()]
    by_doc = {}
    for g in gold:
        by_doc.setdefault(g["doc"], []).append(g)
    out = []
    for it in generate(docs, ["--all", "--features"]):
        y = 0
        for g in by_doc.get(it["doc"], []):
            full, _ = sq.answer_match(it["answer"], g)
            if full and sq.source_match(it["source"], g["evidence"]):
                y = 1
                break
        out.append((it["features"], y))
    return out


def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        piv = m[c][c]
        if abs(piv) < 1e-12:
            continue
        for r in range(n):
            if r != c and m[r][c] != 0.0:
                f = m[r][c] / piv
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def fit(data, lam, use):
    """L2-penalised logistic regression on the features where use[j] is true."""
    idx = [j for j, u in enumerate(use) if u]
    xs = [[f[j] for j in idx] for f, _ in data]
    ys = [y for _, y in data]
    d = len(idx)
    w = [0.0] * d
    for _ in range(25):
        g = [lam * w[j] if j else 0.0 for j in range(d)]
        h = [[(lam if (i == j and i) else 0.0) for j in range(d)] for i in range(d)]
        for x, y in zip(xs, ys):
            z = sum(wi * xi for wi, xi in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            r = p - y
            v = p * (1 - p)
            for i in range(d):
                if x[i] == 0.0:
                    continue
                g[i] += r * x[i]
                vi = v * x[i]
                hi = h[i]
                for j in range(d):
                    if x[j] != 0.0:
                        hi[j] += vi * x[j]
        step = solve(h, g)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(si) for si in step) < 1e-6:
            break
    full = [0.0] * len(use)
    for k, j in enumerate(idx):
        full[j] = w[k]
    return full


def score(s, ev, extra):
    docs, gold_path = paths(s, ev)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for it in generate(docs, extra):
            f.write(json.dumps(it) + "\n")
        gen = f.name
    out = subprocess.run([sys.executable, os.path.join(ev, "qgen", "score_qgen.py"), "--gold", gold_path,
                          "--docs", docs, "--gen", gen, "--k", "10", "--json"],
                         check=True, capture_output=True, text=True).stdout
    os.unlink(gen)
    d = json.loads(out)
    return d["fact_recall"], d["fact_recall@10"], d["missed_fact_ids@10"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", required=True, help="folder with qgen/score_qgen.py and seeds/")
    ap.add_argument("--cv", action="store_true", help="leave one set out and compare")
    ap.add_argument("--out", help="write the weights fitted on every set here")
    ap.add_argument("--lam", type=float, default=1.0, help="L2 penalty")
    ap.add_argument("--drop", default="", help="comma-separated features left out")
    ap.add_argument("--seed-weight", type=int, default=1,
                    help="count each seed candidate this many times (the demo course's targets)")
    ap.add_argument("--sets", default=",".join(DEFAULT_SETS),
                    help="comma-separated sets to fit on (and, with --cv, to hold out in turn)")
    ap.add_argument("--test", default="",
                    help="comma-separated sets never fitted on: each is generated with the weights "
                         "fitted on --sets and scored beside the built-in ranker")
    args = ap.parse_args()
    sys.path.insert(0, os.path.join(args.eval, "qgen"))
    import score_qgen as sq

    sets = args.sets.split(",")
    for s in sets + [x for x in args.test.split(",") if x]:
        docs, gold_path = paths(s, args.eval)
        if not (os.path.isdir(docs) and os.path.isfile(gold_path)):
            sys.exit(f"unknown set {s!r}: no {docs} or no {gold_path}")
    data = {s: rows(s, args.eval, sq) for s in sets}
    data["seeds"] = data["seeds"] * args.seed_weight
    feat_names = feature_names()
    if len(data["seeds"][0][0]) != len(feat_names):
        sys.exit("the binary's features do not match src/generate/rank.rs: rebuild it")
    drop = set(args.drop.split(",")) if args.drop else set()
    use = [n not in drop for n in feat_names]
    for s in sets:
        pos = sum(y for _, y in data[s])
        print(f"{s}: {len(data[s])} candidates, {pos} credited", file=sys.stderr)
    if args.cv:
        tot = [0.0, 0.0, 0.0, 0.0]
        for s in sets:
            train = [r for t in sets if t != s for r in data[t]]
            w = fit(train, args.lam, use)
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
                f.write(" ".join(f"{x:.6f}" for x in w) + "\n")
                wpath = f.name
            r_new, k_new, miss = score(s, args.eval, ["--rank-weights", wpath])
            r_old, k_old, _ = score(s, args.eval, [])
            os.unlink(wpath)
            ex = [m for m in miss if m in ("000-01", "000-02", "004-01")] if s == "seeds" else ""
            print(f"{s:7} built-in {r_old:.3f} @10 {k_old:.3f} | held-out model {r_new:.3f} @10 {k_new:.3f} {ex}")
            if s not in ("seeds", "own"):
                tot = [a + b for a, b in zip(tot, [r_old, k_old, r_new, k_new])]
        n = len([s for s in sets if s not in ("seeds", "own")])
        print(f"mean of the {n} held-out sets: built-in {tot[0]/n:.3f} @10 {tot[1]/n:.3f} | "
              f"held-out model {tot[2]/n:.3f} @10 {tot[3]/n:.3f}")
    if args.out or args.test:
        w = fit([r for s in sets for r in data[s]], args.lam, use)
    if args.test:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write(" ".join(f"{x:.6f}" for x in w) + "\n")
            wpath = f.name
        tot = [0.0, 0.0, 0.0, 0.0]
        tests = args.test.split(",")
        for s in tests:
            r_new, k_new, _ = score(s, args.eval, ["--rank-weights", wpath])
            r_old, k_old, _ = score(s, args.eval, [])
            print(f"{s:7} built-in {r_old:.3f} @10 {k_old:.3f} | fitted model {r_new:.3f} @10 {k_new:.3f}")
            tot = [a + b for a, b in zip(tot, [r_old, k_old, r_new, k_new])]
        os.unlink(wpath)
        n = len(tests)
        print(f"mean of the {n} test sets: built-in {tot[0]/n:.3f} @10 {tot[1]/n:.3f} | "
              f"fitted model {tot[2]/n:.3f} @10 {tot[3]/n:.3f}")
    if args.out:
        with open(args.out, "w") as f:
            for name, x in zip(feat_names, w):
                f.write(f"{name} {x:.4f}\n")


def feature_names():
    """The feature names, read from `rank::FEATURES` so that the two cannot drift apart."""
    src = open(os.path.join(ROOT, "src", "generate", "rank.rs")).read()
    body = re.search(r"pub const FEATURES: \[&str; N_FEATURES\] = \[(.*?)\];", src, re.S)
    return re.findall(r'"([a-z0-9_]+)"', body.group(1))

if __name__ == "__main__":
    main()
