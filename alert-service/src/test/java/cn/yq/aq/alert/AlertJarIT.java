package cn.yq.aq.alert;

import java.util.List;

import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.ServiceJarContract;

/**
 * The packaged alert-service jar starts with java -jar and answers its health (UP only with the
 * broker, the state loaded and the database reachable), probes and metrics.
 */
@RealServers(databases = "airquality")
class AlertJarIT extends ServiceJarContract {

    static MosquittoServer mqtt;
    static InfluxServer influx;

    @Override
    protected List<String> arguments() {
        return List.of("--aq.mqtt.url=" + mqtt.url(), "--aq.influx.url=" + influx.url(),
                "--aq.security.gateway-secret=" + AlertService.GATEWAY_SECRET, "--aq.mqtt.client-id-prefix=jar");
    }

    @Override
    protected String applicationName() {
        return "alert-service";
    }
}
