"""The alert of the champion monitoring: fails when score_champions found a drop, and tells the webhook."""

import logging

from airflow.sdk import task

from movierec_dags import settings

log = logging.getLogger(__name__)


@task(task_id="check_champions", execution_timeout=settings.HTTP_TIMEOUT, retries=0,
      doc_md="Fails when a champion dropped on the ratings made after its snapshot (score_champions' result), "
             "with the model, the figure and by how much; posts the same to the Variable movierec_monitor_webhook "
             "when it is set. Not retried: a drop is not transient.")
def check_champions(result: dict, webhook: str) -> list:
    from airflow.sdk.exceptions import AirflowException

    for check in result.get("checks", []):
        log.info("%s (%s)", check["message"], check["run_url"])
    drops = result.get("drops", [])
    if not drops:
        return [check["message"] for check in result.get("checks", [])]
    text = "movierec: a champion dropped on the ratings made after its training snapshot:\n" + "\n".join(drops)
    if webhook:
        import requests

        try:
            response = requests.post(webhook, json={"text": text, "drops": drops,
                                                    "runs": [c["run_url"] for c in result["checks"] if c["drop"]]},
                                     timeout=settings.HTTP_TIMEOUT.total_seconds())
            log.info("webhook %s answered HTTP %s", webhook, response.status_code)
        except requests.RequestException as e:
            log.warning("webhook %s not reached: %s", webhook, e)
    raise AirflowException(text)
