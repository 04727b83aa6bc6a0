package org.samepath.loaddriver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTests {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path directory;

    @Test
    void drawsTheStagesOfARunAsAPngEvenWithStagesNobodyReached() throws IOException {
        StageTimings stages = new StageTimings();
        for (int i = 1; i <= 50; i++) {
            long intended = i * 1_000_000_000L;
            long answered = intended + i * 1_000_000L;
            stages.record(StageTimings.Stage.POST_ANSWERED, intended, answered, answered);
            stages.record(StageTimings.Stage.NOTIFICATION_STREAMED, intended, answered, answered + 30_000_000L);
        }

        Path chart = Charts.writeStages(directory.resolve("charts/run-stages.png"), "a run", stages);

        assertIsPng(chart);
    }

    @Test
    void drawsTheRateSearchAsAPngEvenWhenAStepHadNoNotification() throws IOException {
        List<Charts.RatePoint> steps = List.of(
                new Charts.RatePoint(100, 99.5, 42),
                new Charts.RatePoint(150, 120, 900),
                new Charts.RatePoint(200, 80, Double.NaN));

        Path chart = Charts.writeRateSearch(directory.resolve("run-find-max.png"), "a search", steps, 150);

        assertIsPng(chart);
    }

    private static void assertIsPng(Path chart) throws IOException {
        assertThat(chart).isAbsolute().exists();
        byte[] bytes = Files.readAllBytes(chart);
        assertThat(bytes.length).isGreaterThan(5_000);
        assertThat(java.util.Arrays.copyOf(bytes, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
    }
}
