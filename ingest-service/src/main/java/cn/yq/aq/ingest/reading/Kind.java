package cn.yq.aq.ingest.reading;

/** What a reading is from: an ambient station or a flue-gas source. */
public enum Kind {
    AMBIENT("ambient", "station"), CEMS("cems", "source");

    private final String measurement;
    private final String idField;

    Kind(String measurement, String idField) {
        this.measurement = measurement;
        this.idField = idField;
    }

    /** The InfluxDB measurement and MQTT topic level. */
    public String measurement() {
        return measurement;
    }

    /** The payload's id field and InfluxDB tag key. */
    public String idField() {
        return idField;
    }
}
