package cn.yq.aq.alert.delivery;

import cn.yq.aq.alert.texts.MonitorTexts;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.delivery.channel.ChannelTransports;
import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.event.AlertType;

/**
 * Tells the bureau when a channel refuses notices for good: a DELIVERY_FAILED alert saying which channel refused
 * what and what to check. Listens to {@link DeliveryFailed} on Boot's task executor ({@code @Async}: raising waits
 * for the broker, never on a lane's thread).
 */
@Component
class DeliveryFailureReporter {

    private static final Logger log = LoggerFactory.getLogger(DeliveryFailureReporter.class);

    private final AlertBus bus;
    private final ChannelTransports transports;

    DeliveryFailureReporter(AlertBus bus, ChannelTransports transports) {
        this.bus = bus;
        this.transports = transports;
    }

    @Async
    @EventListener
    void on(DeliveryFailed f) {
        String scope = f.scope();
        String who = transports.forWhom(scope);
        MonitorTexts.Words words = MonitorTexts.deliveryFailed(who, f.channel().nameZh(), f.channel().id(),
                f.notice().alert().type().nameZh(), f.notice().alert().title(), f.failure().getMessage(), scope);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subscription", scope);
        details.put("channel", f.channel().id());
        details.put("kind", f.channel().kind());
        details.put("reason", f.failure().getMessage());
        details.put("alertId", f.notice().id());
        try {
            bus.raise(bus.create(AlertType.DELIVERY_FAILED, "failed", scope + "/" + f.channel().id(), Alert.BUREAU, null, null,
                    words.title(), words.text(), details));
        } catch (RuntimeException e) {
            log.error("DELIVERY_FAILED for {}/{} not raised: {}", scope, f.channel().id(), e.toString());
        }
    }
}
