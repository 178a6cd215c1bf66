package cn.yq.aq.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the server binaries the tests run (Debian packages installed by deploy/local/install.sh). */
final class Binaries {

    static final String INSTALL_HINT = "run deploy/local/install.sh (installs Debian's mosquitto,"
            + " mosquitto-clients and influxdb), or set %s to the binary's path";

    private Binaries() {
    }

    /**
     * Resolves {@code name} from the environment variable {@code overrideVariable}, the PATH, then
     * /usr/sbin and /usr/bin (mosquitto lives in /usr/sbin, often not on a non-root PATH).
     */
    static Path locate(String name, String overrideVariable) {
        String override = System.getenv(overrideVariable);
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new IllegalStateException(overrideVariable + "=" + override + " is not an executable file; "
                    + String.format(INSTALL_HINT, overrideVariable));
        }
        List<String> dirs = new ArrayList<>();
        String pathVar = System.getenv("PATH");
        if (pathVar != null) {
            dirs.addAll(List.of(pathVar.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"));
        for (String dir : dirs) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("'" + name + "' was not found on PATH or in /usr/sbin: "
                + String.format(INSTALL_HINT, overrideVariable));
    }
}
