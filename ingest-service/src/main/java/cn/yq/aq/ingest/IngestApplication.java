package cn.yq.aq.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Ingest: MQTT (JSON, HJ 212), HJ 212 TCP and HTTP readings, validated and written to InfluxDB. */
@SpringBootApplication
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
