"""Checks how `bin/demo up --data DIR`, `bin/run-sample --data DIR` and `bin/airflow` (MOVIEREC_DATA=DIR) find the
full data releases in a folder (bin/data-layout), and that a folder with nothing to load is refused with exit code
2 before anything starts. Offline: every folder is made here with a few hand-written rows in each release's format
(the IMDb rows are written for this test, no IMDb data); nothing is ingested.

Run by bin/test: python3 -m unittest discover -s bin/tests (the `bin/airflow env` case needs the virtual
environment of `bin/airflow install`, as bin/test makes it).
"""
import gzip
import os
import pathlib
import subprocess
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = ("movielens", "imdb", "catalog", "tmdb")
MOVIEREC_HOME = pathlib.Path(os.environ.get("MOVIEREC_HOME", pathlib.Path.home() / ".local/share/movierec"))

ML_LATEST = {
    "movies.csv": "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n"
                  "2,Jumanji (1995),Adventure|Children|Fantasy\n",
    "ratings.csv": "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,3.5,964981247\n",
    "links.csv": "movieId,imdbId,tmdbId\n1,0114709,862\n2,0113497,8844\n",
    "tags.csv": "userId,movieId,tag,timestamp\n1,1,pixar,1139045764\n",
}
ML_1M = {
    "movies.dat": "1::Toy Story (1995)::Animation|Children's|Comedy\n",
    "ratings.dat": "1::1::5::978824268\n",
    "users.dat": "1::F::1::10::48067\n",
}
ML_100K = {
    "u.data": "196\t242\t3\t881250949\n",
    "u.item": "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)"
              "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n",
    "u.user": "1|24|M|technician|85711\n",
}
# IMDb's TSV format (datasets.imdbws.com), rows written for this test
IMDB = {
    "title.basics.tsv.gz": "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\t"
                           "runtimeMinutes\tgenres\ntt0114709\tmovie\tA Toy Tale\tA Toy Tale\t0\t1995\t\\N\t81\t"
                           "Animation,Comedy\n",
    "title.ratings.tsv": "tconst\taverageRating\tnumVotes\ntt0114709\t8.3\t1000\n",
    "title.crew.tsv": "tconst\tdirectors\twriters\ntt0114709\tnm9000001\t\\N\n",
    "title.principals.tsv": "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n"
                            "tt0114709\t1\tnm9000001\tdirector\t\\N\t\\N\n",
    "name.basics.tsv": "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n"
                       "nm9000001\tAlex Example\t1960\t\\N\tdirector\ttt0114709\n",
}
CATALOG_HEADER = "show_id,type,title,director,cast,country,date_added,release_year,rating,duration,listed_in,description\n"
CATALOG = {name: CATALOG_HEADER + 's1,Movie,Toy Story,,,"United States","September 25, 2021",1995,G,81 min,'
                                  'Animation,"Toys, alive."\n'
           for name in ("amazon_prime_titles.csv", "disney_plus_titles.csv", "hulu_titles.csv", "netflix_titles.csv")}
CATALOG["ratings/1.csv"] = "userId,rating,timestamp,movieId\n1,4.0,2015-03-09,ns1\n"
TMDB = {
    "movies_metadata.csv": "adult,belongs_to_collection,budget,genres,homepage,id,imdb_id,original_language,"
                           "original_title,overview,popularity,poster_path,production_companies,production_countries,"
                           "release_date,revenue,runtime,spoken_languages,status,tagline,title,video,vote_average,"
                           "vote_count\nFalse,,30000000,\"[{'id': 16, 'name': 'Animation'}]\",,862,tt0114709,en,"
                           "Toy Story,Toys.,21.9,,[],[],1995-10-30,373554033,81.0,[],Released,,Toy Story,False,7.7,"
                           "5415\n",
    "credits.csv": "cast,crew,id\n[],[],862\n",
}
TMDB_5000 = {
    "tmdb_5000_movies.csv": "budget,genres,homepage,id,keywords,original_language,original_title,overview,popularity,"
                            "production_companies,production_countries,release_date,revenue,runtime,spoken_languages,"
                            "status,tagline,title,vote_average,vote_count\n30000000,\"[{\"\"id\"\": 16, \"\"name\"\": "
                            "\"\"Animation\"\"}]\",,862,[],en,Toy Story,Toys.,21.9,[],[],1995-10-30,373554033,81.0,[],"
                            "Released,,Toy Story,7.7,5415\n",
    "tmdb_5000_credits.csv": "movie_id,title,cast,crew\n862,Toy Story,[],[]\n",
}


def write(folder, files):
    """Writes {relative name: text} under folder (gzipped when the name ends in .gz)."""
    for name, text in files.items():
        path = pathlib.Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".gz"):
            path.write_bytes(gzip.compress(text.encode()))
        else:
            path.write_text(text)


def run(command, cwd=ROOT, **env):
    """Runs a command with the environment's MOVIEREC_<SOURCE>_INPUT and MOVIEREC_DATA removed, then env added."""
    environment = {k: v for k, v in os.environ.items()
                   if not (k.startswith("MOVIEREC_") and k.endswith("_INPUT")) and k != "MOVIEREC_DATA"}
    environment.update(env)
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=60)


def layout(directory, **env):
    """bin/data-layout DIRECTORY: (exit code, {source: input}, stderr)."""
    result = run(["bash", str(ROOT / "bin/data-layout"), str(directory)], **env)
    inputs = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    return result.returncode, inputs, result.stderr


class DataLayoutTest(unittest.TestCase):

    def setUp(self):
        temporary = tempfile.TemporaryDirectory(prefix="data-layout-")
        self.addCleanup(temporary.cleanup)
        self.dir = pathlib.Path(temporary.name).resolve()

    def assertRefused(self, result, *phrases):
        code, inputs, stderr = result
        self.assertEqual(2, code, stderr)
        self.assertEqual({}, inputs)
        for phrase in phrases:
            self.assertIn(phrase, stderr)

    def test_only_movielens(self):
        write(self.dir / "ml-latest-small", ML_LATEST)
        code, inputs, stderr = layout(self.dir)
        self.assertEqual(0, code, stderr)
        self.assertEqual({"movielens": str(self.dir / "ml-latest-small"), "imdb": "", "catalog": "", "tmdb": ""},
                         inputs)
        self.assertEqual(list(SOURCES), list(inputs))
        for source in ("imdb", "catalog", "tmdb"):
            self.assertIn(f"{source}: not in {self.dir}: left out", stderr)

    def test_every_source_in_the_documented_layout(self):
        write(self.dir / "ml-25m", ML_LATEST)
        write(self.dir / "imdb", IMDB)
        write(self.dir / "streaming-titles", CATALOG)
        write(self.dir / "tmdb", TMDB)
        code, inputs, stderr = layout(self.dir)
        self.assertEqual(0, code, stderr)
        self.assertEqual({"movielens": str(self.dir / "ml-25m"), "imdb": str(self.dir / "imdb"),
                          "catalog": str(self.dir / "streaming-titles"), "tmdb": str(self.dir / "tmdb")}, inputs)
        self.assertIn("title.basics.tsv.gz", stderr)
        self.assertIn("1 ratings file(s)", stderr)
        self.assertIn("movies_metadata.csv, credits.csv", stderr)
        self.assertNotIn("left out", stderr)

    def test_tmdb_5000_is_accepted(self):
        write(self.dir / "tmdb", TMDB_5000)
        code, inputs, stderr = layout(self.dir)
        self.assertEqual(0, code, stderr)
        self.assertEqual({"movielens": "", "imdb": "", "catalog": "", "tmdb": str(self.dir / "tmdb")}, inputs)
        self.assertIn("tmdb_5000_movies.csv, tmdb_5000_credits.csv", stderr)
        self.assertIn("TMDB 5000 Movie Dataset", stderr)

    def test_a_tmdb_folder_with_both_kaggle_layouts_or_neither_is_refused(self):
        write(self.dir / "tmdb", {**TMDB, **TMDB_5000})
        self.assertRefused(layout(self.dir), "holds both Kaggle TMDB layouts",
                           "(movies_metadata.csv, credits.csv)", "(tmdb_5000_movies.csv, tmdb_5000_credits.csv)")
        for name in ("movies_metadata.csv", "credits.csv", "tmdb_5000_movies.csv"):
            (self.dir / "tmdb" / name).unlink()
        self.assertRefused(layout(self.dir), "no movies_metadata.csv or tmdb_5000_movies.csv")

    def test_bundled_sample_has_the_layout(self):
        code, inputs, stderr = layout(ROOT / "data/sample")
        self.assertEqual(0, code, stderr)
        self.assertEqual({source: str(ROOT / "data/sample" / folder) for source, folder in
                          zip(SOURCES, ("ml-latest-small", "imdb", "streaming-titles", "tmdb"))}, inputs)

    def test_every_movielens_layout(self):
        for name, files in (("movielens", ML_LATEST), ("ml-1m", ML_1M), ("ml-100k", ML_100K)):
            with self.subTest(name=name), tempfile.TemporaryDirectory() as directory:
                write(pathlib.Path(directory) / name, files)
                code, inputs, stderr = layout(directory)
                self.assertEqual(0, code, stderr)
                self.assertEqual(str(pathlib.Path(directory).resolve() / name), inputs["movielens"])

    def test_movielens_zip_alone_or_beside_its_folder(self):
        (self.dir / "ml-32m.zip").write_bytes(b"PK\x05\x06" + bytes(18))
        self.assertEqual(str(self.dir / "ml-32m.zip"), layout(self.dir)[1]["movielens"])
        write(self.dir / "ml-32m", ML_LATEST)
        self.assertEqual(str(self.dir / "ml-32m"), layout(self.dir)[1]["movielens"])

    def test_two_movielens_releases_are_refused(self):
        write(self.dir / "ml-latest-small", ML_LATEST)
        write(self.dir / "ml-1m", ML_1M)
        self.assertRefused(layout(self.dir), "holds 2 MovieLens releases", "MOVIEREC_MOVIELENS_INPUT")

    def test_a_release_missing_a_file_it_needs_is_refused(self):
        write(self.dir / "ml-25m", {"movies.csv": ML_LATEST["movies.csv"]})
        self.assertRefused(layout(self.dir), "ml-25m: a MovieLens release", "without ratings.csv")

    def test_a_source_folder_without_its_files_is_refused(self):
        cases = {"imdb": ({"title.ratings.tsv": IMDB["title.ratings.tsv"]}, "no title.basics.tsv"),
                 "streaming-titles": ({"catalog.csv": "x\n"}, "none of amazon_prime_titles.csv"),
                 "tmdb": ({"credits.csv": TMDB["credits.csv"], "tmdb_5000_credits.csv": "movie_id\n"},
                          "holds both Kaggle TMDB layouts"),
                 "ml-foo": ({"README.txt": "x\n"}, "not a MovieLens release")}
        for folder, (files, phrase) in cases.items():
            with self.subTest(folder=folder), tempfile.TemporaryDirectory() as directory:
                write(pathlib.Path(directory) / "ml-latest-small", ML_LATEST)
                write(pathlib.Path(directory) / folder, files)
                self.assertRefused(layout(directory), phrase)

    def test_nothing_usable_is_refused_naming_the_layout(self):
        write(self.dir, {"README.txt": "my downloads\n", "other/netflix_titles.csv": CATALOG["netflix_titles.csv"]})
        self.assertRefused(layout(self.dir), f"{self.dir} holds nothing to load", "DIR/imdb/title.basics.tsv[.gz]",
                           "DIR/streaming-titles/", "DIR/tmdb/movies_metadata.csv", "DIR/ml-*/")

    def test_a_missing_folder_or_a_file_is_refused(self):
        self.assertRefused(layout(self.dir / "nowhere"), f"{self.dir / 'nowhere'}: no such folder", "expected")
        write(self.dir, {"file.csv": "x\n"})
        self.assertRefused(layout(self.dir / "file.csv"), "not a folder")

    def test_settings_take_over_from_the_folder(self):
        write(self.dir / "ml-latest-small", ML_LATEST)
        write(self.dir / "imdb", IMDB)
        code, inputs, stderr = layout(self.dir, MOVIEREC_IMDB_INPUT="", MOVIEREC_TMDB_INPUT="/elsewhere/tmdb")
        self.assertEqual(0, code, stderr)
        self.assertEqual({"movielens": str(self.dir / "ml-latest-small"), "imdb": "", "catalog": "",
                          "tmdb": "/elsewhere/tmdb"}, inputs)
        self.assertIn("imdb: left out (from MOVIEREC_IMDB_INPUT)", stderr)
        self.assertRefused(layout(self.dir, MOVIEREC_MOVIELENS_INPUT="", MOVIEREC_IMDB_INPUT=""), "nothing to load")


class ScriptsRefuseBeforeStartingTest(unittest.TestCase):
    """bin/demo and bin/run-sample check --data before they start anything (no service, no MOVIEREC_HOME file)."""

    def setUp(self):
        temporary = tempfile.TemporaryDirectory(prefix="demo-data-")
        self.addCleanup(temporary.cleanup)
        self.dir = pathlib.Path(temporary.name).resolve()
        self.home = self.dir / "home"
        self.empty = self.dir / "downloads"
        self.empty.mkdir()

    def demo(self, *arguments, cwd=ROOT):
        return run(["bash", str(ROOT / "bin/demo"), *arguments], cwd=cwd, MOVIEREC_HOME=str(self.home),
                   SERVER_PORT="18999")

    def assertUsageError(self, result, *phrases):
        self.assertEqual(2, result.returncode, result.stdout + result.stderr)
        for phrase in phrases:
            self.assertIn(phrase, result.stderr)
        self.assertFalse(self.home.exists(), "nothing may start before the arguments are checked")

    def test_demo_refuses_a_folder_with_nothing_to_load(self):
        self.assertUsageError(self.demo("up", "--data", str(self.empty)), "holds nothing to load",
                              "DIR/imdb/title.basics.tsv[.gz]")

    def test_demo_refuses_a_missing_folder_relative_to_the_callers_folder(self):
        self.assertUsageError(self.demo("up", "--airflow", "--data", "not-there", cwd=self.dir),
                              f"{self.dir / 'not-there'}: no such folder")
        self.assertUsageError(self.demo("up", f"--data={self.dir / 'not-there'}"), "no such folder")

    def test_demo_usage_errors(self):
        for arguments in (("up", "--data"), ("up", "--data="), ("up", "--bogus"), ("sideways",)):
            with self.subTest(arguments=arguments):
                self.assertUsageError(self.demo(*arguments), "usage: bin/demo up [--airflow] [--data DIR]")

    def test_run_sample_refuses_before_starting(self):
        result = run(["bash", str(ROOT / "bin/run-sample"), "--data", str(self.empty)])
        self.assertEqual(2, result.returncode, result.stderr)
        self.assertIn("holds nothing to load", result.stderr)
        self.assertNotIn("==>", result.stdout)
        result = run(["bash", str(ROOT / "bin/run-sample"), "--sample"])
        self.assertEqual(2, result.returncode, result.stderr)
        self.assertIn("usage: bin/run-sample [--data DIR]", result.stderr)


class AirflowVariablesTest(unittest.TestCase):
    """bin/airflow gives the weekly refresh the inputs bin/data-layout finds in MOVIEREC_DATA (`bin/airflow env`)."""

    def setUp(self):
        if not (MOVIEREC_HOME / "airflow-venv/bin/python").exists():
            self.fail(f"no Airflow virtual environment in {MOVIEREC_HOME}: run bash bin/airflow install")
        temporary = tempfile.TemporaryDirectory(prefix="airflow-data-")
        self.addCleanup(temporary.cleanup)
        self.dir = pathlib.Path(temporary.name).resolve()

    def variables(self, **env):
        result = run(["bash", str(ROOT / "bin/airflow"), "env"], MOVIEREC_HOME=str(MOVIEREC_HOME), **env)
        inputs = {}
        for line in result.stdout.splitlines():
            for source in SOURCES:
                prefix = f"export AIRFLOW_VAR_MOVIEREC_{source.upper()}_INPUT="
                if line.startswith(prefix):
                    inputs[source] = line[len(prefix):].strip("'")
        return result.returncode, inputs, result.stderr

    def test_inputs_from_the_data_folder(self):
        write(self.dir / "ml-latest-small", ML_LATEST)
        write(self.dir / "streaming-titles", CATALOG)
        code, inputs, stderr = self.variables(MOVIEREC_DATA=str(self.dir))
        self.assertEqual(0, code, stderr)
        self.assertEqual({"movielens": str(self.dir / "ml-latest-small"), "imdb": "",
                          "catalog": str(self.dir / "streaming-titles"), "tmdb": ""}, inputs)

    def test_without_a_data_folder_the_sample(self):
        code, inputs, stderr = self.variables(MOVIEREC_DATA="")
        self.assertEqual(0, code, stderr)
        self.assertEqual(str(ROOT / "data/sample/ml-latest-small"), inputs["movielens"])
        self.assertEqual(str(ROOT / "data/sample/tmdb"), inputs["tmdb"])

    def test_a_data_folder_with_nothing_to_load_is_refused(self):
        code, inputs, stderr = self.variables(MOVIEREC_DATA=str(self.dir))
        self.assertEqual(2, code, stderr)
        self.assertEqual({}, inputs)
        self.assertIn("holds nothing to load", stderr)


if __name__ == "__main__":
    unittest.main()
