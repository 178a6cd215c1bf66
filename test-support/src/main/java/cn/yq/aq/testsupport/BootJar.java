package cn.yq.aq.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's executable jar started with {@code java -jar} on a free port, as an operator starts
 * it; ready once {@code /actuator/health} answers 200. The jar path defaults to the system property
 * {@code aq.jar}, which the parent POM's failsafe configuration sets to the module's packaged jar.
 */
public final class BootJar extends ServerProcess {

    private final Path jar;
    private final List<String> arguments;
    private final List<String> jvmOptions;
    private int port;

    /**
     * With {@code -Xmx256m} and the options in the system property {@code aq.jar.jvm-options} (space-separated): the
     * parent POM's failsafe configuration sets it to the client compiler only and the serial collector, which halve
     * the CPU a service's start costs (the tests start dozens); the benchmarks leave it unset.
     */
    public BootJar(Path jar, List<String> arguments) {
        this(jar, defaultJvmOptions(), arguments);
    }

    private static List<String> defaultJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx256m"));
        String extra = System.getProperty("aq.jar.jvm-options", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /** With the JVM's options (heap, GC) instead of the default ones. */
    public BootJar(Path jar, List<String> jvmOptions, List<String> arguments) {
        super("jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run 'mvn package' (or verify) first");
        }
        this.jar = jar.toAbsolutePath();
        this.arguments = List.copyOf(arguments);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.port = FreePorts.next();
    }

    /**
     * Another module's jar, as this reactor built it ({@code <module>/target/<module>-0.1.0-SNAPSHOT.jar}):
     * for tests that run several services (the jar must be packaged first: the module's pom orders it earlier in the
     * build, or deploy/local/test.sh packages every jar before any test runs).
     */
    public static BootJar ofRepoModule(String module, List<String> arguments) {
        return new BootJar(RepoPaths.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT.jar"), arguments);
    }

    /** The jar named by the {@code aq.jar} system property (set by failsafe for the module under test). */
    public static BootJar ofModule(List<String> arguments) {
        String path = System.getProperty("aq.jar");
        if (path == null) {
            throw new IllegalStateException("system property aq.jar is not set: run this test through failsafe (mvn verify)");
        }
        return new BootJar(Path.of(path), arguments);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    protected Duration startTimeout() {
        return Duration.ofSeconds(90);
    }

    @Override
    protected List<String> command() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        command.addAll(arguments);
        if (arguments.stream().noneMatch(a -> a.startsWith("--aq.security.gateway-secret="))) {
            command.add("--aq.security.gateway-secret=" + GatewaySigner.SECRET); // the services refuse to start without one
        }
        return command;
    }

    @Override
    protected void configure() {
        // the service takes everything from its arguments
    }

    @Override
    protected void choosePorts() {
        port = FreePorts.next();
    }

    @Override
    protected boolean answers() {
        return get("/actuator/health").statusCode() == 200;
    }

    /**
     * GET on the running service; status -1 if it cannot be reached. Each attempt on a new
     * connection (a fresh client), up to three attempts of 5 s: a pooled connection opened while the
     * service was starting was seen to hang a later request on CI.
     */
    public Response get(String path) {
        Response last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1)).build();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                return new Response(r.statusCode(), r.body());
            } catch (java.net.http.HttpTimeoutException e) {
                last = new Response(-1, e.toString());
            } catch (IOException e) {
                return new Response(-1, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Response(-1, "interrupted");
            }
        }
        return last;
    }

    public record Response(int statusCode, String body) {
    }

    @Override
    public BootJar start() {
        super.start();
        return this;
    }
}
