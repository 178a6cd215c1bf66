package cn.yq.aq.disclosure.upstream;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.yq.aq.disclosure.system.DisclosureProperties;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import cn.yq.aq.support.security.ServiceClient;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GETs from target-service and alert-service as the service principal {@code disclosure-service} (signed like the
 * gateway signs). Only GETs: the public side never changes anything.
 */
@Component
public class Upstream {

    /** Which service. */
    public enum Service { TARGET, ALERT }

    private final ServiceClient target;
    private final ServiceClient alert;
    private final MeterRegistry meters;

    protected Upstream(DisclosureProperties properties, PrincipalHeaders headers, JsonMapper json, MeterRegistry meters) {
        Principal self = Principal.service("disclosure-service");
        this.target = new ServiceClient("target-service", properties.targetUrl(), self, headers, json, Duration.ofSeconds(30));
        this.alert = new ServiceClient("alert-service", properties.alertUrl(), self, headers, json, Duration.ofSeconds(30));
        this.meters = meters;
    }

    /** The JSON answer of {@code path}, or empty on 404; anything else is an {@link UpstreamException}. */
    public Optional<JsonNode> get(Service service, String path) {
        String name = service == Service.TARGET ? "target-service" : "alert-service";
        try {
            Optional<JsonNode> answer = (service == Service.TARGET ? target : alert).get(path);
            meters.counter("aq.disclosure.upstream", "service", name, "status", answer.isPresent() ? "200" : "404").increment();
            return answer;
        } catch (ServiceClient.Failure e) {
            meters.counter("aq.disclosure.upstream", "service", name, "status", e.status() == 0 ? "unreachable" : String.valueOf(e.status()))
                    .increment();
            throw new UpstreamException(e.getMessage(), e);
        }
    }

    /** A service did not answer as it should. */
    public static final class UpstreamException extends RuntimeException {
        public UpstreamException(String message) {
            super(message);
        }

        UpstreamException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
