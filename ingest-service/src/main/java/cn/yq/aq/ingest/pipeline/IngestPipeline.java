package cn.yq.aq.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.reading.Hj212ReadingMapper;
import cn.yq.aq.ingest.reading.JsonReadingParser;
import cn.yq.aq.ingest.reading.Reading;
import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.ingest.storage.InfluxWriter;
import cn.yq.aq.ingest.storage.LineProtocol;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.ingest.validation.Claim;
import cn.yq.aq.ingest.validation.ReadingValidator;
import cn.yq.aq.ingest.validation.ValidReading;
import cn.yq.aq.registry.Registry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The one path every reading takes, whatever the channel: size check, parse (JSON or HJ 212),
 * validation, the InfluxDB point, the write. The returned future completes when the point is
 * stored, or fails with a {@link Rejection} (bad input: dead-letter it) or another exception
 * (storage unavailable: do not acknowledge, it will come again).
 */
@Component
public class IngestPipeline {

    private final JsonReadingParser json;
    private final Hj212ReadingMapper hj212;
    private final ReadingValidator validator;
    private final LineProtocol lines;
    private final InfluxWriter writer;
    private final Registry registry;
    private final MeterRegistry meters;
    private final Clock clock;
    private final int maxPayloadBytes;
    private final DistributionSummary lag;
    /** Counters by their tags, looked up once: registering a meter per message costs on the hot path. */
    private final java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    public IngestPipeline(JsonReadingParser json, Hj212ReadingMapper hj212, ReadingValidator validator, LineProtocol lines,
                          InfluxWriter writer, Registry registry, MeterRegistry meters, Clock clock,
                          IngestProperties properties) {
        this.json = json;
        this.hj212 = hj212;
        this.validator = validator;
        this.lines = lines;
        this.writer = writer;
        this.registry = registry;
        this.meters = meters;
        this.clock = clock;
        this.maxPayloadBytes = properties.validation().maxPayloadBytes();
        this.lag = DistributionSummary.builder("aq.ingest.lag").baseUnit("seconds")
                .description("from the end of a reading's interval to its storage").publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /** A JSON reading; {@code claim}: what the channel vouches for (its topic's measurement and id). */
    public CompletableFuture<Reading> acceptJson(Channel channel, byte[] payload, Claim claim) {
        received(channel, "json");
        try {
            return store(channel, prepareJson(payload, claim));
        } catch (Rejection r) {
            return rejected(r);
        } catch (RuntimeException e) {
            return rejected(unexpected(e));
        }
    }

    /** One element of an HTTP request's JSON (already parsed as part of the document). */
    public CompletableFuture<Reading> acceptJson(Channel channel, JsonNode reading, Claim claim) {
        received(channel, "json");
        try {
            return store(channel, prepare(validator.validate(json.parse(reading), claim)));
        } catch (Rejection r) {
            return rejected(r);
        } catch (RuntimeException e) {
            return rejected(unexpected(e));
        }
    }

    /**
     * A raw HJ 212 packet; {@code claim}: the topic's MN ({@link Claim#any()} over TCP). Completes, once stored, with
     * what was stored and the values left out ({@link Hj212ReadingMapper.Mapped#dropped}: each is the caller's dead
     * letter); fails with a {@link Rejection} when nothing of it can be stored.
     */
    public CompletableFuture<Hj212ReadingMapper.Mapped> acceptHj212(Channel channel, byte[] packet, Claim claim) {
        received(channel, "hj212");
        try {
            checkSize(packet.length);
            Hj212ReadingMapper.Mapped mapped = hj212.map(packet);
            java.util.List<Rejection> dropped = new java.util.ArrayList<>();
            ValidReading valid = validator.validate(mapped.reading(), mapped.site(), mapped.packet().mn(), claim, dropped);
            Hj212ReadingMapper.Mapped result = mapped.validated(valid.reading(), dropped);
            result.dropped().forEach(this::count);
            return store(channel, prepare(valid)).thenApply(r -> result);
        } catch (Rejection r) {
            return rejected(r);
        } catch (RuntimeException e) {
            return rejected(unexpected(e));
        }
    }

    /** An input that broke a rule nobody wrote down: still a dead letter with a reason, never held. */
    private static Rejection unexpected(RuntimeException e) {
        return new Rejection("invalid-reading", "the input cannot be processed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + Rejection.quote(e.getMessage())));
    }

    /** Counts a rejection decided outside the pipeline (e.g. an unknown topic). */
    public void countRejected(Channel channel, Rejection r) {
        received(channel, "other");
        rejected(r);
    }

    /** A valid reading and its line protocol, ready to be written. */
    public record Prepared(Reading reading, String line) {
    }

    /**
     * What {@link #acceptJson(Channel, byte[], Claim)} does before the write (size, parse, validation, the line),
     * counting nothing; throws a {@link Rejection}.
     */
    public Prepared prepareJson(byte[] payload, Claim claim) {
        checkSize(payload.length);
        return prepare(validator.validate(json.parse(payload), claim));
    }

    private Prepared prepare(ValidReading valid) {
        // a line that cannot be built throws here and is refused by the accept methods' guard
        return new Prepared(valid.reading(), lines.line(valid));
    }

    private CompletableFuture<Reading> store(Channel channel, Prepared prepared) {
        Reading reading = prepared.reading();
        String line = prepared.line();
        CompletableFuture<Void> stored = channel == Channel.MQTT ? writer.write(line) : writer.offer(line);
        return stored.handle((ok, failure) -> {
            if (failure == null) {
                counter("aq.ingest.stored", "channel", channel.tag(), "kind", reading.measurement().code()).increment();
                Duration age = Duration.between(reading.time().plus(reading.interval()), clock.instant());
                lag.record(Math.max(0, age.toMillis()) / 1000.0);
                return reading;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof InfluxWriter.StorageRejected) {
                Rejection r = new Rejection("storage-rejected", "InfluxDB refused the point: " + cause.getMessage(), reading.id());
                count(r);
                throw r;
            }
            throw new CompletionException(cause);
        });
    }

    private void checkSize(int bytes) {
        if (bytes > maxPayloadBytes) {
            throw new Rejection("oversized", "payload of " + bytes + " bytes exceeds " + maxPayloadBytes);
        }
    }

    private void received(Channel channel, String format) {
        counter("aq.ingest.received", "channel", channel.tag(), "format", format).increment();
    }

    private <T> CompletableFuture<T> rejected(Rejection r) {
        count(r);
        return CompletableFuture.failedFuture(r);
    }

    private void count(Rejection r) {
        // the station tag only carries registered ids: bounded cardinality, nothing a client invents
        String id = r.id() != null && (registry.station(r.id()).isPresent() || registry.source(r.id()).isPresent())
                ? r.id() : "unknown";
        counter("aq.ingest.rejected", "reason", r.reason(), "station", id).increment();
    }

    private Counter counter(String name, String key1, String value1, String key2, String value2) {
        return counters.computeIfAbsent(name + '|' + value1 + '|' + value2,
                k -> Counter.builder(name).tag(key1, value1).tag(key2, value2).register(meters));
    }
}
