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
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * When does the van come to my village? Type or pick the commune (accents and capitals forgiven),
 * see its next visits, scan a QR code to put them in a phone's calendar, or read the month's tour.
 *
 * <p>Two layouts. Where there is room, the communes on the left and the chosen one's visits on the
 * right. Where there is little height for the text size (very large text on the Pi's 7-inch display),
 * two columns left room for a single commune: there, one scrolling list where each commune says its
 * next visit, the chosen one's details open under it, and the search field scrolls away with the rest.
 */
final class VanScreen implements Screen {

    static final String TITLE = typo("Quand passe le bus France Services ?");
    static final int NEXT_VISITS = 4;
    static final int QR_MODULE_PX = 5;
    /** Fewer lines of text than this in the screen's height: one list rather than two columns. */
    static final double COMPACT_BELOW_LINES = 22;
    static final String COMPACT = "van-compact";

    private final ScreenContext ctx;
    private final TextField search = new TextField();
    private final VBox communeList = new VBox();
    private final VBox details = new VBox();
    private final Label freshness = Ui.freshnessLabel();
    private final Label prompt = Ui.label("Écrivez ou choisissez votre commune", "search-label");
    private final VBox left = new VBox();
    private final ScrollPane communeScroll = Ui.scroll(null);
    private final ScrollPane detailsScroll = Ui.scroll(null);
    private final HBox columns = new HBox();
    private final VBox oneList = new VBox();
    private final ScrollPane oneListScroll = Ui.scroll(oneList);
    /**
     * Chooses its layout when laid out, once its height and its text size are known, before placing its
     * children: changing the children from a listener while the parent lays them out breaks that layout.
     */
    private final VBox screen = new VBox() {
        @Override
        protected void layoutChildren() {
            fitLayout();
            super.layoutChildren();
        }
    };
    private Node header;
    private final Node node;
    private String selected;
    private boolean monthShown;
    private boolean compact;

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
        search.setPromptText("Écrivez votre commune");
        search.setAccessibleText("Écrire le nom de votre commune");
        search.textProperty().addListener((obs, old, query) -> {
            showCommunes(query);
            List<PlaceContent.Commune> matching = matching(query);
            if (matching.size() == 1 && !query.isBlank()) {
                select(matching.get(0).id());
            }
        });
        communeList.setId("van-communes");
        communeList.getStyleClass().add("choice-list");
        left.getStyleClass().add("van-left");
        left.setMinWidth(0);
        left.setPrefWidth(1);
        HBox.setHgrow(left, Priority.ALWAYS);

        details.setId("van-details");
        details.getStyleClass().add("details");
        // Both columns start from nothing and share the width: the list narrower than the details.
        detailsScroll.setPrefWidth(1);
        HBox.setHgrow(detailsScroll, Priority.ALWAYS);
        columns.getChildren().setAll(left, detailsScroll);
        columns.getStyleClass().add("columns");
        VBox.setVgrow(columns, Priority.ALWAYS);

        oneList.getStyleClass().add("van-one-list");
        oneListScroll.setId("van-one-list");

        header = ScreenHeader.create(TITLE, ctx.navigator());
        screen.getStyleClass().addAll("screen", "van-screen");
        arrange(false);
        return screen;
    }

    /** The freshness line is in the screen's own font size, which follows the visitor's text size. */
    private void fitLayout() {
        double lines = screen.getHeight() / freshness.getFont().getSize();
        boolean small = screen.getHeight() > 0 && lines < COMPACT_BELOW_LINES;
        if (small != compact) {
            arrange(small);
            showCommunes(search.getText());
            showDetails();
            // The nodes just moved get their style now, so this very pass sizes them right.
            screen.applyCss();
        }
    }

    /** Moves the same search field, list and details into the columns or into the single list. */
    private void arrange(boolean compact) {
        this.compact = compact;
        communeList.getChildren().clear();
        if (compact) {
            communeScroll.setContent(null);
            detailsScroll.setContent(null);
            left.getChildren().clear();
            // The field says what to do; the label above it would push the communes off the screen. The
            // freshness line scrolls away with the rest: the communes come first.
            screen.getChildren().setAll(header, oneListScroll);
            oneList.getChildren().setAll(freshness, search, communeList);
            screen.getStyleClass().add(COMPACT);
        } else {
            oneList.getChildren().clear();
            communeScroll.setContent(communeList);
            detailsScroll.setContent(details);
            left.getChildren().setAll(prompt, search, communeScroll);
            screen.getChildren().setAll(header, freshness, columns);
            screen.getStyleClass().remove(COMPACT);
        }
    }

    /** Whether the single scrolling list is shown rather than two columns. */
    boolean compact() {
        return compact;
    }

    private List<PlaceContent.Commune> matching(String query) {
        PlaceContent content = ctx.state().content();
        return content == null ? List.of() : CommuneSearch.filter(content.van().communes(), query);
    }

    private void showCommunes(String query) {
        communeList.getChildren().clear();
        PlaceContent content = ctx.state().content();
        boolean inline = compact && content != null;
        if (inline && monthShown) {
            // Under the field, where the finger that asked for it is.
            communeList.getChildren().add(details);
        }
        for (PlaceContent.Commune commune : matching(query)) {
            boolean chosen = commune.id().equals(selected);
            // The chosen commune's visits open just under it: its button need not say the next one again.
            String text = inline && !(chosen && !monthShown) ? commune.name() + "\n" + nextVisit(content, commune.id())
                    : commune.name();
            Button button = Ui.button(text, "commune-" + commune.id(), "choice-button", e -> select(commune.id()));
            button.setMaxWidth(Double.MAX_VALUE);
            if (chosen) {
                button.getStyleClass().add("selected");
            }
            communeList.getChildren().add(button);
            if (inline && chosen && !monthShown) {
                communeList.getChildren().add(details);
            }
        }
        if (content != null && matching(query).isEmpty()) {
            communeList.getChildren().add(Ui.label(typo("Aucune commune ne correspond. Vérifiez l'orthographe."),
                    "no-match"));
        }
        if (inline && !communeList.getChildren().contains(details)) {
            // The month's tour stays within reach at the end of the list.
            communeList.getChildren().add(details);
        }
        if (compact && content == null) {
            communeList.getChildren().add(details);
        }
    }

    /** "Mardi 5 janvier, de 9 h à 12 h", the next visit not cancelled, for the single list. */
    private String nextVisit(PlaceContent content, String commune) {
        return content.van().visits().stream()
                .filter(v -> v.commune().equals(commune) && !v.status().equals("cancelled")
                        && v.endTime().toInstant().isAfter(ctx.clock().instant()))
                .min(Comparator.comparing(PlaceContent.Visit::startTime))
                .map(v -> {
                    var start = v.startTime().atZoneSameInstant(Times.PARIS);
                    var end = v.endTime().atZoneSameInstant(Times.PARIS);
                    return typo(Times.capitalized(Times.relativeDay(start.toLocalDate(), ctx.now().toLocalDate()))
                            + ", de " + Times.hour(start.toLocalTime()) + " à " + Times.hour(end.toLocalTime()));
                })
                .orElse("Pas de passage prévu");
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
            // In the single list the tour moves to the top: the list is laid out again.
            showCommunes(search.getText());
            showDetails();
        });
        PlaceContent.Commune commune = content.van().communes().stream()
                .filter(c -> c.id().equals(selected)).findFirst().orElse(null);
        if (monthShown || commune == null) {
            if (!monthShown) {
                if (!compact) {
                    // In the single list each commune already says when the bus comes.
                    details.getChildren().add(Ui.label(
                            typo("Choisissez votre commune : vous verrez quand le bus vient."), "lead"));
                }
                details.getChildren().add(month);
            } else {
                monthTour(content);
            }
            return;
        }
        if (!compact) {
            // In the single list the commune's own button, just above, says it.
            details.getChildren().add(Ui.label(commune.name(), "section-title"));
        }
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
