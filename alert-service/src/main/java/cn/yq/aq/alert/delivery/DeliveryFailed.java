package cn.yq.aq.alert.delivery;

import cn.yq.aq.alert.delivery.channel.DeliveryFailure;
import cn.yq.aq.alert.delivery.channel.Notice;
import cn.yq.aq.alert.subscription.Channel;

/**
 * An application event: a channel refused a notice for good (bad key, signature, a 4xx). Published once per
 * failing spell of a channel; the bureau is told by {@code DeliveryFailureReporter} (a DELIVERY_FAILED alert),
 * so the deliverer needs nothing that raises alerts.
 */
public record DeliveryFailed(String scope, Channel channel, Notice notice, DeliveryFailure failure) {
}
