package org.movierec.training;

import javax.sql.DataSource;
import org.mlflow.tracking.MlflowClient;
import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.MlflowRegistry;
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
import org.movierec.training.tracking.RunTracker;
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
        return new MlflowServer(mlflow.trackingUri(), mlflow.experiment(), mlflow.registeredModel(), commit,
                new RunTracker(new MlflowClient(mlflow.trackingUri())), new MlflowArtifacts(mlflow.trackingUri()),
                new MlflowRegistry(mlflow.trackingUri()));
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
