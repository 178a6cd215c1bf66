package cn.yq.aq.alert.delivery.channel;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;

/** Who a subscription scope's messages are for, in Chinese: the county, or the city's bureau. */
@Component
public class ScopeNames {

    private final Registry registry;

    public ScopeNames(Registry registry) {
        this.registry = registry;
    }

    public String forWhom(String scope) {
        if (Alert.CITY.equals(scope)) {
            return registry.nameZh() + "生态环境局";
        }
        return registry.county(scope).map(County::nameZh).orElse(scope);
    }
}
