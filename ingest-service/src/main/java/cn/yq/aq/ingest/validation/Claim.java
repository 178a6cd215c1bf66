package cn.yq.aq.ingest.validation;

import static cn.yq.aq.ingest.reading.Rejection.quote;

import cn.yq.aq.ingest.reading.Measurement;
import cn.yq.aq.ingest.reading.Reading;
import cn.yq.aq.ingest.reading.Rejection;

/**
 * What a channel vouches for about the readings it carries: the topic's measurement and id
 * ({@code aq/v1/ambient/{station}}), the topic's HJ 212 MN ({@code aq/v1/hj212/{mn}}), the authenticated
 * station's id (HTTP), or nothing (the bureau over HTTP, a TCP data logger). The one place where "this channel
 * may carry this reading" is decided; a reading that does not fit is {@code id-mismatch}.
 *
 * @param measurement the measurement the channel carries ({@code null}: either)
 * @param id          the station or source id ({@code null}: any registered id)
 * @param mn          the HJ 212 MN the packet must carry ({@code null}: any)
 */
public record Claim(Measurement measurement, String id, String mn) {

    private static final Claim ANY = new Claim(null, null, null);

    /** Nothing vouched for: any registered station or source. */
    public static Claim any() {
        return ANY;
    }

    /** An MQTT JSON topic: its measurement and id. */
    public static Claim topic(Measurement measurement, String id) {
        return new Claim(measurement, id, null);
    }

    /** An MQTT HJ 212 topic: its MN. */
    public static Claim mn(String mn) {
        return new Claim(null, null, mn);
    }

    /** An authenticated station (its own readings only); {@code null}: any. */
    public static Claim station(String id) {
        return id == null ? ANY : new Claim(null, id, null);
    }

    /** Whether a reading with this id may come through the channel. */
    public boolean admits(String readingId) {
        return id == null || id.equals(readingId);
    }

    /** Refuses a reading of another measurement than the channel's (before anything else is looked at). */
    void checkMeasurement(Reading r) {
        if (measurement != null && r.measurement() != measurement) {
            throw new Rejection("id-mismatch", "a " + r.measurement().code() + " reading on a " + measurement.code()
                    + " topic");
        }
    }

    /** Refuses a registered reading whose id or MN is not the one vouched for. */
    void checkId(Reading r, String packetMn) {
        if (mn != null && !mn.equals(packetMn)) {
            throw new Rejection("id-mismatch", "MN " + packetMn + " does not match the topic's " + quote(mn), r.id());
        }
        if (!admits(r.id())) {
            throw new Rejection("id-mismatch", r.measurement().idField() + " " + r.id() + " does not match " + quote(id), r.id());
        }
    }
}
