package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import fr.relais.kiosk.content.CommuneSearch;
import fr.relais.kiosk.content.Times;
import fr.relais.protocol.content.PlaceContent;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * When does the van come to my village? Type or pick the commune (accents and capitals forgiven),
 * see its next visits, scan a QR code to put them in a phone's calendar, or read the month's tour.
 */
final class VanScreen implements Screen {

    static final String TITLE = typo("Quand passe le bus France Services ?");
    static final int NEXT_VISITS = 4;
    static final int QR_MODULE_PX = 5;

    private final ScreenContext ctx;
    private final TextField search = new TextField();
    private final VBox communeList = new VBox();
    private final VBox details = new VBox();
    private final Label freshness = Ui.freshnessLabel();
    private final Node node;
    private String selected;
    private boolean monthShown;

    private VanScreen(ScreenContext ctx) {
        this.ctx = ctx;
        this.node = build();
        refresh();
    }

    static Screen create(ScreenContext ctx) {
        return new VanScreen(ctx);
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void refresh() {
        Ui.refreshFreshness(freshness, ctx);
        showCommunes(search.getText());
        showDetails();
    }

    private Node build() {
        search.setId("van-search");
        search.getStyleClass().add("search-field");
        search.setPromptText("Votre commune");
        search.setAccessibleText("Écrire le nom de votre commune");
        search.textProperty().addListener((obs, old, query) -> {
            showCommunes(query);
            List<PlaceContent.Commune> matching = matching(query);
            if (matching.size() == 1 && !query.isBlank()) {
                select(matching.get(0).id());
            }
        });
        Label label = Ui.label("Écrivez ou choisissez votre commune", "search-label");
        communeList.setId("van-communes");
        communeList.getStyleClass().add("choice-list");
        VBox left = new VBox(label, search, Ui.scroll(communeList));
        left.getStyleClass().add("van-left");
        left.setMinWidth(0);
        left.setPrefWidth(1);
        HBox.setHgrow(left, Priority.ALWAYS);

        details.setId("van-details");
        details.getStyleClass().add("details");
        Region right = Ui.scroll(details);
        // Both columns start from nothing and share the width: the list narrower than the details.
        right.setPrefWidth(1);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox columns = new HBox(left, right);
        columns.getStyleClass().add("columns");
        VBox.setVgrow(columns, Priority.ALWAYS);

        VBox screen = new VBox(ScreenHeader.create(TITLE, ctx.navigator()), freshness, columns);
        screen.getStyleClass().addAll("screen", "van-screen");
        return screen;
    }

    private List<PlaceContent.Commune> matching(String query) {
        PlaceContent content = ctx.state().content();
        return content == null ? List.of() : CommuneSearch.filter(content.van().communes(), query);
    }

    private void showCommunes(String query) {
        communeList.getChildren().clear();
        for (PlaceContent.Commune commune : matching(query)) {
            Button button = Ui.button(commune.name(), "commune-" + commune.id(), "choice-button", e -> select(commune.id()));
            button.setMaxWidth(Double.MAX_VALUE);
            if (commune.id().equals(selected)) {
                button.getStyleClass().add("selected");
            }
            communeList.getChildren().add(button);
        }
        if (ctx.state().content() != null && communeList.getChildren().isEmpty()) {
            communeList.getChildren().add(Ui.label(typo("Aucune commune ne correspond. Vérifiez l'orthographe."),
                    "no-match"));
        }
    }

    private void select(String commune) {
        selected = commune;
        monthShown = false;
        showCommunes(search.getText());
        showDetails();
    }

    private void showDetails() {
        details.getChildren().clear();
        PlaceContent content = ctx.state().content();
        if (content == null) {
            details.getChildren().add(Ui.label(typo("Le bus France Services passe dans chaque commune au moins une fois "
                    + "par mois. Pour la date, demandez à l'accueil ou à votre mairie."), "lead"));
            return;
        }
        Button month = Ui.secondary("La tournée du mois", "van-month", e -> {
            monthShown = true;
            showDetails();
        });
        PlaceContent.Commune commune = content.van().communes().stream()
                .filter(c -> c.id().equals(selected)).findFirst().orElse(null);
        if (monthShown || commune == null) {
            if (!monthShown) {
                details.getChildren().add(Ui.label(typo("Choisissez votre commune : vous verrez quand le bus vient."),
                        "lead"));
                details.getChildren().add(month);
            } else {
                monthTour(content);
            }
            return;
        }
        details.getChildren().add(Ui.label(commune.name(), "section-title"));
        List<PlaceContent.Visit> visits = content.van().visits().stream()
                .filter(v -> v.commune().equals(commune.id()) && v.endTime().toInstant().isAfter(ctx.clock().instant()))
                .sorted(Comparator.comparing(PlaceContent.Visit::startTime)).limit(NEXT_VISITS).toList();
        VBox list = new VBox();
        list.setId("van-visits");
        list.getStyleClass().add("card-list");
        if (visits.isEmpty()) {
            list.getChildren().add(Ui.label(typo("Pas de passage prévu dans les semaines qui viennent. "
                    + "Demandez à votre mairie."), "card"));
        }
        for (PlaceContent.Visit visit : visits) {
            list.getChildren().add(Ui.label(visitText(visit), "card", "visit",
                    visit.status().equals("cancelled") ? "cancelled" : "planned"));
        }
        details.getChildren().add(list);
        String url = commune.calendarUrl() != null ? commune.calendarUrl() : content.van().calendarUrl();
        if (url != null) {
            ImageView qr = new ImageView(QrCode.image(url, QR_MODULE_PX));
            qr.setId("van-qr");
            qr.setUserData(url);
            Label explain = Ui.label(typo("Avec votre téléphone, photographiez ce code : les passages du bus "
                    + "s'ajoutent à votre agenda."), "qr-explain");
            HBox qrRow = new HBox(qr, explain);
            qrRow.getStyleClass().add("qr-row");
            HBox.setHgrow(explain, Priority.ALWAYS);
            details.getChildren().add(qrRow);
        }
        details.getChildren().add(month);
    }

    private void monthTour(PlaceContent content) {
        LocalDate today = ctx.now().toLocalDate();
        String monthName = today.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH);
        details.getChildren().add(Ui.label("La tournée de " + monthName, "section-title"));
        VBox list = new VBox();
        list.setId("van-month-list");
        list.getStyleClass().add("card-list");
        content.van().visits().stream()
                .filter(v -> {
                    LocalDate day = v.startTime().atZoneSameInstant(Times.PARIS).toLocalDate();
                    return day.getMonth() == today.getMonth() && day.getYear() == today.getYear();
                })
                .sorted(Comparator.comparing(PlaceContent.Visit::startTime))
                .forEach(v -> list.getChildren().add(Ui.label(communeName(content, v.commune()) + " — "
                        + visitText(v), "card", "visit")));
        if (list.getChildren().isEmpty()) {
            list.getChildren().add(Ui.label("Aucun passage connu ce mois-ci.", "card"));
        }
        details.getChildren().add(list);
    }

    private static String communeName(PlaceContent content, String id) {
        return content.van().communes().stream().filter(c -> c.id().equals(id)).map(PlaceContent.Commune::name)
                .findFirst().orElse(id);
    }

    /** "Mardi 3 décembre, de 9 h à 12 h : place de la mairie", "annulé" said first when it is. */
    static String visitText(PlaceContent.Visit visit) {
        OffsetDateTime start = visit.startTime();
        var local = start.atZoneSameInstant(Times.PARIS);
        var end = visit.endTime().atZoneSameInstant(Times.PARIS);
        String text = Times.capitalized(Times.day(local.toLocalDate())) + ", de " + Times.hour(local.toLocalTime())
                + " à " + Times.hour(end.toLocalTime()) + " : " + visit.place();
        if (visit.status().equals("cancelled")) {
            text = "ANNULÉ — " + text + (visit.note() != null ? " (" + visit.note() + ")" : "");
        } else if (visit.note() != null) {
            text += " (" + visit.note() + ")";
        }
        return typo(text);
    }
}
