package cn.yq.aq.alert.delivery.channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.subscription.Channel;

/** The transports by channel kind: the deliverer's one entry point. */
@Component
public class ChannelTransports {

    private final Map<Class<?>, ChannelTransport<?>> byType;
    private final ScopeNames names;

    public ChannelTransports(List<ChannelTransport<?>> transports, ScopeNames names) {
        this.byType = transports.stream().collect(Collectors.toUnmodifiableMap(ChannelTransport::channelType, Function.identity()));
        this.names = names;
        List<Class<?>> kinds = List.of(Channel.class.getPermittedSubclasses());
        if (!byType.keySet().containsAll(kinds)) {
            throw new IllegalStateException("a channel kind has no transport: " + kinds + " vs " + byType.keySet());
        }
    }

    public CompletionStage<ChannelTransport.Sent> send(String scope, Channel c, Notice n) {
        try {
            return send(byType.get(c.getClass()), scope, c, n);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(DeliveryFailure.rejected("not sendable: " + e.getMessage()));
        }
    }

    /** The transport of the channel's own record (the constructor checked that every record has one). */
    private static <C extends Channel> CompletionStage<ChannelTransport.Sent> send(ChannelTransport<C> t, String scope,
                                                                                 Channel c, Notice n) {
        return t.send(scope, t.channelType().cast(c), n);
    }

    public String forWhom(String scope) {
        return names.forWhom(scope);
    }
}
