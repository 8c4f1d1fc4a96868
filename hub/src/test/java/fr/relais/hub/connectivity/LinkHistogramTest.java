package fr.relais.hub.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.connectivity.LinkHistogram.Measure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Medians to one bin, merging, the stored text, and texts that are not one. */
class LinkHistogramTest {
    private static final double BIN_RATIO = Math.pow(10, 1.0 / LinkHistogram.BINS_PER_DECADE);

    @Test
    void mediansAreWithinOneBinOfTheExactMedianOnRandomData() {
        Random random = new Random(20261206);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(400);
            LinkHistogram histogram = new LinkHistogram();
            double[] latency = new double[n];
            double[] loss = new double[n];
            double[] throughput = new double[n];
            for (int i = 0; i < n; i++) {
                // Log-normal around 30 ms and 20 Mbit/s (lines differ by orders of magnitude); loss in tenths.
                latency[i] = Math.exp(Math.log(30) + random.nextGaussian());
                throughput[i] = Math.exp(Math.log(20) + 1.5 * random.nextGaussian());
                loss[i] = random.nextInt(4) == 0 ? 10 * random.nextInt(11) : 0;
                histogram.add(Measure.LATENCY_MS, latency[i]);
                histogram.add(Measure.THROUGHPUT_MBPS, throughput[i]);
                histogram.add(Measure.LOSS_PERCENT, loss[i]);
            }
            assertWithinOneBin(Measure.LATENCY_MS, histogram, latency);
            assertWithinOneBin(Measure.THROUGHPUT_MBPS, histogram, throughput);
            assertWithinOneBin(Measure.LOSS_PERCENT, histogram, loss);
            if (n % 2 == 1) {
                assertThat(histogram.median(Measure.LATENCY_MS).getAsDouble() / exactMedian(latency))
                        .as("within 5 %% (round %d)", round).isBetween(1 / 1.05, 1.05);
            }
        }
    }

    @Test
    void noLossAtAllIsAMedianOfZeroNotHalfABin() {
        LinkHistogram histogram = new LinkHistogram();
        for (int i = 0; i < 10; i++) {
            histogram.add(Measure.LOSS_PERCENT, 0);
        }

        assertThat(histogram.median(Measure.LOSS_PERCENT)).hasValue(0);
        assertThat(histogram.median(Measure.LATENCY_MS)).as("no latency measured").isEmpty();
    }

    @Test
    void valuesOutsideTheRangeCountInTheEndBinsAndGarbageNotAtAll() {
        LinkHistogram histogram = new LinkHistogram();
        histogram.add(Measure.LATENCY_MS, 0.2);
        assertThat(histogram.median(Measure.LATENCY_MS).getAsDouble()).isBetween(1.0, BIN_RATIO);
        histogram.add(Measure.THROUGHPUT_MBPS, 50_000);
        assertThat(histogram.median(Measure.THROUGHPUT_MBPS).getAsDouble()).isBetween(10_000 / BIN_RATIO, 10_000.0);

        assertThat(histogram.add(Measure.LATENCY_MS, Double.NaN)).isFalse();
        assertThat(histogram.add(Measure.LATENCY_MS, -3)).isFalse();
        assertThat(histogram.add(Measure.LATENCY_MS, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(histogram.count(Measure.LATENCY_MS)).isEqualTo(1);
    }

    @Test
    void mergingIsAddingEveryReading() {
        Random random = new Random(7);
        LinkHistogram all = new LinkHistogram();
        LinkHistogram first = new LinkHistogram();
        LinkHistogram second = new LinkHistogram();
        for (int i = 0; i < 500; i++) {
            double latency = 1 + random.nextDouble() * 900;
            double throughput = 0.5 + random.nextDouble() * 300;
            double loss = random.nextInt(101);
            all.add(Measure.LATENCY_MS, latency);
            all.add(Measure.THROUGHPUT_MBPS, throughput);
            all.add(Measure.LOSS_PERCENT, loss);
            LinkHistogram half = i % 3 == 0 ? first : second;
            half.add(Measure.LATENCY_MS, latency);
            half.add(Measure.THROUGHPUT_MBPS, throughput);
            half.add(Measure.LOSS_PERCENT, loss);
        }

        LinkHistogram merged = new LinkHistogram().merge(first).merge(second);

        assertThat(merged.toJson()).isEqualTo(all.toJson());
        for (Measure measure : Measure.values()) {
            assertThat(merged.count(measure)).isEqualTo(500);
            assertThat(merged.median(measure)).isEqualTo(all.median(measure));
        }
    }

    @Test
    void theStoredTextGivesTheSameHistogramBack() {
        LinkHistogram histogram = new LinkHistogram();
        histogram.add(Measure.LATENCY_MS, 34);
        histogram.add(Measure.LATENCY_MS, 36);
        histogram.add(Measure.LOSS_PERCENT, 0);
        histogram.add(Measure.THROUGHPUT_MBPS, 7.5);

        String text = histogram.toJson();
        LinkHistogram back = LinkHistogram.fromJson(text);

        assertThat(back.toJson()).isEqualTo(text);
        assertThat(text).as("compact: only the bins used").hasSizeLessThan(80);
        for (Measure measure : Measure.values()) {
            assertThat(back.median(measure)).isEqualTo(histogram.median(measure));
            assertThat(back.count(measure)).isEqualTo(histogram.count(measure));
        }
        assertThat(LinkHistogram.fromJson(new LinkHistogram().toJson()).count(Measure.LATENCY_MS)).isZero();
    }

    @Test
    void aTextThatIsNotAHistogramIsRefusedSayingWhy() {
        assertUnreadable("not json", "not a JSON object");
        assertUnreadable("[1,2]", "not a JSON object");
        assertUnreadable(null, "no histogram text");
        assertUnreadable("{\"l\":{}}", "version must be 1");
        assertUnreadable("{\"v\":2,\"l\":{}}", "version must be 1");
        assertUnreadable("{\"v\":1,\"l\":[1]}", "'l' must be an object");
        assertUnreadable("{\"v\":1,\"l\":{\"x\":1}}", "not a number: 'x'");
        assertUnreadable("{\"v\":1,\"l\":{\"96\":1}}", "bin '96' must be 0 to 95");
        assertUnreadable("{\"v\":1,\"p\":{\"3\":-1}}", "positive whole count");
        assertUnreadable("{\"v\":1,\"t\":{\"3\":1.5}}", "positive whole count");
        assertUnreadable("{\"v\":1,\"t\":{\"3\":\"many\"}}", "positive whole count");
    }

    private static void assertUnreadable(String text, String why) {
        assertThatThrownBy(() -> LinkHistogram.fromJson(text)).isInstanceOf(LinkHistogram.Unreadable.class)
                .hasMessageContaining(why);
    }

    /**
     * Within one bin of the exact median: of the middle reading, or for an even count of the
     * interval between the two middle ones (every value there is a median; ours is the lower's bin).
     */
    private static void assertWithinOneBin(Measure measure, LinkHistogram histogram, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double lower = sorted[(n - 1) / 2];
        double upper = sorted[n / 2];
        double median = histogram.median(measure).getAsDouble();
        assertThat(measure.bin(median)).as("%s: median %s, exact between %s and %s", measure, median, lower, upper)
                .isBetween(measure.bin(lower) - 1, measure.bin(upper) + 1);
    }

    static double exactMedian(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double exactMedian(List<Double> values) {
        return exactMedian(new ArrayList<>(values).stream().mapToDouble(Double::doubleValue).toArray());
    }
}
