package cn.yq.aq.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real server run as a child process of the test JVM, with a throwaway folder for its data,
 * configuration and log. It can be stopped (SIGTERM), killed (SIGKILL) and started again on the
 * same port with the same data; {@link #close()} kills it and deletes the folder. A JVM shutdown
 * hook kills whatever is still running, so an aborted test run leaves no server behind.
 */
public abstract class ServerProcess implements AutoCloseable {

    private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ServerProcess::close),
                "aq-test-servers-cleanup"));
    }

    private final String name;
    private final Path workDir;
    private volatile Process process;
    private volatile boolean closed;

    protected ServerProcess(String name) {
        this.name = name;
        try {
            this.workDir = Files.createTempDirectory("aq-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data folder for " + name, e);
        }
        LIVE.add(this);
    }

    /** The command line that starts the server with the current configuration. */
    protected abstract List<String> command();

    /** Writes the configuration (ports, folders) for the next start. */
    protected abstract void configure() throws IOException;

    /** Picks new ports; called when the first start could not bind the ports picked before. */
    protected abstract void choosePorts();

    /** True once the server answers on its ports. */
    protected abstract boolean answers();

    /** Environment variables of the server's process beyond this JVM's (none unless a server adds some). */
    protected Map<String, String> environment() {
        return Map.of();
    }

    protected Duration startTimeout() {
        return Duration.ofSeconds(30);
    }

    public String name() {
        return name;
    }

    /** The throwaway folder holding the data, the configuration and {@code server.log}. */
    public Path workDir() {
        return workDir;
    }

    public Path dataDir() {
        return workDir.resolve("data");
    }

    public Path logFile() {
        return workDir.resolve("server.log");
    }

    /** Starts the server (first start: on free ports, retried with new ones if a port was taken). */
    public synchronized ServerProcess start() {
        if (closed) {
            throw new IllegalStateException(name + " was closed");
        }
        if (isRunning()) {
            return this;
        }
        boolean firstStart = process == null;
        int attempts = firstStart ? 3 : 1;
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                choosePorts();
            }
            try {
                launchAndWait();
                return this;
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private void launchAndWait() {
        try {
            Files.createDirectories(dataDir());
            configure();
            ProcessBuilder builder = new ProcessBuilder(command())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            builder.environment().putAll(environment());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " during start-up; its log:\n" + logTail());
            }
            if (answers()) {
                return;
            }
            sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not answer within " + startTimeout() + "; its log:\n" + logTail());
    }

    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The operating-system process id of the running server. */
    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return p.pid();
    }

    /** Graceful stop (SIGTERM): the server saves what it holds, as on a clean shutdown. */
    public synchronized void stop() {
        terminate(false);
    }

    /** Hard kill (SIGKILL): nothing is saved beyond what the server had already written. */
    public synchronized void kill() {
        terminate(true);
    }

    /** Graceful stop, then start again on the same ports with the same data. */
    public synchronized void restart() {
        stop();
        start();
    }

    private void terminate(boolean hard) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        if (hard) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** Kills the server and deletes its folder. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        LIVE.remove(this);
        deleteRecursively(workDir);
    }

    public boolean isClosed() {
        return closed;
    }

    /** The last lines of the server's log, for failure messages. */
    public String logTail() {
        try {
            if (!Files.exists(logFile())) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Fills the {@code @TOKEN@} placeholders of a repository configuration template. */
    protected static String render(Path template, Map<String, String> values) throws IOException {
        String text = Files.readString(template, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("@" + e.getKey() + "@", e.getValue());
        }
        if (text.matches("(?s).*@[A-Z_]+@.*")) {
            throw new IllegalStateException("unfilled placeholder left in " + template);
        }
        return text;
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: the folder is under the system's temp directory
        }
    }
}
