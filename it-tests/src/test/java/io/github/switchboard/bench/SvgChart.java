package io.github.switchboard.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Charts as SVG text: a horizontal bar chart (one bar per server at the median, a whisker from
 * the lowest to the highest repetition, the median printed at the bar's end) and a line chart
 * of a measure over time. Hand-rolled, no library.
 */
final class SvgChart {

    private static final int WIDTH = 720;
    private static final int BAR = 26;
    private static final int GAP = 14;
    private static final String[] COLORS = {"#2b6cb0", "#a0aec0", "#dd6b20", "#38a169"};

    private SvgChart() {
    }

    static String render(Section s) {
        int m = s.chartMeasure;
        String measure = s.measures.get(m);
        double top = 0;
        for (String server : s.rows.keySet()) {
            top = Math.max(top, s.stats(server, m).max());
        }
        top = top <= 0 ? 1 : top * 1.25;
        int longest = s.rows.keySet().stream().mapToInt(String::length).max().orElse(10);
        int label = 16 + 8 * longest; // room for the longest server label at 13 px
        int n = s.rows.size();
        int height = 50 + n * (BAR + GAP) + 20;
        int plot = WIDTH - label - 90;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
                + "font-size=\"13\">\n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT,
                "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>\n",
                escape(s.title)));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"10\" y=\"40\" fill=\"#555\">%s — median, whisker min–max</text>\n",
                escape(measure)));
        int i = 0;
        for (String server : s.rows.keySet()) {
            Section.Stats st = s.stats(server, m);
            int y = 50 + i * (BAR + GAP);
            double w = plot * st.median() / top;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", label - 8,
                    y + BAR / 2 + 5, escape(server)));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", label,
                    y, Math.max(1, w), BAR, COLORS[i % COLORS.length]));
            double x1 = label + plot * st.min() / top;
            double x2 = label + plot * st.max() / top;
            int cy = y + BAR / 2;
            svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %dH%.1fM%.1f %dV%dM%.1f %dV%d\" "
                    + "stroke=\"black\" stroke-width=\"1.5\"/>\n", x1, cy, x2, x1, cy - 6, cy + 6,
                    x2, cy - 6, cy + 6));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>\n",
                    Math.max(x2, label + w) + 6, cy + 5,
                    escape(String.format(s.formats.get(m), st.median()))));
            i++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The section's {@link Section#series} as a line chart: x and y from 0, one colour a line. */
    static String renderLines(Section s) {
        String[] t = s.seriesTitle.split("\\|");
        double maxX = 0;
        double maxY = 0;
        for (List<double[]> line : s.series.values()) {
            for (double[] p : line) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        maxX = maxX <= 0 ? 1 : maxX;
        maxY = maxY <= 0 ? 1 : maxY * 1.1;
        int left = 60;
        int top = 50;
        int plotW = WIDTH - left - 20;
        int plotH = 260;
        int height = top + plotH + 50 + 18 * s.series.size();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
                + "font-size=\"13\">\n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT,
                "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>\n",
                escape(t[0])));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"40\" fill=\"#555\">%s</text>\n",
                escape(t[2])));
        svg.append(String.format(Locale.ROOT, "<path d=\"M%d %dV%dH%d\" stroke=\"black\" "
                + "fill=\"none\"/>\n", left, top, top + plotH, left + plotW));
        for (int i = 0; i <= 4; i++) {
            int y = top + plotH - i * plotH / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">"
                    + "%.0f</text>\n", left - 6, y + 4, maxY * i / 4));
            int x = left + i * plotW / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" "
                    + "text-anchor=\"middle\">%.0f</text>\n", x, top + plotH + 16, maxX * i / 4));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                + "%s</text>\n", left + plotW / 2, top + plotH + 34, escape(t[1])));
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : s.series.entrySet()) {
            String color = COLORS[i % COLORS.length];
            StringBuilder d = new StringBuilder();
            for (double[] p : e.getValue()) {
                d.append(d.length() == 0 ? 'M' : 'L').append(String.format(Locale.ROOT,
                        "%.1f %.1f", left + plotW * p[0] / maxX, top + plotH - plotH * p[1] / maxY));
            }
            svg.append(String.format(Locale.ROOT, "<path d=\"%s\" stroke=\"%s\" fill=\"none\" "
                    + "stroke-width=\"1.2\"/>\n", d, color));
            int y = top + plotH + 50 + 18 * i;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" "
                    + "height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n", left,
                    y - 6, color, left + 20, y, escape(e.getKey())));
            i++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
