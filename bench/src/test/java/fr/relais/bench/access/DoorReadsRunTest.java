package fr.relais.bench.access;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.protocol.access.AccessReason;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's doors, small: its oracle (the badges as they were made) agrees with the real
 * reader, door and decision on every read, and the reads meet every reason a badge can get, so
 * the bench's {@code wrong_decisions=0} is not vacuous. No timing is asserted.
 */
class DoorReadsRunTest {
    private static final Pattern LINE = Pattern.compile("door-reads: reads=(\\d+) .* wrong_decisions=(\\d+)"
            + " relay_misses=(\\d+) .* reasons=(\\S+)");

    @Test
    void everyReadIsDecidedAsTheBadgeWasMadeAndEveryReasonIsMet() throws Exception {
        String line = DoorReadsRun.run(280, 700);

        Matcher figures = LINE.matcher(line);
        assertThat(figures.find()).as(line).isTrue();
        assertThat(figures.group(1)).isEqualTo("700");
        assertThat(figures.group(2)).as("wrong decisions in: " + line).isEqualTo("0");
        assertThat(figures.group(3)).as("grants without a relay pulse").isEqualTo("0");
        Map<String, Long> reasons = Arrays.stream(figures.group(4).split(","))
                .collect(Collectors.toMap(pair -> pair.split(":")[0], pair -> Long.parseLong(pair.split(":")[1])));
        assertThat(reasons.keySet()).as("a badge never gets 'remote': that is the hub's open-door")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(AccessReason.values())
                        .filter(reason -> reason != AccessReason.REMOTE).map(AccessReason::wire).toList());
    }
}
