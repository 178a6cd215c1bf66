package cn.yq.aq.registry;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A registry file as written (see {@code deploy/registry/yangquan.yml}), bound by Jackson's YAML
 * data format and checked by Bean Validation before {@link Registry} checks what spans entries
 * (ids, counties, MNs). Unknown keys are refused: a misspelt key is an error, not a silent default.
 */
record RegistryFile(@NotBlank String name, String nameZh, @Valid List<@NotNull CountyEntry> counties,
                    @Valid List<@NotNull StationEntry> stations, @Valid List<@NotNull SourceEntry> sources) {

    record CountyEntry(@NotBlank String code, @NotBlank String nameZh, String nameEn) {
    }

    /** {@code pollutants} absent: {@link RegistryLoader#DEFAULT_POLLUTANTS}. */
    record StationEntry(@NotBlank String id, @NotBlank String name, @NotBlank String county, @NotBlank String type,
                        @NotNull Double lat, @NotNull Double lon, List<@NotBlank String> pollutants, boolean countsForCounty,
                        boolean countsForCity, String mn, Map<String, @NotBlank String> hj212Units, String hj212Codes) {
    }

    /** {@code minuteInterval} absent: one minute. */
    record SourceEntry(@NotBlank String id, @NotBlank String enterprise, @NotBlank String county, @NotBlank String fuel,
                       @NotNull Double capacityTph, @NotBlank String limitProfile, String mn, java.time.Duration minuteInterval,
                       Map<String, @NotBlank String> hj212Units, String hj212Codes) {
    }
}
