"""What the movierec DAGs share: settings, the assets, the commands that run the project's jars."""
