package cn.yq.aq.ingest.validation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.reading.Measurement;
import cn.yq.aq.ingest.system.IngestProperties;

/**
 * The contract's fields per measurement and each field's plausible range (configuration
 * {@code aq.validation.ranges.<field>: min,max}; a CEMS field may be given as {@code cems.<field>}).
 */
@Component
public class FieldRules {

    /** Ambient fields of the InfluxDB contract (µg/m³; CO, NMHC, THC, CH4 in mg/m³). */
    public static final Set<String> AMBIENT = Set.of("pm25", "pm10", "so2", "no2", "co", "o3", "nmhc", "thc", "ch4",
            "temp", "rh", "pressure", "wind_speed", "wind_dir");
    /** CEMS fields (measured, mg/m³; O2 %, flow m³/h, temp °C). */
    public static final Set<String> CEMS = Set.of("pm", "so2", "nox", "o2", "flow", "temp", "velocity", "pressure",
            "humidity", "co", "nmhc");

    record Range(double min, double max) {
        boolean contains(double v) {
            return v >= min && v <= max;
        }
    }

    private final Map<String, Range> ranges = new LinkedHashMap<>();

    public FieldRules(IngestProperties properties) {
        Map<String, String> configured = properties.validation().ranges();
        if (configured != null) {
            configured.forEach((field, text) -> {
                String[] parts = text.split(",");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("aq.validation.ranges." + field + " must be 'min,max': " + text);
                }
                ranges.put(field, new Range(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())));
            });
        }
    }

    public Set<String> fields(Measurement measurement) {
        return measurement == Measurement.AMBIENT ? AMBIENT : CEMS;
    }

    /** The range of a field, {@code null} if none is configured (then only finite and ≥ 0). */
    Range range(Measurement measurement, String field) {
        if (measurement == Measurement.CEMS && ranges.containsKey("cems." + field)) {
            return ranges.get("cems." + field);
        }
        return ranges.get(field);
    }
}
