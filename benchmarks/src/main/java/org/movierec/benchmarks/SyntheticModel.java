package org.movierec.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.tracking.MlflowClient;
import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.MlflowCredentials;
import org.movierec.mlflow.MlflowRegistry;
import org.movierec.training.run.MlflowServer;
import org.movierec.model.EaseModel;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.model.ModelManifest;
import org.movierec.model.Recommender;
import org.movierec.model.SavedModels;

/**
 * The serving benchmark's model ({@code bench/serving-topn.sh}): a model of the shape training would make from an
 * ml-32m-sized data set, with random parameters, registered in MLflow as the champion of a registered model of its
 * own. Training a real one of that size takes most of an hour; serving's cost depends only on the shape. Shapes:
 * {@code ease}, every movie of the catalogue in the index, the training's default cap of 20,000 modelled items
 * with the training's default of 25 million weights in all (1,250 a row) and its default {@code rating_power} 1;
 * {@code mf}, 100 factors for every movie.
 * No Spring, no database; runs on training.jar's classpath (bench/bench-classes.sh).
 *
 * <pre>usage: SyntheticModel TYPE MOVIES_CSV TRACKING_URI REGISTERED_MODEL</pre>
 */
public final class SyntheticModel {

    private static final int EASE_MODELLED = 20_000;
    /** The training's default {@code max_weights} of EASE. */
    private static final int EASE_MAX_WEIGHTS = 25_000_000;
    private static final int MF_FACTORS = 100;

    private SyntheticModel() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4 || !(args[0].equals("ease") || args[0].equals("mf"))) {
            System.err.println("usage: SyntheticModel ease|mf MOVIES_CSV TRACKING_URI REGISTERED_MODEL");
            System.exit(2);
        }
        IdIndex movies = IdIndex.of(movieIds(Path.of(args[1])));
        SplittableRandom random = new SplittableRandom(42);
        Recommender model = args[0].equals("ease") ? ease(movies, random) : mf(movies, random);
        int version = register(model, args[2], args[3]);
        System.out.printf("registered %s over %,d movies as version %d of %s (alias champion)%n", model.type(),
                movies.size(), version, args[3]);
    }

    private static long[] movieIds(Path moviesCsv) throws IOException {
        try (Stream<String> lines = Files.lines(moviesCsv)) {
            return lines.skip(1).mapToLong(line -> Long.parseLong(line.substring(0, line.indexOf(',')))).toArray();
        }
    }

    /** The first {@value #EASE_MODELLED} movies modelled, each row towards random modelled movies. */
    private static EaseModel ease(IdIndex movies, SplittableRandom random) {
        int modelled = Math.min(EASE_MODELLED, movies.size());
        int neighbours = Math.min(EASE_MAX_WEIGHTS / modelled, modelled - 1);
        int[] rowStart = new int[movies.size() + 1];
        int[] column = new int[modelled * neighbours];
        float[] weight = new float[column.length];
        for (int item = 0; item < modelled; item++) {
            rowStart[item + 1] = rowStart[item] + neighbours;
            int self = item;
            int[] row = random.ints(0, modelled).filter(other -> other != self).distinct().limit(neighbours).sorted()
                    .toArray();
            for (int k = 0; k < neighbours; k++) {
                column[rowStart[item] + k] = row[k];
                weight[rowStart[item] + k] = (float) (random.nextDouble() * 0.1 - 0.02);
            }
        }
        Arrays.fill(rowStart, modelled + 1, rowStart.length, rowStart[modelled]);
        int[] modelledItems = IntStream.range(0, modelled).toArray();
        return new EaseModel(movies, rowStart, column, weight, modelledItems, 1f);
    }

    private static FactorModel mf(IdIndex movies, SplittableRandom random) {
        float[] bias = new float[movies.size()];
        float[] factors = new float[movies.size() * MF_FACTORS];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) (random.nextDouble() - 0.5);
        }
        for (int i = 0; i < factors.length; i++) {
            factors[i] = (float) (random.nextGaussian() * 0.1);
        }
        return new FactorModel(FactorModel.MF_TYPE, movies, 3.5f, bias, new FloatMatrix(movies.size(), MF_FACTORS,
                factors), 0.05f, 0.5f, 5.0f);
    }

    private static int register(Recommender model, String trackingUri, String registeredModel) throws IOException {
        Path dir = Files.createTempDirectory("synthetic-model");
        SavedModels.save(model, ModelManifest.of(model.type(), Map.of("synthetic", "true"), Instant.now()),
                dir.resolve("model"));
        Files.writeString(dir.resolve("evaluation.json"), "{\"model_type\":\"" + model.type() + "\",\"metrics\":{}}");
        MlflowCredentials credentials = MlflowCredentials.fromEnvironment();
        MlflowClient client = MlflowServer.javaClient(trackingUri, credentials);
        RunInfo run = client.createRun(client.getExperimentByName("Default").orElseThrow().getExperimentId());
        client.setTag(run.getRunId(), "mlflow.runName", "synthetic-" + model.type() + "-for-serving-benchmark");
        new MlflowArtifacts(trackingUri, credentials).uploadDirectory(dir, run.getArtifactUri());
        client.setTerminated(run.getRunId());
        MlflowRegistry registry = new MlflowRegistry(trackingUri, credentials);
        registry.createRegisteredModel(registeredModel);
        int version = registry.createModelVersion(registeredModel, MlflowArtifacts.resolve(run.getArtifactUri(), "model"),
                run.getRunId(), Map.of()).version();
        registry.setAlias(registeredModel, "champion", version);
        return version;
    }
}
