package cn.yq.aq.testsupport;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

import cn.yq.aq.standards.BeijingTime;

/**
 * Hours of Yangquan's registry written straight into InfluxDB (line protocol, seconds) for the tests and
 * benchmarks of what is computed from them: one evaluation station per county and one boiler.
 */
public final class DemoCity {

    /** One station per county (its id and county tags), in the registry's order of counties. */
    public static final List<String> STATIONS = List.of("YQ-CQ-01,county=chengqu", "YQ-KQ-01,county=kuangqu", "YQ-JQ-01,county=jiaoqu",
            "YQ-PD-01,county=pingding", "YQ-YX-01,county=yuxian", "YQ-GX-01,county=gaoxin");

    private DemoCity() {
    }

    /**
     * The stations' hours from {@code days} days before {@code now}'s day up to {@code now}: PM2.5 30 + 8 × the county's
     * place + 5 × (day mod 7) µg/m³, PM10 twice that, SO2 10, NO2 30, CO 0.8, O3 60.
     */
    public static String ambient(ZonedDateTime now, int days) {
        StringBuilder lines = new StringBuilder();
        LocalDate today = now.withZoneSameInstant(BeijingTime.ZONE).toLocalDate();
        for (int d = days; d >= 0; d--) {
            LocalDate day = today.minusDays(d);
            for (int h = 0; h < 24; h++) {
                ZonedDateTime t = day.atTime(h, 0).atZone(BeijingTime.ZONE);
                if (t.isAfter(now)) {
                    break;
                }
                for (int i = 0; i < STATIONS.size(); i++) {
                    int pm25 = pm25(i, day);
                    lines.append(String.format(Locale.ROOT, "ambient,station=%s,type=national,interval=PT1H pm25=%d,pm10=%d,so2=10,"
                            + "no2=30,co=0.8,o3=60 %d%n", STATIONS.get(i), pm25, 2 * pm25, t.toEpochSecond()));
                }
            }
        }
        return lines.toString().strip();
    }

    /** The PM2.5 of station {@code i} of {@link #STATIONS} on {@code day}. */
    public static int pm25(int i, LocalDate day) {
        return 30 + 8 * i + 5 * (int) (day.toEpochDay() % 7);
    }

    /**
     * 阳煤平定化工 (YQ-PD-B01, ultra-low: SO2 35 mg/m³ at 6 % O2) on {@code day}: O2 6 %, SO2 80 in hours 8–10 (three hours
     * over the limit), 20 otherwise.
     */
    public static String boilerOverItsLimit(LocalDate day) {
        StringBuilder lines = new StringBuilder();
        for (int h = 0; h < 24; h++) {
            lines.append(String.format(Locale.ROOT, "cems,source=YQ-PD-B01,county=pingding,interval=PT1H pm=5,so2=%d,nox=30,o2=6.0,"
                    + "flow=100000 %d%n", h >= 8 && h < 11 ? 80 : 20, day.atTime(h, 0).atZone(BeijingTime.ZONE).toEpochSecond()));
        }
        return lines.toString().strip();
    }
}
