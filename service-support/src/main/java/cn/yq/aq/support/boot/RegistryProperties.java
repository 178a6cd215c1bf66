package cn.yq.aq.support.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which registry a service loads ({@code aq.registry.*}): a built-in one by {@code name}, or the YAML
 * {@code file} (which then wins).
 */
@ConfigurationProperties("aq.registry")
public record RegistryProperties(@DefaultValue("yangquan") String name, String file) {
}
