package cn.yq.aq.ingest.reading;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One reading in the contract's terms: values in the contract's units, keyed by contract field.
 *
 * @param time     start of the averaging interval
 * @param interval {@code PT1H}, {@code PT1M}, {@code PT5M}, {@code PT0S} …
 * @param flags    HJ 212 data flags other than N, per field
 */
public record Reading(Measurement measurement, String id, Instant time, Duration interval, Map<String, Double> values,
                      Map<String, String> flags) {

    public Reading {
        values = Map.copyOf(values);
        flags = Map.copyOf(flags);
    }
}
