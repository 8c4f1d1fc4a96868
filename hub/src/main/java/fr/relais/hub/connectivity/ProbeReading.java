package fr.relais.hub.connectivity;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * What the broadband table takes from one probe reading (edge-agent's {@code probe} and
 * {@code simulated} probe drivers write the same names): {@code link}, {@code latencyMedianMs}
 * (absent when nothing answered), {@code lossPercent}, {@code throughputMbps} (only at a
 * throughput test). A link the agent does not know is {@code unknown}.
 */
record ProbeReading(String link, Double latencyMs, Double lossPercent, Double throughputMbps) {
    /** The agent's LinkKind wire names. */
    static final Set<String> LINKS = Set.of("fibre", "vdsl", "adsl", "4g", "5g", "satellite", "unknown");

    /** The reading of a metrics text; empty when it is not JSON or holds none of the three figures. */
    static Optional<ProbeReading> of(String metrics) {
        JsonObject json;
        try {
            json = new JsonObject(metrics);
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            return Optional.empty();
        }
        Object link = json.getValue("link");
        String kind = link instanceof String text && LINKS.contains(text) ? text : "unknown";
        Double latency = figure(json.getValue("latencyMedianMs"), Double.MAX_VALUE);
        Double loss = figure(json.getValue("lossPercent"), 100);
        Double throughput = figure(json.getValue("throughputMbps"), Double.MAX_VALUE);
        if (latency == null && loss == null && throughput == null) {
            return Optional.empty();
        }
        return Optional.of(new ProbeReading(kind, latency, loss, throughput));
    }

    /**
     * Why {@link #of} found no reading in these metrics: {@link MonthRows#NO_FIGURES} for a JSON
     * object that names none of the three figures (a device declared a probe that measures
     * something else, as the bench's simulated nodes do: nothing wrong with the data), else
     * {@link MonthRows#UNREADABLE} (not JSON, not an object, or figures that are not numbers in range).
     */
    static String whyNone(String metrics) {
        try {
            JsonObject json = new JsonObject(metrics);
            return json.containsKey("latencyMedianMs") || json.containsKey("lossPercent")
                    || json.containsKey("throughputMbps") ? MonthRows.UNREADABLE : MonthRows.NO_FIGURES;
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            return MonthRows.UNREADABLE;
        }
    }

    /** A finite number from 0 to {@code max}, or null (absent, text, negative…: not counted). */
    private static Double figure(Object value, double max) {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return Double.isFinite(d) && d >= 0 && d <= max ? d : null;
        }
        return null;
    }

    void addTo(LinkHistogram histogram) {
        if (latencyMs != null) {
            histogram.add(LinkHistogram.Measure.LATENCY_MS, latencyMs);
        }
        if (lossPercent != null) {
            histogram.add(LinkHistogram.Measure.LOSS_PERCENT, lossPercent);
        }
        if (throughputMbps != null) {
            histogram.add(LinkHistogram.Measure.THROUGHPUT_MBPS, throughputMbps);
        }
    }
}
