#!/usr/bin/env python3
"""Writes an ml-32m-shaped MovieLens release: ratings.csv with 32,000,204 rows at scale 1
(200,948 users, 87,585 movies, sorted by user then movie, Unix-second timestamps), and a
movies.csv for its movie ids. Deterministic (fixed seed).

usage: generate-ratings.py OUTPUT_DIR [SCALE]
"""
import os
import random
import sys

ROWS, USERS, MOVIES = 32_000_204, 200_948, 87_585
GENRES = ["Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama",
          "Fantasy", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"]


def main():
    out, scale = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    rows = int(ROWS * scale)
    users = max(1, int(USERS * scale))
    rng = random.Random(42)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "movies.csv"), "w", newline="") as f:
        f.write("movieId,title,genres\r\n")
        for movie in range(1, MOVIES + 1):
            f.write(f"{movie},Movie {movie} ({1900 + movie % 125}),{'|'.join(rng.sample(GENRES, 2))}\r\n")
    per_user = rows // users
    written = 0
    halves = ["0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0"]
    with open(os.path.join(out, "ratings.csv"), "w", newline="", buffering=1 << 20) as f:
        f.write("userId,movieId,rating,timestamp\r\n")
        for user in range(1, users + 1):
            count = rows - written if user == users else per_user
            movies = sorted(rng.sample(range(1, MOVIES + 1), min(count, MOVIES)))
            base = 1_000_000_000 + rng.randrange(600_000_000)
            f.write("".join(f"{user},{m},{halves[rng.randrange(10)]},{base + i * 37}\r\n"
                            for i, m in enumerate(movies)))
            written += len(movies)
            if user % 20_000 == 0:
                print(f"generated {written:,} of {rows:,} ratings ({100 * written / rows:.0f}%)", file=sys.stderr)
    print(f"generated {written:,} ratings for {users:,} users in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
