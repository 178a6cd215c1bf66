package cn.yq.aq.alert.delivery.channel;

import cn.yq.aq.alert.texts.ChannelTexts;

import java.util.concurrent.CompletionStage;

import cn.yq.aq.alert.subscription.Channel;

/**
 * One kind of channel: one attempt to hand a notice to it, its answer classified. It completes with
 * {@link Sent} or fails with a {@link DeliveryFailure} (retried, rate limited, or rejected for good).
 * Formatting is {@link ChannelTexts}'; retrying is the deliverer's (the {@code delivery} policy).
 */
public interface ChannelTransport<C extends Channel> {

    /** The outcome of an attempt that did not fail. */
    enum Sent { DELIVERED, SKIPPED }

    /** The record of the channels it serves. */
    Class<C> channelType();

    CompletionStage<Sent> send(String scope, C channel, Notice notice);
}
