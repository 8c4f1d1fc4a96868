package fr.relais.hub.alert;

/** The rule file cannot be used; the message names the file, the rule and the field. */
public final class AlertRulesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlertRulesException(String message, Throwable cause) {
        super(message, cause);
    }

    public AlertRulesException(String message) {
        super(message);
    }
}
