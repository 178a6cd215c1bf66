package cn.yq.aq.gateway;

import cn.yq.aq.testsupport.ServiceJarContract;

/** The packaged gateway jar starts with java -jar and answers its health and metrics endpoints. */
class GatewayJarIT extends ServiceJarContract {

    @Override
    protected String applicationName() {
        return "gateway";
    }
}
