/**
 * InfluxDB, once: the client and its {@code influx} health indicator from {@code aq.influx}
 * ({@link cn.yq.aq.support.influx.InfluxAutoConfiguration}, only where influxdb-java is on the class
 * path) and query rows ({@link cn.yq.aq.support.influx.Rows}). What a service reads is its own (each
 * service's {@code store} package).
 * Values that come from requests or files are bound InfluxQL parameters, never spliced into the text.
 */
package cn.yq.aq.support.influx;
