/**
 * InfluxDB, once: the client and its {@code influx} health indicator from {@code aq.influx}
 * ({@link cn.yq.aq.support.influx.InfluxAutoConfiguration}, only where influxdb-java is on the class
 * path), query rows ({@link cn.yq.aq.support.influx.Rows}) and the one reader of the stations' hourly
 * values ({@link cn.yq.aq.support.influx.AmbientHours}) that target-service and alert-service both use.
 * Values that come from requests or files are bound InfluxQL parameters, never spliced into the text.
 */
package cn.yq.aq.support.influx;
