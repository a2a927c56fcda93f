"""Every model type of the training jars with its hyper-parameters: name, kind, default and bounds, exactly as
the trainers declare them (training/src/main/java/org/movierec/training/train/*Trainer.java and dl4j/*Trainer.java,
training-spark/src/main/java/org/movierec/training/spark/AlsTrainer.java, through HyperParameters.integer/real/seed).
airflow-dags/tests check the names and defaults against `java -jar training.jar --help` and
`bin/spark submit train --help`, so a change in a jar that is not made here fails the tests.
"""

from typing import NamedTuple


class HyperParameter(NamedTuple):
    name: str
    kind: str  # "integer" or "number" (JSON schema types of the Airflow form)
    default: float
    minimum: float | None
    maximum: float | None


def _i(name, default, minimum=None, maximum=None):
    return HyperParameter(name, "integer", default, minimum, maximum)


def _r(name, default, minimum, maximum):
    return HyperParameter(name, "number", default, minimum, maximum)


MODELS = {
    "bias": ("global mean + user and item biases (ALS)",
             [_i("epochs", 10, 1, 1000), _r("reg_item", 10.0, 0, 1e6), _r("reg_user", 15.0, 0, 1e6)]),
    "popularity": ("number of liked ratings (optionally decayed), the same list for everyone",
                   [_r("liked_rating", 3.5, 0, 10), _r("half_life_days", 0.0, 0, 1e6)]),
    "mf": ("biased matrix factorisation by SGD (rating predictor)",
           [_i("factors", 100, 1, 1000), _i("epochs", 40, 1, 1000), _r("learning_rate", 0.01, 1e-6, 1),
            _r("reg", 0.05, 0, 10), _r("init_std", 0.1, 0, 1), _r("fold_in_reg", 0.0, 0, 1e6),
            _r("fold_in_reg_per_rating", 0.15, 0, 1e6), _i("seed", 42)]),
    "ease": ("EASE, closed-form item-item top-N ranker",
             [_r("lambda", 150.0, 1e-3, 1e7), _r("rating_power", 1.0, 0, 4),
              _i("max_items", 20000, 1, 40000), _i("min_item_ratings", 3, 1, 1000000),
              _i("max_weights", 25000000, 1, 2000000000)]),
    "knn": ("item neighbours weighted by similarity, as Surprise's KNNBaseline (rating predictor)",
            [_i("neighbours", 300, 1, 10000), _r("shrinkage", 100.0, 0, 1e6), _i("baseline_epochs", 10, 1, 1000),
             _r("reg_item", 10.0, 0, 1e6), _r("reg_user", 15.0, 0, 1e6), _i("max_items", 20000, 2, 200000)]),
    "knn-learned": ("item neighbours with learned weights, Koren's global neighbourhood model (rating predictor)",
                    [_i("neighbours", 100, 1, 10000), _r("shrinkage", 100.0, 0, 1e6), _i("epochs", 50, 1, 1000),
                     _r("learning_rate", 0.005, 1e-6, 1), _r("reg", 0.01, 0, 10), _i("baseline_epochs", 10, 1, 1000),
                     _r("reg_item", 10.0, 0, 1e6), _r("reg_user", 15.0, 0, 1e6), _i("max_items", 20000, 2, 200000),
                     _i("seed", 42)]),
    "autorec": ("item-based AutoRec (DL4J, rating predictor)",
                [_i("hidden_units", 100, 1, 10000), _i("epochs", 10, 1, 10000), _r("learning_rate", 0.001, 1e-7, 1),
                 _r("l2", 0.003, 0, 100), _i("batch_size", 256, 1, 100000), _i("max_users", 50000, 1, 10000000),
                 _r("fold_in_reg", 100.0, 1e-6, 1e9), _r("fold_in_bias_reg", 3.0, 1e-6, 1e9), _i("seed", 42)]),
    "blend": ("least-squares blend of mf, autorec, bias, knn and knn-learned (rating predictor)",
              [_r("validation_fraction", 0.2, 0.05, 0.5), _i("seed", 42)]),
    "dae": ("Mult-DAE (DL4J, top-N ranker)",
            [_i("hidden_units", 200, 1, 10000), _i("epochs", 20, 1, 10000), _r("learning_rate", 0.003, 1e-7, 1),
             _r("l2", 0.001, 0, 100), _r("dropout", 0.5, 0, 0.95), _i("batch_size", 64, 1, 100000),
             _r("threshold", 3.5, 0, 1000), _i("max_items", 20000, 1, 1000000), _i("seed", 42)]),
    # trained on Spark (training-spark.jar through the Spark provider's SparkSubmitOperator)
    "als": ("Spark MLlib's explicit ALS (Spark, rating predictor)",
            [_i("factors", 50, 1, 1000), _i("iterations", 10, 1, 200), _r("reg", 0.15, 0, 10),
             _i("blocks", 10, 1, 100000), _i("seed", 42)]),
    "als-implicit": ("Spark MLlib's implicit ALS (Spark, top-N ranker)",
                     [_i("factors", 70, 1, 1000), _i("iterations", 13, 1, 200), _r("reg", 0.044, 0, 10),
                      _r("alpha", 0.34, 0, 1000), _i("blocks", 10, 1, 100000), _i("seed", 42)]),
}

# The model types training-spark.jar trains on Spark; the others are training.jar's, in one JVM.
SPARK_MODELS = ("als", "als-implicit")


def param_key(model: str, name: str) -> str:
    """The name of the form field of a model's hyper-parameter, e.g. mf_factors or als_implicit_alpha."""
    return f"{model.replace('-', '_')}_{name}"
