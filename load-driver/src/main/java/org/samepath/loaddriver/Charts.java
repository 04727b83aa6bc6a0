package org.samepath.loaddriver;

import java.awt.AWTError;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG charts of a run, written beside the printed tables: the latency percentiles per stage, and with
 * {@code --find-max} the achieved rate and p99 per step. Rendered off-screen (headless), so they work over SSH and in
 * CI. Latencies are on a log scale: the stages span from milliseconds to minutes under overload.
 */
final class Charts {

    static {
        // Before the first AWT class loads: the driver runs where there is no display.
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 650;
    /** Log axes cannot show zero; a stage reached within 10 µs is drawn at 10 µs. */
    private static final double SMALLEST_MILLIS = 0.01;

    /** One step of the rate search: offered and achieved rate per second, notification p99 in ms (NaN if none). */
    record RatePoint(double offered, double achieved, double p99Millis) {}

    /** Writes one chart and returns where. */
    interface Drawing {
        Path draw() throws IOException;
    }

    private Charts() {}

    /** Draws a chart and prints its path; a chart that cannot be drawn is reported, never fails the run. */
    static void report(PrintStream out, String what, Drawing drawing) {
        try {
            out.println("Chart, " + what + ": " + drawing.draw());
        } catch (IOException | RuntimeException | LinkageError | AWTError e) {
            out.println("Could not draw the chart of " + what + ": " + e);
        }
    }

    /** p50 / p90 / p99 of each stage, from the intended send time. */
    static Path writeStages(Path file, String title, StageTimings stages) throws IOException {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (double percentile : new double[] {50, 90, 99}) {
            String series = "p" + (int) percentile;
            for (StageTimings.Stage stage : StageTimings.Stage.values()) {
                Latencies latencies = stages.fromIntended(stage);
                Double value = latencies.count() == 0
                        ? null
                        : Math.max(SMALLEST_MILLIS, latencies.percentileMillis(percentile));
                dataset.addValue(value, series, stage.shortLabel);
            }
        }
        JFreeChart chart = ChartFactory.createLineChart(title, null, null, dataset);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRangeAxis(logMillisAxis("ms from the intended send time (log scale)", valuesOf(dataset)));
        plot.getDomainAxis()
                .setCategoryLabelPositions(CategoryLabelPositions.createUpRotationLabelPositions(Math.PI / 6));
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        for (int series = 0; series < dataset.getRowCount(); series++) {
            renderer.setSeriesStroke(series, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return save(file, chart);
    }

    /** Achieved rate against offered (with the line where they are equal) above, notification p99 below. */
    static Path writeRateSearch(Path file, String title, List<RatePoint> steps, double p99TargetMillis)
            throws IOException {
        XYSeries achieved = new XYSeries("achieved (answered 202)");
        XYSeries offered = new XYSeries("offered");
        XYSeries p99 = new XYSeries("proposal notification p99");
        for (RatePoint step : steps) {
            achieved.add(step.offered(), step.achieved());
            offered.add(step.offered(), step.offered());
            if (!Double.isNaN(step.p99Millis())) {
                p99.add(step.offered(), Math.max(SMALLEST_MILLIS, step.p99Millis()));
            }
        }
        XYSeriesCollection rates = new XYSeriesCollection();
        rates.addSeries(achieved);
        rates.addSeries(offered);
        XYPlot ratePlot = new XYPlot(rates, null, new NumberAxis("requests/s"), lines());
        List<Double> latencies = new ArrayList<>(List.of(p99TargetMillis));
        for (int item = 0; item < p99.getItemCount(); item++) {
            latencies.add(p99.getY(item).doubleValue());
        }
        XYPlot latencyPlot =
                new XYPlot(new XYSeriesCollection(p99), null, logMillisAxis("p99, ms (log scale)", latencies), lines());
        ValueMarker target = new ValueMarker(p99TargetMillis, Color.RED, new BasicStroke(1.5f));
        target.setLabel("target " + ResultsTable.trim(p99TargetMillis) + " ms");
        target.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        target.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        latencyPlot.addRangeMarker(target);
        NumberAxis offeredAxis = new NumberAxis("offered rate (requests/s)");
        offeredAxis.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(offeredAxis);
        plot.add(ratePlot, 1);
        plot.add(latencyPlot, 1);
        for (XYPlot part : List.of(ratePlot, latencyPlot)) {
            part.setBackgroundPaint(Color.WHITE);
            part.setRangeGridlinePaint(Color.LIGHT_GRAY);
            part.setDomainGridlinePaint(Color.LIGHT_GRAY);
        }
        return save(file, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    private static XYLineAndShapeRenderer lines() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setDefaultStroke(new BasicStroke(2f));
        renderer.setAutoPopulateSeriesStroke(false);
        return renderer;
    }

    /**
     * A log axis with round ticks: one per decade when the values span several, else one per doubling (JFreeChart's
     * own choice on a log axis lands on values such as 223.87).
     */
    private static LogAxis logMillisAxis(String label, List<Double> values) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(SMALLEST_MILLIS);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        double least = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double most = values.stream().mapToDouble(Double::doubleValue).max().orElse(1000);
        double decades = Math.log10(most / least);
        axis.setTickUnit(new NumberTickUnit(decades >= 2.5 ? 1 : Math.log10(2)), false, true);
        axis.setMinorTickCount(decades >= 2.5 ? 9 : 0);
        axis.setMinorTickMarksVisible(decades >= 2.5);
        return axis;
    }

    private static List<Double> valuesOf(DefaultCategoryDataset dataset) {
        List<Double> values = new ArrayList<>();
        for (int row = 0; row < dataset.getRowCount(); row++) {
            for (int column = 0; column < dataset.getColumnCount(); column++) {
                Number value = dataset.getValue(row, column);
                if (value != null) {
                    values.add(value.doubleValue());
                }
            }
        }
        return values;
    }

    private static Path save(Path file, JFreeChart chart) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        ChartUtils.saveChartAsPNG(absolute.toFile(), chart, WIDTH, HEIGHT);
        return absolute;
    }
}
