package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import fr.relais.kiosk.agent.AgentReplies;
import fr.relais.kiosk.content.OpeningHours;
import fr.relais.kiosk.content.Times;
import fr.relais.protocol.content.KioskActions;
import fr.relais.protocol.content.PlaceContent;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * Being seen by a mediator: after the topic, take a ticket (numbered by the agent, so it works with
 * the hub unreachable) or book an appointment (needs the hub).
 */
final class HelpScreen implements Screen {

    static final String TITLE = "Être reçu par un médiateur";
    static final int SLOTS_SHOWN = 12;
    static final Map<String, String> TOPICS = topics();

    private final ScreenContext ctx;
    private final VBox body = new VBox();
    private final Node node;

    private HelpScreen(ScreenContext ctx) {
        this.ctx = ctx;
        body.getStyleClass().add("card-list");
        body.setId("help-body");
        VBox screen = new VBox(ScreenHeader.create(TITLE, ctx.navigator()), Ui.scroll(body));
        screen.getStyleClass().addAll("screen", "help-screen");
        this.node = screen;
        chooseTopic();
    }

    static Screen create(ScreenContext ctx) {
        return new HelpScreen(ctx);
    }

    @Override
    public Node node() {
        return node;
    }

    private static Map<String, String> topics() {
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("caf", "CAF");
        topics.put("france-travail", "France Travail");
        topics.put("retraite", "Retraite");
        topics.put("impots", "Impôts");
        topics.put("sante", "Santé, carte Vitale");
        topics.put("papiers", "Papiers, permis, carte grise");
        topics.put("autre", "Autre chose");
        return topics;
    }

    private void chooseTopic() {
        FlowPane choices = new FlowPane();
        choices.getStyleClass().add("choice-grid");
        TOPICS.forEach((topic, label) -> choices.getChildren().add(
                Ui.button(label, "topic-" + topic, "choice-button", e -> chooseWay(topic))));
        body.getChildren().setAll(Ui.label("C'est pour quoi ?", "section-title"), choices,
                Ui.secondary(typo("Voir le numéro appelé"), "show-calling", e -> ctx.navigator().show(ScreenId.CALLING)));
        if (ctx.agent().configured()) {
            body.getChildren().add(WorkshopsScreen.cancelButton(ctx));
        }
    }

    private void chooseWay(String topic) {
        Button ticket = Ui.primary(typo("Prendre un ticket : j'attends ici mon tour"), "take-ticket",
                e -> takeTicket(topic));
        Button appointment = Ui.primary(typo("Prendre rendez-vous : je reviens un autre jour"), "book-appointment",
                e -> chooseSlot());
        PlaceContent content = ctx.state().content();
        if (content != null && !OpeningHours.seesVisitorsLaterToday(content.hours(), ctx.now())) {
            // Nobody would call a ticket taken after the day's last closing: say when to come instead.
            Label closed = Ui.label(typo("Le lieu est fermé pour aujourd'hui : pas de ticket. "
                    + OpeningHours.now(content.hours(), ctx.now()) + "."), "lead");
            closed.setId("ticket-closed");
            body.getChildren().setAll(Ui.label(TOPICS.get(topic), "section-title"), closed, appointment, back());
            return;
        }
        body.getChildren().setAll(Ui.label(TOPICS.get(topic), "section-title"), ticket, appointment, back());
    }

    private void takeTicket(String topic) {
        if (!ctx.agent().configured()) {
            body.getChildren().setAll(Ui.label(typo("Cette borne ne donne pas de ticket : "
                    + "dites à l'accueil que vous êtes là."), "lead"), back());
            return;
        }
        body.getChildren().setAll(Ui.label("Un instant…", "lead"));
        ctx.agent().call(client -> client.takeTicket(topic), this::showTicket, failure ->
                body.getChildren().setAll(Ui.label(typo("La borne ne peut pas donner de ticket pour le moment : "
                        + "dites à l'accueil que vous êtes là."), "action-message"), back()));
    }

    private void showTicket(AgentReplies.Ticket ticket) {
        Label intro = Ui.label("Votre numéro", "lead");
        Label label = Ui.label(ticket.label(), "big-number");
        label.setId("ticket-label");
        Label ahead = Ui.label(ahead(ticket), "lead");
        ahead.setId("ticket-ahead");
        Label printed = Ui.label(ticket.printed() ? "Prenez votre ticket imprimé sous l'écran."
                : typo("Le ticket n'est pas imprimé : retenez ce numéro."), "card-text");
        printed.setId("ticket-printed");
        Label watch = Ui.label("Quand votre numéro s'affiche, allez au bureau indiqué.", "card-text");
        body.getChildren().setAll(intro, label, ahead, printed, watch, back());
    }

    static String ahead(AgentReplies.Ticket ticket) {
        if (ticket.ahead() == 0) {
            return "Personne n'attend avant vous.";
        }
        String people = ticket.ahead() == 1 ? "1 ticket avant vous" : ticket.ahead() + " tickets avant vous";
        return ticket.estimatedWaitMinutes() == null ? people + "."
                : people + ", environ " + ticket.estimatedWaitMinutes() + " min.";
    }

    private void chooseSlot() {
        VBox result = new VBox();
        result.setId("action-result");
        PlaceContent content = ctx.state().content();
        if (!ctx.agent().configured() || content == null) {
            body.getChildren().setAll(Ui.label(typo("Pour un rendez-vous, demandez à l'accueil."), "lead"), back());
            return;
        }
        if (!ctx.state().linkUp()) {
            Label offline = Ui.label(Ui.BOOKING_OFFLINE, "action-message");
            offline.setId("action-offline");
            body.getChildren().setAll(offline, back());
            return;
        }
        List<PlaceContent.Slot> slots = content.slots().stream()
                .filter(s -> s.startTime().toInstant().isAfter(ctx.clock().instant()))
                .sorted(Comparator.comparing(PlaceContent.Slot::startTime)).limit(SLOTS_SHOWN).toList();
        FlowPane choices = new FlowPane();
        choices.getStyleClass().add("choice-grid");
        for (PlaceContent.Slot slot : slots) {
            choices.getChildren().add(Ui.button(slotText(slot), "slot-" + slot.id(), "choice-button",
                    e -> body.getChildren().setAll(Ui.label(slotText(slot), "section-title"),
                            FirstNameStep.create(false, name -> confirm(slot, name)), back())));
        }
        if (slots.isEmpty()) {
            choices.getChildren().add(Ui.label(typo("Pas de rendez-vous libre : demandez à l'accueil."), "lead"));
        }
        body.getChildren().setAll(Ui.label("Choisissez un moment", "section-title"), choices, back());
    }

    private void confirm(PlaceContent.Slot slot, String firstName) {
        VBox result = new VBox();
        result.setId("action-result");
        result.getStyleClass().add("action-result");
        Button confirm = Ui.primary("Confirmer le rendez-vous", "confirm", null);
        confirm.setOnAction(e -> {
            confirm.setDisable(true);
            PendingAction.send(ctx, KioskActions.APPOINTMENT_BOOK, Map.of("slot", slot.id(), "firstName", firstName),
                    Ui.BOOKING_OFFLINE, result, done -> { });
        });
        FlowPane buttons = Ui.buttonRow(confirm, back());
        body.getChildren().setAll(Ui.label("Vérifiez, puis confirmez", "section-title"),
                Ui.label(slotText(slot) + ", " + slot.place() + ". Au nom de : " + firstName + ".", "lead"),
                buttons, result);
    }

    static String slotText(PlaceContent.Slot slot) {
        var start = slot.startTime().atZoneSameInstant(Times.PARIS);
        return Times.capitalized(Times.day(start.toLocalDate())) + " à " + Times.hour(start.toLocalTime());
    }

    private Button back() {
        return Ui.secondary("Recommencer", "back", e -> chooseTopic());
    }
}
