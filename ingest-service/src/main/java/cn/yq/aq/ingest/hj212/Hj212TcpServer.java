package cn.yq.aq.ingest.hj212;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.deadletter.DeadLetterPublisher;
import cn.yq.aq.ingest.pipeline.Channel;
import cn.yq.aq.ingest.pipeline.IngestPipeline;
import cn.yq.aq.ingest.reading.Hj212ReadingMapper;
import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.ingest.system.StartOrder;
import cn.yq.aq.ingest.validation.Claim;
import cn.yq.aq.standards.hj212.Hj212Codec;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * The HJ 212 TCP listener for data loggers that speak plain TCP (most CEMS in the field): one
 * packet per CR LF-terminated line, through the same parsing, validation and storage as MQTT.
 * When a packet's Flag asks for a reply, the 9014 data reply (same QN) is sent once the data is
 * stored. Each connection is handled in order on Reactor Netty's event loop, never blocking it: a
 * slow or silent logger only holds its own connection (closed after the idle timeout), a line
 * longer than the frame limit (garbage) closes that connection, a bad packet is dead-lettered and
 * the connection goes on. Its health is DOWN until the listener is bound (it starts after the MQTT intake,
 * {@link StartOrder}), so the service's health turns UP only when data loggers can connect.
 */
@Component
public class Hj212TcpServer implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(Hj212TcpServer.class);

    private static final String TIMEOUT = "aq-read-timeout";

    private final IngestProperties.Hj212 config;
    private final IngestPipeline pipeline;
    private final DeadLetterPublisher deadLetters;
    private volatile DisposableServer server;

    public Hj212TcpServer(IngestProperties properties, IngestPipeline pipeline, DeadLetterPublisher deadLetters) {
        this.config = properties.hj212();
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
    }

    @Override
    public void start() {
        if (!config.enabled()) {
            return;
        }
        server = TcpServer.create().host(config.host()).port(config.port())
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // a connection must bring its first packet soon (a silent one is closed), then may stay
                // quiet up to the idle timeout between packets (loggers send at least hourly)
                .doOnConnection(connection -> connection
                        .addHandlerFirst(TIMEOUT, new ReadTimeoutHandler(Math.min(config.firstDataTimeout().toMillis(),
                                config.idleTimeout().toMillis()), TimeUnit.MILLISECONDS))
                        .addHandlerLast(new LineBasedFrameDecoder(config.maxFrameBytes(), false, true)))
                .handle((in, out) -> {
                    String[] origin = {"tcp"};
                    reactor.netty.Connection[] connection = new reactor.netty.Connection[1];
                    in.withConnection(c -> {
                        origin[0] = "tcp://" + c.address();
                        connection[0] = c;
                    });
                    boolean[] first = {true};
                    return out.sendByteArray(in.receive().asByteArray().doOnNext(frame -> {
                        if (first[0] && connection[0] != null) {
                            first[0] = false;
                            connection[0].removeHandler(TIMEOUT);
                            connection[0].addHandlerFirst(TIMEOUT, new ReadTimeoutHandler(config.idleTimeout().toMillis(),
                                    TimeUnit.MILLISECONDS));
                        }
                    }).concatMap(frame -> handle(frame, origin[0])));
                })
                .bindNow();
        log.info("HJ 212 TCP listener on {}:{}", config.host(), server.port());
    }

    private Mono<byte[]> handle(byte[] frame, String origin) {
        if (new String(frame, StandardCharsets.US_ASCII).isBlank()) {
            return Mono.empty();
        }
        return Mono.fromFuture(() -> pipeline.acceptHj212(Channel.TCP, frame, Claim.any()))
                // stored; each value left out of it is a dead letter of its own
                .doOnNext(m -> m.dropped().forEach(r -> deadLetters.publish(r, Channel.TCP, origin, frame)))
                .mapNotNull(this::reply)
                .onErrorResume(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof Rejection r) {
                        deadLetters.publish(r, Channel.TCP, origin, frame);
                    } else {
                        log.warn("HJ 212 packet not stored ({}); the logger will send it again", cause.toString());
                    }
                    return Mono.empty(); // no reply: the logger retries, the connection goes on
                });
    }

    private byte[] reply(Hj212ReadingMapper.Mapped mapped) {
        if (!mapped.packet().replyRequested()) {
            return null;
        }
        return Hj212Codec.build(Hj212Codec.dataReply(mapped.packet())).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Health health() {
        if (!config.enabled()) {
            return Health.up().withDetail("enabled", false).build();
        }
        DisposableServer s = server;
        return s == null ? Health.down().withDetail("listening", false).withDetail("port", config.port()).build()
                : Health.up().withDetail("listening", true).withDetail("port", s.port()).build();
    }

    /** The bound port (useful with port 0). */
    public int port() {
        DisposableServer s = server;
        return s == null ? -1 : s.port();
    }

    @Override
    public void stop() {
        DisposableServer s = server;
        if (s != null) {
            s.disposeNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return StartOrder.HJ212_LISTENER;
    }
}
