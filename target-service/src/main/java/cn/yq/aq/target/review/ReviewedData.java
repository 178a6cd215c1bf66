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

    /** The approved marks of a range, read once, as the hours they take out per target. */
    public static final class Approved {

        /** No mark: the raw readings. */
        public static final Approved NONE = new Approved(List.of());

        private final List<Mark> marks;
        /** target → "epochHour/field" taken out. */
        private final Map<String, Set<String>> invalid = new HashMap<>();

        public Approved(List<Mark> marks) {
            this.marks = List.copyOf(marks);
            for (Mark m : this.marks) {
                Set<String> hours = invalid.computeIfAbsent(m.target(), k -> new HashSet<>());
                for (Instant h = m.start(); h.isBefore(m.end()); h = h.plusSeconds(3600)) {
                    for (String p : m.pollutants()) {
                        String key = key(h, p);
                        if ("invalidate".equals(m.action())) {
                            hours.add(key);
                        } else {
                            hours.remove(key);
                        }
                    }
                }
            }
        }

        private static String key(Instant hour, String field) {
            return hour.getEpochSecond() / 3600 + "/" + field;
        }

        public boolean isEmpty() {
            return marks.isEmpty();
        }

        /** Whether an approved mark took {@code field} of {@code target} out for the hour starting at {@code hour}. */
        public boolean invalid(String target, Instant hour, String field) {
            Set<String> hours = invalid.get(target);
            return hours != null && hours.contains(key(hour, field));
        }

        /** The station's reviewed hours ({@code raw} itself when no mark touches it). */
        public HourlyValues apply(String station, HourlyValues raw) {
            Set<String> hours = invalid.get(station);
            if (hours == null || hours.isEmpty()) {
                return raw;
            }
            HourlyValues reviewed = raw.copy();
            Map<String, Pollutant> byField = new HashMap<>();
            for (Pollutant p : Pollutant.values()) {
                byField.put(p.field(), p);
            }
            for (String key : hours) {
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
