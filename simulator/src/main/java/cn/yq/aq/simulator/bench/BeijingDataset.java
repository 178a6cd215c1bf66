package cn.yq.aq.simulator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The shared Beijing year (UCI "Beijing Multi-Site Air-Quality Data", CC BY 4.0) as the contract's
 * hourly {@code ambient} points in line protocol (seconds): station {@code bj-<name>}, CO in mg/m³.
 */
final class BeijingDataset {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String[] FIELDS = {"pm25", "pm10", "so2", "no2", "co", "o3"};

    private BeijingDataset() {
    }

    static List<String> lineProtocol(Path csvGz) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(csvGz)),
                StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] c = line.split(",");
                String station = "bj-" + c[16].toLowerCase(Locale.ROOT);
                StringBuilder fields = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    if (!c[4 + i].equals("NA")) {
                        double v = Double.parseDouble(c[4 + i]) / (i == 4 ? 1000.0 : 1.0);
                        fields.append(fields.length() == 0 ? "" : ",").append(FIELDS[i]).append('=').append(v);
                    }
                }
                if (fields.length() > 0) {
                    long t = LocalDate.of(Integer.parseInt(c[0]), Integer.parseInt(c[1]), Integer.parseInt(c[2]))
                            .atTime(Integer.parseInt(c[3]), 0).atZone(CHINA).toEpochSecond();
                    lines.add("ambient,station=" + station + ",county=" + station + ",type=national,interval=PT1H " + fields + " " + t);
                }
            }
        }
        return lines;
    }
}
