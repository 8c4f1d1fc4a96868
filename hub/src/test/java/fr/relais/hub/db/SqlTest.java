package fr.relais.hub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one JDBC helper on SQLite: rows, pages by cursor, and what a caller sees of bad input or SQL. */
class SqlTest {

    private Connection connection;
    private Sql sql;

    @BeforeEach
    void fiveRooms() throws Exception {
        connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        sql = new Sql(connection, "rooms") {
        };
        sql.update("CREATE TABLE rooms (id TEXT PRIMARY KEY, seats INTEGER)");
        for (String id : List.of("a", "b", "c", "d", "e")) {
            sql.update("INSERT INTO rooms (id, seats) VALUES (?, ?)", id, id.equals("c") ? null : 4);
        }
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void oneRowOrNone() {
        assertThat(sql.one("SELECT seats FROM rooms WHERE id = ?", row -> row.getInt(1), "a")).contains(4);
        assertThat(sql.one("SELECT seats FROM rooms WHERE id = ?", row -> row.getInt(1), "z")).isEmpty();
        // a NULL column reads as null through nullableLong; query() keeps it as a null row
        assertThat(sql.query("SELECT seats FROM rooms WHERE id = ?", row -> Optional.ofNullable(Sql.nullableLong(row, 1)),
                "c")).containsExactly(Optional.empty());
    }

    @Test
    void aRowThatMapsToNullIsNoValue() {
        // one() answers empty, not a NullPointerException, for a NULL value or an aggregate of no rows
        assertThat(sql.one("SELECT seats FROM rooms WHERE id = ?", row -> Sql.nullableLong(row, 1), "c")).isEmpty();
        assertThat(sql.one("SELECT MAX(seats) FROM rooms WHERE id = ?", row -> Sql.nullableLong(row, 1), "z"))
                .isEmpty();
        assertThat(sql.one("SELECT MAX(seats) FROM rooms", row -> Sql.nullableLong(row, 1))).contains(4L);
        assertThat(sql.query("SELECT seats FROM rooms WHERE id IN ('b', 'c') ORDER BY id",
                row -> Sql.nullableLong(row, 1))).containsExactly(4L, null);
    }

    @Test
    void onAConnectionWhoseTransactionTheCallerHolds() throws Exception {
        connection.setAutoCommit(false);
        assertThat(Sql.update(connection, "UPDATE rooms SET seats = ? WHERE id = ?", 6, "a")).isEqualTo(1);
        assertThat(Sql.one(connection, "SELECT seats FROM rooms WHERE id = ?", row -> row.getInt(1), "a")).contains(6);
        assertThat(Sql.one(connection, "SELECT seats FROM rooms WHERE id = ?", row -> Sql.nullableLong(row, 1), "c"))
                .isEmpty();
        connection.rollback();
        connection.setAutoCommit(true);
        assertThat(sql.query("SELECT seats FROM rooms WHERE id = ?", row -> row.getInt(1), "a")).containsExactly(4);
        // the caller sees JDBC's own exception, to roll its transaction back
        assertThatThrownBy(() -> Sql.query(connection, "SELECT nothing FROM nowhere", row -> row.getString(1)))
                .isInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void pagesFollowTheirCursorToTheEnd() throws Exception {
        PagedQuery query = new PagedQuery("SELECT id", "FROM rooms",
                List.of(new PagedQuery.Key("id", String.class)), false);
        Page<String> first = sql.page(query, PageRequest.first(2), row -> row.getString(1), id -> List.of(id));
        assertThat(first.rows()).containsExactly("a", "b");
        assertThat(first.total()).isEqualTo(5);
        Cursor next = Cursor.parse(first.next().orElseThrow().text());
        Page<String> second = sql.page(query, new PageRequest(2, Optional.of(next)), row -> row.getString(1),
                id -> List.of(id));
        assertThat(second.rows()).containsExactly("c", "d");
        Page<String> last = sql.page(query, new PageRequest(2, second.next()), row -> row.getString(1),
                id -> List.of(id));
        assertThat(last.rows()).containsExactly("e");
        assertThat(last.next()).isEmpty();
    }

    @Test
    void aCursorOfAnotherListIsRefusedNotRead() {
        PagedQuery query = new PagedQuery("SELECT id", "FROM rooms",
                List.of(new PagedQuery.Key("id", String.class)), false);
        PageRequest foreign = new PageRequest(2, Optional.of(new Cursor(List.of(12L, "x"))));
        assertThatThrownBy(() -> sql.page(query, foreign, row -> row.getString(1), id -> List.of(id)))
                .isInstanceOf(BadCursorException.class).hasMessageContaining("cursor");
    }

    @Test
    void aFailingStatementSaysWhatCouldNotBeReadOrWritten() {
        assertThatThrownBy(() -> sql.query("SELECT nothing FROM nowhere", row -> row.getString(1)))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("cannot read rooms: ");
        assertThatThrownBy(() -> sql.update("INSERT INTO rooms (id) VALUES (?)", "a"))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("cannot write rooms: ");
        // the connection stays usable after a failure
        assertThat(sql.query("SELECT count(*) FROM rooms", row -> row.getInt(1))).containsExactly(5);
    }
}
