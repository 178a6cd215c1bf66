package cn.yq.aq.alert.system;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import cn.yq.aq.support.influx.InfluxProperties;

/** Configuration of alert-service ({@code aq.*}). */
@ConfigurationProperties("aq")
public record AlertProperties(@DefaultValue InfluxProperties influx, @DefaultValue Mqtt mqtt,
                              @DefaultValue Security security, @DefaultValue Warning warning,
                              @DefaultValue Delivery delivery, @DefaultValue Sms sms, @DefaultValue Email email,
                              @DefaultValue Monitor monitor,
                              @DefaultValue Upstream upstream) {

    /**
     * @param clientIdPrefix the stable prefix of our sessions' client ids ({@code <prefix>-deliverer}, …)
     * @param sessionExpiry  how long the broker keeps our queues while we are away
     * @param receiveMaximum alerts in flight to the deliverer (pending deliveries across all counties)
     * @param publishWindow  our publishes (alerts, state) the broker has not acknowledged yet, at most
     */
    public record Mqtt(@DefaultValue("tcp://127.0.0.1:1883") String url, String username, String password,
                       @DefaultValue("alert") String clientIdPrefix, @DefaultValue("7d") Duration sessionExpiry,
                       @DefaultValue("1000") int receiveMaximum, @DefaultValue("100") int publishWindow) {
    }

    /**
     * Read by service-support's GatewaySecurityAutoConfiguration (listed here for the documentation).
     *
     * @param gatewaySecret the secret the gateway signs its principal header with (required)
     * @param maxAge        how old a signed principal may be
     */
    public record Security(String gatewaySecret, @DefaultValue("60s") Duration maxAge) {
    }

    /**
     * @param grading        2024 (环大气〔2024〕6号, default) or 2019
     * @param observed       take the observed rolling 24-h AQI into account
     */
    public record Warning(@DefaultValue("2024") String grading, @DefaultValue("true") boolean observed) {
    }

    /**
     * Webhook and SMS delivery: attempts are retried with exponential backoff from
     * {@code initialBackoff} up to {@code maxBackoff}, without limit, until a 2xx.
     */
    public record Delivery(@DefaultValue("1s") Duration initialBackoff, @DefaultValue("2.0") double multiplier,
                           @DefaultValue("5m") Duration maxBackoff, @DefaultValue("10s") Duration timeout) {
    }

    /**
     * An HTTP SMS gateway: {@code POST url} with JSON {@code {"phones":[…], "text": …, "sign": …}} and
     * the header {@code Authorization: Bearer <apiKey>}; off when no URL is set.
     */
    public record Sms(String url, String apiKey, @DefaultValue("阳泉市生态环境局") String sign) {
    }

    /**
     * E-mail channels: sent through Spring's mail support ({@code spring.mail.host}, {@code port},
     * {@code username}, {@code password}); off while no host is set.
     *
     * @param from the sender address
     */
    public record Email(@DefaultValue("aq-alerts@localhost") String from) {
    }

    /**
     * @param every           how often the monitors look at the data
     * @param initialDelay    first look after start
     * @param offlineAfter    a station or source without data this long after its last interval ended is offline
     * @param offlineLookback stations silent longer than this are not watched (decommissioned)
     * @param lookback        hours of cems_hourly/vocs_hourly each look reads
     * @param episodeEndHours consecutive compliant hours that end an exceedance episode
     * @param escalationRatios ratios of the limit whose crossing re-alerts an ongoing episode
     * @param bottom          a unit in the bottom {@code bottom} of the province table is alerted
     */
    public record Monitor(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration every,
                          @DefaultValue("20s") Duration initialDelay, @DefaultValue("2h") Duration offlineAfter,
                          @DefaultValue("7d") Duration offlineLookback, @DefaultValue("24h") Duration lookback,
                          @DefaultValue("2") int episodeEndHours, @DefaultValue({"1.5", "2.0"}) List<Double> escalationRatios,
                          @DefaultValue("10") int bottom) {
    }

    /**
     * target-service, for rankings and target progress (empty URL: those monitors are off), asked
     * every {@code every}.
     */
    public record Upstream(String targetServiceUrl, @DefaultValue("15m") Duration every) {
    }
}
