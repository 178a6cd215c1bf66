package cn.yq.aq.alert;

import cn.yq.aq.testsupport.ServiceJarContract;

/** The packaged alert-service jar starts with java -jar and answers its health and metrics endpoints. */
class AlertJarIT extends ServiceJarContract {

    @Override
    protected String applicationName() {
        return "alert-service";
    }
}
