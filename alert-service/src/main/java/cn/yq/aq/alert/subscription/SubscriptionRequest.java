package cn.yq.aq.alert.subscription;

import java.util.List;

/**
 * The body of {@code PUT /api/v1/subscriptions/{scope}}: {@code channels}, or the first contract's
 * {@code url} + {@code secret} (one webhook channel) with optional {@code phones} (one SMS channel).
 */
public record SubscriptionRequest(List<Channel> channels, String url, String secret, List<String> phones) {

    /** The channels this request means. */
    List<Channel> asChannels() {
        if (channels != null) {
            return channels;
        }
        List<Channel> out = new java.util.ArrayList<>();
        if (url != null || secret != null) {
            out.add(new Channel(null, "webhook", url, secret, null, null, null, null, null));
        }
        if (phones != null && !phones.isEmpty()) {
            out.add(new Channel(null, "sms", null, null, phones, null, null, null, null));
        }
        if (out.isEmpty()) {
            out.add(new Channel(null, "webhook", null, null, null, null, null, null, null)); // refused: url is required
        }
        return out;
    }
}
