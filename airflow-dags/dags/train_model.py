"""
# train_model

Trains one model on the current ratings, started by hand: **Trigger** (the play button) opens a form.

* **model_type**: one of the training jar's models.
* Its hyper-parameters, in the section of that model (defaults and bounds are the jar's; the sections of the
  other models are ignored).
* **tune** and **trials**: instead of one training, a random search of `trials` trials over the model's
  declared search space (`training.jar tune`); a hyper-parameter left at its default is searched, one changed
  in the form is fixed at the value given.
* **promote**: whether the new version may become `champion` (it does only if it beats the current
  champion on the same split); off: it is registered as `challenger` whatever its score.

The task log shows the MLflow run id and its link (`MLflow run ... started: http://...`); the task's XCom
holds the run id, its link, the registered version and its alias. Settings: `airflow-dags/README.md`.
"""

import json

import pendulum
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, Param

from movierec_dags import assets, commands, settings
from movierec_dags.hyper_parameters import MODELS, param_key


def _form() -> dict:
    params = {
        "model_type": Param("mf", type="string", enum=sorted(MODELS), title="Model type",
                            description="; ".join(f"{m}: {MODELS[m][0]}" for m in sorted(MODELS))),
        "tune": Param(False, type="boolean", title="Hyper-parameter search",
                      description="random search instead of one training (fields left at their default are searched)"),
        "trials": Param(10, type="integer", minimum=1, maximum=1000, title="Trials of the search"),
        "promote": Param(True, type="boolean", title="Promotion allowed",
                         description="the new version may become champion if it beats the current one"),
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
    "{% set value = params[params.model_type ~ '_' ~ name] %}"
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
    BashOperator(
        task_id="train",
        bash_command=commands.train_from_form(HYPER_PARAMETER_WORDS),
        env=settings.java_env(),
        append_env=True,
        execution_timeout=settings.TRAINING_TIMEOUT,
        output_processor=json.loads,
        outlets=[assets.MODEL],
        doc_md="Runs training.jar train (or tune) with the form's values; the log links the MLflow run.",
    )
