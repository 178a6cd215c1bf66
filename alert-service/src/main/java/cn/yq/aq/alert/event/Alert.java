package cn.yq.aq.alert.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import cn.yq.aq.standards.BeijingTime;

/**
 * One alert, as the webhook contract sends it. {@code county} is the county it concerns,
 * {@code null} for a city-wide alert (which every county and the city receive), or {@link #BUREAU}
 * for one the bureau alone receives (through the city's subscription); {@code scope} is what it is about:
 * {@code city}, a county code, a source or a station id.
 */
public record Alert(String id, AlertType type, AlertLevel level, String scope, String county, Instant issuedAt,
                    Instant validFrom, Instant validTo, String title, String text, Map<String, Object> details) {

    /** The InfluxDB {@code county} tag of a city-wide alert; also the subscription scope of the city (the bureau). */
    public static final String CITY = "city";
    /** {@code county} of an alert for the bureau only (DELIVERY_FAILED, the city's ranking summary): no county sees it. */
    public static final String BUREAU = "bureau";

    public Alert {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(level);
        Objects.requireNonNull(issuedAt);
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The {@code county} tag: the county, or {@code city}. */
    public String countyTag() {
        return county == null ? CITY : county;
    }

    /** Whether an official of {@code countyCode} is concerned (their county, or the whole city). */
    public boolean concerns(String countyCode) {
        return county == null || county.equals(countyCode);
    }

    /** The contract's JSON fields, times in ISO-8601 with the +08:00 offset. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", type.name());
        m.put("level", level.code());
        m.put("scope", scope);
        m.put("county", county);
        m.put("issuedAt", iso(issuedAt));
        m.put("validFrom", iso(validFrom));
        m.put("validTo", iso(validTo));
        m.put("title", title);
        m.put("text", text);
        m.put("details", new LinkedHashMap<>(details));
        return m;
    }

    /** The inverse of {@link #toJson()}. */
    @SuppressWarnings("unchecked")
    public static Alert fromJson(Map<String, Object> m) {
        AlertType type = AlertType.valueOf((String) m.get("type"));
        return new Alert((String) m.get("id"), type, AlertLevel.of(type, (String) m.get("level")),
                (String) m.get("scope"), (String) m.get("county"), instant(m.get("issuedAt")), instant(m.get("validFrom")),
                instant(m.get("validTo")), (String) m.get("title"), (String) m.get("text"),
                m.get("details") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of());
    }

    public static String iso(Instant t) {
        return t == null ? null : t.atZone(BeijingTime.ZONE).toOffsetDateTime().toString();
    }

    public static Instant instant(Object o) {
        return o == null ? null : java.time.OffsetDateTime.parse((String) o).toInstant();
    }
}
