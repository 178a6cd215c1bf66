package cn.yq.aq.target.review;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.evaluation.HourlyValues;

/**
 * Reviewed data (审核后数据): the raw hours with the approved marks applied. An approved {@code invalidate}
 * takes its hours of its pollutants out (they count as missing, and HJ 663 validity applies to what is left);
 * an approved {@code restore} puts back what an earlier approved invalidation took out of its hours. Marks
 * apply in the order they were approved. The raw hours are not changed: a station with marks gets a copy.
 */
@Component
public class ReviewedData {

    /** The approved marks of a range, read once. */
    public record Approved(List<Mark> marks) {

        public boolean isEmpty() {
            return marks.isEmpty();
        }

        /** The station's reviewed hours ({@code raw} itself when no mark touches it). */
        public HourlyValues apply(String station, HourlyValues raw) {
            Set<String> invalid = null; // "epochHour/pollutant"
            for (Mark m : marks) {
                if (!m.target().equals(station)) {
                    continue;
                }
                if (invalid == null) {
                    invalid = new HashSet<>();
                }
                for (Instant h = m.start(); h.isBefore(m.end()); h = h.plusSeconds(3600)) {
                    for (String p : m.pollutants()) {
                        String key = h.getEpochSecond() / 3600 + "/" + p;
                        if ("invalidate".equals(m.action())) {
                            invalid.add(key);
                        } else {
                            invalid.remove(key);
                        }
                    }
                }
            }
            if (invalid == null || invalid.isEmpty()) {
                return raw;
            }
            HourlyValues reviewed = raw.copy();
            Map<String, Pollutant> byField = new HashMap<>();
            for (Pollutant p : Pollutant.values()) {
                byField.put(p.field(), p);
            }
            for (String key : invalid) {
                int slash = key.indexOf('/');
                Pollutant p = byField.get(key.substring(slash + 1));
                if (p == null) {
                    continue; // nmhc: not part of the AQI
                }
                ZonedDateTime t = Instant.ofEpochSecond(Long.parseLong(key.substring(0, slash)) * 3600).atZone(BeijingTime.ZONE);
                reviewed.remove(t.toLocalDate(), t.getHour(), p);
            }
            return reviewed;
        }
    }

    private final Marks marks;

    ReviewedData(Marks marks) {
        this.marks = marks;
    }

    /** The approved marks touching the days {@code from} … {@code to}. */
    public Approved approved(LocalDate from, LocalDate to) {
        return new Approved(marks.approved(from.atStartOfDay(BeijingTime.ZONE).toInstant(),
                to.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant()));
    }
}
