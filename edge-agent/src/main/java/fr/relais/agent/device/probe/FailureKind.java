package fr.relais.agent.device.probe;

import fr.relais.protocol.WireValue;

/** Why a measurement got no answer, in the few words that tell a technician where to look. */
public enum FailureKind implements WireValue {
    REFUSED("refused", "connexion refusée"),
    TIMEOUT("timeout", "pas de réponse dans le délai"),
    UNREACHABLE("unreachable", "réseau injoignable"),
    UNRESOLVED("unresolved", "nom introuvable"),
    CERTIFICATE("certificate", "certificat refusé"),
    TLS("tls", "échec de la négociation TLS"),
    HTTP_STATUS("http-status", "réponse HTTP en erreur"),
    DROPPED("dropped", "connexion coupée en cours de route"),
    FAILED("failed", "échec");

    private final String wire;
    private final String french;

    FailureKind(String wire, String french) {
        this.wire = wire;
        this.french = french;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** For the dashboard's messages. */
    public String french() {
        return french;
    }
}
