#!/usr/bin/env python3
"""Surprise's SVD and SVD++ on the split files the Java side wrote, judged exactly as the project's Evaluator.

    surprise_compare.py SPLIT_DIR [--algorithms svd,svdpp] [--seed 42] [--java-results FILE]

SPLIT_DIR holds what org.movierec.benchmarks.ModelComparison wrote: NAME-train.csv and NAME-test.csv per
split (userId,movieId,rating,timestamp) and items.csv, the movie ids the Java side ranks over, in its index
order (ascending ids). For every split each algorithm is fitted with its default parameters (random_state
fixed) and then, as org.movierec.training.eval.Evaluator and RankingMetrics define them:

- RMSE and MAE over every test row, the prediction being what Surprise's predict() returns (estimate clipped
  to the rating scale, mu + b_u or mu + b_i for an unknown item or user);
- NDCG@10 and Recall@10 for every user with at least one relevant test rating (>= 3.5): the user's scores
  over all items of items.csv, the items they rated in train left out, best first, equal scores by lower
  item index (lower movie id) first; binary gain, log2 discount, ideal DCG over min(K, relevant);
  recall = hits / relevant; each averaged over those users, then over the splits.

Every candidate is scored with numpy from the fitted parameters (mu + b_u + b_i + q_i . p_u, for SVD++ with
p_u + |I_u|^-1/2 sum y_j), checked against predict() on a sample of pairs. With --java-results the
project's popularity model (liked ratings counted, decayed by the half-life the Java side chose for the split) is
re-scored here and must give the Java side's NDCG@10 and Recall@10
(a check of this metric code, item universe and exclusions), and one combined table is printed.
"""
import argparse
import json
import math
import re
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse
from surprise import SVD, Dataset, Reader, SVDpp

K = 10
LIKED = 3.5
LINE_FORMAT = "{:<16} {:>7} {:>7} {:>8} {:>10} {:>8}"
ALGORITHMS = {"svd": ("surprise-svd", SVD), "svdpp": ("surprise-svdpp", SVDpp)}
USER_BATCH = 2048
SECONDS_A_DAY = 86_400.0


def progress(message):
    print(f"[surprise] {message}", file=sys.stderr, flush=True)


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def read_ratings(path):
    """userId, movieId (int64), rating (float64) and timestamp (int64) columns of a split file."""
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip()
    if header != "userId,movieId,rating,timestamp":
        fail(f"{path}: expected the header userId,movieId,rating,timestamp, got '{header}'")
    table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    if table.shape[0] == 0 or table.shape[1] != 4:
        fail(f"{path}: expected rows of 4 comma-separated fields, got shape {table.shape}")
    return table[:, 0].astype(np.int64), table[:, 1].astype(np.int64), table[:, 2], table[:, 3].astype(np.int64)


def splits_in(directory):
    names = [p.name[: -len("-train.csv")] for p in directory.glob("*-train.csv")]
    names.sort(key=lambda n: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", n)])
    for name in names:
        if not (directory / f"{name}-test.csv").is_file():
            fail(f"{directory}: {name}-train.csv has no {name}-test.csv beside it")
    if not names:
        fail(f"{directory} holds no NAME-train.csv split files; run the Java side (bench/compare-models.sh) first")
    return names


class Split:
    """One split's rows with users and movies mapped to the Java side's indices."""

    def __init__(self, directory, name, items):
        self.name = name
        self.train_path = directory / f"{name}-train.csv"
        tr_u, tr_m, self.train_r, self.train_t = read_ratings(self.train_path)
        te_u, te_m, self.test_r, _ = read_ratings(directory / f"{name}-test.csv")
        self.user_ids = np.unique(np.concatenate([tr_u, te_u]))  # ascending, as the Java IdIndex
        self.items = items
        self.train_u, self.test_u = np.searchsorted(self.user_ids, tr_u), np.searchsorted(self.user_ids, te_u)
        self.train_i, self.test_i = self._item_index(tr_m, "train"), self._item_index(te_m, "test")
        self.scale = (float(min(self.train_r.min(), self.test_r.min())), float(max(self.train_r.max(), self.test_r.max())))

    def _item_index(self, movies, part):
        index = np.searchsorted(self.items, movies)
        index[index == len(self.items)] = 0
        missing = self.items[index] != movies
        if missing.any():
            fail(f"{self.name}-{part}.csv: movie id {movies[missing][0]} is not in items.csv")
        return index

    def users_by_rows(self, users, values):
        """Per user index: the values of their rows (a list of arrays)."""
        order = np.argsort(users, kind="stable")
        bounds = np.searchsorted(users[order], np.arange(len(self.user_ids) + 1))
        return [values[order[bounds[u]:bounds[u + 1]]] for u in range(len(self.user_ids))]


class Scorer:
    """Surprise's predict() for every (user, item of items.csv), by batches of users, from the fitted arrays."""

    def __init__(self, algo, split):
        ts = algo.trainset
        self.low, self.high = ts.rating_scale
        self.mu = ts.global_mean
        n_items = len(split.items)
        inner_i = np.array([ts._raw2inner_id_items.get(str(m), -1) for m in split.items])
        inner_u = np.array([ts._raw2inner_id_users.get(str(u), -1) for u in split.user_ids])
        known_i, known_u = inner_i >= 0, inner_u >= 0
        factors = algo.qi.shape[1]
        self.item_bias = np.where(known_i, algo.bi[np.maximum(inner_i, 0)], 0.0)
        self.q = np.zeros((n_items, factors))
        self.q[known_i] = algo.qi[inner_i[known_i]]
        user_vectors = algo.pu.copy()
        if isinstance(algo, SVDpp):
            pairs = np.array([(u, j) for u in range(ts.n_users) for (j, _) in ts.ur[u]], dtype=np.int64)
            rated = scipy.sparse.csr_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])),
                                            shape=(ts.n_users, ts.n_items))
            counts = np.asarray(rated.sum(axis=1)).ravel()
            user_vectors += (rated @ algo.yj) / np.sqrt(counts)[:, None]
        self.user_bias = np.where(known_u, algo.bu[np.maximum(inner_u, 0)], 0.0)
        self.p = np.zeros((len(split.user_ids), factors))
        self.p[known_u] = user_vectors[inner_u[known_u]]

    def scores(self, users):
        est = self.mu + self.user_bias[users, None] + self.item_bias[None, :] + self.p[users] @ self.q.T
        return np.clip(est, self.low, self.high)


def top_k(scores, excluded, k):
    """The k best item indices, best first, equal scores by lower index first, excluded items left out."""
    s = scores.astype(np.float64, copy=True)
    s[excluded] = -np.inf
    allowed = len(s) - len(np.unique(excluded))
    if allowed <= 0:
        return np.empty(0, dtype=np.int64)
    k = min(k, allowed)
    kth = np.partition(s, len(s) - k)[len(s) - k]
    candidates = np.nonzero(s >= kth)[0]
    ranked = candidates[np.lexsort((candidates, -s[candidates]))]
    return ranked[:k]


def ranking_metrics(ranked, relevant, k=K):
    """NDCG@k and Recall@k of one ranked list against the relevant items (RankingMetrics.ndcgAtK, recallAtK)."""
    hits = np.isin(ranked[:k], relevant)
    dcg = np.sum(hits / np.log2(np.arange(len(hits)) + 2))
    ideal = np.sum(1 / np.log2(np.arange(min(k, len(relevant))) + 2))
    return dcg / ideal, hits.sum() / len(relevant)


def evaluate(split, score_batch):
    """RMSE, MAE (when score_batch predicts ratings), NDCG@10 and Recall@10 as the Java Evaluator computes them."""
    train_items = split.users_by_rows(split.train_u, split.train_i)
    test_rows = split.users_by_rows(split.test_u, np.arange(len(split.test_r)))
    test_users = np.array([u for u in range(len(split.user_ids)) if len(test_rows[u]) > 0])
    predicted = np.empty(len(split.test_r))
    ndcg, recall = [], []
    for start in range(0, len(test_users), USER_BATCH):
        batch = test_users[start:start + USER_BATCH]
        scores = score_batch(batch)
        for row, u in enumerate(batch):
            rows = test_rows[u]
            predicted[rows] = scores[row, split.test_i[rows]]
            relevant = split.test_i[rows][split.test_r[rows] >= LIKED]
            if len(relevant) > 0:
                n, r = ranking_metrics(top_k(scores[row], train_items[u], K), relevant)
                ndcg.append(n)
                recall.append(r)
    errors = predicted - split.test_r
    return {"rmse": float(np.sqrt(np.mean(errors ** 2))), "mae": float(np.mean(np.abs(errors))),
            "ndcg_at_10": float(np.mean(ndcg)), "recall_at_10": float(np.mean(recall)), "topn_users": len(ndcg)}


def check_against_predict(algo, split, scorer, seed):
    """The numpy scores equal predict() on sampled pairs, known and unknown items alike."""
    rng = np.random.default_rng(seed)
    users = rng.choice(len(split.user_ids), size=min(50, len(split.user_ids)), replace=False)
    scores = scorer.scores(users)
    for row, u in enumerate(users):
        for i in rng.choice(len(split.items), size=min(40, len(split.items)), replace=False):
            expected = algo.predict(str(split.user_ids[u]), str(split.items[i])).est
            if abs(expected - scores[row, i]) > 1e-9:
                fail(f"{split.name}: numpy score {scores[row, i]} differs from predict() {expected} "
                     f"for user {split.user_ids[u]}, movie {split.items[i]}")


def popularity_check(split, params):
    """The Java popularity scores with the split's params (float32 sums of 0.5^(age / half_life_days) per liked
    rating, or 1 each without a half-life; 0 when none), ranked here."""
    liked = split.train_r >= float(params["liked_rating"])
    half_life = float(params["half_life_days"])
    age_days = (split.train_t.max() - split.train_t[liked]) / SECONDS_A_DAY
    weights = np.power(0.5, age_days / half_life) if half_life > 0 else np.ones(int(liked.sum()))
    scores = np.zeros(len(split.items), dtype=np.float32)
    np.add.at(scores, split.train_i[liked], weights.astype(np.float32))
    result = evaluate(split, lambda users: np.broadcast_to(scores, (len(users), len(scores))))
    return {"ndcg_at_10": result["ndcg_at_10"], "recall_at_10": result["recall_at_10"]}


def number(value, decimals):
    return "" if value is None else f"{value:.{decimals}f}"


def line(name, result):
    return LINE_FORMAT.format(name, number(result.get("rmse"), 4), number(result.get("mae"), 4),
                              number(result.get("ndcg_at_10"), 4), number(result.get("recall_at_10"), 4),
                              number(result.get("fit_time_s"), 2))


def mean_of(results, key):
    values = [r[key] for r in results]
    return None if any(v is None for v in values) else sum(values) / len(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split_dir", type=Path)
    parser.add_argument("--algorithms", default="svd,svdpp", help="comma-separated: svd, svdpp")
    parser.add_argument("--seed", type=int, default=42, help="random_state of the algorithms")
    parser.add_argument("--java-results", type=Path, help="java-results.json: check popularity, print the combined table")
    args = parser.parse_args()
    algorithms = [a.strip() for a in args.algorithms.split(",") if a.strip()]
    for a in algorithms:
        if a not in ALGORITHMS:
            fail(f"--algorithms names '{a}'; expected some of {sorted(ALGORITHMS)}")
    items_path = args.split_dir / "items.csv"
    if not items_path.is_file():
        fail(f"{items_path} is missing; run the Java side (bench/compare-models.sh) first")
    items = np.loadtxt(items_path, skiprows=1, dtype=np.int64, ndmin=1)
    if np.any(np.diff(items) <= 0):
        fail(f"{items_path}: movie ids must be strictly ascending (the Java item index order)")
    java = json.loads(args.java_results.read_text()) if args.java_results else None

    names = splits_in(args.split_dir)
    per_algorithm = {a: [] for a in algorithms}
    checks = []
    for name in names:
        split = Split(args.split_dir, name, items)
        reader = Reader(line_format="user item rating timestamp", sep=",", skip_lines=1, rating_scale=split.scale)
        trainset = Dataset.load_from_file(str(split.train_path), reader=reader).build_full_trainset()
        progress(f"{name}: {len(split.train_r):,} train and {len(split.test_r):,} test ratings, "
                 f"{len(split.user_ids):,} users, {len(items):,} items ranked, rating scale {split.scale}")
        popularity = next((m for m in java["models"] if m["model"] == "popularity"), None) if java else None
        if popularity is not None:
            params = next(one["params"] for one in popularity["splits"] if one["split"] == name)
            checks.append(popularity_check(split, params))
        for a in algorithms:
            algo = ALGORITHMS[a][1](random_state=args.seed)
            started = time.perf_counter()
            algo.fit(trainset)
            fit = time.perf_counter() - started
            scorer = Scorer(algo, split)
            check_against_predict(algo, split, scorer, args.seed)
            started = time.perf_counter()
            result = evaluate(split, scorer.scores)
            result["fit_time_s"] = fit
            progress(f"{ALGORITHMS[a][0]} {name}: fit {fit:.2f} s, evaluated in {time.perf_counter() - started:.2f} s")
            per_algorithm[a].append(result)

    summary = []
    for a in algorithms:
        results = per_algorithm[a]
        summary.append({"model": ALGORITHMS[a][0], "params": "defaults, random_state=%d" % args.seed,
                        **{key: mean_of(results, key) for key in ("rmse", "mae", "ndcg_at_10", "recall_at_10", "fit_time_s")},
                        "splits": [dict(split=n, **r) for n, r in zip(names, results)]})
    (args.split_dir / "surprise-results.json").write_text(json.dumps({"splits": names, "models": summary}, indent=2))

    if checks:
        java_popularity = next(m for m in java["models"] if m["model"] == "popularity")
        mine = {key: mean_of(checks, key) for key in ("ndcg_at_10", "recall_at_10")}
        for key, value in mine.items():
            if not math.isclose(value, java_popularity[key], rel_tol=0, abs_tol=1e-9):
                fail(f"metric check failed: popularity re-scored here gives {key} {value:.10f}, the Java side "
                     f"{java_popularity[key]:.10f}; the two sides do not rank or measure alike")
        progress(f"metric check: popularity re-scored in numpy gives NDCG@10 {mine['ndcg_at_10']:.6f} and "
                 f"Recall@10 {mine['recall_at_10']:.6f}, as the Java side")

    print(LINE_FORMAT.format("model", "RMSE", "MAE", "NDCG@10", "Recall@10", "fit_s"))
    for row in (java["models"] if java else []) + summary:
        print(line(row["model"], row))


if __name__ == "__main__":
    main()
