#!/usr/bin/env python3
"""Quality gates that need the shared evaluation data (kept outside the repository).

1. Scheduler: `factcards scheduler evaluate` on the real Anki review log must come within
   0.002 of the reference log loss 0.3234 for the optimized-per-user model.
2. Generator: `factcards generate` on the seed documents, scored by the project's gold scorer:
   fact recall >= 0.85, the three example facts in the top 10, no leaked answers, <= 25 items
   per document. On the other evaluation sets in tests/qgen (held-out public documents and short
   documents written for the generator), recall must not fall below about the last measured
   level and no answer may leak (regression gates, not targets).
"""
import json
import pathlib
import subprocess
import sys

BIN, SHARED = sys.argv[1], pathlib.Path(sys.argv[2])
failures = []
checks = 0


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def check(ok, message):
    global checks
    checks += 1
    print(("ok   " if ok else "FAIL ") + message)
    if not ok:
        failures.append(message)


report = json.loads(run(BIN, "scheduler", "evaluate", "--revlog", str(SHARED / "srs-data/anki-1user-seq.csv"), "--json"))
optimized = report["models"][0]["unweighted"]
check(abs(optimized["log_loss"] - 0.3234) <= 0.002,
      f"scheduler: optimized log loss {optimized['log_loss']:.4f} within 0.002 of 0.3234 (RMSE(bins) {optimized['rmse_bins']:.4f})")


def score(docs, gold, label):
    files = sorted(str(p) for p in pathlib.Path(docs).glob("*.txt"))
    out = pathlib.Path(f"/tmp/factcards-qgen-{label}.jsonl")
    out.write_text(run(BIN, "generate", "--format", "jsonl", *files))
    return json.loads(run(sys.executable, str(SHARED / "qgen/score_qgen.py"), "--gold", str(gold),
                          "--docs", str(docs), "--gen", str(out), "--k", "10", "--json"))


seeds = score(SHARED / "seeds", SHARED / "qgen/seed_gold.jsonl", "seeds")
check(seeds["fact_recall"] >= 0.85, f"generator, seeds: fact recall {seeds['fact_recall']} >= 0.85")
missed = set(seeds["missed_fact_ids@10"]) & {"000-01", "000-02", "004-01"}
check(not missed, f"generator, seeds: the three example facts in the top 10 (missed: {sorted(missed)})")
check(seeds["answer_leak_rate"] == 0, f"generator, seeds: answer leak rate {seeds['answer_leak_rate']} == 0")
counts = {}
for line in pathlib.Path("/tmp/factcards-qgen-seeds.jsonl").read_text().splitlines():
    doc = json.loads(line)["doc"]
    counts[doc] = counts.get(doc, 0) + 1
check(max(counts.values()) <= 25, f"generator, seeds: at most 25 questions per document ({counts})")

# Regression gates on the other evaluation sets: recall must not fall below about the last
# measured figure (given in brackets), and no answer may leak. `unseen` and `own` have been tuned
# on; `fresh` to `fresh11` were written later from the documents alone (see tests/qgen/RESULTS.md
# for which round was tuned on which; `fresh11` has not been tuned on). The ranker is fitted on
# the seeds and `unseen` to `fresh7`, so those figures are in-sample; held-out ones come from
# `tests/qgen/train_ranker.py --cv` and `--test`.
# Since round 9 malformed typed questions are dropped, which took away credit that ungrammatical
# questions had earned (fresh3, fresh4).
SETS = [
    ("unseen", "held-out set 1", 0.52, 0.55),
    ("own", "written test documents", 0.65, 0.69),
    ("fresh", "held-out set 2", 0.47, 0.504),
    ("fresh2", "held-out set 3", 0.44, 0.475),
    ("fresh3", "held-out set 4", 0.47, 0.516),
    ("fresh4", "held-out set 5", 0.39, 0.430),
    ("fresh5", "held-out set 6", 0.44, 0.473),
    ("fresh6", "held-out set 7", 0.40, 0.432),
    ("fresh7", "held-out set 8", 0.45, 0.490),
    ("fresh8", "held-out set 9", 0.40, 0.438),
    ("fresh9", "held-out set 10", 0.31, 0.344),
    ("fresh10", "held-out set 11", 0.37, 0.406),
    ("fresh11", "held-out set 12", 0.34, 0.375),
]
for name, label, floor, last in SETS:
    result = score(f"tests/qgen/{name}", f"tests/qgen/{name}_gold.jsonl", name)
    check(result["fact_recall"] >= floor,
          f"generator, {label}: fact recall {result['fact_recall']} >= {floor} (last measured {last})")
    check(result["answer_leak_rate"] == 0,
          f"generator, {label}: answer leak rate {result['answer_leak_rate']} == 0")

print(f"quality: {checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
