package cn.yq.aq.alert.subscription;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
            c.check();
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
            int i = n.merge(c.kind(), 1, Integer::sum);
            out.add(c.id() == null || c.id().isBlank() ? c.withId(c.kind() + "-" + i) : c);
        }
        return out;
    }
}
