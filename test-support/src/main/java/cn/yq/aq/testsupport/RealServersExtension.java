package cn.yq.aq.testsupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/** The JUnit 5 extension behind {@link RealServers}. */
public final class RealServersExtension
        implements BeforeAllCallback, AfterAllCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServersExtension.class);

    /** The servers of one test class; closing it kills them and deletes their data. */
    record Servers(MosquittoServer mosquitto, InfluxServer influx) implements AutoCloseable {
        @Override
        public void close() {
            if (mosquitto != null) {
                mosquitto.close();
            }
            if (influx != null) {
                influx.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (servers(context).isPresent()) {
            return; // a @Nested class shares its enclosing class's servers
        }
        RealServers config = findConfig(testClass)
                .orElseThrow(() -> new IllegalStateException(testClass + " lacks @RealServers"));
        MosquittoServer mosquitto = null;
        InfluxServer influx = null;
        try {
            if (config.mosquitto()) {
                mosquitto = new MosquittoServer(config.anonymousMqtt()).start();
            }
            if (config.influx()) {
                influx = new InfluxServer().start();
                for (String db : config.databases()) {
                    influx.createDatabase(db);
                }
            }
        } catch (RuntimeException e) {
            new Servers(mosquitto, influx).close();
            throw e;
        }
        Servers servers = new Servers(mosquitto, influx);
        context.getStore(NAMESPACE).put(testClass, servers);
        inject(testClass, null, servers);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Servers servers = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), Servers.class);
        if (servers != null) {
            servers.close();
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        servers(context).ifPresent(s -> inject(testInstance.getClass(), testInstance, s));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == MosquittoServer.class || type == InfluxServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Servers servers = servers(extensionContext)
                .orElseThrow(() -> new ParameterResolutionException("no servers started for this test"));
        Object server = parameterContext.getParameter().getType() == MosquittoServer.class
                ? servers.mosquitto() : servers.influx();
        if (server == null) {
            throw new ParameterResolutionException(parameterContext.getParameter().getType().getSimpleName()
                    + " was not requested in @RealServers");
        }
        return server;
    }

    private static Optional<Servers> servers(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<Class<?>> testClass = c.get().getTestClass();
            if (testClass.isPresent()) {
                Servers s = c.get().getStore(NAMESPACE).get(testClass.get(), Servers.class);
                if (s != null) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<RealServers> findConfig(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            RealServers annotation = c.getAnnotation(RealServers.class);
            if (annotation != null) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    private static void inject(Class<?> type, Object instance, Servers servers) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                boolean isStatic = Modifier.isStatic(field.getModifiers());
                if (isStatic != (instance == null) || Modifier.isFinal(field.getModifiers())) {
                    continue;
                }
                Object value = field.getType() == MosquittoServer.class ? servers.mosquitto()
                        : field.getType() == InfluxServer.class ? servers.influx() : null;
                if (value != null) {
                    try {
                        field.setAccessible(true);
                        field.set(instance, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot set " + field, e);
                    }
                }
            }
        }
    }
}
