package cn.yq.aq.alert.subscription;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.support.web.Problems;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subscriptions of the counties and of the city (the bureau: {@code city}), kept as retained
 * messages {@code aq/v1/config/subscriptions/<scope>} (only alert-service may read that topic: it
 * holds the secrets). A subscription stored in the first contract's shape ({@code url},
 * {@code secret}, {@code phones}) reads as a webhook channel and an SMS channel.
 */
@Component
public class Subscriptions {

    static final String PREFIX = StateStore.CONFIG + "subscriptions/";

    private final StateStore store;
    private final Registry registry;
    private final JsonMapper json;

    public Subscriptions(StateStore store, Registry registry, JsonMapper json) {
        this.json = json;
        this.store = store;
        this.registry = registry;
    }

    public Optional<Subscription> of(String scope) {
        String doc = store.get(PREFIX + scope);
        return doc == null ? Optional.empty() : Optional.of(read(doc));
    }

    private Subscription read(String doc) {
        if (doc.contains("\"channels\"")) {
            return json.readValue(doc, Subscription.class);
        }
        return new Subscription(ids(json.readValue(doc, SubscriptionRequest.class).asChannels()));
    }

    public Map<String, String> all() {
        return store.under(PREFIX);
    }

    /** Whether {@code scope} can have a subscription: a county of the registry, or the city. */
    public boolean knows(String scope) {
        return cn.yq.aq.alert.event.Alert.CITY.equals(scope) || registry.county(scope).isPresent();
    }

    /** 404 unless {@code scope} is {@code city} or a county of the registry. */
    public void requireKnown(String scope) {
        if (!knows(scope)) {
            throw Problems.notFound("unknown-county", "未知县区", "no county '" + scope.replaceAll("\\p{Cntrl}", "?")
                    + "' in the registry " + registry.name() + " (and not 'city')");
        }
    }

    /** Validates and stores a county's (or the city's) subscription. */
    public Subscription put(String scope, SubscriptionRequest request) {
        requireKnown(scope);
        if (request == null) {
            throw Problems.badParameter("a subscription needs 'channels' (or 'url' and 'secret')");
        }
        List<Channel> channels = ids(request.asChannels()); // each field's form: Bean Validation on the request
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Channel c : channels) {
            validate(c);
            if (!seen.add(c.id())) {
                throw Problems.badParameter("channel ids must be unique: '" + c.id() + "' twice");
            }
        }
        Subscription s = new Subscription(channels);
        store.put(PREFIX + scope, json.writeValueAsString(s));
        return s;
    }

    /** Gives each channel without an id {@code <kind>-<n>}. */
    private static List<Channel> ids(List<Channel> channels) {
        Map<String, Integer> n = new java.util.HashMap<>();
        List<Channel> out = new java.util.ArrayList<>();
        for (Channel c : channels) {
            if (c == null) {
                throw Problems.badParameter("a channel is null");
            }
            String kind = c.kind() == null ? "?" : c.kind();
            int i = n.merge(kind, 1, Integer::sum);
            out.add(c.id() == null || c.id().isBlank() ? c.withId(kind + "-" + i) : c);
        }
        return out;
    }

    /** What each kind needs beyond the form of its fields (which Bean Validation checked). */
    private static void validate(Channel c) {
        switch (c.kind()) {
            case "webhook" -> {
                url(c.url());
                if (c.secret() == null || c.secret().length() < 16 || c.secret().length() > 256) {
                    throw Problems.of(HttpStatus.BAD_REQUEST, "weak-secret", "签名密钥过短",
                            "'secret' must have 16 to 256 characters (it signs every webhook with HMAC-SHA256)");
                }
            }
            case "wecom" -> {
                url(c.url());
                if (!c.url().contains("key=")) {
                    throw Problems.badParameter("a wecom channel's 'url' is the group robot's webhook address with its key=…");
                }
            }
            case "dingtalk" -> {
                url(c.url());
                if (!c.url().contains("access_token=")) {
                    throw Problems.badParameter("a dingtalk channel's 'url' is the robot's address with its access_token=…");
                }
                if (c.secret() == null || c.secret().isBlank() || c.secret().length() > 256) {
                    throw Problems.badParameter("a dingtalk channel needs the robot's 加签 'secret' (SEC…)");
                }
            }
            case "sms" -> {
                if (c.phones().isEmpty()) {
                    throw Problems.badParameter("an sms channel needs 'phones'");
                }
            }
            default -> { // email
                if (c.to().isEmpty()) {
                    throw Problems.badParameter("an email channel needs 1 to 50 addresses in 'to'");
                }
            }
        }
    }

    private static void url(String url) {
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
}
