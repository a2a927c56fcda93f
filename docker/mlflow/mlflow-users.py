"""Training's and serving's users of an MLflow server with the basic-auth app, with MLflow's own AuthServiceClient,
as the administrator (MLFLOW_TRACKING_USERNAME, MLFLOW_TRACKING_PASSWORD). Idempotent: a missing user is created, an
existing one gets the password of the environment, and training gets MANAGE on every experiment and registered model
(runs, model versions, aliases, and deleting its challenger aliases and failed runs). Serving gets no grant: the
server's default_permission READ is what it may do. The same as bin/services does for the local server.

Environment: MLFLOW_TRACKING_URI, MLFLOW_TRACKING_USERNAME, MLFLOW_TRACKING_PASSWORD (the administrator),
MLFLOW_TRAINING_USERNAME, MLFLOW_TRAINING_PASSWORD, MLFLOW_SERVING_USERNAME, MLFLOW_SERVING_PASSWORD.
"""
import os

from mlflow.exceptions import MlflowException
from mlflow.server.auth.client import AuthServiceClient


def ensure_user(client: AuthServiceClient, username: str, password: str) -> None:
    try:
        client.create_user(username, password)
        print(f"[mlflow-users] created user {username}")
    except MlflowException as e:
        if e.error_code != "RESOURCE_ALREADY_EXISTS":
            raise
        client.update_user_password(username, password)
        print(f"[mlflow-users] user {username} exists: password set")


def ensure_grant(client: AuthServiceClient, username: str, resource_type: str, permission: str) -> None:
    try:
        client.grant_user_permission(username, resource_type, "*", permission)
    except MlflowException as e:
        if e.error_code != "RESOURCE_ALREADY_EXISTS":
            raise
    print(f"[mlflow-users] {username}: {permission} on every {resource_type}")


def main() -> None:
    client = AuthServiceClient(os.environ["MLFLOW_TRACKING_URI"])
    training = os.environ["MLFLOW_TRAINING_USERNAME"]
    ensure_user(client, training, os.environ["MLFLOW_TRAINING_PASSWORD"])
    ensure_user(client, os.environ["MLFLOW_SERVING_USERNAME"], os.environ["MLFLOW_SERVING_PASSWORD"])
    for resource_type in ("experiment", "registered_model"):
        ensure_grant(client, training, resource_type, "MANAGE")


if __name__ == "__main__":
    main()
