package cn.yq.aq.standards.aqi;

/**
 * Inputs of the daily AQI: daily means (µg/m³, CO mg/m³), the daily maximum 8-h O3 and (HJ
 * 633—2012 only) the daily maximum 1-h O3; {@code null} where not valid.
 */
public record DailyConcentrations(Double pm25, Double pm10, Double so2, Double no2, Double co,
                                  Double o3Max8h, Double o3Max1h) {
}
