package cn.yq.aq.alert.event;

/** A persistent-session consumer of the alert topics; alerts are published only once all of them have subscribed. */
public interface DurableConsumer {

    /** Its session has connected (and subscribed) at least once since start. */
    boolean everConnected();
}
