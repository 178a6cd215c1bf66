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

    private final Map<String, ChannelTransport> byKind;
    private final ScopeNames names;

    public ChannelTransports(List<ChannelTransport> transports, ScopeNames names) {
        this.byKind = transports.stream().collect(Collectors.toUnmodifiableMap(ChannelTransport::kind, Function.identity()));
        this.names = names;
        if (!byKind.keySet().containsAll(Channel.KINDS)) {
            throw new IllegalStateException("a channel kind has no transport: " + Channel.KINDS + " vs " + byKind.keySet());
        }
    }

    public CompletionStage<ChannelTransport.Sent> send(String scope, Channel c, Notice n) {
        ChannelTransport t = byKind.get(c.kind());
        if (t == null) {
            return CompletableFuture.failedFuture(DeliveryFailure.rejected("unknown channel kind " + c.kind()));
        }
        try {
            return t.send(scope, c, n);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(DeliveryFailure.rejected("not sendable: " + e.getMessage()));
        }
    }

    public String forWhom(String scope) {
        return names.forWhom(scope);
    }
}
