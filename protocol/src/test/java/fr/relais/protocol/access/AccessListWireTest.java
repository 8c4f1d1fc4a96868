package fr.relais.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fr.relais.protocol.access.AccessListException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The signed list's envelope: read strictly, bounded, and never more than bytes to verify. */
class AccessListWireTest {
    private static final String SIGNATURE = Base64.getEncoder().encodeToString(new byte[64]);
    private final SignedAccessListCodec codec = new SignedAccessListCodec();

    private AccessListException refusal(byte[] wire) {
        Throwable thrown = catchThrowable(() -> codec.decode(wire));
        assertThat(thrown).isInstanceOf(AccessListException.class);
        assertThat(((AccessListException) thrown).reason()).isEqualTo(Reason.MALFORMED);
        return (AccessListException) thrown;
    }

    @Test
    void theWireFormComesBackEqual() throws AccessListException {
        SignedAccessList signed = new SignedAccessList("{\"v\":1}".getBytes(StandardCharsets.UTF_8), new byte[64]);

        byte[] wire = codec.encode(signed);

        assertThat(new String(wire, StandardCharsets.UTF_8))
                .isEqualTo("{\"v\":1,\"payload\":\"eyJ2IjoxfQ==\",\"signature\":\"" + SIGNATURE + "\"}");
        assertThat(codec.decode(wire)).isEqualTo(signed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON            | garbage                                                          | payload   | not valid JSON",
        "an array            | []                                                               | payload   | must be an object",
        "unknown field       | {'v':1,'payload':'eyJ2IjoxfQ==','signature':'SIG','key':'x'}      | key       | unknown field",
        "no version          | {'payload':'eyJ2IjoxfQ==','signature':'SIG'}                     | v         | is required",
        "future version      | {'v':2,'payload':'eyJ2IjoxfQ==','signature':'SIG'}               | v         | unsupported format version 2",
        "version as text     | {'v':'1','payload':'eyJ2IjoxfQ==','signature':'SIG'}             | v         | must be an integer",
        "no payload          | {'v':1,'signature':'SIG'}                                         | payload   | is required",
        "payload not text    | {'v':1,'payload':{},'signature':'SIG'}                            | payload   | must be a base64 text",
        "payload not base64  | {'v':1,'payload':'eyJ2I*oxfQ==','signature':'SIG'}               | payload   | not standard base64",
        "empty payload       | {'v':1,'payload':'','signature':'SIG'}                            | payload   | 0 bytes",
        "short signature     | {'v':1,'payload':'eyJ2IjoxfQ==','signature':'AAAA'}              | signature | 3 bytes, an Ed25519 signature has 64",
        "a key twice         | {'v':1,'v':1,'payload':'eyJ2IjoxfQ==','signature':'SIG'}         | payload   | Duplicate field",
    })
    void refusesWithTheField(String what, String json, String field, String reason) {
        byte[] wire = json.replace('\'', '"').replace("SIG", SIGNATURE).getBytes(StandardCharsets.UTF_8);

        AccessListException refusal = refusal(wire);

        assertThat(refusal.field()).as(what).isEqualTo(field);
        assertThat(refusal.detail()).as(what).contains(reason);
    }

    @Test
    void anOversizedWireFormIsRefusedUnread() {
        byte[] huge = new byte[SignedAccessListCodec.MAX_WIRE_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');

        assertThat(refusal(huge).detail()).contains("more than the limit of " + SignedAccessListCodec.MAX_WIRE_BYTES);
    }

    @Test
    void aPayloadOverTheListLimitIsRefusedAfterDecoding() {
        String payload = Base64.getEncoder().encodeToString(new byte[AccessListCodec.MAX_DOCUMENT_BYTES + 1]);
        byte[] wire = ("{\"v\":1,\"payload\":\"" + payload + "\",\"signature\":\"" + SIGNATURE + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        AccessListException refusal = refusal(wire);

        assertThat(refusal.field()).isEqualTo("payload");
        assertThat(refusal.detail()).contains("8388609 bytes");
    }
}
