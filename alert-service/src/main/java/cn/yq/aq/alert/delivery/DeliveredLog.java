package cn.yq.aq.alert.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.state.StateStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each channel has delivered of the copies the broker may still hand back: per channel a retained document
 * {@code aq/v1/state/delivered/<scope>/<channel>} (a JSON array of ids, oldest first). A lane
 * {@link #record records} a notice right after the channel took it, waiting for the broker's acknowledgement,
 * and only then completes the copy or sends the next: a copy the broker hands back after a crash is skipped by
 * every channel that had it. What a crash can still repeat is the one notice whose answer came in the instant
 * before (the webhook's {@code X-AQ-Event-Id} lets a receiver drop it). Once a copy is acknowledged to the broker
 * it never comes again: the deliverer {@link #forget forgets} it and the channel's next record leaves it out, so
 * a document holds only the copies still unacknowledged (at most {@value #REMEMBERED}, a safety bound).
 */
@Component
class DeliveredLog {

    private static final Logger log = LoggerFactory.getLogger(DeliveredLog.class);
    static final String TOPIC = StateStore.STATE + "delivered/";
    /** At most this many ids per channel: more than the broker can have in flight to the deliverer (its receive maximum). */
    static final int REMEMBERED = 2000;

    private final StateStore store;
    private final JsonMapper json;
    private final Map<String, LinkedHashSet<String>> channels = new ConcurrentHashMap<>();

    DeliveredLog(StateStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    /** Whether the channel delivered the notice (also before a restart). */
    boolean has(String scope, String channel, String id) {
        LinkedHashSet<String> ids = ids(scope, channel);
        synchronized (ids) {
            return ids.contains(id);
        }
    }

    /**
     * Records a delivery; returns once the broker has the channel's document.
     *
     * @throws IllegalStateException if the broker did not take it (the lane retries the record, not the delivery)
     */
    void record(String scope, String channel, String id) {
        LinkedHashSet<String> ids = ids(scope, channel);
        List<String> list;
        synchronized (ids) {
            ids.add(id);
            while (ids.size() > REMEMBERED) {
                ids.remove(ids.iterator().next());
            }
            list = new ArrayList<>(ids);
        }
        store.put(TOPIC + scope + "/" + channel, json.writeValueAsString(list));
    }

    /** The copy was acknowledged to the broker: it never comes again (the channels' next records leave it out). */
    void forget(String scope, Iterable<String> channelIds, String id) {
        for (String channel : channelIds) {
            LinkedHashSet<String> ids = ids(scope, channel);
            synchronized (ids) {
                ids.remove(id);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private LinkedHashSet<String> ids(String scope, String channel) {
        return channels.computeIfAbsent(scope + "/" + channel, k -> {
            LinkedHashSet<String> ids = new LinkedHashSet<>();
            String doc = store.get(TOPIC + k);
            if (doc != null) {
                try {
                    ids.addAll(json.readValue(doc, List.class));
                } catch (RuntimeException e) {
                    log.warn("delivered log of {} unreadable ({}): starting afresh", k, e.toString());
                }
            }
            return ids;
        });
    }
}
