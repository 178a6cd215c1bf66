package cn.yq.aq.alert.warning;

import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Optional;

import cn.yq.aq.standards.Pollutant;

/**
 * A daily AQI forecast as the forecasting centre issues it: {@code scope} is {@code city} or a
 * county code; {@code days} are consecutive dates.
 */
public record Forecast(@NotBlank(message = "must be 'city' or a county code of the registry") String scope, OffsetDateTime issuedAt,
                       @NotNull @Size(min = 1, max = 15, message = "must hold 1 to 15 days") List<@NotNull @Valid Day> days) {

    public record Day(@NotNull(message = "is required") LocalDate date,
                      @NotNull(message = "is required") @Min(value = 0, message = "must be 0 to 500")
                      @Max(value = 500, message = "must be 0 to 500") Integer aqi,
                      @Size(max = 16) String primaryPollutant) {

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
