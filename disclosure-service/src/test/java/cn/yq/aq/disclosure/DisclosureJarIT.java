package cn.yq.aq.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.FreePorts;
import cn.yq.aq.testsupport.Json;
import cn.yq.aq.testsupport.ServiceJarContract;

/**
 * The packaged disclosure-service jar starts with java -jar and answers its health, probes and metrics; with the
 * services it reads unreachable (and no snapshot made before) the page is a 503 problem, not an error page.
 */
class DisclosureJarIT extends ServiceJarContract {

    static final String NOWHERE = "http://127.0.0.1:" + FreePorts.next();

    @Override
    protected List<String> arguments() {
        return List.of("--aq.disclosure.target-url=" + NOWHERE, "--aq.disclosure.alert-url=" + NOWHERE);
    }

    @Override
    protected String applicationName() {
        return "disclosure-service";
    }

    @Test
    void withoutTheServicesThePageIsA503Problem() {
        try (BootJar service = BootJar.ofModule(arguments())) {
            service.start();
            BootJar.Response page = service.get("/public");
            assertThat(page.statusCode()).isEqualTo(503);
            Json.assertFields(Json.parse(page.body()), "/reason", "figures-unavailable", "/title", "数据暂时无法获取，请稍后再试");
            assertThat(service.get("/public/api/v1/rankings/2025-13").statusCode()).isEqualTo(400);
        }
    }
}
