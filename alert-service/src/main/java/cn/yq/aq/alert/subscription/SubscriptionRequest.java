package cn.yq.aq.alert.subscription;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /api/v1/subscriptions/{scope}}: {@code channels}, or the first contract's
 * {@code url} + {@code secret} (one webhook channel) with optional {@code phones} (one SMS channel).
 */
public record SubscriptionRequest(
        @Size(min = 1, max = 20, message = "must hold 1 to 20 channels") List<@NotNull @Valid Channel> channels,
        @Size(max = 2048) String url,
        @Size(max = 256) String secret,
        @Size(max = 50) List<@NotNull @Pattern(regexp = Channel.PHONE, message = Channel.PHONE_MESSAGE) String> phones) {

    /** The channels this request means. */
    List<Channel> asChannels() {
        if (channels != null) {
            return channels;
        }
        List<Channel> out = new java.util.ArrayList<>();
        if (url != null || secret != null) {
            out.add(new Channel.Webhook(null, url, secret, null, null));
        }
        if (phones != null && !phones.isEmpty()) {
            out.add(new Channel.Sms(null, phones, null, null));
        }
        if (out.isEmpty()) {
            out.add(new Channel.Webhook(null, null, null, null, null)); // refused: url is required
        }
        return out;
    }
}
