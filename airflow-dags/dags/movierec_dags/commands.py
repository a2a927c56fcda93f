"""The shell commands of the tasks: each runs one of the project's jars and nothing else.

A command that registers or scores a model writes the jar's --result-file and prints it as its last line,
so the task's XCom is that JSON object (run_id, run_url, registered_model, version, alias, predictor_alias,
skipped).
Exit code 99 skips a task (BashOperator's skip_on_exit_code); every other non-zero exit code of a jar
fails it.
"""

# The run's logical date; a run triggered without one (REST API with "logical_date": null) has none in Airflow
# 3, and then the time it was queued for (run_after) stands in.
RUN_DATE = "(logical_date if logical_date is defined and logical_date else dag_run.run_after)"

INGEST = """
if [ -z "$INPUT" ]; then
  echo "{source}: no input configured (Airflow Variable movierec_{source}_input is unset or empty): ingestion skipped"
  exit 99
fi
echo "{source}: ingesting $INPUT (run {{{{ run_id }}}}, date {{{{ {run_date} | ds }}}})"
exec java $JAVA_OPTS -jar "$ETL_JAR" {source} --input="$INPUT"
"""

LINK = """
echo "linking the sources (run {{ run_id }}, date {{ %s | ds }})"
exec java $JAVA_OPTS -jar "$ETL_JAR" link
""" % RUN_DATE

# the training jar with the arguments given, then its result as the last line of output (the XCom)
_TRAINING = """
set -euo pipefail -f
result=$(mktemp)
trap 'rm -f "$result"' EXIT
java $JAVA_OPTS -jar "$TRAINING_JAR" {arguments} --result-file="$result"
cat "$result"
"""

# --skip-unchanged: a configuration already trained on this snapshot is not trained again
TRAIN_DEFAULT = _TRAINING.format(arguments='train --model="$MODEL" $MODEL_PARAMS --no-promote --skip-unchanged '
                                           '--run-name="weekly-{{ %s | ds }}"' % RUN_DATE)

# the rating predictor, in one JVM; none configured skips it
TRAIN_PREDICTOR = """
if [ -z "$MODEL" ]; then
  echo "no rating predictor configured (Airflow Variable movierec_default_predictor is empty): training skipped"
  exit 99
fi
""" + _TRAINING.format(arguments='train --model="$MODEL" $MODEL_PARAMS --no-promote --skip-unchanged '
                                 '--run-name="weekly-predictor-{{ %s | ds }}"' % RUN_DATE)

# each role's champion scored on the ratings made after its training snapshot (the rule from the Variables)
MONITOR = _TRAINING.format(arguments='monitor --baseline-tolerance="$BASELINE_TOLERANCE" '
                                     '--max-relative-drop="$MAX_RELATIVE_DROP" --min-new-ratings="$MIN_NEW_RATINGS"')

# the ranker's version, trained in one JVM or on Spark, whichever ran
PROMOTE = _TRAINING.format(arguments="promote --version={{ (ti.xcom_pull(task_ids='train_default_model') or "
                                     "ti.xcom_pull(task_ids='spark_training_result'))['version'] }}")

# the rating predictor's version, unless none was trained
PROMOTE_PREDICTOR = ("{% if ti.xcom_pull(task_ids='train_default_predictor') %}"
                     + _TRAINING.format(arguments="promote --version={{ ti.xcom_pull(task_ids='train_default_predictor')"
                                                  "['version'] }}")
                     + """{% else %}
echo "no rating predictor was trained: nothing to promote"
exit 99
{% endif %}""")


def train_from_form(hyper_parameter_words: str) -> str:
    """train or tune from the train_model form; ``hyper_parameter_words`` is a Jinja snippet."""
    arguments = ("{{ 'tune --trials=%d' % params.trials if params.tune else 'train' }} --model={{ params.model_type }} "
                 + hyper_parameter_words
                 + " {{ '' if params.promote else '--no-promote' }}"
                 + ' --run-name="{{ params.model_type }}-{{ %s | ts_nodash }}"' % RUN_DATE)
    return _TRAINING.format(arguments=arguments)
