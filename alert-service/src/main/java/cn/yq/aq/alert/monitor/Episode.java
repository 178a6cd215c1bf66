package cn.yq.aq.alert.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exceedance episode of one subject (a boiler, a park station), as kept between looks.
 *
 * @param lastProcessed the latest hour already looked at (later looks start after it)
 * @param hours         exceeding hours so far
 * @param exceedingHours their start times (at most 240 listed)
 * @param worst         per pollutant: the highest value and its limit
 * @param band          escalation band already alerted (0: above the limit, 1: above the first ratio …)
 * @param compliantRun  valid compliant hours since the last exceeding one
 */
public record Episode(boolean open, Instant start, Instant lastExceeding, Instant lastProcessed, int hours,
                      List<Instant> exceedingHours, Map<String, Worst> worst, int band, int compliantRun) {

    /** The highest value of a pollutant in the episode and the limit it is held to. */
    public record Worst(double value, double limit) {

        public double ratio() {
            return value / limit;
        }
    }

    public Episode {
        exceedingHours = exceedingHours == null ? List.of() : List.copyOf(exceedingHours);
        worst = worst == null ? Map.of() : Map.copyOf(worst);
    }

    static Episode none(Instant lastProcessed) {
        return new Episode(false, null, null, lastProcessed, 0, List.of(), Map.of(), -1, 0);
    }

    double maxRatio() {
        return worst.values().stream().mapToDouble(Worst::ratio).max().orElse(0);
    }

    Episode processed(Instant hour) {
        return new Episode(open, start, lastExceeding, hour, hours, exceedingHours, worst, band, compliantRun);
    }

    /** One more exceeding hour with these values over their limits. */
    Episode exceeding(Instant hour, Map<String, Worst> over) {
        Map<String, Worst> w = new LinkedHashMap<>(open ? worst : Map.of());
        over.forEach((p, v) -> w.merge(p, v, (a, b) -> a.value() >= b.value() ? a : b));
        List<Instant> list = new ArrayList<>(open ? exceedingHours : List.of());
        if (list.size() < 240) {
            list.add(hour);
        }
        return new Episode(true, open ? start : hour, hour, hour, open ? hours + 1 : 1, list, w, open ? band : -1, 0);
    }

    Episode compliant(Instant hour) {
        return new Episode(open, start, lastExceeding, hour, hours, exceedingHours, worst, band, open ? compliantRun + 1 : 0);
    }

    Episode alerted(int newBand) {
        return new Episode(open, start, lastExceeding, lastProcessed, hours, exceedingHours, worst, newBand, compliantRun);
    }
}
