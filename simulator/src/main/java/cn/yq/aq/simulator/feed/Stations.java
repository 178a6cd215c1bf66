package cn.yq.aq.simulator.feed;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.registry.Source;
import cn.yq.aq.registry.Station;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.emission.LimitProfiles;
import cn.yq.aq.registry.StationType;
import cn.yq.aq.standards.Unit;
import cn.yq.aq.standards.hj212.DataArea;
import cn.yq.aq.standards.hj212.FactorCodes;
import cn.yq.aq.standards.hj212.Hj212Codec;
import cn.yq.aq.standards.hj212.Hj212Packet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A synthetic Yangquan (or any registry): every station and boiler CEMS of the registry sends hourly
 * readings with seasonal (winter high) and diurnal (morning and evening peaks, afternoon ozone)
 * shapes, a winter heavy-pollution episode, one boiler above its limit and one station that goes
 * silent. Values are a pure function of (id, hour), so sending an hour again overwrites the same
 * points. First the history ({@code --backfill-days}), then, with {@code --follow}, the current hour
 * again every {@code --every} (the latest real-time values, as a data logger updates them).
 */
@Command(name = "stations", mixinStandardHelpOptions = true,
        description = "Synthetic stations and boiler CEMS of the registry, JSON or HJ 212 over MQTT.")
public final class Stations implements Callable<Integer> {

    @Option(names = "--registry", defaultValue = "${env:AQ_REGISTRY:-yangquan}", description = "built-in registry name")
    String registryName;

    @Option(names = "--registry-file", defaultValue = "${env:AQ_REGISTRY_FILE}", description = "a registry file instead")
    String registryFile;

    @Mixin
    MqttOptions mqtt;

    @Option(names = "--format", defaultValue = "json", description = "json (aq/v1/ambient|cems/<id>) or hj212 (aq/v1/hj212/<MN>)")
    String format;

    @Option(names = "--backfill-days", defaultValue = "3", description = "days of hourly history before the current hour")
    int backfillDays;

    @Option(names = "--follow", description = "then keep sending the current hour every --every")
    boolean follow;

    @Option(names = "--every", defaultValue = "PT1M", description = "how often the current hour is sent again (ISO duration)")
    Duration every;

    @Option(names = "--episode-day", defaultValue = "today-2",
            description = "the day a 36-hour heavy-pollution episode starts (date, today-N, or none)")
    String episodeDay;

    @Option(names = "--exceeding-source", defaultValue = "first",
            description = "the boiler whose NOx is above its limit (an id, first, or none)")
    String exceedingSource;

    @Option(names = "--releasing-park", defaultValue = "first",
            description = "the industrial-park station whose NMHC is above the reference (2.0 mg/m³) from 10:00 to 12:00 each day"
                    + " (an id, first, or none)")
    String releasingPark;

    @Option(names = "--anomaly-day", defaultValue = "today-1",
            description = "the day that carries one fault for each pre-review rule of the stations and two of the boilers "
                    + "(date, today-N, or none): data review has something to review on day one")
    String anomalyDay;

    @Option(names = "--silent-station", defaultValue = "last",
            description = "the station that stops sending 3 hours before now (an id, last, or none)")
    String silentStation;

    Registry registry;
    LocalDateTime episodeStart;
    String exceeding;
    String releasing;
    String silent;
    java.time.LocalDate anomalies;
    final LimitProfiles profiles = LimitProfiles.builtIn();

    @Override
    public Integer call() throws Exception {
        registry = RegistryLoader.load(registryFile, registryName);
        episodeStart = "none".equals(episodeDay) ? null : Replay.target(episodeDay).atStartOfDay().plusHours(12);
        anomalies = "none".equals(anomalyDay) ? null : Replay.target(anomalyDay);
        exceeding = pick(exceedingSource, registry.sources().stream().map(Source::id).toList());
        silent = pick(silentStation, registry.stations().stream().map(Station::id).toList());
        releasing = pick(releasingPark, registry.stations().stream().filter(st -> st.type() == StationType.INDUSTRIAL_PARK)
                .map(Station::id).toList());
        LocalDateTime now = LocalDateTime.now(BeijingTime.ZONE).truncatedTo(ChronoUnit.HOURS);
        LocalDateTime from = now.minusDays(backfillDays);
        long hours = ChronoUnit.HOURS.between(from, now) + 1;
        Publisher.Progress progress = new Publisher.Progress("stations", hours);
        System.err.printf("stations: %d stations and %d boilers of %s, %s; episode from %s, boiler above its limit: %s,"
                        + " silent station: %s%n", registry.stations().size(), registry.sources().size(), registry.name(), format,
                episodeStart == null ? "none" : episodeStart, exceeding == null ? "none" : exceeding, silent == null ? "none" : silent);
        try (Publisher out = mqtt.connect("aq-stations")) {
            long i = 0;
            for (LocalDateTime h = from; !h.isAfter(now); h = h.plusHours(1)) {
                out.publish(hour(h, now));
                progress.show(++i, h.toLocalDate().toString());
            }
            while (follow) {
                Thread.sleep(every.toMillis());
                LocalDateTime current = LocalDateTime.now(BeijingTime.ZONE).truncatedTo(ChronoUnit.HOURS);
                if (current.isAfter(now)) { // a new hour: complete the previous one too
                    out.publish(hour(now, current));
                    now = current;
                }
                out.publish(hour(current, current));
            }
            System.err.printf(Locale.ROOT, "stations: %,d readings published%n", out.published());
        }
        return 0;
    }

    private static String pick(String choice, List<String> ids) {
        if ("none".equals(choice) || ids.isEmpty()) {
            return null;
        }
        return switch (choice) {
            case "first" -> ids.get(0);
            case "last" -> ids.get(ids.size() - 1);
            default -> choice;
        };
    }

    /** The messages of one hour (interval start {@code h}) for every station and source. */
    List<Message> hour(LocalDateTime h, LocalDateTime now) {
        List<Message> messages = new ArrayList<>();
        for (Station s : registry.stations()) {
            if (s.id().equals(silent) && !h.isBefore(now.minusHours(3))) {
                continue; // the station that went silent
            }
            Map<String, Double> v = ambient(s, h);
            messages.add("hj212".equals(format) && s.mn() != null
                    ? Message.of("aq/v1/hj212/" + s.mn(), hj212("22", s.mn(), h, v, s.hj212Units()))
                    : Message.of("aq/v1/ambient/" + s.id(), Publisher.reading("station", s.id(), h, v)));
        }
        for (Source s : registry.sources()) {
            Map<String, Double> v = cems(s, h);
            messages.add("hj212".equals(format) && s.mn() != null
                    ? Message.of("aq/v1/hj212/" + s.mn(), hj212("31", s.mn(), h, v, s.hj212Units()))
                    : Message.of("aq/v1/cems/" + s.id(), Publisher.reading("source", s.id(), h, v)));
        }
        return messages;
    }

    /** Seasonal × diurnal × station × noise; the episode multiplies particles and NO2 for 36 h. */
    Map<String, Double> ambient(Station s, LocalDateTime h) {
        SplittableRandom r = random(s.id(), h);
        double season = 1 + 0.6 * Math.cos(2 * Math.PI * (h.getDayOfYear() - 15) / 365.0); // 1.6 mid-January, 0.4 mid-July
        int hod = h.getHour();
        double diurnal = 1 + 0.25 * Math.cos(2 * Math.PI * (hod - 21) / 24.0) + 0.1 * Math.cos(4 * Math.PI * (hod - 9) / 24.0);
        double site = 0.85 + 0.3 * ((s.id().hashCode() & 0xffff) / 65535.0);
        double noise = 0.85 + 0.3 * r.nextDouble();
        boolean episode = episodeStart != null && !h.isBefore(episodeStart) && h.isBefore(episodeStart.plusHours(36));
        double ep = episode ? 3.2 + 0.6 * r.nextDouble() : 1;
        double sun = Math.max(0, Math.cos(2 * Math.PI * (hod - 15) / 24.0));
        Map<String, Double> v = new LinkedHashMap<>();
        double pm25 = 38 * season * diurnal * site * noise * ep;
        v.put("pm25", round(pm25));
        v.put("pm10", round(pm25 * (1.55 + 0.2 * r.nextDouble())));
        v.put("so2", round(14 * season * site * (0.8 + 0.4 * r.nextDouble())));
        v.put("no2", round(28 * diurnal * site * (episode ? 1.6 : 1) * (0.8 + 0.4 * r.nextDouble())));
        v.put("co", Math.round(0.7 * season * diurnal * (episode ? 2 : 1) * (0.8 + 0.4 * r.nextDouble()) * 10) / 10.0);
        v.put("o3", round((25 + 110 * sun * (2 - season)) * (0.8 + 0.4 * r.nextDouble())));
        if (s.type() == StationType.INDUSTRIAL_PARK) {
            double nmhc = 0.35 * diurnal * (0.7 + 0.6 * r.nextDouble()) * (r.nextDouble() < 0.05 ? 6 : 1); // occasional releases
            if (s.id().equals(releasing) && hod >= 10 && hod < 13) {
                nmhc = 2.6 + r.nextDouble(); // the releasing park: 2.6–3.6 mg/m³, above the 2.0 reference
            }
            v.put("nmhc", Math.round(nmhc * 100) / 100.0);
            v.put("ch4", Math.round((1.2 + 0.2 * r.nextDouble()) * 100) / 100.0);
            v.put("thc", Math.round((v.get("nmhc") + v.get("ch4")) * 100) / 100.0);
        }
        v.put("temp", Math.round((12 - 14 * Math.cos(2 * Math.PI * (h.getDayOfYear() - 15) / 365.0) + 5 * sun) * 10) / 10.0);
        v.put("rh", round(45 + 30 * r.nextDouble()));
        v.put("wind_speed", Math.round((episode ? 0.8 : 2.5) * (0.5 + r.nextDouble()) * 10) / 10.0);
        ambientFault(s, h, v);
        return v;
    }

    /**
     * One fault of each pre-review rule on the anomaly day, each at its own station (the first five, in registry
     * order): PM10 at half of PM2.5 for 7 hours (02–08), NO2 stuck at 47 for 10 hours (00–09), PM10 at five times its
     * neighbouring hours at 14:00,
     * PM2.5 at 10 from 14 to 17 while the others are in the episode, O3 at 0 at 04:00.
     */
    private void ambientFault(Station s, LocalDateTime h, Map<String, Double> v) {
        if (anomalies == null || !h.toLocalDate().equals(anomalies)) {
            return;
        }
        int k = registry.stations().indexOf(s);
        int hod = h.getHour();
        switch (k) {
            case 0 -> {
                if (hod >= 2 && hod <= 8) {
                    v.put("pm10", (double) Math.round(v.get("pm25") * 0.5)); // pm25-exceeds-pm10
                }
            }
            case 1 -> {
                if (hod <= 9) {
                    v.put("no2", 47.0); // constant
                }
            }
            case 2 -> {
                if (hod == 14) {
                    // spike: five times the hours on both sides (hours 13 and 15 carry no fault) and 300 more
                    double sides = Math.max(ambient(s, h.minusHours(1)).get("pm10"), ambient(s, h.plusHours(1)).get("pm10"));
                    v.put("pm10", (double) Math.round(5 * sides + 300));
                }
            }
            case 3 -> {
                if (hod >= 14 && hod <= 17) {
                    v.put("pm25", 10.0); // neighbour-divergence (the others are in the episode)
                    v.put("pm10", 18.0);
                }
            }
            case 4 -> {
                if (hod == 4) {
                    v.put("o3", 0.0); // negative-or-zero
                }
            }
            default -> { }
        }
    }

    /** Boiler flue gas a little above its limit profile's reference O2: within its limits, except the exceeding boiler's NOx. */
    Map<String, Double> cems(Source s, LocalDateTime h) {
        SplittableRandom r = random(s.id(), h);
        boolean heating = h.getMonthValue() >= 11 || h.getMonthValue() <= 3;
        double load = heating ? 0.75 + 0.2 * r.nextDouble() : 0.3 + 0.1 * r.nextDouble();
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("pm", Math.round((2 + 3 * r.nextDouble()) * 10) / 10.0);
        v.put("so2", round(8 + 14 * r.nextDouble()));
        double nox = 22 + 14 * r.nextDouble();
        v.put("nox", round(s.id().equals(exceeding) && h.getHour() >= 6 && h.getHour() < 18 ? nox * 3.4 : nox));
        // flue-gas O2 a little above the reference its limits are stated at (ultra-low 6 %, GB 13271 coal and
        // biomass 9 %, gas 3.5 %): the corrected values stay close to the measured ones
        double o2 = profiles.get(s.limitProfile()).referenceO2() + 0.5 + 1.5 * r.nextDouble();
        v.put("o2", Math.round(o2 * 10) / 10.0);
        v.put("flow", round(s.capacityTph() * 1500 * load));
        v.put("temp", round(120 + 20 * r.nextDouble()));
        // the anomaly day: the second boiler's O2 reads air for 3 hours (01–03), the third's flow is 0 for 2 (20–21)
        if (anomalies != null && h.toLocalDate().equals(anomalies)) {
            int k = registry.sources().indexOf(s);
            if (k == 1 && h.getHour() >= 1 && h.getHour() <= 3) {
                v.put("o2", 20.7);
            } else if (k == 2 && (h.getHour() == 20 || h.getHour() == 21)) {
                v.put("flow", 0.0);
            }
        }
        return v;
    }

    static SplittableRandom random(String id, LocalDateTime h) {
        return new SplittableRandom(id.hashCode() * 1_000_003L + h.toEpochSecond(java.time.ZoneOffset.UTC) / 3600);
    }

    static double round(double v) {
        return Math.round(v);
    }

    /** An HJ 212-2017 hourly data packet (CN 2061), values in the device's units (registry), flag N. */
    static String hj212(String st, String mn, LocalDateTime h, Map<String, Double> values, Map<String, Unit> deviceUnits) {
        Map<String, String> group = new LinkedHashMap<>();
        group.put("DataTime", h.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
        for (Map.Entry<String, Double> e : values.entrySet()) {
            String code = FactorCodes.codeOf(st, e.getKey()).orElse(null);
            if (code == null) {
                continue;
            }
            double value = e.getValue();
            Unit device = deviceUnits == null ? null : deviceUnits.get(e.getKey());
            if (device != null && device.kind() == Unit.Kind.FLOW) {
                value = Unit.M3_H.convert(value, device);
            }
            group.put(code + "-Avg", String.format(Locale.ROOT, "%.3f", value));
            group.put(code + "-Flag", "N");
        }
        String qn = h.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "000";
        return Hj212Codec.build(new Hj212Packet(qn, st, "2061", "123456", mn, 4, null, null, new DataArea(List.of(group))));
    }
}
