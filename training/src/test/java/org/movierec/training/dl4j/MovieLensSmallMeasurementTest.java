package org.movierec.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.movierec.model.DaeModel;
import org.movierec.model.FactorModel;
import org.movierec.training.data.Ratings;
import org.movierec.training.train.EpochListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default configurations on ml-latest-small (a random 80/20 split of each user's ratings): AutoRec's
 * RMSE, the network's and the exported model's, and Mult-DAE's NDCG@10 against popularity. Skipped where
 * the file is absent (see {@link MovieLensSmall#FILE}).
 */
@EnabledIf("org.movierec.training.dl4j.MovieLensSmall#present")
class MovieLensSmallMeasurementTest {

    private static final Logger LOG = LoggerFactory.getLogger(MovieLensSmallMeasurementTest.class);

    private static Ratings train;
    private static Ratings test;
    private static Ratings none;

    @BeforeAll
    static void split() {
        Ratings[] split = MovieLensSmall.split(MovieLensSmall.load(), 0.2, 1);
        train = split[0];
        test = split[1];
        none = train.subset(new int[0]);
    }

    @Test
    void autoRecPredictsRatingsWellAndSoDoesItsExport() {
        AutoRecTrainer trainer = new AutoRecTrainer(Map.of());
        long start = System.nanoTime();
        AutoRecNetwork network = trainer.fit(train, none, EpochListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        FactorModel exported = network.export(Float.parseFloat(trainer.params().get("fold_in_bias_reg")),
                Float.parseFloat(trainer.params().get("fold_in_reg")));

        double networkRmse = network.rmse(test);
        double exportedRmse = Evaluation.rmse(exported, train, test);

        LOG.info("autorec {}: trained in {} s; test RMSE of the network {}, of the exported model {}",
                trainer.params(), String.format("%.1f", seconds), String.format("%.4f", networkRmse),
                String.format("%.4f", exportedRmse));
        assertThat(networkRmse).isLessThan(0.9);
        assertThat(exportedRmse).isLessThan(0.9);
    }

    @Test
    void multDaeRanksClearlyBetterThanPopularity() {
        MultDaeTrainer trainer = new MultDaeTrainer(Map.of());
        long start = System.nanoTime();
        DaeModel model = trainer.train(train, none, EpochListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;

        Evaluation.Ranking dae = Evaluation.ranking(model, train, test, 10, 3.5f);
        Evaluation.Ranking popularity = Evaluation.ranking(Evaluation.popularity(train), train, test, 10, 3.5f);

        LOG.info("dae {}: trained in {} s; NDCG@10 {} Recall@10 {} over {} users; popularity NDCG@10 {} Recall@10 {}",
                trainer.params(), String.format("%.1f", seconds), String.format("%.4f", dae.ndcg()),
                String.format("%.4f", dae.recall()), dae.users(), String.format("%.4f", popularity.ndcg()),
                String.format("%.4f", popularity.recall()));
        assertThat(dae.ndcg()).isGreaterThan(1.2 * popularity.ndcg());
    }
}
