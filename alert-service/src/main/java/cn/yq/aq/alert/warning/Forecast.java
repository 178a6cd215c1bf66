package cn.yq.aq.alert.warning;

import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cn.yq.aq.standards.Pollutant;

/**
 * A daily AQI forecast as the forecasting centre issues it: {@code scope} is {@code city} or a
 * county code; {@code days} are consecutive dates.
 */
public record Forecast(String scope, OffsetDateTime issuedAt, List<Day> days) {

    public record Day(LocalDate date, Integer aqi, String primaryPollutant) {

        /** The primary pollutant, read leniently ({@code O3}, {@code o3}, {@code PM2.5}, {@code pm25}). */
        public Optional<Pollutant> primary() {
            if (primaryPollutant == null) {
                return Optional.empty();
            }
            String p = primaryPollutant.trim().toLowerCase(Locale.ROOT).replace(".", "").replace("_", "");
            if (p.startsWith("o3")) {
                return Optional.of(Pollutant.O3);
            }
            return Pollutant.fromField(p);
        }
    }

    public Forecast {
        days = days == null ? List.of() : List.copyOf(days);
    }
}
