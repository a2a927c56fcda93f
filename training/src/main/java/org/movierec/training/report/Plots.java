package org.movierec.training.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG plots a run logs for people to look at: its learning curve and its top-N metrics at each K. */
public final class Plots {

    private static final Pattern AT_K = Pattern.compile("(.+)_at_(\\d+)");
    private static final List<String> RANKING_METRICS = List.of("precision", "recall", "ndcg", "map", "hit_rate");

    private Plots() {
    }

    /**
     * Training and validation loss per epoch; nothing is written (and {@code false} returned) for a model
     * trained in one step.
     */
    public static boolean learningCurve(List<double[]> epochs, String lossName, Path png) throws IOException {
        if (epochs.isEmpty()) {
            return false;
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Learning curve")
                .xAxisTitle("epoch").yAxisTitle(lossName).build();
        List<Double> x = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        for (double[] epoch : epochs) {
            x.add(epoch[0]);
            train.add(epoch[1]);
            validation.add(epoch[2]);
        }
        chart.addSeries("training", x, train).setMarker(SeriesMarkers.NONE);
        if (validation.stream().noneMatch(v -> v.isNaN())) {
            chart.addSeries("validation", x, validation).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return true;
    }

    /** Precision, recall, NDCG, MAP and hit rate against K, from metric names like {@code ndcg_at_10}. */
    public static boolean metricsAtK(Map<String, Double> metrics, Path png) throws IOException {
        Map<String, SortedMap<Integer, Double>> series = new TreeMap<>();
        metrics.forEach((name, value) -> {
            Matcher m = AT_K.matcher(name);
            if (m.matches() && RANKING_METRICS.contains(m.group(1)) && !value.isNaN()) {
                series.computeIfAbsent(m.group(1), s -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), value);
            }
        });
        if (series.isEmpty()) {
            return false;
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Top-N metrics at K")
                .xAxisTitle("K").yAxisTitle("value").build();
        series.forEach((name, values) -> chart.addSeries(name, new ArrayList<>(values.keySet()),
                new ArrayList<>(values.values())));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return true;
    }
}
