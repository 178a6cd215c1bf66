package cn.yq.aq.ingest.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class RegistryConfiguration {

    @Bean
    Registry registry(IngestProperties properties) {
        return RegistryLoader.load(properties.registry().file(), properties.registry().name());
    }
}
