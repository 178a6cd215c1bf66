package cn.yq.aq.support.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's signed statement of who is calling, sent to the services in two headers:
 * {@code X-AQ-Principal: role=county;id=pingding;county=pingding;ts=1764300000} and
 * {@code X-AQ-Principal-Signature: <hex HMAC-SHA256 of that value with the shared secret>}. A service
 * accepts it only with a valid signature and a timestamp within {@code maxAge} (a captured header
 * cannot be replayed for long). The gateway removes any such headers a client sends.
 */
public final class PrincipalHeaders {

    public static final String PRINCIPAL = "X-AQ-Principal";
    public static final String SIGNATURE = "X-AQ-Principal-Signature";
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final byte[] secret;
    private final Duration maxAge;
    private final Clock clock;

    public PrincipalHeaders(String secret, Duration maxAge, Clock clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the gateway secret must have at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The {@link #PRINCIPAL} header value for {@code principal}, stamped now. */
    public String value(Principal principal) {
        StringBuilder b = new StringBuilder("role=").append(principal.role().code()).append(";id=").append(check(principal.id()));
        if (principal.county() != null) {
            b.append(";county=").append(check(principal.county()));
        }
        return b.append(";ts=").append(clock.instant().getEpochSecond()).toString();
    }

    /** The {@link #SIGNATURE} header value for a {@link #PRINCIPAL} header value. */
    public String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The principal, if the value is well formed, signed with our secret and fresh. */
    public Optional<Principal> verify(String value, String signature) {
        if (value == null || signature == null || value.length() > 512) {
            return Optional.empty();
        }
        byte[] expected = sign(value).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            parts.put(part.substring(0, eq), part.substring(eq + 1));
        }
        try {
            long ts = Long.parseLong(parts.getOrDefault("ts", ""));
            long age = clock.instant().getEpochSecond() - ts;
            if (age > maxAge.toSeconds() || age < -maxAge.toSeconds()) {
                return Optional.empty();
            }
            Principal.Role role = Principal.Role.valueOf(parts.getOrDefault("role", "").toUpperCase(java.util.Locale.ROOT));
            return Optional.of(new Principal(role, parts.get("id"), parts.get("county")));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String check(String s) {
        if (!VALUE.matcher(s).matches()) {
            throw new IllegalArgumentException("not a principal name: " + s);
        }
        return s;
    }
}
