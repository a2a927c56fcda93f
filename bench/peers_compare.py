#!/usr/bin/env python3
"""The project's peers on the split files the Java side wrote, each tuned on the same validation cut as the project.

    peers_compare.py SPLIT_DIR [--trials 8] [--seed 42] [--peers ease,als,bpr]

SPLIT_DIR holds what org.movierec.benchmarks.ModelComparison wrote: NAME-train.csv and NAME-test.csv per split,
items.csv, and under validation/ the validation cut of each train part (NAME-train.csv, NAME-test.csv) on which
the project's models chose their hyper-parameters. Every peer does the same: `--trials` settings (the project's
search budget) are fitted on the cut's train part and judged by NDCG@10 on its validation part; the best is
refitted on the whole train part and measured on the test part, never seen before. The metric code is
surprise_compare.py's (checked there against the Java side's figures on the same files):

- numpy-ease: EASE in closed form with numpy over every item (B = I - P diag(1/diag P), P = (X'X + lambda I)^-1,
  X binary), lambda from a fixed log grid;
- implicit-als: the `implicit` library's AlternatingLeastSquares on the binary interactions, factors,
  regularization and alpha sampled at random;
- implicit-bpr: its BayesianPersonalizedRanking, factors, learning rate and regularization sampled at random.

Writes peers-results.json (the same shape as java-results.json) and prints one line per peer.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse
from threadpoolctl import threadpool_limits

from surprise_compare import LINE_FORMAT, Split, evaluate, fail, line, mean_of, splits_in

EASE_LAMBDAS = [50.0, 100.0, 200.0, 300.0, 500.0, 800.0, 1200.0, 2000.0]


def progress(message):
    print(f"[peers] {message}", file=sys.stderr, flush=True)


def interactions(split):
    """The binary user x item matrix of a split's train part (users and items in the Java index order)."""
    return scipy.sparse.csr_matrix((np.ones(len(split.train_r), dtype=np.float32), (split.train_u, split.train_i)),
                                   shape=(len(split.user_ids), len(split.items)))


class NumpyEase:
    name = "numpy-ease"

    @staticmethod
    def candidates(trials, rng):
        return [{"lambda": value} for value in EASE_LAMBDAS[:trials]]

    @staticmethod
    def fit(x, params, seed):
        gram = (x.T @ x).toarray().astype(np.float64)
        gram[np.diag_indices_from(gram)] += params["lambda"]
        p = np.linalg.inv(gram)
        b = -p / np.diag(p)
        np.fill_diagonal(b, 0.0)
        return lambda users: np.asarray(x[users] @ b)


class ImplicitAls:
    name = "implicit-als"

    @staticmethod
    def candidates(trials, rng):
        return [{"factors": int(rng.choice([32, 64, 128, 200])), "regularization": float(10 ** rng.uniform(-3, 0)),
                 "alpha": float(10 ** rng.uniform(0, np.log10(50))), "iterations": 15} for _ in range(trials)]

    @staticmethod
    def fit(x, params, seed):
        from implicit.cpu.als import AlternatingLeastSquares
        model = AlternatingLeastSquares(random_state=seed, **params)
        model.fit(x, show_progress=False)
        return lambda users: model.user_factors[users] @ model.item_factors.T


class ImplicitBpr:
    name = "implicit-bpr"

    @staticmethod
    def candidates(trials, rng):
        return [{"factors": int(rng.choice([32, 64, 128])), "learning_rate": float(10 ** rng.uniform(-3, -1)),
                 "regularization": float(10 ** rng.uniform(-4, -1)), "iterations": 100} for _ in range(trials)]

    @staticmethod
    def fit(x, params, seed):
        from implicit.cpu.bpr import BayesianPersonalizedRanking
        model = BayesianPersonalizedRanking(random_state=seed, **params)
        model.fit(x, show_progress=False)
        return lambda users: model.user_factors[users] @ model.item_factors.T


PEERS = {"ease": NumpyEase, "als": ImplicitAls, "bpr": ImplicitBpr}


def tune_and_measure(peer, split, cut, trials, seed):
    """The setting with the best validation NDCG@10, refitted on the train part and measured on the test part."""
    rng = np.random.default_rng(seed)
    searching = time.perf_counter()
    x_cut = interactions(cut)
    best = None
    for trial, params in enumerate(peer.candidates(trials, rng), start=1):
        value = evaluate(cut, peer.fit(x_cut, params, seed))["ndcg_at_10"]
        progress(f"{peer.name} {split.name} trial {trial}/{trials}: validation NDCG@10 {value:.4f} {params}")
        if best is None or value > best[1]:
            best = (params, value)
    search = time.perf_counter() - searching
    started = time.perf_counter()
    scores = peer.fit(interactions(split), best[0], seed)
    fit = time.perf_counter() - started
    result = evaluate(split, scores)
    result.update(rmse=None, mae=None, fit_time_s=fit, search_time_s=search, params=best[0],
                  validation_ndcg_at_10=best[1])
    progress(f"{peer.name} {split.name}: chose {best[0]}, test NDCG@10 {result['ndcg_at_10']:.4f}, fit {fit:.2f} s")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split_dir", type=Path)
    parser.add_argument("--trials", type=int, default=8)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--peers", default="ease,als,bpr")
    args = parser.parse_args()
    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    for p in peers:
        if p not in PEERS:
            fail(f"--peers names '{p}'; expected some of {sorted(PEERS)}")
    items = np.loadtxt(args.split_dir / "items.csv", skiprows=1, dtype=np.int64, ndmin=1)
    names = splits_in(args.split_dir)
    if not all((args.split_dir / "validation" / f"{n}-train.csv").is_file() for n in names):
        fail(f"{args.split_dir}/validation holds no validation cut of each split; run the Java side first")
    results = {p: [] for p in peers}
    # one BLAS thread: the project's models train so in the comparison too
    with threadpool_limits(limits=1):
        for name in names:
            split = Split(args.split_dir, name, items)
            cut = Split(args.split_dir / "validation", name, items)
            for p in peers:
                results[p].append(tune_and_measure(PEERS[p], split, cut, args.trials, args.seed))
    summary = []
    for p in peers:
        per_split = results[p]
        summary.append({"model": PEERS[p].name, "params": per_split[0]["params"],
                        **{key: mean_of(per_split, key) for key in ("ndcg_at_10", "recall_at_10", "fit_time_s",
                                                                     "search_time_s")},
                        "rmse": None, "mae": None, "splits": [dict(split=n, **r) for n, r in zip(names, per_split)]})
    (args.split_dir / "peers-results.json").write_text(json.dumps({"splits": names, "models": summary}, indent=2))
    print(LINE_FORMAT.format("model", "RMSE", "MAE", "NDCG@10", "Recall@10", "fit_s"))
    for row in summary:
        print(line(row["model"], row))


if __name__ == "__main__":
    main()
