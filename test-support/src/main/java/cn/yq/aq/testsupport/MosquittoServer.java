package cn.yq.aq.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Mosquitto 2 broker on a free loopback port, configured from the repository's
 * {@code deploy/mosquitto/mosquitto.conf} (persistence on, large per-client queue).
 */
public final class MosquittoServer extends ServerProcess {

    /** Seconds between the broker's saves of its in-memory state (from deploy/mosquitto/mosquitto.conf). */
    public static final int AUTOSAVE_INTERVAL_SECONDS = 5;

    private final Path binary;
    private final boolean allowAnonymous;
    private final Path dynamicSecurity;
    private int port;

    public MosquittoServer() {
        this(true);
    }

    public MosquittoServer(boolean allowAnonymous) {
        this(allowAnonymous, null);
    }

    /**
     * A broker with the accounts, client ids and access rules of the dynamic security plugin (as
     * deploy/mosquitto/accounts.sh writes them); anonymous off.
     */
    public MosquittoServer(Path dynamicSecurity) {
        this(false, dynamicSecurity);
    }

    private MosquittoServer(boolean allowAnonymous, Path dynamicSecurity) {
        super("mosquitto");
        this.binary = Binaries.locate("mosquitto", "AQ_MOSQUITTO_BIN");
        this.allowAnonymous = allowAnonymous;
        this.dynamicSecurity = dynamicSecurity;
        this.port = FreePorts.next();
    }

    /** Where Debian (or the eclipse-mosquitto image) keeps the dynamic security plugin. */
    public static Path dynamicSecurityPlugin() {
        for (String candidate : List.of("/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so",
                "/usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so", "/usr/lib/mosquitto_dynamic_security.so")) {
            if (Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("mosquitto_dynamic_security.so not found: run deploy/local/install.sh");
    }

    public int port() {
        return port;
    }

    /** The broker URI for MQTT clients, e.g. {@code tcp://127.0.0.1:40123}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path configFile() {
        return workDir().resolve("mosquitto.conf");
    }

    @Override
    protected void configure() throws IOException {
        String conf = render(RepoPaths.resolve("deploy/mosquitto/mosquitto.conf"), Map.of(
                "RUN_AS", System.getProperty("user.name"),
                "MQTT_PORT", Integer.toString(port),
                "MQTT_BIND", "127.0.0.1",
                "ALLOW_ANONYMOUS", Boolean.toString(allowAnonymous),
                "DATA_DIR", dataDir().toString()));
        if (dynamicSecurity != null) {
            conf += "\nplugin " + dynamicSecurityPlugin() + "\nplugin_opt_config_file " + dynamicSecurity.toAbsolutePath() + "\n";
        }
        Files.writeString(configFile(), conf, StandardCharsets.UTF_8);
    }

    @Override
    protected List<String> command() {
        return List.of(binary.toString(), "-c", configFile().toString());
    }

    @Override
    protected void choosePorts() {
        port = FreePorts.next();
    }

    @Override
    protected boolean answers() {
        return FreePorts.isListening(port);
    }

    @Override
    public MosquittoServer start() {
        super.start();
        return this;
    }
}
