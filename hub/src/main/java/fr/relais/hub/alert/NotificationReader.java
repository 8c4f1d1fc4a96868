package fr.relais.hub.alert;

import fr.relais.hub.notify.NotificationSettings;
import fr.relais.hub.notify.Recipient;
import fr.relais.hub.notify.SmtpSettings;
import fr.relais.protocol.Severity;
import fr.relais.protocol.WireValue;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code notifications} section of the rule file: SMTP, the technicians, the retries. */
final class NotificationReader {
    /** Enough to catch a typo; the mail server is the judge of the rest. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;

    NotificationReader(Map<String, String> environment) {
        this.environment = environment;
    }

    NotificationSettings read(StrictObject object) throws FieldException {
        int attempts = (int) object.longIn("attempts", 1, 20, NotificationSettings.DEFAULT_ATTEMPTS);
        Duration firstRetry = Duration.ofSeconds(object.longIn("firstRetrySeconds", 1, 3600,
                NotificationSettings.DEFAULT_FIRST_RETRY_DELAY.toSeconds()));
        Optional<SmtpSettings> smtp = Optional.empty();
        Optional<StrictObject> smtpObject = object.optionalObject("smtp");
        if (smtpObject.isPresent()) {
            smtp = Optional.of(smtp(smtpObject.get()));
        }
        List<Recipient> recipients = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (object.has("recipients")) {
            for (StrictObject recipient : object.objects("recipients", 200)) {
                Recipient read = recipient(recipient, smtp.isPresent());
                if (!names.add(read.name())) {
                    throw new FieldException(recipient.field("name"), "another recipient is named '" + read.name() + "'");
                }
                recipients.add(read);
            }
        }
        object.finish();
        return new NotificationSettings(attempts, firstRetry, smtp, recipients);
    }

    private SmtpSettings smtp(StrictObject object) throws FieldException {
        String host = object.text("host");
        boolean ssl = object.bool("ssl", false);
        int port = (int) object.longIn("port", 1, 65_535, ssl ? 465 : 587);
        SmtpSettings.StartTls startTls = object.choice("startTls", SmtpSettings.StartTls.class,
                SmtpSettings.StartTls.REQUIRED);
        Optional<String> username = object.optionalText("username");
        Optional<String> password = Optional.empty();
        Optional<String> passwordEnv = object.optionalText("passwordEnv");
        if (passwordEnv.isPresent()) {
            if (!ENV_NAME.matcher(passwordEnv.get()).matches()) {
                throw new FieldException(object.field("passwordEnv"), "'" + passwordEnv.get()
                        + "' is not the name of an environment variable");
            }
            if (username.isEmpty()) {
                throw new FieldException(object.field("username"), "is required when a password is given");
            }
            password = Optional.ofNullable(environment.get(passwordEnv.get()));
            if (password.isEmpty()) {
                throw new FieldException(object.field("passwordEnv"), "the environment variable "
                        + passwordEnv.get() + " is not set");
            }
        }
        String from = object.text("from");
        if (!EMAIL.matcher(from).find()) {
            throw new FieldException(object.field("from"), "'" + from + "' has no e-mail address in it");
        }
        object.finish();
        return new SmtpSettings(host, port, ssl, startTls, username, password, from);
    }

    private static Recipient recipient(StrictObject object, boolean hasSmtp) throws FieldException {
        String name = object.text("name");
        Optional<String> email = object.optionalText("email");
        if (email.isPresent()) {
            if (!EMAIL.matcher(email.get()).matches()) {
                throw new FieldException(object.field("email"), "'" + email.get() + "' is not an e-mail address");
            }
            if (!hasSmtp) {
                throw new FieldException(object.field("email"), "e-mail needs notifications.smtp to send it through");
            }
        }
        Optional<URI> webhook = Optional.empty();
        Optional<String> url = object.optionalText("webhook");
        if (url.isPresent()) {
            webhook = Optional.of(webhook(object, url.get()));
        }
        if (email.isEmpty() && webhook.isEmpty()) {
            throw new FieldException(object.field("email"), "a recipient needs an email, a webhook or both");
        }
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        List<String> texts = object.has("severities") ? object.texts("severities") : List.of("warning", "critical");
        for (int i = 0; i < texts.size(); i++) {
            Severity severity = WireValue.fromWire(Severity.class, texts.get(i));
            if (severity == null) {
                throw new FieldException(object.field("severities") + "[" + i + "]", "'" + texts.get(i)
                        + "' is not one of: " + WireValue.choices(Severity.class));
            }
            severities.add(severity);
        }
        object.finish();
        return new Recipient(name, email, webhook, severities);
    }

    private static URI webhook(StrictObject object, String url) throws FieldException {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new FieldException(object.field("webhook"), "'" + url + "' is not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new FieldException(object.field("webhook"), "'" + url + "' is not a URL: " + e.getReason());
        }
    }
}
