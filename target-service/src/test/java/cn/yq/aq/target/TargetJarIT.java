package cn.yq.aq.target;

import cn.yq.aq.testsupport.ServiceJarContract;

/** The packaged target-service jar starts with java -jar and answers its health and metrics endpoints. */
class TargetJarIT extends ServiceJarContract {

    @Override
    protected String applicationName() {
        return "target-service";
    }
}
