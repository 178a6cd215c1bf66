package cn.yq.aq.alert.subscription;

import java.util.List;

/**
 * Where a county's notifications go: a webhook ({@code url}, signed with {@code secret}) and,
 * optionally, the mobile numbers the SMS gateway texts.
 */
public record Subscription(String url, String secret, List<String> phones) {

    public Subscription {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
