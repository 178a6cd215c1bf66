package cn.yq.aq.ingest.system;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** ingest's application.yml bound as the service binds it (its defaults, validation ranges), for unit tests. */
public final class ShippedProperties {

    private ShippedProperties() {
    }

    public static IngestProperties bind() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("aq", IngestProperties.class).get();
    }
}
