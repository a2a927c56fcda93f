"""The platform's data and model as Airflow assets, so that other DAGs can be scheduled on their updates."""

from airflow.sdk import Asset

from movierec_dags.settings import SOURCES

# The tables each ingestion writes (PostgreSQL, the platform's database).
SOURCE_DATA = {source: Asset(name=f"movierec_{source}_data", uri=f"x-movierec://postgres/{source}",
                             group="movierec-data") for source in SOURCES}
# catalog_title_movies, written by `link`
LINKED_DATA = Asset(name="movierec_linked_data", uri="x-movierec://postgres/catalog_title_movies",
                    group="movierec-data")
# a new version of the registered model in MLflow
MODEL = Asset(name="movierec_model", uri="x-movierec://mlflow/registered-model", group="movierec-model")
