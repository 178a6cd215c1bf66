package cn.yq.aq.target.review;

import cn.yq.aq.standards.Pollutant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The automatic pre-review's thresholds ({@code aq.review.*}). None of the defaults comes from a
 * standard we could verify [U]: HJ 818-2018 and the national network's review practice name the checks
 * (PM2.5 above PM10, constant values, sudden jumps, a station out of line with its neighbours, values at or
 * below zero) but not these numbers; they were chosen so that an ordinary year of the Beijing stations
 * gives few suspects (README "Data review"), and the bureau should set its own.
 */
@ConfigurationProperties("aq.review")
public record ReviewProperties(@DefaultValue Pm25ExceedsPm10 pm25ExceedsPm10, @DefaultValue Constant constant,
                               @DefaultValue Spike spike, @DefaultValue NeighbourDivergence neighbourDivergence,
                               @DefaultValue NegativeOrZero negativeOrZero, @DefaultValue O2Ambient o2Ambient,
                               @DefaultValue O2Constant o2Constant, @DefaultValue FlowZero flowZero, @DefaultValue NearLimit nearLimit,
                               @DefaultValue IdenticalSources identicalSources) {

    /** PM2.5 above PM10 × (1 + {@code margin}) for at least {@code minHours} hours in a row. [U] */
    public record Pm25ExceedsPm10(@DefaultValue("true") boolean enabled, @DefaultValue("0.5") double margin,
                                  @DefaultValue("6") int minHours) {
    }

    /** The same value for at least {@code minHours} hours in a row, above the pollutant's floor. [U] */
    public record Constant(@DefaultValue("true") boolean enabled, @DefaultValue("8") int minHours,
                           @DefaultValue Floors floors) {
    }

    /**
     * Below these a constant value is the analyser's floor or its resolution, not a fault (µg/m³; CO mg/m³: CO is
     * reported to 0.1 mg/m³, so a few hours of the same value are ordinary below 1). [U]
     */
    public record Floors(@DefaultValue("10") double pm25, @DefaultValue("20") double pm10, @DefaultValue("10") double so2,
                         @DefaultValue("10") double no2, @DefaultValue("1.0") double co, @DefaultValue("50") double o3) {

        public double of(Pollutant p) {
            return PerPollutant.of(p, pm25, pm10, so2, no2, co, o3);
        }
    }

    /** How far above both neighbouring hours a spike rises at least (µg/m³; CO mg/m³). [U] */
    public record Rises(@DefaultValue("150") double pm25, @DefaultValue("250") double pm10, @DefaultValue("150") double so2,
                        @DefaultValue("150") double no2, @DefaultValue("3") double co, @DefaultValue("150") double o3) {

        public double of(Pollutant p) {
            return PerPollutant.of(p, pm25, pm10, so2, no2, co, o3);
        }
    }

    private static final class PerPollutant {
        static double of(Pollutant p, double pm25, double pm10, double so2, double no2, double co, double o3) {
            return switch (p) {
                case PM25 -> pm25;
                case PM10 -> pm10;
                case SO2 -> so2;
                case NO2 -> no2;
                case CO -> co;
                case O3 -> o3;
            };
        }
    }

    /**
     * An hour (or two) more than {@code factor} × the hours on both sides and higher than them by at least the
     * pollutant's {@code rise}. [U]
     */
    public record Spike(@DefaultValue("true") boolean enabled, @DefaultValue("4.0") double factor, @DefaultValue("2") int maxHours,
                        @DefaultValue Rises rises) {
    }

    /**
     * PM2.5 of a station below {@code ratio} × the median of its {@code neighbours} nearest stations (within
     * {@code radiusKm}) while that median is at least {@code pollutedPm25}, for at least {@code minHours} hours:
     * the signature of water sprayed at an inlet or an inlet blocked. [U]
     */
    public record NeighbourDivergence(@DefaultValue("true") boolean enabled, @DefaultValue("4") int neighbours,
                                      @DefaultValue("30") double radiusKm, @DefaultValue("0.3") double ratio,
                                      @DefaultValue("115") double pollutedPm25, @DefaultValue("3") int minHours) {
    }

    /** A value at or below zero (a concentration cannot be) for at least {@code minHours} hours. */
    public record NegativeOrZero(@DefaultValue("true") boolean enabled, @DefaultValue("1") int minHours) {
    }

    /**
     * CEMS: O2 at or above {@code atLeast} % (air is 20.9 %: the probe is not in the flue gas, or the boiler is
     * off) while concentrations are reported, for at least {@code minHours} hours. [U]
     */
    public record O2Ambient(@DefaultValue("true") boolean enabled, @DefaultValue("20.0") double atLeast,
                            @DefaultValue("2") int minHours) {
    }

    /** CEMS: the same O2 for at least {@code minHours} hours in a row (a frozen analyser, or a value typed in). [U] */
    public record O2Constant(@DefaultValue("true") boolean enabled, @DefaultValue("8") int minHours) {
    }

    /** CEMS: a flow at or below zero while concentrations are reported, for at least {@code minHours} hours. [U] */
    public record FlowZero(@DefaultValue("true") boolean enabled, @DefaultValue("2") int minHours) {
    }

    /**
     * CEMS: at least {@code share} of a month's valid hours of a pollutant just under its limit (corrected to
     * the reference O2, at least {@code from} × the limit, not above it), over at least {@code minHours} valid
     * hours: figures kept under the limit rather than measured. [U]
     */
    public record NearLimit(@DefaultValue("true") boolean enabled, @DefaultValue("0.9") double from,
                            @DefaultValue("0.5") double share, @DefaultValue("72") int minHours) {
    }

    /** CEMS: two sources reporting the same SO2, NOx and O2 for at least {@code minHours} hours in a row. [U] */
    public record IdenticalSources(@DefaultValue("true") boolean enabled, @DefaultValue("3") int minHours) {
    }
}
