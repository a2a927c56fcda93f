"""Unit tests of the metric code of surprise_compare.py, with the numbers of the Java RankingMetricsTest and TopKTest.

    $MOVIEREC_HOME/surprise-venv/bin/python -m unittest discover -s bench -p 'test_*.py'
"""
import unittest

import numpy as np

from surprise_compare import ranking_metrics, top_k


class RankingMetricsTest(unittest.TestCase):
    # ranked [7, 3, 9, 1] against relevant {9, 3, 5}: hits at ranks 2 and 3, 3 relevant items
    RANKED = np.array([7, 3, 9, 1])
    RELEVANT = np.array([9, 3, 5])

    def test_ndcg_discounts_hits_by_the_log_of_their_rank_and_recall_divides_by_the_relevant_count(self):
        # K = 2: DCG = 1/log2(3) = 0.6309298; ideal 1 + 0.6309298; 0.3868528. Recall 1/3.
        ndcg, recall = ranking_metrics(self.RANKED, self.RELEVANT, k=2)
        self.assertAlmostEqual(ndcg, 0.3868528, places=6)
        self.assertAlmostEqual(recall, 1 / 3, places=12)
        # K = 4: DCG = 0.6309298 + 0.5; ideal over min(4, 3) = 3 ranks: 2.1309298; 0.5307213. Recall 2/3.
        ndcg, recall = ranking_metrics(self.RANKED, self.RELEVANT, k=4)
        self.assertAlmostEqual(ndcg, 0.5307213, places=6)
        self.assertAlmostEqual(recall, 2 / 3, places=12)
        # K = 10 on a list of 4: the missing positions are misses, the ideal still covers min(10, 3) ranks
        ndcg, recall = ranking_metrics(self.RANKED, self.RELEVANT, k=10)
        self.assertAlmostEqual(ndcg, 0.5307213, places=6)
        self.assertAlmostEqual(recall, 2 / 3, places=12)
        # K = 1: no hit at rank 1
        self.assertEqual(ranking_metrics(self.RANKED, self.RELEVANT, k=1), (0, 0))

    def test_every_relevant_item_on_top_gives_ndcg_one(self):
        ndcg, recall = ranking_metrics(np.array([4, 2, 8]), np.array([2, 4]), k=5)
        self.assertAlmostEqual(ndcg, 1.0, places=12)
        self.assertAlmostEqual(recall, 1.0, places=12)


class TopKTest(unittest.TestCase):

    def test_best_first_equal_scores_by_lower_index_excluded_items_left_out(self):
        scores = np.array([1.0, 3.0, 3.0, 2.0, 3.0, 0.5])
        # item 2 excluded; 1 and 4 tie at 3.0: 1 first; then 3 (2.0)
        self.assertEqual(top_k(scores, np.array([2]), 3).tolist(), [1, 4, 3])
        # ties straddling the cut: of 1, 2 and 4 at 3.0 the two lowest indices
        self.assertEqual(top_k(scores, np.array([], dtype=np.int64), 2).tolist(), [1, 2])

    def test_a_short_list_when_few_items_are_left(self):
        scores = np.array([5.0, 4.0, 3.0])
        self.assertEqual(top_k(scores, np.array([0, 2]), 10).tolist(), [1])
        self.assertEqual(top_k(scores, np.array([0, 1, 2]), 10).tolist(), [])


if __name__ == "__main__":
    unittest.main()
