package fr.relais.kiosk.ui;

/** The visitor's choice of text size; every size in the style sheet is in em, so all of it follows. */
public enum TextSize {
    NORMAL(1.0, "normal"),
    LARGE(1.25, "grand"),
    VERY_LARGE(1.5, "très grand");

    private final double factor;
    private final String label;

    TextSize(double factor, String label) {
        this.factor = factor;
        this.label = label;
    }

    public double factor() {
        return factor;
    }

    /** How the button says it: "Texte : grand". */
    public String label() {
        return label;
    }

    public TextSize next() {
        return values()[(ordinal() + 1) % values().length];
    }
}
