package cn.yq.aq.alert.subscription;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.standards.warning.WarningLevel;
import cn.yq.aq.support.web.Problems;

/**
 * One way a county's (or the city's) notifications reach people: a record per kind, bound by Jackson on
 * {@code kind}, each with its own settings and checks. Adding a kind is one record here and one transport.
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
 * {@code id} is a name unique within the subscription (default {@code <kind>-<n>}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = Channel.Webhook.class, name = "webhook"),
        @JsonSubTypes.Type(value = Channel.Wecom.class, name = "wecom"),
        @JsonSubTypes.Type(value = Channel.Dingtalk.class, name = "dingtalk"),
        @JsonSubTypes.Type(value = Channel.Sms.class, name = "sms"),
        @JsonSubTypes.Type(value = Channel.Email.class, name = "email")})
public sealed interface Channel {

    String ID = "[a-z0-9][a-z0-9-]{0,31}";
    String ID_MESSAGE = "is 1 to 32 lower-case letters, digits and '-'";
    String PHONE = "\\+?[0-9]{6,15}";
    String PHONE_MESSAGE = "must be phone numbers (digits, optional leading +)";
    String EMAIL = "[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,}";
    /** The warning levels a channel may ask for at least (the standards' {@link WarningLevel} codes). */
    String LEVEL = "yellow|orange|red";

    String id();

    List<AlertType> types();

    String minLevel();

    /** The same channel under another id. */
    Channel withId(String id);

    /** What each kind needs beyond the form of its fields (which Bean Validation checked); a 400 otherwise. */
    void check();

    /** What the API shows of the settings, without any secret (a robot's key or token is in its URL's query). */
    Map<String, Object> settings();

    /** The {@code kind}, as the contract spells it. */
    default String kind() {
        return getClass().getAnnotation(Kind.class).value();
    }

    /** The kind as officials call it (企业微信机器人 …). */
    default String nameZh() {
        return getClass().getAnnotation(Kind.class).nameZh();
    }

    /** Whether this channel wants the alert (its types and minimum warning level). */
    default boolean wants(Alert a) {
        if (!types().isEmpty() && !types().contains(a.type())) {
            return false;
        }
        return minLevel() == null || a.type() != AlertType.HEAVY_POLLUTION_WARNING
                || WarningLevel.ofCode(minLevel()).map(a.level()::reaches).orElse(true);
    }

    /** What the API shows: id, kind, the settings without secrets, the filters. */
    default Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id());
        m.put("kind", kind());
        m.putAll(settings());
        if (!types().isEmpty()) {
            m.put("types", types());
        }
        if (minLevel() != null) {
            m.put("minLevel", minLevel());
        }
        return m;
    }

    /** The contract's name of a kind and its Chinese name, on each record. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @interface Kind {
        String value();

        String nameZh();
    }

    @Kind(value = "webhook", nameZh = "接收接口（webhook）")
    record Webhook(@Pattern(regexp = ID, message = ID_MESSAGE) String id, @Size(max = 2048) String url,
                   @Size(max = 256) String secret, List<@NotNull AlertType> types,
                   @Pattern(regexp = LEVEL, message = "must be one of " + LEVEL) String minLevel) implements Channel {
        public Webhook {
            types = copy(types);
        }

        @Override
        public Webhook withId(String newId) {
            return new Webhook(newId, url, secret, types, minLevel);
        }

        @Override
        public void check() {
            requireHttpUrl(url);
            if (secret == null || secret.length() < 16 || secret.length() > 256) {
                throw Problems.of(org.springframework.http.HttpStatus.BAD_REQUEST, "weak-secret", "签名密钥过短",
                        "'secret' must have 16 to 256 characters (it signs every webhook with HMAC-SHA256)");
            }
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", url);
            m.put("secretSet", secret != null);
            return m;
        }
    }

    @Kind(value = "wecom", nameZh = "企业微信机器人")
    record Wecom(@Pattern(regexp = ID, message = ID_MESSAGE) String id, @Size(max = 2048) String url,
                 List<@NotNull AlertType> types,
                 @Pattern(regexp = LEVEL, message = "must be one of " + LEVEL) String minLevel) implements Channel {
        public Wecom {
            types = copy(types);
        }

        @Override
        public Wecom withId(String newId) {
            return new Wecom(newId, url, types, minLevel);
        }

        @Override
        public void check() {
            requireHttpUrl(url);
            if (!url.contains("key=")) {
                throw Problems.badParameter("a wecom channel's 'url' is the group robot's webhook address with its key=…");
            }
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", withoutQuery(url));
            m.put("secretSet", url != null && url.contains("?"));
            return m;
        }
    }

    @Kind(value = "dingtalk", nameZh = "钉钉机器人")
    record Dingtalk(@Pattern(regexp = ID, message = ID_MESSAGE) String id, @Size(max = 2048) String url,
                    @Size(max = 256) String secret,
                    @Size(max = 50) List<@NotNull @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String> atMobiles,
                    List<@NotNull AlertType> types,
                    @Pattern(regexp = LEVEL, message = "must be one of " + LEVEL) String minLevel) implements Channel {
        public Dingtalk {
            atMobiles = copy(atMobiles);
            types = copy(types);
        }

        @Override
        public Dingtalk withId(String newId) {
            return new Dingtalk(newId, url, secret, atMobiles, types, minLevel);
        }

        @Override
        public void check() {
            requireHttpUrl(url);
            if (!url.contains("access_token=")) {
                throw Problems.badParameter("a dingtalk channel's 'url' is the robot's address with its access_token=…");
            }
            if (secret == null || secret.isBlank() || secret.length() > 256) {
                throw Problems.badParameter("a dingtalk channel needs the robot's 加签 'secret' (SEC…)");
            }
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", withoutQuery(url));
            m.put("secretSet", secret != null);
            m.put("atMobiles", atMobiles);
            return m;
        }
    }

    @Kind(value = "sms", nameZh = "短信")
    record Sms(@Pattern(regexp = ID, message = ID_MESSAGE) String id,
               @Size(max = 50) List<@NotNull @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String> phones,
               List<@NotNull AlertType> types,
               @Pattern(regexp = LEVEL, message = "must be one of " + LEVEL) String minLevel) implements Channel {
        public Sms {
            phones = copy(phones);
            types = copy(types);
        }

        @Override
        public Sms withId(String newId) {
            return new Sms(newId, phones, types, minLevel);
        }

        @Override
        public void check() {
            if (phones.isEmpty()) {
                throw Problems.badParameter("an sms channel needs 'phones'");
            }
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of("phones", phones);
        }
    }

    @Kind(value = "email", nameZh = "电子邮件")
    record Email(@Pattern(regexp = ID, message = ID_MESSAGE) String id,
                 @Size(max = 50) List<@NotNull @Pattern(regexp = EMAIL, message = "must be e-mail addresses") String> to,
                 List<@NotNull AlertType> types,
                 @Pattern(regexp = LEVEL, message = "must be one of " + LEVEL) String minLevel) implements Channel {
        public Email {
            to = copy(to);
            types = copy(types);
        }

        @Override
        public Email withId(String newId) {
            return new Email(newId, to, types, minLevel);
        }

        @Override
        public void check() {
            if (to.isEmpty()) {
                throw Problems.badParameter("an email channel needs 1 to 50 addresses in 'to'");
            }
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of("to", to);
        }
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static void requireHttpUrl(String url) {
        if (url == null) {
            throw Problems.badParameter("'url' is required");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw Problems.badParameter("'url' is not a URL");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw Problems.badParameter("'url' must be an absolute http(s) URL");
        }
    }

    private static String withoutQuery(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
