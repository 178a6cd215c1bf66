package cn.yq.aq.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.Json;
import cn.yq.aq.testsupport.RealServers;

/** The schedule picks up late data for a past day by itself (no recompute call). */
@RealServers(mosquitto = false, databases = "airquality")
class LateDataIT {

    static InfluxServer influx;

    static void hours(LocalDate day, int fromHour, int toHour, double pm25) {
        List<String> lines = new ArrayList<>();
        for (int h = fromHour; h < toHour; h++) {
            lines.add(String.format(Locale.ROOT, "ambient,station=YQ-CQ-01,county=chengqu,type=national,interval=PT1H "
                    + "pm25=%s,pm10=20,so2=5,no2=10,co=0.3,o3=30 %d", pm25, day.atTime(h, 0).atZone(BeijingTime.ZONE).toEpochSecond()));
        }
        influx.write("airquality", "s", String.join("\n", lines));
    }

    /** Waits (bounded) until the day's daily AQI, as the API answers it, has the fields. */
    static void awaitDaily(BootJar target, LocalDate day, Object... pointersAndValues) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            HttpResponse<String> r = cn.yq.aq.testsupport.TestHttp.client().send(GatewaySigner.bureau(URI.create(target.url()
                    + "/api/v1/aqi/daily?station=YQ-CQ-01&from=" + day + "&to=" + day)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            Json.assertFields(Json.only(Json.parse(r.body())), pointersAndValues);
        });
    }

    @Test
    void lateDataForAPastDayIsRecomputedByTheSchedule() throws Exception {
        LocalDate day = LocalDate.now(BeijingTime.ZONE).minusDays(20); // far outside the recent days
        try (BootJar target = BootJar.ofModule(List.of("--aq.influx.url=" + influx.url(), "--aq.materialization.every=1s",
                "--aq.materialization.initial-delay=PT0S", "--aq.materialization.recent-days=1",
                "--aq.materialization.late-data-days=30")).start()) {
            // 20 hours of PM2.5 35 (IAQI 50, valid), after the first run: only the change detection can find it
            Thread.sleep(2000);
            hours(day, 0, 20, 35);
            awaitDaily(target, day, "/aqi", 50, "/valid", true);
            // four late hours at 95: (20×35 + 4×95)/24 = 45; the day is after 2026-03-01, so HJ 633—2026:
            // (100−50)/(60−35)×(45−35)+50 = 70
            hours(day, 20, 24, 95);
            awaitDaily(target, day, "/aqi", 70, "/concentrations/pm25", 45, "/standard", "HJ 633-2026");
        }
    }
}
