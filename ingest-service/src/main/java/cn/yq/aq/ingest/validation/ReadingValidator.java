package cn.yq.aq.ingest.validation;

import static cn.yq.aq.ingest.reading.Rejection.quote;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.reading.Measurement;
import cn.yq.aq.ingest.reading.Reading;
import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.ingest.reading.Site;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.standards.hj212.DataFlag;

/**
 * The contract's rules for a reading: a safe id of a registered station or source, matching the
 * topic (or the authenticated station); known fields with finite, plausible values; valid flags;
 * one of the contract's intervals; a time after {@code aq.validation.earliest-time} and not far in
 * the future (times beyond any plausible window are {@code invalid-time}). Every failure is a {@link Rejection} with its reason.
 * The reading's station or source is looked up once, here (or by the HJ 212 mapper), and handed on with it.
 */
@Component
public class ReadingValidator {

    /** The last instant an InfluxDB timestamp (int64 nanoseconds) can hold. */
    static final Instant INFLUX_LATEST = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    private final Registry registry;
    private final FieldRules rules;
    private final IngestProperties.Validation config;
    private final Clock clock;

    public ReadingValidator(Registry registry, FieldRules rules, IngestProperties properties, Clock clock) {
        this.registry = registry;
        this.rules = rules;
        this.config = properties.validation();
        this.clock = clock;
    }

    /** A reading parsed from JSON: its station or source is looked up here. */
    public ValidReading validate(Reading r, Claim claim) {
        claim.checkMeasurement(r);
        Site site = Site.lookup(registry, r.measurement(), r.id()).orElse(null);
        // a registered id has the id form (the registry checked it when loading): the pattern only says why an unknown one is refused
        if (site == null && !Registry.ID_PATTERN.matcher(r.id()).matches()) {
            throw new Rejection("invalid-id", r.measurement().idField() + " " + quote(r.id())
                    + " is not a valid id (letters, digits, '.', '_', '-')");
        }
        if (site == null) {
            throw new Rejection(r.measurement() == Measurement.AMBIENT ? "unknown-station" : "unknown-source",
                    r.measurement().idField() + " " + r.id() + " is not in the registry");
        }
        claim.checkId(r, null);
        return checkValues(r, site);
    }

    /**
     * An HJ 212 reading, whose site the mapper found through the packet's MN: checked value by value, as the
     * standard's flags intend. A value outside its plausible range (an auxiliary parameter as much as a pollutant) is
     * left out with its own reason in {@code dropped}, and the others are stored; only when none is left, or the
     * reading as a whole is wrong (its id, interval or time), is it refused.
     */
    public ValidReading validate(Reading r, Site site, String packetMn, Claim claim, java.util.List<Rejection> dropped) {
        claim.checkMeasurement(r);
        claim.checkId(r, packetMn);
        Map<String, Double> kept = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Double> e : r.values().entrySet()) {
            Rejection bad = valueProblem(r, e.getKey(), e.getValue());
            if (bad == null) {
                kept.put(e.getKey(), e.getValue());
            } else {
                dropped.add(new Rejection(bad.reason(), bad.detail() + "; the packet's other values are stored", r.id()));
            }
        }
        if (kept.isEmpty()) {
            throw new Rejection("hj212-no-values", "no valid value is left: " + dropped.stream().map(Rejection::detail).toList(), r.id());
        }
        if (kept.size() == r.values().size()) {
            return checkValues(r, site); // every value is good (the usual case): no copy
        }
        Map<String, String> flags = new java.util.LinkedHashMap<>(r.flags());
        flags.keySet().retainAll(kept.keySet());
        return checkValues(new Reading(r.measurement(), r.id(), r.time(), r.interval(), kept, flags), site);
    }

    /** What is wrong with one value of a reading, or {@code null}. */
    private Rejection valueProblem(Reading r, String field, double v) {
        if (!rules.fields(r.measurement()).contains(field)) {
            return new Rejection("unknown-field", quote(field) + " is not a " + r.measurement().code() + " field", r.id());
        }
        if (!Double.isFinite(v)) {
            return new Rejection("invalid-value", field + " is not a finite number", r.id());
        }
        FieldRules.Range range = rules.range(r.measurement(), field);
        if (range == null ? v < 0 : !range.contains(v)) {
            return new Rejection("invalid-value", field + " = " + v + " is outside the plausible range "
                    + (range == null ? "[0, ∞)" : "[" + range.min() + ", " + range.max() + "]"), r.id());
        }
        return null;
    }

    private ValidReading checkValues(Reading r, Site site) {
        for (Map.Entry<String, Double> e : r.values().entrySet()) {
            Rejection bad = valueProblem(r, e.getKey(), e.getValue());
            if (bad != null) {
                throw bad;
            }
        }
        for (Map.Entry<String, String> e : r.flags().entrySet()) {
            if (!rules.fields(r.measurement()).contains(e.getKey())) {
                throw new Rejection("invalid-flag", "flag for unknown field " + quote(e.getKey()), r.id());
            }
            if (DataFlag.of(e.getValue()).isEmpty()) {
                throw new Rejection("invalid-flag", "flag " + quote(e.getValue()) + " of " + e.getKey()
                        + " is not an HJ 212 data flag (N F M S D C T B)", r.id());
            }
        }
        if (!config.intervals().contains(r.interval())) {
            throw new Rejection("invalid-interval", "interval " + r.interval() + " is not one of the contract's "
                    + config.intervals(), r.id());
        }
        if (r.time().isBefore(config.earliestTime())) {
            throw new Rejection("invalid-time", "interval start " + r.time() + " is before " + config.earliestTime()
                    + " (aq.validation.earliest-time)", r.id());
        }
        Instant latest = clock.instant().plus(config.maxFutureSkew());
        if (r.time().isAfter(latest)) {
            // beyond InfluxDB's last timestamp it is not a clock problem but a time nothing can hold
            throw new Rejection(r.time().isAfter(INFLUX_LATEST) ? "invalid-time" : "future-time",
                    "interval start " + r.time() + " is in the future", r.id());
        }
        return new ValidReading(r, site);
    }
}
