package cn.yq.aq.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.TestHttp;

/** Calls to the services as the gateway makes them, the forecast the tests send, waiting. */
final class Platform {

    private Platform() {
    }

    /** JSON answers, read with SnakeYAML (a JSON document is YAML). */
    @SuppressWarnings("unchecked")
    static <T> T json(String text) {
        return (T) new org.yaml.snakeyaml.Yaml().load(text);
    }

    /**
     * The red example as a forecast for {@code scope}, issued today at 16:00: daily AQI 243,
     * 276, 338, 310 from tomorrow on.
     */
    static String redForecast(String scope) {
        java.time.LocalDate today = java.time.LocalDate.now(cn.yq.aq.standards.BeijingTime.ZONE);
        StringBuilder days = new StringBuilder();
        int[] aqi = {243, 276, 338, 310};
        for (int i = 0; i < aqi.length; i++) {
            days.append(i == 0 ? "" : ",").append("{\"date\":\"").append(today.plusDays(i + 1)).append("\",\"aqi\":").append(aqi[i])
                    .append(",\"primaryPollutant\":\"PM2.5\"}");
        }
        return "{\"scope\":\"" + scope + "\",\"issuedAt\":\"" + today + "T16:00:00+08:00\",\"days\":[" + days + "]}";
    }

    /** A request straight to a service, signed for the bureau as the gateway would; the answer. */
    static HttpResponse<String> bureau(String method, String url, String jsonBody) {
        HttpRequest.Builder b = GatewaySigner.as(Principal.bureau(), URI.create(url)).timeout(Duration.ofMinutes(2))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.build());
    }

    /** A request through the gateway at {@code base} with a bearer {@code token} (none: {@code null}) and a JSON body. */
    static HttpResponse<String> bearer(String base, String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.build());
    }

    /** A token's SHA-256 as the gateway's client list holds it. */
    static String sha256(String token) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return TestHttp.client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a caller's loop that checks its interrupt must still see it
            throw new IllegalStateException(request.method() + " " + request.uri() + ": interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        }
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        org.awaitility.Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(500)).until(condition::getAsBoolean);
    }
}
