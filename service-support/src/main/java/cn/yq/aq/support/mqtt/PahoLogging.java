package cn.yq.aq.support.mqtt;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.eclipse.paho.mqttv5.client.logging.Logger;
import org.eclipse.paho.mqttv5.client.logging.LoggerFactory;

/**
 * Paho's logging straight to SLF4J, under Paho's own logger names and with its message catalog's text.
 * <p>
 * Paho makes a logger for every token: each PUBACK we send, each publish. Its default logger
 * (java.util.logging) looks the JUL logger up in the LogManager (synchronised) and reads the catalog
 * for each one, per acknowledged message; the JIT then compiles that chain into the InfluxDB writer's
 * completions (over a second of C2 time at start). This one only keeps the SLF4J logger (a cached
 * lookup) and formats a message only when its level is on. Installed once by {@link MqttSession}, before
 * any client exists ({@link #install()}).
 */
public final class PahoLogging implements Logger {

    private ResourceBundle catalog;
    private org.slf4j.Logger log;
    private String resource;

    /** Paho instantiates it by reflection, one per logger it asks for. */
    public PahoLogging() {
    }

    /** Makes every Paho logger created from now on one of these (a JVM-wide setting of Paho's). */
    public static void install() {
        LoggerFactory.setLogger(PahoLogging.class.getName());
    }

    @Override
    public void initialise(ResourceBundle messageCatalog, String loggerId, String resourceName) {
        this.catalog = messageCatalog;
        this.log = org.slf4j.LoggerFactory.getLogger(loggerId);
        this.resource = resourceName;
    }

    @Override
    public void setResourceName(String resourceName) {
        this.resource = resourceName;
    }

    @Override
    public boolean isLoggable(int level) {
        return switch (level) {
            case SEVERE -> log.isErrorEnabled();
            case WARNING -> log.isWarnEnabled();
            case INFO -> log.isInfoEnabled();
            case CONFIG, FINE -> log.isDebugEnabled();
            default -> log.isTraceEnabled();
        };
    }

    @Override
    public void log(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        String text = (resource == null ? "" : resource + ": ") + format(msg, inserts);
        switch (level) {
            case SEVERE -> log.error(text, thrown);
            case WARNING -> log.warn(text, thrown);
            case INFO -> log.info(text, thrown);
            case CONFIG, FINE -> log.debug(text, thrown);
            default -> log.trace(text, thrown);
        }
    }

    @Override
    public void trace(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
        log(level, sourceClass, sourceMethod, msg, inserts, ex);
    }

    /** The catalog's text for a message number ("721"), with its inserts; other text as it is. */
    private String format(String msg, Object[] inserts) {
        if (msg.contains("=====")) {
            return msg;
        }
        String pattern = formatMessage(msg, inserts);
        try {
            return MessageFormat.format(pattern, inserts);
        } catch (IllegalArgumentException e) {
            return pattern; // text that is not a pattern (a brace in a packet's toString)
        }
    }

    @Override
    public String formatMessage(String msg, Object[] inserts) {
        try {
            return catalog == null ? msg : catalog.getString(msg);
        } catch (MissingResourceException e) {
            return msg;
        }
    }

    @Override
    public void dumpTrace() {
        // no memory trace: SLF4J's appenders have everything
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg) {
        log(SEVERE, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg) {
        log(WARNING, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg) {
        log(INFO, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg) {
        log(CONFIG, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg) {
        log(FINE, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg) {
        log(FINER, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINER, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINER, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg) {
        log(FINEST, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, thrown);
    }
}
