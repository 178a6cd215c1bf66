package cn.yq.aq.support.boot;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;

/**
 * What every service (and the gateway) declares the same way: the {@link Registry} from
 * {@code aq.registry} and the {@link Clock} (UTC; the time zone of the data is the registry's and the
 * standards' business). A service or a test may declare its own instead.
 */
@AutoConfiguration
@EnableConfigurationProperties(RegistryProperties.class)
public class ServiceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Registry registry(RegistryProperties properties) {
        return RegistryLoader.load(properties.file(), properties.name());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
