package cn.yq.aq.ingest.system;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;


/**
 * Configuration of ingest-service ({@code aq.*} in application.yml; environment variables named in
 * the README).
 */
@ConfigurationProperties("aq")
public record IngestProperties(Mqtt mqtt, Influx influx, Validation validation, Hj212 hj212) {

    /**
     * @param url                 broker URI, e.g. {@code tcp://127.0.0.1:1883}
     * @param clientId            stable per replica (the persistent session is keyed by it)
     * @param sharedGroup         shared-subscription group ({@code $share/<group>/…}): replicas split the
     *                            stream. Empty (the default, one replica): a plain subscription, which
     *                            Mosquitto 2.0 restores after a broker restart; it does not restore
     *                            shared subscriptions, so messages published between a broker restart
     *                            and the replicas' resubscription would be dropped (README)
     * @param topicFilter         what to subscribe to (below {@code $share/<group>/})
     * @param sessionExpiry       how long the broker keeps the session (and its backlog) while we are away
     * @param receiveMaximum      QoS 1 messages the broker may have in flight to us, not yet acked
     * @param deadLetterWindow    dead letters published and not yet acknowledged by the broker, at most
     * @param deadLetterPrefix    dead letters go to {@code <prefix>/<reason>}
     */
    public record Mqtt(@DefaultValue("tcp://127.0.0.1:1883") String url, @DefaultValue("ingest-1") String clientId,
                       String username, String password, @DefaultValue("") String sharedGroup,
                       @DefaultValue("aq/v1/#") String topicFilter, @DefaultValue("P7D") Duration sessionExpiry,
                       @DefaultValue("5000") int receiveMaximum,
                       @DefaultValue("aq/v1/deadletter") String deadLetterPrefix, @DefaultValue("true") boolean enabled,
                       @DefaultValue("500") int deadLetterWindow) {

        /** What to subscribe to: {@code $share/<group>/<filter>}, or the plain filter without a group. */
        public String subscription() {
            return sharedGroup == null || sharedGroup.isBlank() ? topicFilter : "$share/" + sharedGroup + "/" + topicFilter;
        }
    }

    /**
     * How ingest writes ({@code aq.influx.*} too). Where InfluxDB is ({@code url}, {@code database} …) is
     * service-support's {@link cn.yq.aq.support.influx.InfluxProperties}; the pause between attempts while
     * InfluxDB is unavailable is the {@code influx-writer} retry policy in application.yml (at most
     * {@code aq.influx.max-backoff}).
     *
     * @param batchSize      points per write
     * @param flushInterval  longest wait for a batch to fill
     * @param writers        threads writing batches in parallel (the client blocks: isolated here)
     * @param queueCapacity  points from HTTP and TCP waiting for a writer (beyond: retry later); MQTT has its
     *                       receive maximum of places on top, so its intake never waits
     */
    public record Influx(@DefaultValue("5000") int batchSize, @DefaultValue("20ms") Duration flushInterval,
                         @DefaultValue("2") int writers, @DefaultValue("50000") int queueCapacity,
                         @DefaultValue("true") boolean createDatabase) {
    }

    /**
     * @param maxPayloadBytes largest reading accepted (bigger: dead letter {@code oversized})
     * @param maxFutureSkew   how far past now a reading's interval may start (clock skew)
     * @param ranges          plausible range per contract field, {@code min,max}; outside: {@code invalid-value}
     * @param storeTimeout    how long an HTTP request waits for its readings to be stored
     * @param earliestTime    readings whose interval starts before it are {@code invalid-time}
     * @param intervals       the contract's intervals; any other is {@code invalid-interval}
     */
    public record Validation(@DefaultValue("65536") int maxPayloadBytes, @DefaultValue("10m") Duration maxFutureSkew,
                             Map<String, String> ranges, @DefaultValue("10s") Duration storeTimeout,
                             @DefaultValue("2000-01-01T00:00:00Z") java.time.Instant earliestTime,
                             @DefaultValue({"PT0S", "PT1M", "PT5M", "PT10M", "PT15M", "PT30M", "PT1H", "P1D"})
                             java.util.Set<Duration> intervals) {
    }

    /**
     * @param port          HJ 212 TCP listener port (0: any free port)
     * @param idleTimeout   a connection silent this long is closed (loggers send at least hourly)
     * @param maxFrameBytes longest line accepted before the connection is dropped as garbage
     * @param firstDataTimeout a new connection that sends nothing this long (or the idle timeout, if shorter) is closed
     */
    public record Hj212(@DefaultValue("true") boolean enabled, @DefaultValue("127.0.0.1") String host,
                        @DefaultValue("9212") int port, @DefaultValue("2h") Duration idleTimeout,
                        @DefaultValue("12000") int maxFrameBytes, @DefaultValue("60s") Duration firstDataTimeout) {
    }
}
