package cn.yq.aq.disclosure.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the public disclosure ({@code aq.disclosure.*}).
 *
 * @param targetUrl   target-service (the figures, the months' state)
 * @param alertUrl    alert-service (the warnings)
 * @param refresh     how long one snapshot of the figures is served before it is made again (also the answers'
 *                    {@code Cache-Control: max-age})
 * @param monthsBack  how many months back the page and the feed look for published (closed) months
 * @param feedDays    how many days of warnings the Atom feed carries
 * @param publicUrl   where residents reach {@code /public} (the feed's links are absolute)
 */
@ConfigurationProperties("aq.disclosure")
public record DisclosureProperties(@DefaultValue("http://127.0.0.1:8082") String targetUrl,
                                   @DefaultValue("http://127.0.0.1:8083") String alertUrl,
                                   @DefaultValue("60s") Duration refresh, @DefaultValue("24") int monthsBack,
                                   @DefaultValue("90") int feedDays, @DefaultValue("http://127.0.0.1:8080/public") String publicUrl) {
}
