package fr.relais.hub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The page a client asks for, read once for every list (fleet, coworking, workshops, appointments). */
class PageRequestTest {

    @Test
    void limitAndCursorAsTheClientGaveThem() throws Exception {
        assertThat(PageRequest.asked(null, null, 100)).isEqualTo(PageRequest.first(100));
        String cursor = new Cursor(List.of(12L, "x")).text();
        PageRequest page = PageRequest.asked("5", cursor, 100);
        assertThat(page.limit()).isEqualTo(5);
        assertThat(page.after()).contains(new Cursor(List.of(12L, "x")));
    }

    @Test
    void aBadLimitIsNamedBeforeTheCursorIsRead() {
        assertThatThrownBy(() -> PageRequest.asked("ten", "%%%", 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be a whole number, got 'ten'");
        assertThatThrownBy(() -> PageRequest.asked("0", null, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 1000, got 0");
        assertThatThrownBy(() -> PageRequest.asked("1001", null, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 1000, got 1001");
        assertThatThrownBy(() -> PageRequest.asked("10", "%%%", 100)).isInstanceOf(BadCursorException.class);
    }
}
