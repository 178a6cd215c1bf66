package cn.yq.aq.standards.aqi;

/**
 * Inputs of the real-time (hourly) AQI: the hour's means (µg/m³, CO mg/m³); {@code null} where
 * missing or not valid. {@code o3MovingAverage8h} counts in HJ 633—2012 only; {@code
 * so2MovingAverage24h} only replaces an SO2 1-h value above 800 under HJ 633—2012.
 */
public record HourlyConcentrations(Double pm25, Double pm10, Double so2, Double no2, Double co, Double o3,
                                   Double o3MovingAverage8h, Double so2MovingAverage24h) {

    /** The six 1-h values without the moving averages. */
    public static HourlyConcentrations of(Double pm25, Double pm10, Double so2, Double no2, Double co, Double o3) {
        return new HourlyConcentrations(pm25, pm10, so2, no2, co, o3, null, null);
    }
}
