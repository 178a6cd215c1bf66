package cn.yq.aq.alert.subscription;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.standards.warning.WarningLevel;

/**
 * One way a county's (or the city's) notifications reach people, with the settings of its kind:
 * <ul>
 * <li>{@code webhook}: {@code url}, {@code secret} (HMAC-SHA256 of the body, 16–256 characters);</li>
 * <li>{@code wecom}: {@code url}, the 企业微信 group robot's webhook address ({@code …/cgi-bin/webhook/send?key=…});</li>
 * <li>{@code dingtalk}: {@code url}, the 钉钉 custom robot's address ({@code …/robot/send?access_token=…}),
 * {@code secret}, its 加签 secret ({@code SEC…}), and {@code atMobiles} to @ on red warnings;</li>
 * <li>{@code sms}: {@code phones}, texted through the configured SMS gateway;</li>
 * <li>{@code email}: {@code to}, addresses mailed through the configured SMTP server.</li>
 * </ul>
 * {@code types} (optional) limits the alert types it gets; {@code minLevel} (optional: yellow,
 * orange, red) the heavy-pollution warnings (a lifting always follows the warning it lifts).
 *
 * @param id a name unique within the subscription (default {@code <kind>-<n>})
 */
public record Channel(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}", message = "is 1 to 32 lower-case letters, digits and '-'") String id,
        @NotNull(message = "is required") @Pattern(regexp = KIND, message = "must be one of " + KIND) String kind,
        @Size(max = 2048) String url,
        @Size(max = 256) String secret,
        @Size(max = 50) List<@NotNull @Pattern(regexp = PHONE, message = "must be phone numbers (digits, optional leading +)") String> phones,
        @Size(max = 50) List<@NotNull @Pattern(regexp = EMAIL, message = "must be e-mail addresses") String> to,
        @Size(max = 50) List<@NotNull @Pattern(regexp = PHONE, message = "must be phone numbers (digits, optional leading +)") String> atMobiles,
        List<@NotNull AlertType> types,
        @Pattern(regexp = LEVEL, message = "must be one of " + LEVEL) String minLevel) {

    static final String PHONE = "\\+?[0-9]{6,15}";
    static final String EMAIL = "[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,}";

    /** The kinds, spelled once: the form a request's {@code kind} must have, and the list the transports must cover. */
    static final String KIND = "webhook|wecom|dingtalk|sms|email";
    public static final List<String> KINDS = List.of(KIND.split("\\|"));
    /** The warning levels a channel may ask for at least (the standards' {@link WarningLevel} codes). */
    static final String LEVEL = "yellow|orange|red";

    public Channel {
        phones = phones == null ? List.of() : List.copyOf(phones);
        to = to == null ? List.of() : List.copyOf(to);
        atMobiles = atMobiles == null ? List.of() : List.copyOf(atMobiles);
        types = types == null ? List.of() : List.copyOf(types);
    }

    Channel withId(String newId) {
        return new Channel(newId, kind, url, secret, phones, to, atMobiles, types, minLevel);
    }

    /** Whether this channel wants the alert (its types and minimum warning level). */
    public boolean wants(Alert a) {
        if (!types.isEmpty() && !types.contains(a.type())) {
            return false;
        }
        return minLevel == null || a.type() != AlertType.HEAVY_POLLUTION_WARNING
                || WarningLevel.ofCode(minLevel).map(a.level()::reaches).orElse(true);
    }

    /**
     * What the API shows: the settings without any secret. A robot's address carries its key or
     * token in the query: only the address before it is shown.
     */
    public Map<String, Object> view() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", kind);
        switch (kind) {
            case "webhook" -> {
                m.put("url", url);
                m.put("secretSet", secret != null);
            }
            case "wecom" -> {
                m.put("url", withoutQuery(url));
                m.put("secretSet", url != null && url.contains("?"));
            }
            case "dingtalk" -> {
                m.put("url", withoutQuery(url));
                m.put("secretSet", secret != null);
                m.put("atMobiles", atMobiles);
            }
            case "sms" -> m.put("phones", phones);
            case "email" -> m.put("to", to);
            default -> {
            }
        }
        if (!types.isEmpty()) {
            m.put("types", types);
        }
        if (minLevel != null) {
            m.put("minLevel", minLevel);
        }
        return m;
    }

    static String withoutQuery(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
