package org.vigie.web;

import static org.vigie.web.Html.attr;
import static org.vigie.web.Html.text;

/**
 * Alerts per minute over the last hour as a bar chart in inline SVG, drawn here: no chart library, no script, no
 * style attribute (colours come from the style sheet through classes). Each bar says its minute and count in a
 * {@code <title>} (shown on hover) and in {@code data-count}.
 */
final class AlertChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 160;
    private static final int LEFT = 40;
    private static final int BOTTOM = 20;
    private static final int TOP = 10;

    private AlertChart() {
    }

    /**
     * @param series   counts per minute, oldest first, the last being the current minute
     * @param nowMillis the time of the last bar
     */
    static String svg(long[] series, long nowMillis, String label, String ago, String now) {
        long max = 1;
        for (long n : series) {
            max = Math.max(max, n);
        }
        int plotW = WIDTH - LEFT - 8;
        int plotH = HEIGHT - TOP - BOTTOM;
        double slot = (double) plotW / series.length;
        StringBuilder b = new StringBuilder(8192);
        b.append("<svg id=\"alerts-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" role=\"img\" aria-label=").append(attr(label)).append(">\n<title>")
                .append(text(label)).append("</title>\n");
        // axes and the top value
        b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP + plotH).append("\" x2=\"")
                .append(WIDTH - 8).append("\" y2=\"").append(TOP + plotH).append("\"/>\n")
                .append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(LEFT).append("\" y2=\"").append(TOP + plotH).append("\"/>\n")
                .append("<text class=\"tick\" x=\"").append(LEFT - 4).append("\" y=\"").append(TOP + 8)
                .append("\" text-anchor=\"end\">").append(max).append("</text>\n")
                .append("<text class=\"tick\" x=\"").append(LEFT - 4).append("\" y=\"").append(TOP + plotH)
                .append("\" text-anchor=\"end\">0</text>\n")
                .append("<text class=\"tick\" x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 4).append("\">")
                .append(text(ago)).append("</text>\n")
                .append("<text class=\"tick\" x=\"").append(WIDTH - 8).append("\" y=\"").append(HEIGHT - 4)
                .append("\" text-anchor=\"end\">").append(text(now)).append("</text>\n<g class=\"bars\">\n");
        long firstMinute = nowMillis / 60_000 - (series.length - 1);
        for (int i = 0; i < series.length; i++) {
            long n = series[i];
            double h = n == 0 ? 0 : Math.max(1, (double) n * plotH / max);
            double x = LEFT + i * slot + 1;
            b.append("<rect class=\"bar\" data-count=\"").append(n).append("\" x=\"").append(fmt(x))
                    .append("\" y=\"").append(fmt(TOP + plotH - h)).append("\" width=\"").append(fmt(slot - 2))
                    .append("\" height=\"").append(fmt(h)).append("\"><title>")
                    .append(Pages.time((firstMinute + i) * 60_000).substring(0, 5)).append(" UTC: ").append(n)
                    .append("</title></rect>\n");
        }
        return b.append("</g>\n</svg>\n").toString();
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
