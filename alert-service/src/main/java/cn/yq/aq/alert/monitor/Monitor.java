package cn.yq.aq.alert.monitor;

/** Something that looks at the data on every tick of the {@link MonitorScheduler} and raises alerts. */
public interface Monitor {

    /** A name for logs and metrics. */
    String name();

    void check();
}
