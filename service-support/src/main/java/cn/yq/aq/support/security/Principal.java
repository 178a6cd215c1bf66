package cn.yq.aq.support.security;

import java.util.Objects;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who is calling, as the gateway verified it: the bureau, one county's government, a data reviewer
 * (of one county, or of all), one station, or one of our own services. Services read it from the exchange ({@link #of(ServerWebExchange)}) after
 * {@link GatewayPrincipalFilter} checked the gateway's signature.
 *
 * @param role   what the caller may do
 * @param id     the client's name (a county code, a station id, "bureau", a service name)
 * @param county the county a county (or station) client belongs to, the county a reviewer reviews
 *               ({@code null}: every county); {@code null} for bureau and services
 */
public record Principal(Role role, String id, String county) {

    /** The exchange attribute the filter stores the principal under. */
    public static final String ATTRIBUTE = Principal.class.getName();

    public enum Role {
        BUREAU, COUNTY, REVIEWER, STATION, SERVICE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Principal {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(id, "id");
        if (role == Role.COUNTY && county == null) {
            throw new IllegalArgumentException("a county principal names its county");
        }
    }

    public static Principal bureau() {
        return new Principal(Role.BUREAU, "bureau", null);
    }

    public static Principal county(String code) {
        return new Principal(Role.COUNTY, code, code);
    }

    public static Principal service(String name) {
        return new Principal(Role.SERVICE, name, null);
    }

    /** Bureau staff and our own services see everything. */
    public boolean seesEverything() {
        return role == Role.BUREAU || role == Role.SERVICE;
    }

    /** Whether this caller may read the data or alerts of {@code countyCode}. */
    public boolean mayRead(String countyCode) {
        return seesEverything() || (role == Role.COUNTY && county.equals(countyCode))
                || (role == Role.REVIEWER && (county == null || county.equals(countyCode)));
    }

    /** The one county this caller is limited to ({@code null}: it is not limited to one). */
    public String ownCounty() {
        return role == Role.COUNTY || role == Role.REVIEWER ? county : null;
    }

    /**
     * The caller, who must be the bureau (or, with {@code orService}, one of our own services): the
     * services check their write operations themselves, not only the gateway. Else 403.
     */
    public static Principal requireBureau(ServerWebExchange exchange, boolean orService, String detail) {
        Principal p = of(exchange);
        if (p.role() != Role.BUREAU && !(orService && p.role() == Role.SERVICE)) {
            throw cn.yq.aq.support.web.Problems.forbidden(detail);
        }
        return p;
    }

    /** The principal the filter stored; the filter guarantees there is one on {@code /api/**}. */
    public static Principal of(ServerWebExchange exchange) {
        Principal p = exchange.getAttribute(ATTRIBUTE);
        if (p == null) {
            throw new IllegalStateException("no verified principal on " + exchange.getRequest().getPath());
        }
        return p;
    }
}
