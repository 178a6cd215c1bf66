package cn.yq.aq.standards.hj212;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CP data area (HJ 212-2017 §6.3.3): groups separated by {@code ;}, fields of a group by
 * {@code ,}, each {@code name=value}. Factor fields are named {@code <code>-<suffix>} (Rtd, Avg,
 * Min, Max, ZsRtd …, Cou, Flag, EFlag, SampleTime); {@code DataTime} is the interval start for
 * CN 2051/2061/2031 and the acquisition time for 2011.
 *
 * @param groups the groups in packet order, each an insertion-ordered map of its fields
 */
public record DataArea(List<Map<String, String>> groups) {

    static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);

    public DataArea {
        List<Map<String, String>> copy = new ArrayList<>();
        for (Map<String, String> g : groups) {
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(g)));
        }
        groups = List.copyOf(copy);
    }

    public static DataArea empty() {
        return new DataArea(List.of());
    }

    /** A field's value wherever it is, e.g. {@code value("DataTime")} or {@code value("a34004-Avg")}. */
    public Optional<String> value(String name) {
        for (Map<String, String> g : groups) {
            if (g.containsKey(name)) {
                return Optional.of(g.get(name));
            }
        }
        return Optional.empty();
    }

    /** {@code DataTime} as local time (the packet carries no offset: Asia/Shanghai by convention). */
    public Optional<LocalDateTime> dataTime() {
        return value("DataTime").map(DataArea::parseDataTime);
    }

    /** Factor values by code, then by suffix: {@code a34004 → {Avg=35, Flag=N}}; codes in packet order. */
    public Map<String, Map<String, String>> factors() {
        Map<String, Map<String, String>> factors = new LinkedHashMap<>();
        for (Map<String, String> g : groups) {
            g.forEach((name, value) -> {
                int dash = name.indexOf('-');
                if (dash > 0) {
                    factors.computeIfAbsent(name.substring(0, dash), k -> new LinkedHashMap<>())
                            .put(name.substring(dash + 1), value);
                }
            });
        }
        return factors;
    }

    static LocalDateTime parseDataTime(String text) {
        try {
            return LocalDateTime.parse(text, DATA_TIME);
        } catch (DateTimeParseException e) {
            throw new Hj212Exception(Hj212Exception.Reason.BAD_FIELD,
                    "DataTime '" + text + "' is not a valid yyyyMMddHHmmss time");
        }
    }
}
