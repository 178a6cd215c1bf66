package cn.yq.aq.ingest.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.junit.jupiter.api.Test;

import cn.yq.aq.support.influx.InfluxClients;
import cn.yq.aq.support.influx.InfluxProperties;

/** The warm-up's sink answers the InfluxDB client as InfluxDB does, counts the lines and keeps nothing. */
class LoopbackInfluxTest {

    @Test
    void takesTheClientsWritesAndPings() throws Exception {
        try (LoopbackInflux sink = new LoopbackInflux()) {
            // the client built as the services build theirs, with a user as a secured InfluxDB has
            InfluxDB client = InfluxClients.connect(new InfluxProperties(sink.url(), "airquality", "autogen", "ingest",
                    "secret", Duration.ofSeconds(5)));
            try {
                client.write("airquality", "autogen", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS,
                        List.of("ambient,station=a pm25=1 1", "ambient,station=b pm25=2 1", "ambient,station=c pm25=3 1"));
                client.write("airquality", "autogen", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS,
                        List.of("ambient,station=d pm25=4 1"));
                assertThat(client.ping().isGood()).isTrue();
            } finally {
                client.close();
            }
            assertThat(sink.writes()).isEqualTo(2);
            assertThat(sink.lines()).isEqualTo(4);

            HttpResponse<String> get = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(sink.url() + "/write")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405); // a write is a POST, as for InfluxDB
            assertThat(sink.writes()).isEqualTo(2);
        }
    }
}
