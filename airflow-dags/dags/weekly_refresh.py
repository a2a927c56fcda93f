"""
# weekly_refresh

The platform's weekly job, every Sunday at midnight (UTC), one run at a time, no catch-up:

1. **ingest_movielens, ingest_imdb, ingest_catalog, ingest_tmdb** in parallel: `etl-batch.jar SOURCE
   --input=...` with the input of the Variable `movierec_<source>_input`. A source without input is
   *skipped* (the log says so) and the rest goes on. Unchanged input returns at once and says so.
2. **link_sources**: `etl-batch.jar link` (runs when no ingestion failed, skipped ones allowed).
   Then **score_champions**: `training.jar monitor` scores each role's champion (`champion`,
   `predictor-champion`) on the ratings made after its training snapshot, beside a baseline trained on that
   snapshot, and logs a point for the week to the role's MLflow monitoring run (`monitor-ranker`,
   `monitor-predictor`); a drop (the rule: Variables `movierec_monitor_*`) is tagged on the version, and
   promotion then waives the minimum improvement against that champion. **check_champions** (beside the
   training) fails, naming the model, the figure and by how much, and posts it to the Variable
   `movierec_monitor_webhook` when set: the run shows failed while the retraining goes on.
3. **choose_engine**, then **train_default_model**: `training.jar train` of the Variable `movierec_default_model`
   (`ease`) with `movierec_default_model_params`, registered *without* promotion; `--skip-unchanged` trains
   nothing when that configuration already has a version trained on this very ratings snapshot. The MLflow
   run id and its UI link are in the task log; the XCom holds the version. A Spark model (`als`,
   `als-implicit`) trains instead in **train_default_model_on_spark** (training-spark.jar through the Spark
   provider's SparkSubmitOperator, on the master of the connection `movierec_spark`, executors as the
   Variables `movierec_spark_executor_memory` and `movierec_spark_total_executor_cores` say), and
   **spark_training_result** holds the version.
   Beside it, **train_default_predictor** trains the rating predictor of the Variable
   `movierec_default_predictor` (`knn-learned`; empty: skipped) with `movierec_default_predictor_params` the same way,
   in one JVM.
4. **evaluate_and_promote**, then **promote_predictor**: `training.jar promote --version=N` scores each new
   version and the current champion and challenger of every role it competes in (the top-N ranker by NDCG@10,
   the rating predictor by RMSE) on the same split of today's data; the new one becomes that role's champion
   (`champion`, `predictor-champion`) only if it is better, and challenger if it beats the challenger.
5. **reload_serving**: `POST /api/model/reload` through the HTTP connection `movierec_serving` (serving's
   URL and admin login), which loads both champions; without that connection the task is skipped and says so.

Assets: each ingestion updates `movierec_<source>_data`, linking `movierec_linked_data`, training
`movierec_model`. Settings: `airflow-dags/README.md`.
"""

import json

import pendulum
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, TriggerRule, task

from movierec_dags import assets, commands, settings, spark
from movierec_dags.hyper_parameters import SPARK_MODELS
from movierec_dags.monitoring import check_champions
from movierec_dags.serving import reload_serving

with DAG(
    dag_id="weekly_refresh",
    schedule="@weekly",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=settings.DEFAULT_ARGS,
    tags=["movierec", "ingestion", "training"],
    doc_md=__doc__,
) as dag:
    ingestions = [
        BashOperator(
            task_id=f"ingest_{source}",
            bash_command=commands.INGEST.format(source=source, run_date=commands.RUN_DATE),
            env={**settings.java_env(), "INPUT": settings.var(f"movierec_{source}_input")},
            append_env=True,
            execution_timeout=settings.ETL_TIMEOUT,
            outlets=[assets.SOURCE_DATA[source]],
            doc_md=f"Loads {source} from the Variable movierec_{source}_input; skipped when it is empty.",
        )
        for source in settings.SOURCES
    ]
    link = BashOperator(
        task_id="link_sources",
        bash_command=commands.LINK,
        env=settings.java_env(),
        append_env=True,
        execution_timeout=settings.ETL_TIMEOUT,
        trigger_rule=TriggerRule.NONE_FAILED,
        outlets=[assets.LINKED_DATA],
        doc_md="Links catalog titles to MovieLens movies; runs when no ingestion failed (skipped ones allowed).",
    )
    @task.branch(execution_timeout=settings.HTTP_TIMEOUT,
                 doc_md="Chooses the engine of the default model: Spark for als and als-implicit, else one JVM.")
    def choose_engine(model_type: str) -> str:
        return "train_default_model_on_spark" if model_type in SPARK_MODELS else "train_default_model"

    train_on_spark = spark.submit(
        task_id="train_default_model_on_spark",
        application_args=["train", "--model=" + settings.var("movierec_default_model"),
                          settings.var("movierec_default_model_params"), "--no-promote", "--skip-unchanged",
                          "--run-name=weekly-{{ %s | ds }}" % commands.RUN_DATE],
        executor_memory=settings.var("movierec_spark_executor_memory"),
        total_executor_cores=settings.var("movierec_spark_total_executor_cores"),
        outlets=[assets.MODEL],
        doc_md="spark-submit of training-spark.jar train for a Spark default model, registered without promotion.",
    )
    spark_result = spark.read_result.override(task_id="spark_training_result")(spark.RESULT_FILE)
    def training_task(task_id: str, command: str, variable: str, doc_md: str) -> BashOperator:
        """training.jar train of the model named by the Variable ``variable`` (and ``<variable>_params``)."""
        return BashOperator(
            task_id=task_id,
            bash_command=command,
            env={**settings.java_env(), "MODEL": settings.var(variable),
                 "MODEL_PARAMS": settings.var(f"{variable}_params")},
            append_env=True,
            execution_timeout=settings.TRAINING_TIMEOUT,
            output_processor=json.loads,
            outlets=[assets.MODEL],
            doc_md=doc_md,
        )

    def promotion_task(task_id: str, command: str, trigger_rule: str, doc_md: str) -> BashOperator:
        """training.jar promote of a version trained by this run."""
        return BashOperator(
            task_id=task_id,
            bash_command=command,
            env=settings.java_env(),
            append_env=True,
            execution_timeout=settings.TRAINING_TIMEOUT,
            output_processor=json.loads,
            trigger_rule=trigger_rule,
            doc_md=doc_md,
        )

    train = training_task(
        "train_default_model", commands.TRAIN_DEFAULT, "movierec_default_model",
        "Trains and registers the default model without promoting it; skipped work when nothing changed.")
    promote = promotion_task(
        "evaluate_and_promote", commands.PROMOTE, TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS,
        "Scores the new version and the champion on the same split; promotes the new one only if better.")
    train_predictor = training_task(
        "train_default_predictor", commands.TRAIN_PREDICTOR, "movierec_default_predictor",
        "Trains and registers the default rating predictor without promoting it; skipped work when nothing "
        "changed, skipped when none is configured.")
    promote_predictor = promotion_task(
        "promote_predictor", commands.PROMOTE_PREDICTOR, TriggerRule.NONE_FAILED,
        "Scores the new rating predictor and each role's champion and challenger on the same split; "
        "promotes it only where it is better. Skipped when no predictor was trained.")

    score = BashOperator(
        task_id="score_champions",
        bash_command=commands.MONITOR,
        env={**settings.java_env(),
             "BASELINE_TOLERANCE": settings.var("movierec_monitor_baseline_tolerance"),
             "MAX_RELATIVE_DROP": settings.var("movierec_monitor_max_relative_drop"),
             "MIN_NEW_RATINGS": settings.var("movierec_monitor_min_new_ratings")},
        append_env=True,
        execution_timeout=settings.TRAINING_TIMEOUT,
        output_processor=json.loads,
        doc_md="training.jar monitor: each role's champion on the ratings made after its snapshot, a weekly point "
               "in its MLflow monitoring run; drops tagged on the version. Before training.",
    )
    check = check_champions(score.output, settings.var("movierec_monitor_webhook"))

    engine = choose_engine(settings.var("movierec_default_model"))
    reload = reload_serving.override(trigger_rule=TriggerRule.NONE_FAILED)()
    ingestions >> link >> score >> engine >> [train, train_on_spark]
    train_on_spark >> spark_result
    # one promotion at a time: both move the same registered model's aliases
    [train, spark_result] >> promote >> promote_predictor >> reload
    score >> train_predictor >> promote_predictor
