package io.github.switchboard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's results: per server, one row of named measures per repetition; notes (ratios,
 * targets) added by the scenario; one measure drawn as the chart. Rendered by
 * {@link BenchReport}. Not thread-safe: the harness thread fills it.
 */
final class Section {

    final String id;
    final String title;
    final String description;
    final List<String> measures;
    final List<String> formats;
    final int chartMeasure;
    final Map<String, List<double[]>> rows = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();
    /** Optional measures over time, drawn as a second chart; by line name. */
    final Map<String, List<double[]>> series = new LinkedHashMap<>();
    /** What {@link #series} shows: "title|x axis|y axis"; null when there is none. */
    String seriesTitle;

    /** A target of issue 6 and whether this run met it. */
    record Target(String what, String measured, boolean met) {
    }

    /**
     * {@code measures} are "name|format" pairs ({@code String.format} number formats);
     * {@code chartMeasure} indexes the measure drawn.
     */
    Section(String id, String title, String description, int chartMeasure, String... measures) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.chartMeasure = chartMeasure;
        this.measures = new ArrayList<>();
        this.formats = new ArrayList<>();
        for (String m : measures) {
            int bar = m.lastIndexOf('|');
            this.measures.add(m.substring(0, bar));
            this.formats.add(m.substring(bar + 1));
        }
    }

    /** Records one repetition of {@code server}. */
    void add(String server, double... values) {
        if (values.length != measures.size()) {
            throw new IllegalArgumentException(values.length + " values for " + measures.size()
                    + " measures");
        }
        rows.computeIfAbsent(server, k -> new ArrayList<>()).add(values.clone());
        System.out.println(id + " " + server + " " + Arrays.toString(values));
    }

    /** Median and range of measure {@code m} of {@code server}; null if it did not run. */
    Stats stats(String server, int m) {
        List<double[]> l = rows.get(server);
        return l == null || l.isEmpty() ? null : Stats.of(l.stream().mapToDouble(r -> r[m]));
    }

    /** The ratio of the medians of measure {@code m}, {@code a} over {@code b}; NaN if missing. */
    double ratio(String a, String b, int m) {
        Stats x = stats(a, m);
        Stats y = stats(b, m);
        return x == null || y == null ? Double.NaN : x.median() / y.median();
    }

    /** Adds a point {@code (x, y)} to the line {@code name} of the second chart. */
    void point(String name, double x, double y) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {x, y});
    }

    void note(String text) {
        notes.add(text);
    }

    void target(String what, String measured, boolean met) {
        targets.add(new Target(what, measured, met));
        notes.add(what + ": " + measured + " — **" + (met ? "met" : "not met") + "**.");
    }

    /** Median and range of a measure over the repetitions. */
    record Stats(double median, double min, double max) {

        static Stats of(java.util.stream.DoubleStream values) {
            double[] v = values.sorted().toArray();
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Stats(median, v[0], v[n - 1]);
        }

        String format(String number) {
            if (min == max) {
                return String.format(number, median);
            }
            return String.format(number, median) + " (" + String.format(number, min) + "–"
                    + String.format(number, max) + ")";
        }
    }

    /** The p-th percentile (0–100) of {@code sorted}, nearest rank. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
