package cn.yq.aq.alert.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import cn.yq.aq.standards.BeijingTime;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One alert, as the webhook contract sends it. {@code county} is the county it concerns,
 * {@code null} for a city-wide alert (which every county and the city receive), or {@link #BUREAU}
 * for one the bureau alone receives (through the city's subscription); {@code scope} is what it is about:
 * {@code city}, a county code, a source or a station id. Jackson writes and reads it as the contract's
 * JSON (the MQTT payload, the webhook body, the API).
 */
public record Alert(String id, AlertType type, AlertLevel level, String scope, String county,
                    @JsonSerialize(using = BeijingInstant.Writer.class) Instant issuedAt,
                    @JsonSerialize(using = BeijingInstant.Writer.class) Instant validFrom,
                    @JsonSerialize(using = BeijingInstant.Writer.class) Instant validTo,
                    String title, String text, Map<String, Object> details) {

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

    /** The contract's JSON: {@code level} by its code, which the {@code type} reads back; times with +08:00. */
    @JsonCreator
    static Alert json(@JsonProperty("id") String id, @JsonProperty("type") AlertType type, @JsonProperty("level") String level,
                      @JsonProperty("scope") String scope, @JsonProperty("county") String county,
                      @JsonProperty("issuedAt") @JsonDeserialize(using = BeijingInstant.Reader.class) Instant issuedAt,
                      @JsonProperty("validFrom") @JsonDeserialize(using = BeijingInstant.Reader.class) Instant validFrom,
                      @JsonProperty("validTo") @JsonDeserialize(using = BeijingInstant.Reader.class) Instant validTo,
                      @JsonProperty("title") String title, @JsonProperty("text") String text,
                      @JsonProperty("details") Map<String, Object> details) {
        return new Alert(id, type, AlertLevel.of(type, level), scope, county, issuedAt, validFrom, validTo, title, text, details);
    }

    public static String iso(Instant t) {
        return t == null ? null : t.atZone(BeijingTime.ZONE).toOffsetDateTime().toString();
    }

    public static Instant instant(Object o) {
        return o == null ? null : java.time.OffsetDateTime.parse((String) o).toInstant();
    }
}
