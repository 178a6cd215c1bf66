package cn.yq.aq.alert.monitor;

import cn.yq.aq.alert.texts.MonitorTexts.EpisodeChange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.state.StateStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns hourly values against limits into episodes, so that a subject exceeding for hours gives one
 * alert, not one per hour: {@code exceed} when an episode starts (with the hours it already has),
 * {@code escalated} when its worst ratio to the limit crosses a higher configured band, {@code ended}
 * (with all its hours) after {@code endHours} consecutive valid compliant hours. Hours without valid
 * data neither extend nor end an episode. The episode is kept on the broker between looks.
 */
final class ExceedanceTracker {

    /** A valid value against its limit, and whether it exceeds it (as materialised by target-service). */
    record Value(Episode.Worst worst, boolean exceeded) {
    }

    /** An hour's valid values: pollutant → value. */
    record Hour(Map<String, Value> values) {
    }

    /** Writes the alert for a change of an episode. */
    interface Alerts {
        Alert alert(String subject, EpisodeChange change, Episode episode);
    }

    private final String kind;
    private final StateStore store;
    private final AlertBus bus;
    private final int endHours;
    private final List<Double> bands;
    private final JsonMapper json;

    ExceedanceTracker(String kind, StateStore store, AlertBus bus, int endHours, List<Double> bands, JsonMapper json) {
        this.json = json;
        this.kind = kind;
        this.store = store;
        this.bus = bus;
        this.endHours = endHours;
        this.bands = List.copyOf(bands);
    }

    private String topic(String subject) {
        return StateStore.STATE + "episodes/" + kind + "/" + subject;
    }

    Episode episode(String subject) {
        String doc = store.get(topic(subject));
        return doc == null ? Episode.none(null) : json.readValue(doc, Episode.class);
    }

    /** The band of a ratio: 0 above the limit, i when above the i-th configured ratio. */
    int band(double ratio) {
        int b = 0;
        for (double r : bands) {
            if (ratio > r) {
                b++;
            }
        }
        return b;
    }

    /** Looks at the hours after the last one processed; raises what changed; returns the alerts. */
    List<Alert> update(String subject, NavigableMap<Instant, Hour> hours, Alerts alerts) {
        Episode before = episode(subject);
        Episode e = before;
        List<Alert> raised = new ArrayList<>();
        Map<Instant, Hour> fresh = e.lastProcessed() == null ? hours : hours.tailMap(e.lastProcessed(), false);
        for (Map.Entry<Instant, Hour> h : fresh.entrySet()) {
            Map<String, Episode.Worst> over = new java.util.LinkedHashMap<>();
            h.getValue().values().forEach((p, v) -> {
                if (v.exceeded()) {
                    over.put(p, v.worst());
                }
            });
            if (!over.isEmpty()) {
                e = e.exceeding(h.getKey(), over);
                continue;
            }
            if (h.getValue().values().isEmpty()) {
                e = e.processed(h.getKey());
                continue;
            }
            e = e.compliant(h.getKey());
            if (e.open() && e.compliantRun() >= endHours) {
                if (e.band() < 0) {
                    raised.add(bus.raise(alerts.alert(subject, EpisodeChange.EXCEED, e)));
                }
                raised.add(bus.raise(alerts.alert(subject, EpisodeChange.ENDED, e)));
                e = new Episode(false, null, null, h.getKey(), 0, List.of(), Map.of(), -1, 0);
            }
        }
        if (e.open()) {
            int band = band(e.maxRatio());
            if (e.band() < 0) {
                raised.add(bus.raise(alerts.alert(subject, EpisodeChange.EXCEED, e)));
                e = e.alerted(band);
            } else if (band > e.band()) {
                raised.add(bus.raise(alerts.alert(subject, EpisodeChange.ESCALATED, e)));
                e = e.alerted(band);
            }
        }
        if (!e.equals(before)) {
            store.put(topic(subject), json.writeValueAsString(e));
        }
        return raised;
    }
}
