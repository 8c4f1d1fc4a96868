package fr.relais.agent.device.probe;

import java.util.Optional;

/**
 * The HTTPS request to the hub: the time until the first byte of the answer's body (or the end of
 * an answer without body), and its status; or why there was none.
 */
record HttpsResult(Optional<Double> firstByteMillis, Optional<Integer> status, Optional<Failure> failure) {
    static HttpsResult answered(int status, double firstByteMillis) {
        return new HttpsResult(Optional.of(firstByteMillis), Optional.of(status), Optional.empty());
    }

    static HttpsResult failed(Failure failure) {
        return new HttpsResult(Optional.empty(), Optional.empty(), Optional.of(failure));
    }
}
