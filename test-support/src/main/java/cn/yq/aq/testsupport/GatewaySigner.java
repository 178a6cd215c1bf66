package cn.yq.aq.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;

/**
 * Requests to a service as the gateway forwards them: with the caller's identity signed with the
 * test secret, which {@link BootJar} gives every service it starts.
 */
public final class GatewaySigner {

    public static final String SECRET = "test-gateway-secret-0123456789";
    public static final PrincipalHeaders HEADERS = new PrincipalHeaders(SECRET, Duration.ofSeconds(60), Clock.systemUTC());

    private GatewaySigner() {
    }

    /** A request builder for {@code uri}, signed for {@code who}. */
    public static HttpRequest.Builder as(Principal who, URI uri) {
        String value = HEADERS.value(who);
        return HttpRequest.newBuilder(uri).header(PrincipalHeaders.PRINCIPAL, value)
                .header(PrincipalHeaders.SIGNATURE, HEADERS.sign(value));
    }

    /** The two headers the gateway adds for {@code who} (for clients other than the JDK's, e.g. WebTestClient). */
    public static java.util.Map<String, String> headers(Principal who) {
        String value = HEADERS.value(who);
        return java.util.Map.of(PrincipalHeaders.PRINCIPAL, value, PrincipalHeaders.SIGNATURE, HEADERS.sign(value));
    }

    /** A request builder for {@code uri}, signed for the bureau. */
    public static HttpRequest.Builder bureau(URI uri) {
        return as(Principal.bureau(), uri);
    }
}
