/**
 * ingest-service: readings in over MQTT ({@code mqtt}, on service-support's MqttSession), HJ 212 TCP
 * ({@code hj212}) and HTTP ({@code http}); parsed and mapped ({@code reading}), checked
 * ({@code validation}), routed ({@code pipeline}) and written to InfluxDB ({@code storage}, retried by
 * the {@code influx-writer} Resilience4j policy). Refused input becomes a dead letter with its reason.
 * The registry, clock, InfluxDB client, problem details and the gateway principal come from
 * service-support's auto-configuration; {@code system} holds only ingest's own properties.
 */
package cn.yq.aq.ingest;
