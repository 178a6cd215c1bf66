package cn.yq.aq.target;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Targets: AQI (HJ 633), statistics (HJ 663), composite index, rankings, targets, compliance. */
@SpringBootApplication
public class TargetApplication {

    public static void main(String[] args) {
        SpringApplication.run(TargetApplication.class, args);
    }
}
