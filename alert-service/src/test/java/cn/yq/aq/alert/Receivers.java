package cn.yq.aq.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import cn.yq.aq.testsupport.Json;

/** The county governments' webhook receivers (and the SMS gateway): WireMock, outside parties. */
final class Receivers implements AutoCloseable {

    /** One request a receiver got, with what it answered. */
    record Received(String path, String eventId, String signature, byte[] body, int answered) {

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return Json.MAPPER.readValue(body, Map.class);
        }

        String field(String name) {
            return (String) json().get(name);
        }

        /** The contract's signature, recomputed here from the body and the secret. */
        boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).equals(signature);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

    Receivers() {
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** The receiver at {@code path} answers {@code status} from now on. */
    void answer(String path, int status) {
        server.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)));
    }

    /** The receiver at {@code path} answers {@code status} after {@code delay} from now on. */
    void answerAfter(String path, int status, Duration delay) {
        server.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withFixedDelay((int) delay.toMillis())));
    }

    /** Everything {@code path} received, oldest first. */
    List<Received> received(String path) {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events);
        List<Received> out = new ArrayList<>();
        for (ServeEvent e : events) {
            if (e.getRequest().getUrl().equals(path)) {
                out.add(new Received(path, e.getRequest().getHeader("X-AQ-Event-Id"),
                        e.getRequest().containsHeader("X-AQ-Signature") ? e.getRequest().getHeader("X-AQ-Signature") : null,
                        e.getRequest().getBody(), e.getResponse().getStatus()));
            }
        }
        return out;
    }

    /** The requests {@code path} answered with 2xx, oldest first. */
    List<Received> delivered(String path) {
        return received(path).stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    /** Waits (at most {@code timeout}) until {@code path} has answered 2xx to {@code n} requests; returns them. */
    List<Received> awaitDelivered(String path, int n, Duration timeout) {
        return awaitDelivered(path, r -> true, n, timeout);
    }

    /** Waits (at most {@code timeout}) until {@code n} of the deliveries to {@code path} are {@code which}; returns those. */
    List<Received> awaitDelivered(String path, Predicate<Received> which, int n, Duration timeout) {
        return Awaitility.await(n + " deliveries to " + path).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> delivered(path).stream().filter(which).toList(), got -> got.size() >= n);
    }

    /** Asserts that for all of {@code during} exactly {@code n} of the deliveries to {@code path} are {@code which}. */
    void staysDelivered(String what, String path, Predicate<Received> which, int n, Duration during) {
        Awaitility.await(what).during(during).atMost(during.plusSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> delivered(path).stream().filter(which).count() == n);
    }

    /** Deliveries of one alert type. */
    static Predicate<Received> ofType(String type) {
        return r -> type.equals(r.field("type"));
    }

    @Override
    public void close() {
        server.stop();
    }
}
