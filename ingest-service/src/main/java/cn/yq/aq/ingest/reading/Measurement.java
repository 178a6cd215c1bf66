package cn.yq.aq.ingest.reading;

/**
 * Where a reading belongs: the {@code ambient} measurement (an air-quality station's reading) or the
 * {@code cems} measurement (a flue-gas source's). It decides the MQTT topic level, the payload's id
 * field, the InfluxDB measurement and tag key, and which fields are allowed.
 */
public enum Measurement {
    AMBIENT("ambient", "station"), CEMS("cems", "source");

    private final String code;
    private final String idField;

    Measurement(String code, String idField) {
        this.code = code;
        this.idField = idField;
    }

    /** The InfluxDB measurement and MQTT topic level. */
    public String code() {
        return code;
    }

    /** The payload's id field and InfluxDB tag key. */
    public String idField() {
        return idField;
    }
}
