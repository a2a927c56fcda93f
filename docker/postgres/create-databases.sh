#!/usr/bin/env bash
# First start of the PostgreSQL container (/docker-entrypoint-initdb.d): the platform's database exists already
# (POSTGRES_DB, owned by POSTGRES_USER); this adds MLflow's, MLflow's user store and Airflow's, owned by the same
# role, as bin/services does natively.
set -euo pipefail
for db in "${MLFLOW_DB:-mlflow}" "${MLFLOW_AUTH_DB:-mlflow_auth}" "${AIRFLOW_DB:-airflow}"; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -c "create database \"$db\" owner \"$POSTGRES_USER\" encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0"
done
