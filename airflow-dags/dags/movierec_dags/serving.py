"""The serving reload task: asks the serving application to load the registered model's champions now."""

import logging

from airflow.sdk import task

from movierec_dags import settings

log = logging.getLogger(__name__)

# serving's answers that mean the champion is not being served (see docs/serving.md, "The models served")
FAILED_OUTCOMES = ("REFUSED", "UNREACHABLE")


@task(task_id="reload_serving", execution_timeout=settings.HTTP_TIMEOUT,
      doc_md="POST /api/model/reload with serving's admin login (connection movierec_serving); "
             "skipped when the connection is not configured.")
def reload_serving() -> dict:
    from airflow.providers.http.hooks.http import HttpHook
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowException, AirflowNotFoundException, AirflowSkipException

    try:
        Connection.get(settings.SERVING_CONNECTION)
    except AirflowNotFoundException:
        message = (f"no serving configured (no Airflow connection '{settings.SERVING_CONNECTION}'; bin/airflow "
                   "creates it from SERVING_URL, SERVING_ADMIN_USERNAME, SERVING_ADMIN_PASSWORD): reload skipped")
        log.info(message)
        raise AirflowSkipException(message)
    hook = HttpHook(method="POST", http_conn_id=settings.SERVING_CONNECTION)
    response = hook.run("/api/model/reload", extra_options={"timeout": settings.HTTP_TIMEOUT.total_seconds()})
    answer = response.json()
    predictor = answer.get("predictor") or {}
    log.info("serving answered, ranker: %s (registered version %s): %s", answer.get("outcome"),
             answer.get("registeredVersion"), answer.get("message"))
    log.info("serving answered, rating predictor: %s (registered version %s): %s", predictor.get("outcome"),
             predictor.get("registeredVersion"), predictor.get("message"))
    for role, outcome in (("ranker", answer), ("rating predictor", predictor)):
        if outcome.get("outcome") in FAILED_OUTCOMES:
            raise AirflowException(f"serving did not load the {role}'s champion: {outcome.get('outcome')}: "
                                   f"{outcome.get('message')}")
    return answer
