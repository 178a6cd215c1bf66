package cn.yq.aq.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * Where a benchmark's figures go: one JSON line per run appended to {@code deploy/bench/results/<bench>.jsonl}, led by
 * what makes it reproducible (the commit the jars were built from, when, the machine's cores and memory, Java). The
 * README's tables are medians of such lines ({@code deploy/bench/summary.py}). A picocli mixin of every benchmark.
 */
public final class ResultsFile {

    @Option(names = "--out", description = "results file: one JSON line appended per run (default: <bench>.jsonl)")
    Path out;

    @Option(names = "--commit", defaultValue = "", description = "the commit the jars were built from (the scripts pass it;"
            + " -dirty when the working tree differs)")
    String commit;

    /** A run's line, its header filled in: bench, commit, when, cores, memory_mib, java. */
    Map<String, Object> start(String bench) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", bench);
        line.put("commit", commit.isEmpty() ? "unknown" : commit);
        line.put("when", Instant.now().toString());
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.put("memory_mib", memoryMib());
        line.put("java", System.getProperty("java.version"));
        return line;
    }

    /** Appends the line (one JSON object) and says where. */
    void append(Map<String, Object> line) throws IOException {
        Path file = out != null ? out : Path.of(line.get("bench") + ".jsonl");
        Files.writeString(file, cn.yq.aq.testsupport.Json.MAPPER.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("figures appended to " + file.toAbsolutePath());
    }

    /** The machine's memory (MemTotal of /proc/meminfo), MiB; -1 where there is none. */
    static long memoryMib() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
