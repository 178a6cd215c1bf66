package cn.yq.aq.ingest.system;

import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The order in which ingest's parts start ({@code SmartLifecycle} phases; they stop in the reverse order).
 * <p>
 * The InfluxDB writer first, so that whatever an intake hands it is stored until the very end. Then the web
 * server (Spring Boot's phase), then the intakes: the health answers at once and turns UP only once the MQTT
 * intake has subscribed and the HJ 212 listener is bound. The HJ 212 listener follows the MQTT intake because
 * its dead letters go out through the intake's session.
 */
public final class StartOrder {

    /** The InfluxDB writer. */
    public static final int WRITER = 0;
    /** The MQTT intake: right after the web server has started. */
    public static final int MQTT_INTAKE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE + 1;
    /** The HJ 212 TCP listener. */
    public static final int HJ212_LISTENER = MQTT_INTAKE + 1;

    private StartOrder() {
    }
}
