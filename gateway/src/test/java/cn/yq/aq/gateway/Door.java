package cn.yq.aq.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Requests through the gateway with a bearer token, and the token clients' configuration. */
final class Door {

    /** A client with a connection of its own (no pooling across calls). */
    static HttpClient fresh() {
        return cn.yq.aq.testsupport.TestHttp.client();
    }

    /** The identities of the matrix: token → (role, id, county). */
    static final String BUREAU = "tok-bureau-3f9a", PINGDING = "tok-pingding-77c1", YUXIAN = "tok-yuxian-0b2e",
            STATION = "tok-station-YQ-PD-01-9d4c", BAD = "tok-not-issued", REVIEWER_PINGDING = "tok-reviewer-pingding-51aa",
            REVIEWER = "tok-reviewer-all-c3d8";

    record Response(int status, String body, Map<String, List<String>> headers, long nanos) {
    }

    /** Gateway arguments configuring the four token clients (only their hashes). */
    static List<String> clients() {
        return List.of(client(0, BUREAU, "bureau", "bureau", null), client(1, PINGDING, "county", "pingding", "pingding"),
                client(2, YUXIAN, "county", "yuxian", "yuxian"), client(3, STATION, "station", "YQ-PD-01", "pingding"),
                client(4, REVIEWER_PINGDING, "reviewer", "reviewer-pingding", "pingding"), client(5, REVIEWER, "reviewer", "reviewer", null))
                .stream().flatMap(List::stream).toList();
    }

    private static List<String> client(int i, String token, String role, String id, String county) {
        String p = "--aq.gateway.auth.clients[" + i + "].";
        return county == null
                ? List.of(p + "sha256=" + sha256(token), p + "role=" + role, p + "id=" + id)
                : List.of(p + "sha256=" + sha256(token), p + "role=" + role, p + "id=" + id, p + "county=" + county);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Response call(String base, String method, String path, String token, String body, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/csv");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            long t0 = System.nanoTime();
            // a fresh connection per call: a pooled JDK HttpClient connection was seen to hang a request on CI
            HttpResponse<String> r = fresh().send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map(), System.nanoTime() - t0);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }
}
