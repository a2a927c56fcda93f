"""Settings of the movierec DAGs.

Two kinds, both read without touching a database or the network:

* How tasks run (read from the environment when the DAG file is parsed; bin/airflow passes them on):
  MOVIEREC_TASK_RETRIES (default 1), MOVIEREC_TASK_RETRY_DELAY_S (300), MOVIEREC_ETL_TIMEOUT_S
  (10800: 3 h per ingestion task), MOVIEREC_TRAINING_TIMEOUT_S (14400: 4 h per training task),
  MOVIEREC_HTTP_TIMEOUT_S (600: the serving reload, which answers once a new ranker's similar-items table is
  built: about 3 minutes for a factor model of 87,585 movies on 2 cores).
* What tasks run against: Airflow Variables, read when a task runs (Jinja templates, never at parse time).
  A Variable comes from the UI (Admin > Variables) or from the environment as AIRFLOW_VAR_<NAME in capitals>;
  bin/airflow sets those from its own settings. See VARIABLES for each name, meaning and default.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

# airflow-dags/dags/movierec_dags/settings.py -> the repository root
REPO = Path(__file__).resolve().parents[3]


def _seconds(name: str, default: int) -> timedelta:
    return timedelta(seconds=int(os.environ.get(name, default)))


RETRIES = int(os.environ.get("MOVIEREC_TASK_RETRIES", 1))
RETRY_DELAY = _seconds("MOVIEREC_TASK_RETRY_DELAY_S", 300)
ETL_TIMEOUT = _seconds("MOVIEREC_ETL_TIMEOUT_S", 3 * 3600)
TRAINING_TIMEOUT = _seconds("MOVIEREC_TRAINING_TIMEOUT_S", 4 * 3600)
HTTP_TIMEOUT = _seconds("MOVIEREC_HTTP_TIMEOUT_S", 600)

DEFAULT_ARGS = {
    "owner": "movierec",
    "retries": RETRIES,
    "retry_delay": RETRY_DELAY,
}

# The ingestion sources, in the order of docs/ingestion.md.
SOURCES = ("movielens", "imdb", "catalog", "tmdb")

# The HTTP connection (HTTP provider) of serving, with its admin login; absent => the reload is skipped.
SERVING_CONNECTION = "movierec_serving"

# Variable name -> (default, meaning). Defaults equal those of the jars themselves.
VARIABLES = {
    "movierec_etl_jar": (str(REPO / "etl-batch/target/etl-batch.jar"), "the ingestion jar"),
    "movierec_training_jar": (str(REPO / "training/target/training.jar"), "the training jar"),
    "movierec_training_spark_jar": (str(REPO / "training-spark/target/training-spark.jar"),
                                    "the Spark training job (als, als-implicit), submitted to the connection "
                                    "movierec_spark"),
    "movierec_spark_executor_memory": ("1g", "memory of each Spark executor (weekly_refresh on Spark)"),
    "movierec_spark_total_executor_cores": ("2", "cores of the Spark application in all (weekly_refresh on Spark)"),
    "movierec_java_opts": ("", "options of every java command, e.g. -Xmx8g"),
    "movierec_omp_threads": ("1", "OMP_NUM_THREADS of the training JVM (ND4J's native threads)"),
    "movierec_database_url": ("jdbc:postgresql://localhost:5432/movies", "SPRING_DATASOURCE_URL of the jars"),
    "movierec_database_user": ("movies", "SPRING_DATASOURCE_USERNAME"),
    "movierec_database_password": ("movies", "SPRING_DATASOURCE_PASSWORD (masked in the UI and logs)"),
    "movierec_mlflow_uri": ("http://127.0.0.1:5000", "MLFLOW_TRACKING_URI"),
    "movierec_mlflow_username": ("", "MLFLOW_TRACKING_USERNAME: the MLflow user the jobs log in as, one that may write "
                                     "(bin/services' training user); empty: no login"),
    "movierec_mlflow_password": ("", "MLFLOW_TRACKING_PASSWORD (masked in the UI and logs)"),
    "movierec_experiment": ("movierec", "TRAINING_EXPERIMENT: the MLflow experiment of the runs"),
    "movierec_registered_model": ("movierec", "TRAINING_REGISTERED_MODEL: the registered model"),
    "movierec_default_model": ("ease", "the model type weekly_refresh trains (the best ranker by NDCG@10); "
                                       "als and als-implicit train on Spark"),
    "movierec_default_model_params": ("", "its hyper-parameters as name=value words (jar defaults otherwise)"),
    "movierec_default_predictor": ("knn-learned", "the rating predictor weekly_refresh trains beside it, in one JVM "
                                                  "(the best single model by RMSE; blend predicts better at about "
                                                  "four times its training time)"),
    "movierec_default_predictor_params": ("", "its hyper-parameters as name=value words (jar defaults otherwise)"),
    "movierec_search_trials": ("8", "TRAINING_SEARCH_TRIALS: trials of the search that chooses, on a validation cut "
                                    "of the train part, the hyper-parameters not given (0: the defaults)"),
    "movierec_monitor_baseline_tolerance": ("0.02", "score_champions: a champion that does worse than a baseline "
                                                    "trained on its snapshot (popularity; biases for the rating "
                                                    "predictor) on the new ratings by more than this share of the "
                                                    "baseline's figure has dropped"),
    "movierec_monitor_max_relative_drop": ("0", "score_champions: a drop also when it does worse than its own test "
                                                "figure by more than this share of it; 0: off"),
    "movierec_monitor_min_new_ratings": ("100", "score_champions: fewer new ratings than this are not judged"),
    "movierec_monitor_webhook": ("", "check_champions: a URL that receives a drop as a JSON POST "
                                     "({\"text\": ..., \"drops\": [...]}, Slack's incoming-webhook shape); empty: none"),
    **{f"movierec_{source}_input": ("", f"--input of the {source} ingestion; unset or empty: {source} is skipped")
       for source in SOURCES},
}


def var(name: str) -> str:
    """A Jinja expression for the Variable ``name`` (or its default), rendered when the task runs."""
    return "{{ var.value.get(%s, %s) }}" % (json.dumps(name), json.dumps(VARIABLES[name][0]))


def java_env() -> dict:
    """Environment of a task that runs a jar: the jars' own settings, from the Variables."""
    return {
        "ETL_JAR": var("movierec_etl_jar"),
        "TRAINING_JAR": var("movierec_training_jar"),
        "JAVA_OPTS": var("movierec_java_opts"),
        "OMP_NUM_THREADS": var("movierec_omp_threads"),
        "SPRING_DATASOURCE_URL": var("movierec_database_url"),
        "SPRING_DATASOURCE_USERNAME": var("movierec_database_user"),
        "SPRING_DATASOURCE_PASSWORD": var("movierec_database_password"),
        "MLFLOW_TRACKING_URI": var("movierec_mlflow_uri"),
        "MLFLOW_TRACKING_USERNAME": var("movierec_mlflow_username"),
        "MLFLOW_TRACKING_PASSWORD": var("movierec_mlflow_password"),
        "TRAINING_EXPERIMENT": var("movierec_experiment"),
        "TRAINING_REGISTERED_MODEL": var("movierec_registered_model"),
        "TRAINING_SEARCH_TRIALS": var("movierec_search_trials"),
    }
