package fr.relais.hub.connectivity;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A line's readings of a month as three histograms (latency, loss, throughput), so that a month's
 * medians come from rows merged as readings arrive, never from the raw readings again (raw
 * telemetry is kept 30 days; a month of it is not there to read back).
 *
 * <p>Bins: latency from 1 ms to 10 s and throughput from 0.1 to 10 000 Mbit/s in logarithmic
 * bins of 24 per decade (each bin's upper edge is 10^(1/24) ≈ 1.10 times its lower one); loss in
 * 0.5-point bins, with 0 % a bin of its own (most rounds lose nothing). Values outside a range
 * count in its first or last bin.
 *
 * <p>Precision: a median is the middle of the bin holding the middle reading (the lower of the
 * two middle ones for an even count: any value between them is a median), the geometric middle
 * for log bins: within 4.9 % of every value of that bin, so of that reading (within 0.25 point
 * for loss, exact for 0 %); rounded to the hundredth. The screen says "médiane (à 5 % près)".
 *
 * <p>Stored as a compact JSON text: {@code {"v":1,"l":{"31":4,"32":7},"p":{"0":11},"t":{}}},
 * bin index to count, empty bins left out.
 */
public final class LinkHistogram {
    static final int BINS_PER_DECADE = 24;
    private static final int VERSION = 1;

    /** The three measures, their bins and their key in the JSON text. */
    public enum Measure {
        LATENCY_MS("l", 1, 4),
        LOSS_PERCENT("p", 0, 0),
        THROUGHPUT_MBPS("t", 0.1, 5);

        private final String key;
        private final double min;
        private final int decades;

        Measure(String key, double min, int decades) {
            this.key = key;
            this.min = min;
            this.decades = decades;
        }

        /** How many bins: 0 % then 200 half points for loss; 24 per decade for the others. */
        int bins() {
            return this == LOSS_PERCENT ? 201 : decades * BINS_PER_DECADE;
        }

        int bin(double value) {
            int bin;
            if (this == LOSS_PERCENT) {
                bin = value <= 0 ? 0 : (int) Math.ceil(value / 0.5);
            } else {
                bin = value <= min ? 0 : (int) Math.floor(Math.log10(value / min) * BINS_PER_DECADE);
            }
            return Math.max(0, Math.min(bins() - 1, bin));
        }

        /** The value a bin stands for: its geometric middle (log bins), its middle (loss), 0 for 0 %. */
        double middle(int bin) {
            if (this == LOSS_PERCENT) {
                return bin == 0 ? 0 : (bin - 0.5) * 0.5;
            }
            return min * Math.pow(10, (bin + 0.5) / BINS_PER_DECADE);
        }
    }

    /** A histogram's text that is not one: the rollup logs it and leaves that row's old readings out. */
    public static final class Unreadable extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private final Map<Measure, TreeMap<Integer, Long>> counts = new EnumMap<>(Measure.class);

    public LinkHistogram() {
        for (Measure measure : Measure.values()) {
            counts.put(measure, new TreeMap<>());
        }
    }

    /** Counts one reading of a measure; a value that is not a finite number is ignored (false). */
    public boolean add(Measure measure, double value) {
        if (!Double.isFinite(value) || value < 0) {
            return false;
        }
        counts.get(measure).merge(measure.bin(value), 1L, Long::sum);
        return true;
    }

    /** Adds every reading of {@code other} to this one; returns this. */
    public LinkHistogram merge(LinkHistogram other) {
        for (Measure measure : Measure.values()) {
            other.counts.get(measure).forEach((bin, count) -> counts.get(measure).merge(bin, count, Long::sum));
        }
        return this;
    }

    public long count(Measure measure) {
        return counts.get(measure).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The median to one bin (see the class's precision); empty when there is no reading. */
    public OptionalDouble median(Measure measure) {
        long total = count(measure);
        if (total == 0) {
            return OptionalDouble.empty();
        }
        long rank = (total + 1) / 2;
        long seen = 0;
        for (Map.Entry<Integer, Long> bin : counts.get(measure).entrySet()) {
            seen += bin.getValue();
            if (seen >= rank) {
                return OptionalDouble.of(round(measure.middle(bin.getKey())));
            }
        }
        throw new IllegalStateException("unreachable: the counts add up to " + total);
    }

    public String toJson() {
        JsonObject json = new JsonObject().put("v", VERSION);
        for (Measure measure : Measure.values()) {
            JsonObject bins = new JsonObject();
            counts.get(measure).forEach((bin, count) -> bins.put(Integer.toString(bin), count));
            json.put(measure.key, bins);
        }
        return json.encode();
    }

    /** The histogram of a stored text; {@link Unreadable} naming what is wrong with it. */
    public static LinkHistogram fromJson(String text) {
        if (text == null) {
            throw new Unreadable("no histogram text");
        }
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new Unreadable("histogram text is not a JSON object: " + cut(text));
        }
        if (!Integer.valueOf(VERSION).equals(number(json.getValue("v")))) {
            throw new Unreadable("histogram version must be " + VERSION + ", got " + cut(String.valueOf(json.getValue("v"))));
        }
        LinkHistogram histogram = new LinkHistogram();
        for (Measure measure : Measure.values()) {
            Object bins = json.getValue(measure.key);
            if (bins == null) {
                continue;
            }
            if (!(bins instanceof JsonObject object)) {
                throw new Unreadable("histogram's '" + measure.key + "' must be an object of bin counts");
            }
            for (String key : object.fieldNames()) {
                int bin;
                try {
                    bin = Integer.parseInt(key);
                } catch (NumberFormatException e) {
                    throw new Unreadable("histogram's '" + measure.key + "' has a bin that is not a number: " + cut(key));
                }
                Object count = object.getValue(key);
                if (bin < 0 || bin >= measure.bins() || !(count instanceof Number n) || n instanceof Double
                        || n instanceof Float || n.longValue() <= 0) {
                    throw new Unreadable("histogram's '" + measure.key + "' bin " + cut(key) + " must be 0 to "
                            + (measure.bins() - 1) + " with a positive whole count, got " + cut(String.valueOf(count)));
                }
                histogram.counts.get(measure).put(bin, n.longValue());
            }
        }
        return histogram;
    }

    private static Integer number(Object value) {
        return value instanceof Integer i ? i : value instanceof Long l && l == VERSION ? VERSION : null;
    }

    /** Medians shown to the hundredth: the bins are far coarser than that. */
    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String cut(String text) {
        return text.length() <= 60 ? "'" + text + "'" : "'" + text.substring(0, 60) + "…'";
    }
}
