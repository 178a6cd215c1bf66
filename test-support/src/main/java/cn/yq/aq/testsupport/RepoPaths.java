package cn.yq.aq.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's files (the deploy configuration the tests share with up.sh). */
public final class RepoPaths {

    private RepoPaths() {
    }

    /** The repository root: the nearest ancestor of the working directory that holds deploy/ and pom.xml. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/mosquitto")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root (with deploy/mosquitto and pom.xml) not found above " + dir);
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
