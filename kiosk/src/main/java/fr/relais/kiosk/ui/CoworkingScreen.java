package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import fr.relais.kiosk.agent.AgentReplies;
import fr.relais.kiosk.content.Times;
import fr.relais.protocol.content.KioskActions;
import fr.relais.protocol.content.PlaceContent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The coworking place: badge on the kiosk's reader to check in or out (the agent decides from its
 * access list), the rooms and their free hours (today, or the next day the place opens when today
 * is over: {@link RoomHours}), and, once badged, book a free hour.
 */
final class CoworkingScreen implements Screen {

    static final String TITLE = "Coworking";
    static final String BADGE_PROMPT = "Passez votre badge sur le lecteur";
    /** A little under the agent's 2 minutes ({@code BadgeReads.KEPT}): the kiosk learns of a read late. */
    static final Duration BOOKING_AFTER_BADGE = Duration.ofSeconds(110);

    private final ScreenContext ctx;
    private final Label prompt = Ui.label(BADGE_PROMPT, "badge-prompt");
    private final Label checkin = Ui.label("", "action-message");
    private final VBox rooms = new VBox();
    private final Label roomsTitle = Ui.label("Les salles aujourd'hui", "section-title");
    private final VBox result = new VBox();
    private final Label freshness = Ui.freshnessLabel();
    private final Node node;
    private String direction = "entry";
    private String member;
    /**
     * The badge read that checked in: a booking names it, and the agent finds the member behind it
     * (the kiosk never names a member). The agent forgets it 2 minutes after the badge.
     */
    private String memberRead;
    private Instant badgedAt;
    /**
     * What the rooms were last drawn from (content version, member, hour): the agent's state comes
     * every few seconds, and redrawing the buttons each time would pull one from under a finger.
     */
    private String drawnFrom;

    private CoworkingScreen(ScreenContext ctx) {
        this.ctx = ctx;
        prompt.setId("badge-prompt");
        // The pictogram beside the label, not inside it: a wrapped label with a graphic is given one line
        // too few and ends in "…" in very large text.
        HBox promptRow = new HBox(Icons.icon("badge"), prompt);
        promptRow.getStyleClass().add("badge-prompt-row");
        HBox.setHgrow(prompt, Priority.ALWAYS);
        checkin.setId("checkin-result");
        rooms.setId("rooms");
        roomsTitle.setId("rooms-title");
        rooms.getStyleClass().add("card-list");
        result.setId("action-result");
        Button entry = Ui.button("J'arrive", "dir-entry", "choice-button", null);
        Button exit = Ui.button("Je pars", "dir-exit", "choice-button", null);
        entry.getStyleClass().add("selected");
        entry.setOnAction(e -> choose("entry", entry, exit));
        exit.setOnAction(e -> choose("exit", exit, entry));
        FlowPane directions = Ui.buttonRow(entry, exit);
        VBox content = new VBox(directions, promptRow, checkin, roomsTitle,
                rooms, result);
        content.getStyleClass().add("card-list");
        VBox screen = new VBox(ScreenHeader.create(TITLE, ctx.navigator()), freshness, Ui.scroll(content));
        screen.getStyleClass().addAll("screen", "coworking-screen");
        this.node = screen;
        refresh();
    }

    static Screen create(ScreenContext ctx) {
        return new CoworkingScreen(ctx);
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void shown() {
        if (ctx.agent().configured()) {
            ctx.agent().waitForBadge(this::badged);
        }
    }

    @Override
    public void hidden() {
        ctx.agent().stopWaitingForBadge();
    }

    @Override
    public void refresh() {
        Ui.refreshFreshness(freshness, ctx);
        if (!ctx.agent().configured()) {
            prompt.setText(typo("Cette borne ne lit pas les badges : badgez à la porte."));
        }
        if (member != null && !ctx.clock().instant().isBefore(badgedAt.plus(BOOKING_AFTER_BADGE))) {
            // The agent forgets a badge read after 2 minutes: a booking then would only be refused.
            member = null;
            memberRead = null;
            checkin.setText(typo("Pour réserver, passez à nouveau votre badge."));
        }
        showRooms();
    }

    private void choose(String chosen, Button on, Button off) {
        direction = chosen;
        on.getStyleClass().add("selected");
        off.getStyleClass().remove("selected");
    }

    private void badged(AgentReplies.BadgeRead read) {
        checkin.setText("Un instant…");
        String chosen = direction;
        ctx.agent().call(client -> client.act(KioskActions.COWORKING_CHECKIN,
                        Map.of("read", read.read(), "direction", chosen)),
                answer -> {
                    if ("done".equals(answer.state())) {
                        member = answer.member();
                        memberRead = read.read();
                        badgedAt = ctx.clock().instant();
                        checkin.setText(chosen.equals("entry") ? "Bienvenue ! Votre arrivée est enregistrée."
                                : "Au revoir ! Votre départ est enregistré.");
                        showRooms();
                    } else {
                        checkin.setText(answer.message() != null ? answer.message()
                                : typo("Badge non reconnu : demandez à l'accueil."));
                    }
                },
                failure -> checkin.setText(Ui.AGENT_SILENT));
    }

    private void showRooms() {
        PlaceContent content = ctx.state().content();
        String from = (content == null ? "none" : Long.toString(content.version())) + "|" + member + "|"
                + ctx.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        if (content != null && from.equals(drawnFrom)) {
            return;
        }
        drawnFrom = from;
        rooms.getChildren().clear();
        if (content == null) {
            rooms.getChildren().add(Ui.label(Ui.freshness(ctx.state(), ctx.clock().instant()), "lead"));
            return;
        }
        if (content.rooms().isEmpty()) {
            rooms.getChildren().add(Ui.label("Pas de salle à réserver ici.", "lead"));
        }
        LocalDate today = ctx.now().toLocalDate();
        LocalDate day = RoomHours.offeredDay(content.hours(), ctx.now()).orElse(today);
        roomsTitle.setText("Les salles " + RoomHours.dayText(day, today));
        for (PlaceContent.Room room : content.rooms()) {
            rooms.getChildren().add(room(content, room, day));
        }
        if (member == null && !content.rooms().isEmpty()) {
            rooms.getChildren().add(Ui.label("Pour réserver, passez d'abord votre badge.", "card-text"));
        }
    }

    private Node room(PlaceContent content, PlaceContent.Room room, LocalDate day) {
        // A capacity of 0 means the hub does not know it: "(0 places)" would read as "full".
        VBox card = new VBox(Ui.label(room.capacity() > 0 ? room.name() + " (" + room.capacity() + " places)"
                : room.name(), "card-title"));
        card.getStyleClass().add("card");
        card.setId("room-" + room.id());
        List<String> taken = RoomHours.taken(room, day).stream().map(t -> "Occupée de " + hour(t.start()) + " à " + hour(t.end()))
                .toList();
        card.getChildren().add(Ui.label(taken.isEmpty() ? "Libre toute la journée." : String.join(" ; ", taken),
                "card-text"));
        FlowPane free = new FlowPane();
        free.getStyleClass().add("choice-grid");
        for (ZonedDateTime start : RoomHours.free(content.hours(), room, day, ctx.now())) {
            ZonedDateTime end = start.plusHours(1);
            Button book = Ui.button(Times.hour(start.toLocalTime()) + " – " + Times.hour(end.toLocalTime()),
                    "book-" + room.id() + "-" + start.toLocalTime().format(DateTimeFormatter.ofPattern("HHmm")),
                    "choice-button", e -> PendingAction.send(ctx, KioskActions.ROOM_BOOK, Map.of("read", memberRead,
                            "room", room.id(), "start", start.toOffsetDateTime().toString(),
                            "end", end.toOffsetDateTime().toString()), Ui.BOOKING_OFFLINE, result, done -> { }));
            book.setDisable(member == null);
            free.getChildren().add(book);
        }
        if (!free.getChildren().isEmpty()) {
            card.getChildren().addAll(Ui.label("Heures libres :", "card-text"), free);
        }
        return card;
    }

    private static String hour(String isoTime) {
        return Times.hour(OffsetDateTime.parse(isoTime).atZoneSameInstant(Times.PARIS).toLocalTime());
    }
}
