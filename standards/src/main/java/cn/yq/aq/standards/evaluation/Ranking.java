package cn.yq.aq.standards.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranking by ascending value (smaller composite index = better), equal values tied (并列) with the
 * next rank skipped: 1, 2, 2, 4.
 */
public final class Ranking {

    private Ranking() {
    }

    /** Ranks each unit; the map iterates from best to worst. Values must be finite. */
    public static <K> Map<K, Integer> ascending(Map<K, ? extends Number> values) {
        List<Map.Entry<K, ? extends Number>> entries = new ArrayList<>(values.entrySet());
        for (Map.Entry<K, ? extends Number> e : entries) {
            if (e.getValue() == null || !Double.isFinite(e.getValue().doubleValue())) {
                throw new IllegalArgumentException("cannot rank " + e.getKey() + " without a finite value");
            }
        }
        entries.sort(Comparator.comparingDouble(e -> e.getValue().doubleValue()));
        Map<K, Integer> ranks = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            double v = entries.get(i).getValue().doubleValue();
            int rank = i > 0 && v == entries.get(i - 1).getValue().doubleValue()
                    ? ranks.get(entries.get(i - 1).getKey()) : i + 1;
            ranks.put(entries.get(i).getKey(), rank);
        }
        return ranks;
    }
}
