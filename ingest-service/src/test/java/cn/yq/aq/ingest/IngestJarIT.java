package cn.yq.aq.ingest;

import java.util.List;

import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.ServiceJarContract;

/**
 * The packaged ingest-service jar starts with java -jar and answers its health (UP only with the
 * broker and the database reachable), probes and metrics.
 */
@RealServers
class IngestJarIT extends ServiceJarContract {

    static MosquittoServer mqtt;
    static InfluxServer influx;

    @Override
    protected List<String> arguments() {
        return List.of("--aq.mqtt.url=" + mqtt.url(), "--aq.influx.url=" + influx.url(), "--aq.hj212.port=0");
    }

    @Override
    protected String applicationName() {
        return "ingest-service";
    }
}
