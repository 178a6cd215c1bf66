package cn.yq.aq.alert.monitor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GETs from target-service, as the service principal {@code alert-service} (signed like the gateway does). */
@Component
class TargetServiceClient {

    private final String baseUrl;
    private final PrincipalHeaders headers;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json;

    TargetServiceClient(AlertProperties properties, PrincipalHeaders headers, JsonMapper json) {
        this.json = json;
        String url = properties.upstream().targetServiceUrl();
        this.baseUrl = url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
        this.headers = headers;
    }

    boolean configured() {
        return baseUrl != null;
    }

    /** The JSON answer, or empty on 404; anything else is an exception. */
    Optional<JsonNode> get(String path) {
        String value = headers.value(Principal.service("alert-service"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header(PrincipalHeaders.PRINCIPAL, value).header(PrincipalHeaders.SIGNATURE, headers.sign(value)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("target-service " + path + " answered " + r.statusCode());
            }
            return Optional.of(json.readTree(r.body()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("target-service not reachable at " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
