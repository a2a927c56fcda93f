package org.movierec.training.dl4j;

import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.training.data.Ratings;

/**
 * Hand-run tuning of the DL4J trainers on ml-latest-small, as the defaults were chosen: the training part of
 * the measurement split (80 % of each user's ratings, seed 1) is split again (80/20, seed 2) and each
 * configuration is trained on the first part and measured on the second, the test part staying unseen.
 * <pre>
 * Tune autorec "hidden_units=100 l2=0.003" ...   per-epoch validation RMSE; -Dfoldin=true adds the export's
 *                                                RMSE over a grid of fold-in penalties
 * Tune dae "hidden_units=200" ...                NDCG@10 and Recall@10, per-epoch losses
 * Tune popularity                                the popularity baseline on both splits
 * </pre>
 */
final class Tune {

    public static void main(String[] args) {
        Ratings[] split = MovieLensSmall.split(MovieLensSmall.load(), 0.2, 1);
        Ratings[] tuning = MovieLensSmall.split(split[0], 0.2, 2);
        if (args[0].equals("popularity")) {
            for (Ratings[] sets : new Ratings[][] {tuning, split}) {
                Evaluation.Ranking ranking = Evaluation.ranking(Evaluation.popularity(sets[0]), sets[0], sets[1], 10,
                        3.5f);
                System.out.printf("popularity NDCG@10 %.4f Recall@10 %.4f%n", ranking.ndcg(), ranking.recall());
            }
        }
        for (int k = 1; k < args.length; k++) {
            Map<String, String> overrides = new LinkedHashMap<>();
            for (String pair : args[k].trim().split("\\s+")) {
                String[] nameValue = pair.split("=", 2);
                overrides.put(nameValue[0], nameValue[1]);
            }
            if (args[0].equals("autorec")) {
                autoRec(args[k], overrides, tuning);
            } else {
                dae(args[k], overrides, tuning);
            }
        }
    }

    private static void autoRec(String name, Map<String, String> overrides, Ratings[] tuning) {
        long start = System.nanoTime();
        StringBuilder curve = new StringBuilder();
        AutoRecNetwork network = new AutoRecTrainer(overrides).fit(tuning[0], tuning[1],
                (epoch, epochs, trainLoss, validationLoss) ->
                        curve.append(String.format(" %d:%.4f", epoch, Math.sqrt(validationLoss))));
        System.out.printf("autorec %s %.1fs validation RMSE%s%n", name, (System.nanoTime() - start) / 1e9, curve);
        if (Boolean.getBoolean("foldin")) {
            for (float biasReg : new float[] {0.3f, 1, 3, 10}) {
                for (float vectorReg : new float[] {10, 30, 100, 300, 1000}) {
                    System.out.printf("  fold_in_bias_reg %.1f fold_in_reg %.1f: exported validation RMSE %.4f%n",
                            biasReg, vectorReg, Evaluation.rmse(network.export(biasReg, vectorReg), tuning[0],
                                    tuning[1]));
                }
            }
        }
    }

    private static void dae(String name, Map<String, String> overrides, Ratings[] tuning) {
        long start = System.nanoTime();
        StringBuilder curve = new StringBuilder();
        DaeNetwork network = new MultDaeTrainer(overrides).fit(tuning[0], tuning[1],
                (epoch, epochs, trainLoss, validationLoss) ->
                        curve.append(String.format(" %d:%.2f/%.2f", epoch, trainLoss, validationLoss)));
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation.Ranking ranking = Evaluation.ranking(network.export(), tuning[0], tuning[1], 10, 3.5f);
        System.out.printf("dae %s %.1fs validation NDCG@10 %.4f Recall@10 %.4f losses (train/validation)%s%n", name,
                seconds, ranking.ndcg(), ranking.recall(), curve);
    }
}
