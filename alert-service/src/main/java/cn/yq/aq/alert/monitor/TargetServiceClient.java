package cn.yq.aq.alert.monitor;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import cn.yq.aq.support.security.ServiceClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GETs from target-service, as the service principal {@code alert-service} (signed like the gateway does). */
@Component
class TargetServiceClient {

    private final ServiceClient client;

    TargetServiceClient(AlertProperties properties, PrincipalHeaders headers, JsonMapper json) {
        String url = properties.upstream().targetServiceUrl();
        this.client = url == null || url.isBlank() ? null
                : new ServiceClient("target-service", url, Principal.service("alert-service"), headers, json, Duration.ofSeconds(60));
    }

    boolean configured() {
        return client != null;
    }

    /** The JSON answer, or empty on 404; anything else is an exception. */
    Optional<JsonNode> get(String path) {
        return client.get(path);
    }
}
