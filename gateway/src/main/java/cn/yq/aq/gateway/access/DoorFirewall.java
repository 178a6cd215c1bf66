package cn.yq.aq.gateway.access;

import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * One form of a request path, so that the rules, the routes and the services read the same string:
 * Spring Security's {@link StrictServerWebExchangeFirewall} (no {@code ;}, {@code //}, {@code \},
 * {@code .}/{@code ..} segments, encoded {@code / . %}, control characters, unknown methods), told to
 * refuse every percent-encoding, and beyond it two rules of our canonical form: no trailing {@code /}
 * and nothing but unreserved ASCII ({@code A-Z a-z 0-9 - . _ ~}) between the slashes. A refused
 * request is answered 400 by {@link Refusals} before authentication.
 */
final class DoorFirewall implements ServerWebExchangeFirewall {

    private final StrictServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();

    DoorFirewall() {
        strict.getEncodedUrlBlocklist().add("%");
    }

    /**
     * The strict firewall's checks, its header and parameter checks made once here: it wraps the request so
     * that every later read of a header or parameter (the gateway's proxy reads them all) is checked again,
     * which cost a fifth of the gateway's throughput. The request goes on unwrapped, once checked.
     */
    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        return strict.getFirewalledExchange(exchange).flatMap(e -> {
            String problem = problem(e.getRequest().getURI().getRawPath());
            if (problem != null) {
                return Mono.error(new ServerExchangeRejectedException(problem));
            }
            var headers = e.getRequest().getHeaders();
            for (String name : headers.headerNames()) {
                headers.get(name); // the wrapper rejects a bad name or value
            }
            e.getRequest().getQueryParams().forEach((name, values) -> { }); // and a bad parameter
            return Mono.just(exchange);
        });
    }

    /** What the strict firewall lets pass but the canonical form does not ({@code null}: fine). */
    static String problem(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return "The request was rejected because the path does not start with /";
        }
        if (rawPath.length() > 1 && rawPath.endsWith("/")) {
            return "The request was rejected because the path ends with /";
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (!(c == '/' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~')) {
                return "The request was rejected because the path contains " + (c > 0x7e ? "non-ASCII characters"
                        : c < 0x20 ? String.format("U+%04X", (int) c) : "'" + c + "'");
            }
        }
        return null;
    }
}
