package fr.relais.hub.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.ObjDoubleConsumer;

/**
 * Count, minimum, maximum and sum of one numeric metric over a period, and the reading of the
 * metrics texts the raw telemetry keeps ({@link JsonTexts#flat}).
 */
final class MetricSummary {
    private static final JsonFactory JSON = new JsonFactory();

    long samples;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum;

    void add(double value) {
        samples++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sum += value;
    }

    /**
     * Hands each numeric metric of a metrics object to {@code numeric}; booleans and texts have
     * no average and are left out. Returns false, having handed nothing more, if the text is not
     * a JSON object (it always is, the hub wrote it; a hand-edited row must not stop the rollup).
     */
    static boolean numbers(String metricsJson, ObjDoubleConsumer<String> numeric) {
        try (JsonParser parser = JSON.createParser(metricsJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                    numeric.accept(name, parser.getDoubleValue());
                } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
