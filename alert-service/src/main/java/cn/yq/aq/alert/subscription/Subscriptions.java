package cn.yq.aq.alert.subscription;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.support.web.Problems;
import tools.jackson.databind.json.JsonMapper;

/**
 * The counties' subscriptions, kept as retained messages {@code aq/v1/config/subscriptions/<county>}
 * (only alert-service may read that topic: it holds the HMAC secrets).
 */
@Component
public class Subscriptions {

    static final String PREFIX = StateStore.CONFIG + "subscriptions/";
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");

    private final StateStore store;
    private final Registry registry;
    private final JsonMapper json = JsonMapper.builder().build();

    public Subscriptions(StateStore store, Registry registry) {
        this.store = store;
        this.registry = registry;
    }

    public Optional<Subscription> of(String county) {
        String doc = store.get(PREFIX + county);
        return doc == null ? Optional.empty() : Optional.of(json.readValue(doc, Subscription.class));
    }

    public Map<String, String> all() {
        return store.under(PREFIX);
    }

    /** Validates and stores a county's subscription. */
    public Subscription put(String county, Subscription s) {
        if (registry.county(county).isEmpty()) {
            throw Problems.notFound("unknown-county", "未知县区", "no county '" + county.replaceAll("\\p{Cntrl}", "?")
                    + "' in the registry " + registry.name());
        }
        if (s == null || s.url() == null) {
            throw Problems.badParameter("'url' is required");
        }
        URI uri;
        try {
            uri = URI.create(s.url());
        } catch (IllegalArgumentException e) {
            throw Problems.badParameter("'url' is not a URL");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw Problems.badParameter("'url' must be an absolute http(s) URL");
        }
        if (s.secret() == null || s.secret().length() < 16 || s.secret().length() > 256) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "weak-secret", "签名密钥过短",
                    "'secret' must have 16 to 256 characters (it signs every webhook with HMAC-SHA256)");
        }
        for (String phone : s.phones()) {
            if (phone == null || !PHONE.matcher(phone).matches()) {
                throw Problems.badParameter("'phones' must be phone numbers (digits, optional leading +)");
            }
        }
        store.put(PREFIX + county, json.writeValueAsString(s));
        return s;
    }
}
