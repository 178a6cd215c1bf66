package cn.yq.aq.ingest;

import cn.yq.aq.testsupport.ServiceJarContract;

/** The packaged ingest-service jar starts with java -jar and answers its health and metrics endpoints. */
class IngestJarIT extends ServiceJarContract {

    @Override
    protected String applicationName() {
        return "ingest-service";
    }
}
