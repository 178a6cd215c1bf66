package cn.yq.aq.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real InfluxDB 1.x ({@code influxd}) on free loopback ports, configured from the repository's
 * {@code deploy/influxdb/influxdb.conf}. Small HTTP helpers (create a database, write line
 * protocol, run InfluxQL) let tests prepare and check data without a client library.
 */
public final class InfluxServer extends ServerProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Path binary;
    private int httpPort;
    private int rpcPort;

    private final Map<String, String> settings = new java.util.LinkedHashMap<>();

    /**
     * A setting beyond the repository's configuration file, as influxd's environment variable (e.g.
     * {@code INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION}); from the next start on.
     */
    public InfluxServer setting(String environmentVariable, String value) {
        settings.put(environmentVariable, value);
        return this;
    }

    @Override
    protected Map<String, String> environment() {
        return settings;
    }

    public InfluxServer() {
        super("influxd");
        this.binary = Binaries.locate("influxd", "AQ_INFLUXD_BIN");
        choosePorts();
    }

    public int port() {
        return httpPort;
    }

    /** The HTTP API base URL, e.g. {@code http://127.0.0.1:40124}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path configFile() {
        return workDir().resolve("influxdb.conf");
    }

    @Override
    protected void configure() throws IOException {
        String conf = render(RepoPaths.resolve("deploy/influxdb/influxdb.conf"), Map.of(
                "RPC_BIND", "127.0.0.1:" + rpcPort,
                "HTTP_BIND", "127.0.0.1:" + httpPort,
                "DATA_DIR", dataDir().toString()));
        Files.writeString(configFile(), conf, StandardCharsets.UTF_8);
    }

    @Override
    protected List<String> command() {
        return List.of(binary.toString(), "-config", configFile().toString());
    }

    @Override
    protected void choosePorts() {
        httpPort = FreePorts.next();
        rpcPort = FreePorts.next();
        while (rpcPort == httpPort) {
            rpcPort = FreePorts.next();
        }
    }

    @Override
    protected boolean answers() {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public InfluxServer start() {
        super.start();
        return this;
    }

    /** {@code CREATE DATABASE name} (idempotent in InfluxDB 1.x). */
    public void createDatabase(String database) {
        String body = post("/query", "q=" + encode("CREATE DATABASE \"" + database.replace("\"", "\\\"") + "\""));
        if (body.contains("\"error\"")) {
            throw new IllegalStateException("CREATE DATABASE " + database + " failed: " + body);
        }
    }

    /** Writes line protocol (nanosecond precision unless {@code precision} says otherwise). */
    public void write(String database, String precision, String lineProtocol) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/write?db=" + encode(database)
                        + "&precision=" + encode(precision)))
                .POST(HttpRequest.BodyPublishers.ofString(lineProtocol, StandardCharsets.UTF_8)).build());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("write to " + database + " failed: HTTP " + response.statusCode()
                    + " " + response.body());
        }
    }

    /** Runs InfluxQL and returns the raw JSON answer (epoch in the given precision, e.g. "s"). */
    public String query(String database, String influxQl, String epoch) {
        return post("/query", "db=" + encode(database) + "&epoch=" + encode(epoch) + "&q=" + encode(influxQl));
    }

    /**
     * The first value of the first row of a query's answer, e.g. the count of
     * {@code SELECT count(pm25) FROM ambient}; 0 when the answer has no rows.
     */
    public double scalar(String database, String influxQl) {
        String body = query(database, influxQl, "s");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\\"values\\\":\\[\\[[^,\\]]*,(-?[0-9.eE+-]+|null)").matcher(body);
        if (!m.find()) {
            if (body.contains("\"error\"")) {
                throw new IllegalStateException(influxQl + ": " + body);
            }
            return 0;
        }
        return "null".equals(m.group(1)) ? Double.NaN : Double.parseDouble(m.group(1));
    }

    private String post(String path, String form) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("InfluxDB at " + url() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
