package cn.yq.aq.gateway;

import java.util.List;

import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.ServiceJarContract;

/**
 * The packaged gateway jar starts with java -jar and answers its health probes without a token and
 * its metrics to the bureau.
 */
class GatewayJarIT extends ServiceJarContract {

    @Override
    protected List<String> arguments() {
        return Door.clients();
    }

    @Override
    protected BootJar.Response metrics(BootJar service) {
        Door.Response r = Door.call(service.url(), "GET", "/actuator/prometheus", Door.BUREAU, null);
        return new BootJar.Response(r.status(), r.body());
    }

    @Override
    protected String applicationName() {
        return "gateway";
    }
}
