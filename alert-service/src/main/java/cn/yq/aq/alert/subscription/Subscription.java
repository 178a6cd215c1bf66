package cn.yq.aq.alert.subscription;

import java.util.List;

/**
 * Where a county's (or the city's) notifications go: a list of channels, each delivered in order
 * and on its own (a channel that is down holds only its own queue).
 */
public record Subscription(List<Channel> channels) {

    public Subscription {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    public java.util.Optional<Channel> channel(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
