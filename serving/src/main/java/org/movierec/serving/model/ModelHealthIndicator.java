package org.movierec.serving.model;

import org.movierec.mlflow.ModelRole;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code model} component of {@code /actuator/health} and of the readiness group: always UP (the
 * application serves accounts and cold-start answers without a model), with details saying whether a model
 * is loaded and which version, and since when the alias of a version served is gone from the registry (it stays
 * UP: that version goes on serving).
 */
@Component("model")
class ModelHealthIndicator implements HealthIndicator {

    private final CurrentModel current;

    ModelHealthIndicator(CurrentModel current) {
        this.current = current;
    }

    @Override
    public Health health() {
        Health.Builder health = current.get()
                .map(model -> Health.up().withDetail("loaded", true).withDetail("name", model.name())
                        .withDetail("version", model.version()).withDetail("strategy", "model"))
                .orElseGet(() -> Health.up().withDetail("loaded", false).withDetail("strategy", "cold-start"));
        current.aliasRemovedAt(ModelRole.RANKER).ifPresent(at -> health.withDetail("aliasRemovedAt", at.toString()));
        current.aliasRemovedAt(ModelRole.PREDICTOR)
                .ifPresent(at -> health.withDetail("predictorAliasRemovedAt", at.toString()));
        return health.withDetail("predictorVersion", current.get(ModelRole.PREDICTOR).map(LoadedModel::version)
                .map(Object::toString).orElse("none")).build();
    }
}
