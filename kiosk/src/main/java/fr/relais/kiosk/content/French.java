package fr.relais.kiosk.content;

/**
 * French typography: a non-breaking space before {@code : ? ! ;} and inside guillemets, so a
 * line never starts with a lone question mark on a narrow screen.
 */
public final class French {

    private static final String NBSP = "\u00a0";

    private French() {
    }

    public static String typo(String text) {
        return text.replace(" :", NBSP + ":")
                .replace(" ?", NBSP + "?")
                .replace(" !", NBSP + "!")
                .replace(" ;", NBSP + ";")
                .replace("« ", "«" + NBSP)
                .replace(" »", NBSP + "»");
    }
}
