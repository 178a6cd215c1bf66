package cn.yq.aq.simulator.feed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import cn.yq.aq.standards.BeijingTime;

/**
 * Replays an hourly dataset of the Beijing multi-site shape over MQTT as the contract's ambient
 * JSON ({@code aq/v1/ambient/bj-<station>}), an hour of data at a time, at N× real speed (or flat
 * out), optionally shifted so that the first replayed day lands on another date (a replay of 2013
 * that shows up as last week on the dashboards). Use it with the dataset registry
 * ({@code AQ_REGISTRY=beijing}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay the shared Beijing dataset (or a file of that shape) over MQTT.")
public final class Replay implements Callable<Integer> {

    /** The 16 compass points of the dataset's {@code wd} column, clockwise from north. */
    static final List<String> COMPASS = List.of("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W",
            "WNW", "NW", "NNW");

    @Option(names = "--file", description = "the dataset (.csv or .csv.gz); default: the shared Beijing year",
            defaultValue = "${env:AQ_DATASET:-datasets/beijing-multisite/beijing-multisite-2013-03_2014-02.csv.gz}")
    Path file;

    @Mixin
    MqttOptions mqtt;

    @Option(names = "--from", description = "first day of the data to replay (default: the file's first)")
    LocalDate from;

    @Option(names = "--days", defaultValue = "0", description = "how many days (0: to the end of the file)")
    int days;

    @Option(names = "--stations", split = ",", description = "only these station ids (e.g. bj-dongsi,bj-tiantan)")
    Set<String> stations;

    @Option(names = "--speed", defaultValue = "0",
            description = "N× real time (3600: an hour of data per second); 0: as fast as the broker takes it")
    double speed;

    @Option(names = "--shift-to", description = "move the data so that its first replayed day is this date (or 'today-N')")
    String shiftTo;

    @Override
    public Integer call() throws Exception {
        TreeMap<LocalDateTime, List<Reading>> hours = read(file, stations);
        if (hours.isEmpty()) {
            System.err.println("replay: no rows in " + file + (stations == null ? "" : " for " + stations));
            return 1;
        }
        LocalDate first = from != null ? from : hours.firstKey().toLocalDate();
        LocalDateTime start = first.atStartOfDay();
        LocalDateTime end = days > 0 ? start.plusDays(days) : hours.lastKey().plusHours(1);
        Map<LocalDateTime, List<Reading>> selected = hours.subMap(start, true, end, false);
        long shiftHours = shiftTo == null ? 0 : ChronoUnit.HOURS.between(start, target(shiftTo).atStartOfDay());
        long total = selected.values().stream().mapToLong(List::size).sum();
        Publisher.Progress progress = new Publisher.Progress("replay", total);
        long t0 = System.nanoTime();
        int hour = 0;
        try (Publisher out = mqtt.connect("aq-replay")) {
            for (Map.Entry<LocalDateTime, List<Reading>> e : selected.entrySet()) {
                LocalDateTime at = e.getKey().plusHours(shiftHours);
                List<Message> messages = new ArrayList<>();
                for (Reading r : e.getValue()) {
                    messages.add(Message.of("aq/v1/ambient/" + r.station(), r.json(at)));
                }
                if (speed > 0) { // hold back until this hour is due at N× speed
                    Publisher.sleepUntil(t0 + (long) (hour * 3_600_000_000_000L / speed));
                }
                out.publish(messages);
                hour++;
                progress.show(out.published(), at.toLocalDate().toString());
            }
            System.err.printf(Locale.ROOT, "replay: %,d readings (%d hours) published in %.1f s%n", out.published(), hour,
                    (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }

    static LocalDate target(String spec) {
        if (spec.startsWith("today")) {
            LocalDate today = LocalDate.now(BeijingTime.ZONE);
            return spec.length() == 5 ? today : today.minusDays(Long.parseLong(spec.substring(6)));
        }
        return LocalDate.parse(spec);
    }

    /** One station-hour: pollutants in µg/m³ (CO in mg/m³), weather; missing values absent. */
    public record Reading(String station, Map<String, Double> values) {
        String json(LocalDateTime intervalStart) {
            return Publisher.reading("station", station, intervalStart, values);
        }
    }

    /** The file's rows by interval start (local time), each hour's readings in file order. */
    public static TreeMap<LocalDateTime, List<Reading>> read(Path file, Set<String> only) throws IOException {
        TreeMap<LocalDateTime, List<Reading>> hours = new TreeMap<>();
        try (InputStream raw = Files.newInputStream(file);
             BufferedReader in = new BufferedReader(new InputStreamReader(
                     file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null || !header.startsWith("year,month,day,hour,PM2.5")) {
                throw new IOException(file + " is not of the Beijing multi-site shape (year,month,day,hour,PM2.5,…,station)");
            }
            String line;
            while ((line = in.readLine()) != null) {
                String[] c = line.split(",", -1);
                if (c.length < 17) {
                    continue;
                }
                String station = "bj-" + c[16].trim().toLowerCase(Locale.ROOT);
                if (only != null && !only.contains(station)) {
                    continue;
                }
                Map<String, Double> values = new TreeMap<>();
                put(values, "pm25", c[4], 1);
                put(values, "pm10", c[5], 1);
                put(values, "so2", c[6], 1);
                put(values, "no2", c[7], 1);
                put(values, "co", c[8], 1000); // µg/m³ in the file, mg/m³ in the contract
                put(values, "o3", c[9], 1);
                put(values, "temp", c[10], 1);
                put(values, "pressure", c[11], 1);
                int wd = COMPASS.indexOf(c[14].trim());
                if (wd >= 0) {
                    values.put("wind_dir", wd * 22.5);
                }
                put(values, "wind_speed", c[15], 1);
                LocalDateTime at = LocalDateTime.of(Integer.parseInt(c[0]), Integer.parseInt(c[1]), Integer.parseInt(c[2]),
                        Integer.parseInt(c[3]), 0);
                hours.computeIfAbsent(at, k -> new ArrayList<>()).add(new Reading(station, values));
            }
        }
        return hours;
    }

    private static void put(Map<String, Double> values, String name, String cell, double divisor) {
        String v = cell.trim();
        if (!v.isEmpty() && !v.equals("NA")) {
            values.put(name, Double.parseDouble(v) / divisor);
        }
    }
}
