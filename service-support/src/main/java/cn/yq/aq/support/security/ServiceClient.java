package cn.yq.aq.support.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GETs from another of our services as a service principal, signed as the gateway signs ({@link PrincipalHeaders}):
 * how alert-service reads target-service and disclosure-service reads both. Only GETs.
 */
public final class ServiceClient {

    /** The service did not answer as it should (not reachable, or a status other than 200 and 404). */
    public static final class Failure extends IllegalStateException {
        private final int status;

        public Failure(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /** The HTTP status, or 0 when the service was not reachable. */
        public int status() {
            return status;
        }
    }

    private final String service;
    private final String baseUrl;
    private final Principal self;
    private final PrincipalHeaders headers;
    private final JsonMapper json;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param service what the other service is called in messages ({@code target-service})
     * @param self    who calls ({@code Principal.service("alert-service")})
     */
    public ServiceClient(String service, String baseUrl, Principal self, PrincipalHeaders headers, JsonMapper json, Duration timeout) {
        this.service = service;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.self = self;
        this.headers = headers;
        this.json = json;
        this.timeout = timeout;
    }

    /** The JSON answer of {@code path}, or empty on 404; anything else is a {@link Failure}. */
    public Optional<JsonNode> get(String path) {
        String value = headers.value(self);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header(PrincipalHeaders.PRINCIPAL, value).header(PrincipalHeaders.SIGNATURE, headers.sign(value)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw new Failure(service + " answered " + r.statusCode() + " to " + path, r.statusCode(), null);
            }
            return Optional.of(json.readTree(r.body()));
        } catch (IOException e) {
            throw new Failure(service + " not reachable at " + baseUrl + ": " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", 0, e);
        }
    }
}
