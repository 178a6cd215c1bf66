/**
 * Spring Boot wiring every service shares, as auto-configuration: the {@code Registry} from
 * {@code aq.registry} and the {@code Clock}. A service does not declare them again; a service or a
 * test may override them ({@code @ConditionalOnMissingBean}).
 */
package cn.yq.aq.support.boot;
