package cn.yq.aq.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;

/**
 * alert-service's jar on real servers, and requests to it as the gateway sends them: with the
 * caller's identity signed with the shared secret.
 */
final class AlertService implements AutoCloseable {

    static final String GATEWAY_SECRET = cn.yq.aq.testsupport.GatewaySigner.SECRET;
    /** A client with a connection of its own (no pooling across calls). */
    static HttpClient fresh() {
        return cn.yq.aq.testsupport.TestHttp.client();
    }

    final BootJar jar;
    final PrincipalHeaders gateway = new PrincipalHeaders(GATEWAY_SECRET, Duration.ofSeconds(60), Clock.systemUTC());

    /** Starts the jar; {@code clientIdPrefix} keeps each test's broker sessions apart. */
    AlertService(MosquittoServer mqtt, InfluxServer influx, String clientIdPrefix, String... extra) {
        List<String> args = new ArrayList<>(List.of("--aq.mqtt.url=" + mqtt.url(), "--aq.influx.url=" + influx.url(),
                "--aq.security.gateway-secret=" + GATEWAY_SECRET, "--aq.mqtt.client-id-prefix=" + clientIdPrefix,
                "--aq.delivery.initial-backoff=200ms", "--aq.delivery.max-backoff=3s", "--aq.monitor.every=1s",
                "--aq.monitor.initial-delay=1s", "--aq.upstream.target-service-url="));
        for (String e : extra) { // an extra argument replaces a default one of the same name
            String name = e.substring(0, e.indexOf('=') + 1);
            args.removeIf(a -> a.startsWith(name));
            args.add(e);
        }
        this.jar = BootJar.ofModule(args).start();
    }

    record Response(int status, String body) {
    }

    Response call(String method, String path, String body, Principal who) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(jar.url() + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            if (who != null) {
                String value = gateway.value(who);
                b.header(PrincipalHeaders.PRINCIPAL, value).header(PrincipalHeaders.SIGNATURE, gateway.sign(value));
            }
            // a fresh connection per call: a pooled JDK HttpClient connection was seen to hang a request on CI
            HttpResponse<String> r = fresh().send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    Response bureau(String method, String path, String body) {
        return call(method, path, body, Principal.bureau());
    }

    /** Points a county's notifications at {@code url}. */
    void subscribe(String county, String url, String secret) {
        Response r = bureau("PUT", "/api/v1/subscriptions/" + county, "{\"url\":\"" + url + "\",\"secret\":\"" + secret + "\"}");
        if (r.status() != 200) {
            throw new IllegalStateException("subscription for " + county + ": " + r);
        }
    }

    @Override
    public void close() {
        jar.close();
    }
}
