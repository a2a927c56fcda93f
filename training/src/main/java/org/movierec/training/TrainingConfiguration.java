package org.movierec.training;

import javax.sql.DataSource;
import org.movierec.training.content.ContentIndexBuilder;
import org.movierec.training.data.RatingsReader;
import org.movierec.training.eval.EvaluationSettings;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.run.MlflowServer;
import org.movierec.training.run.EvaluationRun;
import org.movierec.training.run.MonitoringRun;
import org.movierec.training.run.PromotionRun;
import org.movierec.training.run.TrainingRun;
import org.movierec.training.run.TuningRun;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires a training run from the settings: the database, the MLflow server and the evaluation. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrainingProperties.class)
class TrainingConfiguration {

    @Bean
    MlflowServer mlflowServer(TrainingProperties properties, ObjectProvider<GitProperties> git) {
        TrainingProperties.Mlflow mlflow = properties.mlflow();
        GitProperties gitProperties = git.getIfAvailable();
        String commit = gitProperties != null ? gitProperties.getCommitId() : System.getenv("GIT_COMMIT");
        return MlflowServer.connect(mlflow.trackingUri(), mlflow.credentials(), mlflow.experiment(),
                mlflow.registeredModel(), commit, "training.jar", mlflow.heartbeatInterval(), mlflow.orphanAfter());
    }

    @Bean
    Evaluator evaluator(TrainingProperties properties) {
        TrainingProperties.Evaluation evaluation = properties.evaluation();
        EvaluationSettings defaults = EvaluationSettings.defaults();
        return new Evaluator(new EvaluationSettings(evaluation.likedThreshold(), evaluation.k(), evaluation.maxUsers(),
                properties.split().seed(), defaults.threads()));
    }

    @Bean
    TrainingRun trainingRun(DataSource dataSource, MlflowServer mlflow, Evaluator evaluator,
                            TrainingProperties properties) {
        return new TrainingRun(new RatingsReader(dataSource), new ContentIndexBuilder(dataSource), mlflow, evaluator,
                properties.promotion().metrics(), properties.promotion().minImprovement(), properties.workDir());
    }

    @Bean
    TuningRun tuningRun(TrainingRun trainingRun, MlflowServer mlflow) {
        return new TuningRun(trainingRun, mlflow);
    }

    @Bean
    EvaluationRun evaluationRun(TrainingRun trainingRun, MlflowServer mlflow, Evaluator evaluator,
                                TrainingProperties properties) {
        return new EvaluationRun(trainingRun, mlflow, evaluator, properties.workDir());
    }

    @Bean
    MonitoringRun monitoringRun(TrainingRun trainingRun, MlflowServer mlflow, Evaluator evaluator,
                                TrainingProperties properties) {
        return new MonitoringRun(trainingRun, mlflow, evaluator, properties.workDir());
    }

    @Bean
    PromotionRun promotionRun(TrainingRun trainingRun, MlflowServer mlflow, Evaluator evaluator,
                              TrainingProperties properties) {
        return new PromotionRun(trainingRun, mlflow, evaluator, properties.workDir());
    }
}
