package cn.yq.aq.bench;

import java.time.LocalDate;
import java.util.Locale;

import cn.yq.aq.standards.BeijingTime;

/**
 * Hourly ambient values of a synthetic station as line protocol: a yearly and a daily cycle, an offset of its own and an
 * analyser's hour-to-hour scatter, so that the pre-review finds what it would find in clean data (few suspects).
 */
final class SyntheticHours {

    private SyntheticHours() {
    }

    /**
     * Appends {@code days} days of hourly points of the station {@code id} ({@code index}: what sets it apart from the
     * others) from {@code start}; answers the number of points.
     */
    static long append(StringBuilder batch, String id, int index, LocalDate start, int days) {
        long points = 0;
        for (int d = 0; d < days; d++) {
            for (int h = 0; h < 24; h++) {
                long t = start.plusDays(d).atTime(h, 0).atZone(BeijingTime.ZONE).toEpochSecond();
                double season = 1 + 0.6 * Math.cos(2 * Math.PI * d / 365.0);
                double diurnal = 1 + 0.3 * Math.sin(2 * Math.PI * (h - 8) / 24.0);
                double pm25 = Math.round(35 * season * diurnal + index % 17);
                // an analyser's hour-to-hour scatter (−2 … +2): without it SO2 and CO, which follow the season
                // only, would repeat one value for days, which the pre-review rightly calls suspect
                long scatter = (((long) index * 8761 + d * 24L + h) * 2654435761L >>> 16) % 5 - 2;
                batch.append("ambient,station=").append(id)
                        .append(",county=c,type=national,interval=PT1H pm25=").append(pm25).append(",pm10=")
                        .append(Math.round(pm25 * 1.7)).append(",so2=").append(Math.max(1, Math.round(12 * season) + scatter))
                        .append(",no2=").append(Math.round(30 * diurnal)).append(",co=")
                        .append(Math.max(1, Math.round(8 * season) + scatter % 2) / 10.0).append(",o3=")
                        .append(Math.round(60 * (2 - season) * (2 - diurnal))).append(' ').append(t).append('\n');
                points++;
            }
        }
        return points;
    }

    /** The synthetic day's station id ({@code S0001} …). */
    static String id(int index) {
        return String.format(Locale.ROOT, "S%04d", index);
    }
}
