package cn.yq.aq.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a real Mosquitto and/or InfluxDB for the annotated test class (fresh ports, throwaway data)
 * and stops them after its last test, whether tests pass or fail.
 * <p>
 * The servers are handed to the test as parameters of type {@link MosquittoServer} and
 * {@link InfluxServer} (constructor, {@code @BeforeAll}, {@code @Test} …) and are assigned to any
 * field of those types, static or not. A static field lets {@code @DynamicPropertySource} point a
 * Spring context at them:
 * <pre>{@code
 * @RealServers
 * @SpringBootTest
 * class IngestIT {
 *     static MosquittoServer mqtt;
 *     static InfluxServer influx;
 *     @DynamicPropertySource
 *     static void servers(DynamicPropertyRegistry r) { r.add("aq.mqtt.url", mqtt::url); }
 * }
 * }</pre>
 * Put {@code @RealServers} before {@code @SpringBootTest} so the servers run before the context starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RealServersExtension.class)
public @interface RealServers {

    /** Start Mosquitto. */
    boolean mosquitto() default true;

    /** Start InfluxDB. */
    boolean influx() default true;

    /** Databases to create in InfluxDB before the first test. */
    String[] databases() default {};

    /** Let anonymous MQTT clients connect (tests of the generated ACL turn this off). */
    boolean anonymousMqtt() default true;
}
