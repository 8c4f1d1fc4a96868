package fr.relais.bench;

/** Database URLs fit for a message: a password given in the URL is masked. */
final class Redacted {
    private Redacted() {
    }

    static String url(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }
}
