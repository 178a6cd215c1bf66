package cn.yq.aq.gateway.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;


/** Configuration of the gateway ({@code aq.*}). */
@ConfigurationProperties("aq")
public record GatewayProperties(@DefaultValue Gateway gateway) {

    public record Gateway(@DefaultValue Services services, @DefaultValue Auth auth, @DefaultValue RateLimit rateLimit,
                          @DefaultValue PublicRateLimit publicRateLimit) {
    }

    /** The services' base URLs (the routes' destinations). */
    public record Services(@DefaultValue("http://127.0.0.1:8081") String ingest, @DefaultValue("http://127.0.0.1:8082") String target,
                           @DefaultValue("http://127.0.0.1:8083") String alert,
                           @DefaultValue("http://127.0.0.1:8084") String disclosure) {

        public String url(String service) {
            return switch (service) {
                case "ingest" -> ingest;
                case "target" -> target;
                case "alert" -> alert;
                case "disclosure" -> disclosure;
                default -> throw new IllegalArgumentException("no service " + service);
            };
        }
    }

    /**
     * @param mode    {@code tokens} (opaque bearer tokens, stored as SHA-256 hashes in {@code clients})
     *                or {@code jwt} (tokens from an OIDC issuer)
     * @param clients the token clients (mode tokens)
     */
    public record Auth(@DefaultValue("tokens") String mode, List<Client> clients, @DefaultValue Jwt jwt) {

        public Auth {
            clients = clients == null ? List.of() : List.copyOf(clients);
        }
    }

    /**
     * One token client.
     *
     * @param sha256 hex SHA-256 of the token (the token itself is never configured)
     * @param role   bureau, county or station
     * @param id     the client's name: "bureau", a county code, a station or source id
     * @param county the county of a county or station client
     */
    public record Client(String sha256, String role, String id, String county) {
    }

    /**
     * JWT from an OIDC issuer: keys from {@code issuerUri}, {@code jwkSetUri} or a PEM public key
     * file; the caller's role, id and county from the named claims.
     */
    public record Jwt(String issuerUri, String jwkSetUri, String publicKeyLocation, @DefaultValue("aq_role") String roleClaim,
                      @DefaultValue("aq_county") String countyClaim, @DefaultValue("aq_id") String idClaim) {
    }

    /**
     * Per-client limit: {@code burst} requests per {@code burst / perSecond} seconds; the limits of at
     * most {@code maxClients} clients are held (the least recently seen are dropped first).
     */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("200") int burst,
                            @DefaultValue("100") double perSecond, @DefaultValue("10000") int maxClients) {
    }

    /**
     * The limit of each client address on the public pages ({@code /public}, no token): a resident's browser asks for
     * a handful of answers, a busy office behind one address for more; beyond it 429 with {@code Retry-After}.
     */
    public record PublicRateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("60") int burst,
                                  @DefaultValue("10") double perSecond, @DefaultValue("100000") int maxClients) {

        public RateLimit asRateLimit() {
            return new RateLimit(enabled, burst, perSecond, maxClients);
        }
    }
}
