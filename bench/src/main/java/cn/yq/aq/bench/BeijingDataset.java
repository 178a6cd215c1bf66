package cn.yq.aq.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.yq.aq.simulator.feed.Replay;
import cn.yq.aq.standards.BeijingTime;

/**
 * The shared Beijing year (UCI "Beijing Multi-Site Air-Quality Data", CC BY 4.0) as the contract's
 * hourly {@code ambient} points in line protocol (seconds): station {@code bj-<name>}, CO in mg/m³.
 * The rows are read by the replay's parser; only the six pollutants are written.
 */
final class BeijingDataset {

    static final Set<String> FIELDS = Set.of("pm25", "pm10", "so2", "no2", "co", "o3");

    private BeijingDataset() {
    }

    static List<String> lineProtocol(Path csvGz) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<LocalDateTime, List<Replay.Reading>> hour : Replay.read(csvGz, null).entrySet()) {
            long t = hour.getKey().atZone(BeijingTime.ZONE).toEpochSecond();
            for (Replay.Reading r : hour.getValue()) {
                StringBuilder fields = new StringBuilder();
                r.values().forEach((name, v) -> {
                    if (FIELDS.contains(name)) {
                        fields.append(fields.length() == 0 ? "" : ",").append(name).append('=').append(v);
                    }
                });
                if (fields.length() > 0) {
                    lines.add("ambient,station=" + r.station() + ",county=" + r.station() + ",type=national,interval=PT1H " + fields + " " + t);
                }
            }
        }
        return lines;
    }
}
