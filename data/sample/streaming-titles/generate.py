#!/usr/bin/env python3
"""Writes the bundled demo catalogs: amazon_prime_titles.csv, disney_plus_titles.csv, hulu_titles.csv,
netflix_titles.csv and ratings/1.csv, ratings/2.csv, in the layouts of the Kaggle catalogs and their
user-rating files (what `etl-batch.jar catalog` reads).

Synthetic apart from the titles and years of the films taken from ../ml-latest-small/movies.csv (so
that `etl-batch.jar link` joins them to MovieLens): show ids, people, countries, dates, durations,
age ratings, genres, descriptions and the platform users' ratings are made up here, and so are the
titles of the series and of the films that link to nothing. Python 3 standard library only; a
fixed seed, so the same MovieLens file gives the same bytes.

    python3 data/sample/streaming-titles/generate.py      # rewrites the files beside this script
"""

import csv
import random
import re
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path

SEED = 20261205
HERE = Path(__file__).resolve().parent
MOVIELENS = HERE.parent / "ml-latest-small"
HEADER = ["show_id", "type", "title", "director", "cast", "country", "date_added", "release_year", "rating",
          "duration", "listed_in", "description"]

# platform: (file, linked films, series, films that link to nothing, age ratings of films, of series)
PLATFORMS = {
    "netflix": ("netflix_titles.csv", 72, 22, 22, ["PG-13", "R", "PG", "TV-MA", "TV-14"], ["TV-MA", "TV-14", "TV-PG"]),
    "amazon": ("amazon_prime_titles.csv", 56, 16, 16, ["13+", "16+", "18+", "ALL", "7+"], ["16+", "13+", "ALL"]),
    "hulu": ("hulu_titles.csv", 46, 16, 12, ["PG-13", "R", "PG", "TV-MA"], ["TV-MA", "TV-14", "TV-PG"]),
    "disney": ("disney_plus_titles.csv", 40, 12, 8, ["G", "PG", "TV-G", "TV-PG"], ["TV-G", "TV-PG", "TV-Y7"]),
}
# The README's examples ask about Netflix films of 2020 (platform users' ratings) and of 1999 (MovieLens ratings).
NETFLIX_2020_FILMS = 9
NETFLIX_1999_FILMS = 6

# MovieLens genre -> how each platform lists it (films; series get their own lists below)
GENRES = {
    "netflix": {"Comedy": "Comedies", "Drama": "Dramas", "Action": "Action & Adventure", "Adventure": "Action & Adventure",
                "Children": "Children & Family Movies", "Animation": "Children & Family Movies",
                "Horror": "Horror Movies", "Thriller": "Thrillers", "Crime": "Thrillers", "Romance": "Romantic Movies",
                "Sci-Fi": "Sci-Fi & Fantasy", "Fantasy": "Sci-Fi & Fantasy", "Documentary": "Documentaries",
                "Musical": "Music & Musicals"},
    "amazon": {"Comedy": "Comedy", "Drama": "Drama", "Action": "Action", "Adventure": "Adventure", "Children": "Kids",
               "Animation": "Animation", "Horror": "Horror", "Thriller": "Suspense", "Crime": "Suspense",
               "Romance": "Romance", "Sci-Fi": "Science Fiction", "Fantasy": "Fantasy", "Documentary": "Documentary"},
    "hulu": {"Comedy": "Comedy", "Drama": "Drama", "Action": "Action", "Adventure": "Adventure", "Children": "Family",
             "Animation": "Animation", "Horror": "Horror", "Thriller": "Thriller", "Crime": "Crime",
             "Romance": "Romance", "Sci-Fi": "Science Fiction", "Fantasy": "Science Fiction",
             "Documentary": "Documentaries"},
    "disney": {"Comedy": "Comedy", "Drama": "Drama", "Action": "Action-Adventure", "Adventure": "Action-Adventure",
               "Children": "Family", "Animation": "Animation", "Fantasy": "Fantasy", "Sci-Fi": "Science Fiction",
               "Musical": "Musical", "Romance": "Romance", "Documentary": "Documentary"},
}
FILM_GENRES = {"netflix": ["Dramas", "Comedies", "Documentaries", "Thrillers", "International Movies"],
               "amazon": ["Drama", "Comedy", "Documentary", "Suspense", "International"],
               "hulu": ["Drama", "Comedy", "Documentaries", "Thriller", "International"],
               "disney": ["Family", "Comedy", "Documentary", "Animation", "Action-Adventure"]}
SERIES_GENRES = {"netflix": ["TV Dramas", "TV Comedies", "Crime TV Shows", "Docuseries", "Kids' TV"],
                 "amazon": ["TV Shows", "Drama", "Comedy", "Kids", "Documentary"],
                 "hulu": ["Drama", "Comedy", "Crime", "Reality", "Animation"],
                 "disney": ["Animation", "Kids", "Comedy", "Docuseries", "Action-Adventure"]}
COUNTRIES = ["United States", "United Kingdom", "Canada", "France", "India", "Spain", "Germany", "Japan",
             "South Korea", "Mexico", "Australia", "Brazil", "Italy", "Argentina"]
FIRST = ["Ada", "Bruno", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Keiko", "Lars",
         "Maya", "Nadia", "Omar", "Paula", "Quentin", "Rosa", "Samir", "Tessa", "Ulla", "Victor", "Wanda", "Xavier",
         "Yara", "Zeno", "Alba", "Bram", "Celia", "Dario", "Edda", "Felix", "Gina", "Henrik", "Ilse", "Joaquin"]
LAST = ["Abernathy", "Brightwater", "Castellano", "Dunmore", "Eskildsen", "Fairbanks", "Galloway", "Holmquist",
        "Ibarra", "Jansen", "Kowalczyk", "Lindqvist", "Marchetti", "Novak", "Okafor", "Pellegrini", "Quinlan",
        "Rasmussen", "Sandoval", "Thorne", "Underhill", "Valdivia", "Whitcombe", "Yamamura", "Zielinski"]
ADJECTIVES = ["Quiet", "Silver", "Hidden", "Last", "Broken", "Northern", "Electric", "Paper", "Crimson", "Distant",
              "Hollow", "Golden", "Restless", "Winter", "Secret", "Velvet", "Iron", "Midnight", "Salt", "Wild"]
NOUNS = ["Harbor", "Orchard", "Lanterns", "Frontier", "Tide", "Signal", "Meridian", "Lighthouse", "Archive",
         "Garden", "Highway", "Canyon", "Kingdom", "Compass", "Engine", "Island", "Market", "Voyage", "Station", "Choir"]
PEOPLE = ["a retired detective", "two estranged sisters", "a young chef", "a small-town mayor", "a team of engineers",
          "a reluctant heir", "an amateur astronomer", "a travelling band", "a night-shift nurse", "three old friends"]
PLOTS = ["solve one last puzzle", "reopen a family business", "cross the country in a failing van",
         "find out who rewrote the town's history", "win a competition nobody expects them to enter",
         "keep a promise made twenty years earlier", "chase a rumour along the coast", "rebuild after a storm"]


def round_half(value):
    return min(5.0, max(0.5, round(value * 2) / 2))


def catalog_title(movielens_title):
    """MovieLens writes "Matrix, The"; the catalogs write "The Matrix"."""
    match = re.match(r"^(.*), (The|A|An)$", movielens_title)
    return f"{match.group(2)} {match.group(1)}" if match else movielens_title


def linkable_films():
    """Films of movies.csv that a catalog title can name exactly: a plain title (no other names in
    parentheses, no trailing article but The/A/An), a year, at least 30 MovieLens ratings."""
    counts = Counter()
    with open(MOVIELENS / "ratings.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            counts[int(row["movieId"])] += 1
    films = []
    with open(MOVIELENS / "movies.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            match = re.match(r"^(.*) \((\d{4})\)$", row["title"].strip())
            if not match or "(" in match.group(1) or re.search(r", \S+$", match.group(1)) and \
                    not re.search(r", (The|A|An)$", match.group(1)):
                continue
            if counts[int(row["movieId"])] >= 30:
                films.append({"title": catalog_title(match.group(1)), "year": int(match.group(2)),
                              "genres": row["genres"].split("|"), "ratings": counts[int(row["movieId"])]})
    films.sort(key=lambda film: (-film["ratings"], film["title"]))
    return films


def person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def made_up_title(rng, taken):
    while True:
        title = f"{rng.choice(['The ', '', ''])}{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        if title.lower() not in taken:
            taken.add(title.lower())
            return title


def added(rng, year, platform):
    """'September 25, 2021' on or after the release year; some left empty (Amazon's most often)."""
    if rng.random() < (0.3 if platform == "amazon" else 0.05):
        return ""
    day = date.fromordinal(rng.randint(date(max(year, 2015), 1, 1).toordinal(), date(2021, 12, 31).toordinal()))
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def description(rng, kind):
    return f"A {kind} about {rng.choice(PEOPLE)} trying to {rng.choice(PLOTS)}."


def row(rng, platform, cast_pool, title, year, kind, genres):
    _, _, _, _, film_ratings, series_ratings = PLATFORMS[platform]
    film = kind == "Movie"
    seasons = rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 7])
    return {
        "type": kind, "title": title,
        "director": ", ".join(person(rng) for _ in range(rng.choice([1, 1, 1, 2]))) if film or rng.random() < 0.2 else "",
        "cast": ", ".join(dict.fromkeys(rng.choice(cast_pool) for _ in range(rng.randint(2, 5)))),
        "country": ", ".join(dict.fromkeys(rng.choice(COUNTRIES) for _ in range(rng.choice([1, 1, 1, 2])))),
        "date_added": added(rng, year, platform), "release_year": str(year),
        "rating": rng.choice(film_ratings if film else series_ratings),
        "duration": f"{rng.randint(78, 178)} min" if film else f"{seasons} Season{'s' if seasons > 1 else ''}",
        "listed_in": ", ".join(genres),
        "description": description(rng, "film" if film else "series"),
    }


def film_genres(platform, film):
    listed = list(dict.fromkeys(GENRES[platform][g] for g in film["genres"] if g in GENRES[platform]))
    return listed[:3] or [FILM_GENRES[platform][0]]


def main():
    rng = random.Random(SEED)
    films = linkable_films()
    taken = {film["title"].lower() for film in films}
    family = [f for f in films if {"Children", "Animation"} & set(f["genres"])]
    others = [f for f in films if f not in family]
    used = set()

    def pick(pool, count, condition=lambda film: True):
        chosen = [f for f in pool if f["title"] not in used and condition(f)][:count * 2]
        chosen = rng.sample(chosen, min(count, len(chosen)))
        used.update(f["title"] for f in chosen)
        return chosen

    linked = {"disney": pick(family, 30) + pick(others, 10, lambda f: "Adventure" in f["genres"])}
    linked["netflix"] = pick(others, NETFLIX_1999_FILMS, lambda f: f["year"] == 1999)
    for platform in ("netflix", "amazon", "hulu"):
        linked[platform] = linked.get(platform, []) + pick(others + family, PLATFORMS[platform][1] - len(linked.get(platform, [])))
    # a fifth of the films are offered on a second platform too, as real catalogs overlap
    names = list(PLATFORMS)
    for platform in names:
        for film in rng.sample(linked[platform], len(linked[platform]) // 5):
            other = rng.choice([p for p in names if p != platform and p != "disney"])
            if film not in linked[other]:
                linked[other].append(film)

    ratings = []
    for platform, (file_name, _, series, unlinked, _, _) in PLATFORMS.items():
        cast_pool = [person(rng) for _ in range(24)]
        rows = [row(rng, platform, cast_pool, f["title"], f["year"], "Movie", film_genres(platform, f))
                for f in linked[platform]]
        for i in range(unlinked):
            year = 2020 if platform == "netflix" and i < NETFLIX_2020_FILMS else rng.choice([2017, 2018, 2019, 2020, 2021])
            rows.append(row(rng, platform, cast_pool, made_up_title(rng, taken), year, "Movie",
                            rng.sample(FILM_GENRES[platform], rng.choice([1, 2]))))
        for _ in range(series):
            rows.append(row(rng, platform, cast_pool, made_up_title(rng, taken), rng.randint(2008, 2021), "TV Show",
                            rng.sample(SERIES_GENRES[platform], rng.choice([1, 2]))))
        rng.shuffle(rows)
        with open(HERE / file_name, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\r\n")
            writer.writeheader()
            for number, values in enumerate(rows, start=1):
                writer.writerow({"show_id": f"s{number}", **values})
                # most titles are rated by a few of the platform's users; each title has its own level
                if rng.random() < 0.85 or values["release_year"] == "2020":
                    level = rng.uniform(2.4, 4.6)
                    for user in rng.sample(range(1, 301), rng.randint(3, 14)):
                        seconds = rng.randint(int(datetime(2019, 1, 1, tzinfo=timezone.utc).timestamp()),
                                              int(datetime(2021, 12, 31, tzinfo=timezone.utc).timestamp()))
                        ratings.append((user, round_half(rng.gauss(level, 0.7)), seconds, f"{platform[0]}s{number}"))

    (HERE / "ratings").mkdir(exist_ok=True)
    for part, users in (("1", range(1, 151)), ("2", range(151, 301))):
        with open(HERE / "ratings" / f"{part}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerow(["userId", "rating", "timestamp", "movieId"])
            for user, rating, seconds, title_id in sorted(r for r in ratings if r[0] in users):
                writer.writerow([user, f"{rating:.1f}", seconds, title_id])


if __name__ == "__main__":
    main()
