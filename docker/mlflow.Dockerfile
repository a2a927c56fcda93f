# syntax=docker/dockerfile:1
# The MLflow tracking server, the same pinned packages as bin/services installs (bin/requirements/mlflow.txt,
# with psycopg2 for the PostgreSQL backend store and Flask-WTF for the basic-auth app), and the script of the
# one-shot service mlflow-users. Context: the repository root.
FROM python:3.11.7-slim-bookworm
COPY bin/requirements/mlflow.txt /tmp/mlflow-requirements.txt
RUN pip install --no-cache-dir --disable-pip-version-check -r /tmp/mlflow-requirements.txt \
 && useradd --system --uid 10001 mlflow && mkdir -p /var/lib/mlflow/artifacts && chown -R mlflow /var/lib/mlflow
COPY docker/mlflow/mlflow-users.py /opt/movierec/mlflow-users.py
USER mlflow
EXPOSE 5000
ENTRYPOINT ["mlflow", "server"]
