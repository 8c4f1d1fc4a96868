package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import fr.relais.kiosk.content.Times;
import fr.relais.protocol.content.KioskActions;
import fr.relais.protocol.content.PlaceContent;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** This week's and next week's workshops, with free seats; register in three touches. */
final class WorkshopsScreen implements Screen {

    static final String TITLE = "Les ateliers";
    static final String CANCEL_LABEL = "J'ai un code : annuler";

    private final ScreenContext ctx;
    private final VBox body = new VBox();
    private final Label freshness = Ui.freshnessLabel();
    private final Node node;
    /** While a registration is under way the list is not redrawn under the visitor's finger. */
    private boolean registering;

    private WorkshopsScreen(ScreenContext ctx) {
        this.ctx = ctx;
        body.getStyleClass().add("card-list");
        body.setId("workshop-body");
        VBox screen = new VBox(ScreenHeader.create(TITLE, ctx.navigator()), freshness, Ui.scroll(body));
        screen.getStyleClass().addAll("screen", "workshops-screen");
        this.node = screen;
        refresh();
    }

    static Screen create(ScreenContext ctx) {
        return new WorkshopsScreen(ctx);
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void refresh() {
        Ui.refreshFreshness(freshness, ctx);
        if (!registering) {
            showList();
        }
    }

    private void showList() {
        registering = false;
        body.getChildren().clear();
        PlaceContent content = ctx.state().content();
        if (content == null) {
            body.getChildren().add(Ui.label(typo("Des ateliers ont lieu ici, en petit groupe. Le programme est affiché "
                    + "à l'accueil : demandez-y pour vous inscrire."), "lead"));
            return;
        }
        List<PlaceContent.Workshop> workshops = coming(content.workshops());
        if (workshops.isEmpty()) {
            body.getChildren().add(Ui.label("Pas d'atelier prévu cette semaine ni la semaine prochaine.", "lead"));
        }
        for (PlaceContent.Workshop workshop : workshops) {
            body.getChildren().add(card(workshop));
        }
        body.getChildren().add(Ui.buttonRow(cancelButton(ctx)));
    }

    /** To the screen that cancels with the code given at registration; also on the help screen. */
    static Button cancelButton(ScreenContext ctx) {
        return Ui.secondary(typo(CANCEL_LABEL), "open-cancel", e -> ctx.navigator().show(ScreenId.CANCEL));
    }

    private List<PlaceContent.Workshop> coming(List<PlaceContent.Workshop> all) {
        LocalDate today = ctx.now().toLocalDate();
        LocalDate end = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);
        return all.stream()
                .filter(w -> w.startTime().toInstant().isAfter(ctx.clock().instant())
                        && w.startTime().atZoneSameInstant(Times.PARIS).toLocalDate().isBefore(end))
                .sorted(Comparator.comparing(PlaceContent.Workshop::startTime)).toList();
    }

    private Node card(PlaceContent.Workshop workshop) {
        Label title = Ui.label(workshop.title(), "card-title");
        Label when = Ui.label(when(workshop), "card-text");
        Label level = Ui.label(level(workshop.level()) + " · " + workshop.place(), "card-text");
        Label seats = Ui.label(seats(workshop), workshop.free() == 0 ? "seats-full" : "seats-free");
        seats.setId("seats-" + workshop.id());
        VBox card = new VBox(title, when, level, seats);
        if (workshop.free() > 0) {
            Button register = Ui.primary("S'inscrire", "register-" + workshop.id(), e -> askName(workshop));
            card.getChildren().add(register);
        }
        card.getStyleClass().add("card");
        card.setId("workshop-" + workshop.id());
        return card;
    }

    private void askName(PlaceContent.Workshop workshop) {
        registering = true;
        body.getChildren().setAll(Ui.label(workshop.title(), "section-title"),
                FirstNameStep.create(true, name -> confirm(workshop, name)), back());
    }

    private void confirm(PlaceContent.Workshop workshop, String firstName) {
        Label summary = Ui.label(typo(workshop.title() + ", " + when(workshop) + ". "
                + (firstName == null ? "Inscription sans nom : vous aurez un numéro." : "Au nom de : " + firstName + ".")),
                "lead");
        VBox result = new VBox();
        result.setId("action-result");
        result.getStyleClass().add("action-result");
        Button confirm = Ui.primary("Confirmer l'inscription", "confirm", null);
        confirm.setOnAction(e -> {
            confirm.setDisable(true);
            Map<String, Object> fields = new HashMap<>();
            fields.put("workshop", workshop.id());
            if (firstName != null) {
                fields.put("firstName", firstName);
            }
            PendingAction.send(ctx, KioskActions.WORKSHOP_REGISTER, fields, Ui.REGISTER_OFFLINE, result, done -> { });
        });
        FlowPane buttons = Ui.buttonRow(confirm, back());
        body.getChildren().setAll(Ui.label("Vérifiez, puis confirmez", "section-title"), summary, buttons, result);
    }

    private Button back() {
        return Ui.secondary("Retour aux ateliers", "back", e -> showList());
    }

    static String when(PlaceContent.Workshop workshop) {
        var start = workshop.startTime().atZoneSameInstant(Times.PARIS);
        var end = java.time.OffsetDateTime.parse(workshop.end()).atZoneSameInstant(Times.PARIS);
        return Times.capitalized(Times.day(start.toLocalDate())) + ", de " + Times.hour(start.toLocalTime())
                + " à " + Times.hour(end.toLocalTime());
    }

    static String seats(PlaceContent.Workshop workshop) {
        if (workshop.free() == 0) {
            return "Complet";
        }
        return workshop.free() == 1 ? "1 place libre" : workshop.free() + " places libres";
    }

    private static String level(String level) {
        return switch (level) {
            case "beginner" -> "Pour débuter";
            case "intermediate" -> "Niveau moyen";
            default -> "Niveau avancé";
        };
    }
}
