"""Writes an ml-100k-shaped release cut from a larger MovieLens release, for bench/compare-models.sh.

    python3 bench/ml100k-shaped.py [SOURCE_DIR] OUT_DIR

SOURCE_DIR holds a ratings.csv with a header (default ../shared/data/ml-latest-small). The cut keeps the 1,682 most
rated movies (ml-100k's number; equally rated ones by lower movie id), the users with at least 20 ratings of them (as
every ml-100k user has), and rounds each rating up to whole stars (ml-100k has no half stars). From
ml-latest-small that gives 73,835 ratings of 581 users, density 0.076 (ml-100k: 100,000 ratings of 943 users, 0.063).
It stands in for ml-100k where that release is not at hand: figures on it are estimates, not ml-100k's own.
"""

import csv
import math
import sys
from collections import Counter
from pathlib import Path

MOVIES = 1682
MIN_USER_RATINGS = 20


def main(argv):
    if len(argv) not in (1, 2):
        sys.exit(__doc__)
    source = Path(argv[0] if len(argv) == 2 else Path(__file__).resolve().parent.parent.parent
                  / "shared" / "data" / "ml-latest-small")
    out = Path(argv[-1])
    with open(source / "ratings.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    by_movie = Counter(int(row["movieId"]) for row in rows)
    kept_movies = {movie for movie, _ in sorted(by_movie.items(), key=lambda m: (-m[1], m[0]))[:MOVIES]}
    rows = [row for row in rows if int(row["movieId"]) in kept_movies]
    by_user = Counter(int(row["userId"]) for row in rows)
    rows = [row for row in rows if by_user[int(row["userId"])] >= MIN_USER_RATINGS]
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "ratings.csv", "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["userId", "movieId", "rating", "timestamp"])
        for row in rows:
            writer.writerow([row["userId"], row["movieId"], f"{math.ceil(float(row['rating'])):.1f}", row["timestamp"]])
    users = len({row["userId"] for row in rows})
    print(f"{out / 'ratings.csv'}: {len(rows):,} ratings of {users:,} users and {MOVIES:,} movies "
          f"(density {len(rows) / (users * MOVIES):.3f})")


if __name__ == "__main__":
    main(sys.argv[1:])
