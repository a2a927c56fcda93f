"""
# train_model

Trains one model on the current ratings, started by hand: **Trigger** (the play button) opens a form.

* **model_type**: one of the training jars' models; `als` and `als-implicit` train on Spark (training-spark.jar
  through the Spark provider's SparkSubmitOperator, on the master of the connection `movierec_spark`), the
  others in one JVM (training.jar).
* Its hyper-parameters, in the section of that model (defaults and bounds are the jar's; the sections of the
  other models are ignored).
* **tune** and **trials**: instead of one training, a random search of `trials` trials over the model's
  declared search space (`training.jar tune`); a hyper-parameter left at its default is searched, one changed
  in the form is fixed at the value given.
* **promote**: whether the new version may become `champion` (it does only if it beats the current
  champion on the same split); off: it is registered as `challenger` whatever its score.
* **spark_executor_memory** and **spark_total_executor_cores** (section Spark): the executors of a Spark
  model's run on a standalone master; a size such as `lots` is refused by the form before anything runs.

The task log shows the MLflow run id and its link (`MLflow run ... started: http://...`); the XCom of `train`
(in one JVM) or `spark_result` (on Spark) holds the run id, its link, the registered version and its alias.
Settings: `airflow-dags/README.md`.
"""

import json

import pendulum
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, Param, task

from movierec_dags import assets, commands, settings, spark
from movierec_dags.hyper_parameters import MODELS, SPARK_MODELS, param_key

# a JVM memory size, as spark-submit takes it
MEMORY_SIZE = r"^[1-9][0-9]*[kKmMgGtT]?$"


def _form() -> dict:
    params = {
        "model_type": Param("mf", type="string", enum=sorted(MODELS), title="Model type",
                            description="; ".join(f"{m}: {MODELS[m][0]}" for m in sorted(MODELS))),
        "tune": Param(False, type="boolean", title="Hyper-parameter search",
                      description="random search instead of one training (fields left at their default are searched)"),
        "trials": Param(10, type="integer", minimum=1, maximum=1000, title="Trials of the search"),
        "promote": Param(True, type="boolean", title="Promotion allowed",
                         description="the new version may become champion if it beats the current one"),
        "spark_executor_memory": Param("1g", type="string", pattern=MEMORY_SIZE, title="Executor memory",
                                       section="Spark", description="e.g. 1g or 512m (Spark models only)"),
        "spark_total_executor_cores": Param(2, type="integer", minimum=1, maximum=100000, title="Cores in all",
                                            section="Spark", description="the application's cores on a "
                                                                         "standalone master (Spark models only)"),
    }
    for model, (description, hyper_parameters) in MODELS.items():
        for hp in hyper_parameters:
            bounds = {key: value for key, value in (("minimum", hp.minimum), ("maximum", hp.maximum))
                      if value is not None}
            params[param_key(model, hp.name)] = Param(hp.default, type=hp.kind, title=hp.name, section=model,
                                                      description=f"{model}: {description}", **bounds)
    return params


# name=value words of the chosen model's fields: every field for train, only the changed ones for tune
HYPER_PARAMETER_WORDS = (
    "{% for name, default in hyper_parameter_defaults[params.model_type].items() %}"
    "{% set value = params[params.model_type | replace('-', '_') ~ '_' ~ name] %}"
    "{% if not params.tune or value != default %}{{ name }}={{ value }} {% endif %}"
    "{% endfor %}"
)

with DAG(
    dag_id="train_model",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=settings.DEFAULT_ARGS,
    params=_form(),
    user_defined_macros={"hyper_parameter_defaults": {m: {hp.name: hp.default for hp in hps}
                                                      for m, (_, hps) in MODELS.items()}},
    tags=["movierec", "training"],
    doc_md=__doc__,
) as dag:
    @task.branch(execution_timeout=settings.HTTP_TIMEOUT,
                 doc_md="Chooses the engine of the model: Spark for als and als-implicit, else one JVM.")
    def choose_engine(model_type: str) -> str:
        return "train_on_spark" if model_type in SPARK_MODELS else "train"

    train = BashOperator(
        task_id="train",
        bash_command=commands.train_from_form(HYPER_PARAMETER_WORDS),
        env=settings.java_env(),
        append_env=True,
        execution_timeout=settings.TRAINING_TIMEOUT,
        output_processor=json.loads,
        outlets=[assets.MODEL],
        doc_md="Runs training.jar train (or tune) with the form's values; the log links the MLflow run.",
    )
    train_on_spark = spark.submit(
        task_id="train_on_spark",
        application_args=[
            "{{ 'tune' if params.tune else 'train' }}",
            "--model={{ params.model_type }}",
            "{{ '--trials=%d' % params.trials if params.tune else '' }}",
            HYPER_PARAMETER_WORDS,
            "{{ '' if params.promote else '--no-promote' }}",
            "--run-name={{ params.model_type }}-{{ %s | ts_nodash }}" % commands.RUN_DATE,
        ],
        executor_memory="{{ params.spark_executor_memory }}",
        total_executor_cores="{{ params.spark_total_executor_cores }}",
        outlets=[assets.MODEL],
        doc_md="spark-submit of training-spark.jar train (or tune) with the form's values; the log links the "
               "MLflow run.",
    )
    choose_engine("{{ params.model_type }}") >> [train, train_on_spark]
    train_on_spark >> spark.read_result.override(task_id="spark_result")(spark.RESULT_FILE)
