package cn.yq.aq.disclosure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Public disclosure (信息公开): the page residents and the press read, its JSON and its Atom feed. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DisclosureApplication {

    public static void main(String[] args) {
        SpringApplication.run(DisclosureApplication.class, args);
    }
}
