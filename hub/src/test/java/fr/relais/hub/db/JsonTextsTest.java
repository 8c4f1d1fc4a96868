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

    @Test
    void leavesNestedValuesToTheGeneralWriter() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1L, "a"));
        assertThat(JsonTexts.flat(nested)).isEqualTo("{\"list\":[1,\"a\"]}");
    }
}
