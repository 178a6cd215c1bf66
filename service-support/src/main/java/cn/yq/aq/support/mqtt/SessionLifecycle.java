package cn.yq.aq.support.mqtt;

import org.springframework.context.SmartLifecycle;

/**
 * A Spring bean that owns an {@link MqttSession}: started with the context (in its phase), stopped
 * before it closes. The one lifecycle every MQTT component shares (ingest's intake, alert-service's
 * state store, recorder and deliverer); a subclass says how it connects and what else it stops.
 */
public abstract class SessionLifecycle implements SmartLifecycle {

    private final int phase;
    private volatile boolean running;

    protected SessionLifecycle(int phase) {
        this.phase = phase;
    }

    /** The session this bean owns. */
    protected abstract MqttSession session();

    /** Whether {@link #start} starts anything (a service may run with MQTT switched off). */
    protected boolean enabled() {
        return true;
    }

    /** Connects (asynchronously: the session reconnects by itself); override to wait for something first, off this thread. */
    protected void connect() {
        session().start();
    }

    /** After the session stopped: the subclass's own threads. */
    protected void stopped() {
    }

    @Override
    public final void start() {
        if (!enabled()) {
            return;
        }
        running = true;
        connect();
    }

    @Override
    public final void stop() {
        running = false;
        session().stop();
        stopped();
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    @Override
    public final int getPhase() {
        return phase;
    }
}
