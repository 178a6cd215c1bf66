package cn.yq.aq.target;

import java.util.List;

import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.ServiceJarContract;

/** The packaged target-service jar starts with java -jar and answers its health, probes and metrics. */
@RealServers(mosquitto = false)
class TargetJarIT extends ServiceJarContract {

    static InfluxServer influx;

    @Override
    protected List<String> arguments() {
        return List.of("--aq.influx.url=" + influx.url());
    }

    @Override
    protected String applicationName() {
        return "target-service";
    }
}
