package cn.yq.aq.support.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.paho.mqttv5.client.logging.Logger;
import org.eclipse.paho.mqttv5.client.logging.LoggerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Once an MqttSession exists, Paho's loggers write to SLF4J with the catalog's text, and stay quiet below the level. */
class PahoLoggingTest {

    static final String NAME = "org.eclipse.paho.mqttv5.client.internal.CommsCallback";

    final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    final ch.qos.logback.classic.Logger slf4j = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(NAME);

    @BeforeEach
    void listen() {
        appender.start();
        slf4j.addAppender(appender);
        slf4j.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        slf4j.detachAppender(appender);
    }

    static Logger pahoLogger() throws Exception {
        Class.forName(MqttSession.class.getName()); // its initialisation installs the logging
        return LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, NAME);
    }

    @Test
    void pahosLoggersAreSlf4jOnesAfterMqttSessionLoads() throws Exception {
        // before the change, Paho's default: a java.util.logging logger (JSR47Logger), looked up per token
        assertThat(pahoLogger()).isInstanceOf(PahoLogging.class);
    }

    @Test
    void aWarningArrivesWithTheCatalogsTextAndTheClientsName() throws Exception {
        Logger paho = pahoLogger();
        paho.setResourceName("ingest-1");

        // logcat.properties: 721=Non-Critical MQTT error thrown, passing back to application={0}
        paho.warning(NAME, "mqttErrorOccurred", "721", new Object[] {"broker busy"});

        assertThat(appender.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getLoggerName()).isEqualTo(NAME);
            assertThat(e.getFormattedMessage())
                    .isEqualTo("ingest-1: Non-Critical MQTT error thrown, passing back to application=broker busy");
        });
    }

    @Test
    void traceBelowTheLevelIsNeitherFormattedNorWritten() throws Exception {
        Logger paho = pahoLogger();

        paho.fine(NAME, "messageArrived", "709");
        paho.finest(NAME, "run", "704", new Object[] {new Object() {
            @Override
            public String toString() {
                throw new AssertionError("formatted although FINEST is off");
            }
        }});

        assertThat(paho.isLoggable(Logger.FINE)).isFalse();
        assertThat(paho.isLoggable(Logger.WARNING)).isTrue();
        assertThat(appender.list).isEmpty();
    }

    @Test
    void textThatIsNotAPatternIsWrittenAsItIs() throws Exception {
        Logger paho = pahoLogger();

        paho.info(NAME, "messageArrivedComplete", "Creating MqttPubComp: {not a pattern", null);

        assertThat(appender.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("Creating MqttPubComp: {not a pattern");
    }
}
