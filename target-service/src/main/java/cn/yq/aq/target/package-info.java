/**
 * target-service: each figure computed once and stored: hourly and daily AQI ({@code aqi}), the
 * composite index and county ranking ({@code index}, {@code ranking}: the province table read by
 * Jackson CSV), target progress ({@code targets}), boiler and VOCs compliance ({@code compliance}),
 * reading stations' hours through {@code store} and service-support's AmbientHours. The registry, clock,
 * InfluxDB client, {@code aq.rules}, problem details and the gateway principal come from
 * service-support's auto-configuration; {@code system} holds only target-service's own properties.
 */
package cn.yq.aq.target;
