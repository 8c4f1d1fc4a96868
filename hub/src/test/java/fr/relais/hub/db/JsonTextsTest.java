package fr.relais.hub.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTextsTest {
    @Test
    void writesFlatMapsAsTheGeneralWriterDoes() {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("count", random.nextLong());
            values.put("ratio", random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            values.put("ok", random.nextBoolean());
            values.put("text", "é \" \\ \n \t \u0001 </script> " + random.nextInt());
            assertThat(JsonTexts.flat(values)).isEqualTo(JsonTexts.write(values));
        }
        assertThat(JsonTexts.flat(Map.of())).isEqualTo("{}");
    }

    /** Names are quoted once and remembered, texts without anything to escape are copied as they are. */
    @Test
    void remembersNamesAndCopiesPlainTextsWithTheSameResult() {
        for (int pass = 0; pass < 3; pass++) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("odd \"name\"\\\n" + pass % 2, "plain text, / < > ~ ' 0-9");
            values.put("tab\tname", "tab\there");
            values.put("accent", "déjà \u007f \u2028");
            values.put("big", Long.MIN_VALUE);
            values.put("tiny", -1.0E-300);
            values.put("whole", 42.0);
            assertThat(JsonTexts.flat(values)).as("pass " + pass).isEqualTo(JsonTexts.write(values));
        }
    }

    @Test
    void leavesNestedValuesToTheGeneralWriter() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1L, "a"));
        assertThat(JsonTexts.flat(nested)).isEqualTo("{\"list\":[1,\"a\"]}");
    }
}
