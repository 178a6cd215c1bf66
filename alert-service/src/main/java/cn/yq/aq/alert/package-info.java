/**
 * alert-service: heavy-pollution warnings ({@code warning}), the monitors that raise county alerts
 * ({@code monitor}), alerts on the broker and in the history ({@code event}), county subscriptions
 * ({@code subscription}, {@code @Valid}) and their delivery per channel ({@code delivery}); the state
 * lives retained on the broker ({@code state}). Every MQTT client is service-support's MqttSession;
 * retries are Resilience4j policies in application.yml. The registry, clock, InfluxDB client,
 * {@code aq.rules}, problem details and the gateway principal come from service-support.
 */
package cn.yq.aq.alert;
