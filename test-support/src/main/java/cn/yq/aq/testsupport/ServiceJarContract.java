package cn.yq.aq.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The deployable-jar check every service module runs in its integration tests (subclass it as
 * {@code *JarIT}): the packaged jar starts with {@code java -jar}, reports UP on
 * {@code /actuator/health} and serves the readiness and liveness probes Kubernetes uses.
 */
public abstract class ServiceJarContract {

    /** Extra command-line arguments (e.g. the URLs of the servers the service needs). */
    protected List<String> arguments() {
        return List.of();
    }

    /** The service's Prometheus metrics (open on a service's own port; the gateway asks for a token). */
    protected BootJar.Response metrics(BootJar service) {
        return service.get("/actuator/prometheus");
    }

    /** The value of {@code spring.application.name} the service must report. */
    protected abstract String applicationName();

    @Test
    void startsWithJavaJarAndAnswersHealth() {
        try (BootJar service = BootJar.ofModule(arguments())) {
            service.start();

            BootJar.Response health = service.get("/actuator/health");
            assertEquals(200, health.statusCode(), () -> health.body() + "\n" + service.logTail());
            assertTrue(health.body().contains("\"status\":\"UP\""), health.body());

            assertEquals(200, service.get("/actuator/health/readiness").statusCode());
            assertEquals(200, service.get("/actuator/health/liveness").statusCode());

            BootJar.Response info = metrics(service);
            assertEquals(200, info.statusCode(), info.body());
            assertTrue(info.body().contains("application=\"" + applicationName() + "\""),
                    "metrics are tagged with the application name " + applicationName());
        }
    }
}
