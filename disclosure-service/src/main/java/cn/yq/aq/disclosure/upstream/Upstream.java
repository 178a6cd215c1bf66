package cn.yq.aq.disclosure.upstream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.yq.aq.disclosure.system.DisclosureProperties;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GETs from target-service and alert-service as the service principal {@code disclosure-service} (signed like the
 * gateway signs). Only GETs: the public side never changes anything.
 */
@Component
public class Upstream {

    /** Which service. */
    public enum Service { TARGET, ALERT }

    private static final Principal SELF = Principal.service("disclosure-service");

    private final DisclosureProperties properties;
    private final PrincipalHeaders headers;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    protected Upstream(DisclosureProperties properties, PrincipalHeaders headers, JsonMapper json, MeterRegistry meters) {
        this.properties = properties;
        this.headers = headers;
        this.json = json;
        this.meters = meters;
    }

    /** The JSON answer of {@code path}, or empty on 404; anything else is an {@link UpstreamException}. */
    public Optional<JsonNode> get(Service service, String path) {
        String base = (service == Service.TARGET ? properties.targetUrl() : properties.alertUrl()).replaceAll("/+$", "");
        String value = headers.value(SELF);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header(PrincipalHeaders.PRINCIPAL, value).header(PrincipalHeaders.SIGNATURE, headers.sign(value)).build();
        String name = service.name().toLowerCase(java.util.Locale.ROOT) + "-service";
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            meters.counter("aq.disclosure.upstream", "service", name, "status", String.valueOf(r.statusCode())).increment();
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw new UpstreamException(name + " answered " + r.statusCode() + " to " + path);
            }
            return Optional.of(json.readTree(r.body()));
        } catch (IOException e) {
            meters.counter("aq.disclosure.upstream", "service", name, "status", "unreachable").increment();
            throw new UpstreamException(name + " not reachable at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted", e);
        }
    }

    /** A service did not answer as it should. */
    public static final class UpstreamException extends RuntimeException {
        public UpstreamException(String message) {
            super(message);
        }

        UpstreamException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
