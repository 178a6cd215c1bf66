package cn.yq.aq.gateway.access;

/**
 * The one form of a request path the gateway accepts, checked on the raw path as it arrived, before
 * routing and authorisation, so that both read the same string: segments of unreserved ASCII
 * characters ({@code A-Z a-z 0-9 - . _ ~}) separated by single {@code /}. Refused: any
 * percent-encoding ({@code %61}, {@code %2f}), {@code ;} parameters, {@code \}, non-ASCII, empty
 * segments ({@code //}), {@code .} and {@code ..} segments, a trailing {@code /}. What passes is
 * its own decoded form, so the policy, the routes and the services see one path.
 */
public final class CanonicalPath {

    static final int MAX_LENGTH = 2048;

    private CanonicalPath() {
    }

    /** Why {@code rawPath} is not canonical, or {@code null} if it is. */
    public static String problem(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return "the path must start with /";
        }
        if (rawPath.length() > MAX_LENGTH) {
            return "the path is longer than " + MAX_LENGTH + " characters";
        }
        if (rawPath.length() == 1) {
            return null;
        }
        int segmentStart = 1;
        for (int i = 1; i <= rawPath.length(); i++) {
            char c = i < rawPath.length() ? rawPath.charAt(i) : '/';
            if (c == '/') {
                int length = i - segmentStart;
                if (length == 0) {
                    return i == rawPath.length() ? "a trailing / is not accepted" : "empty path segments (//) are not accepted";
                }
                if ((length == 1 && rawPath.charAt(segmentStart) == '.')
                        || (length == 2 && rawPath.charAt(segmentStart) == '.' && rawPath.charAt(segmentStart + 1) == '.')) {
                    return "'.' and '..' segments are not accepted";
                }
                segmentStart = i + 1;
            } else if (!unreserved(c)) {
                return switch (c) {
                    case '%' -> "percent-encoded characters are not accepted in the path";
                    case ';' -> "';' parameters are not accepted in the path";
                    case '\\' -> "'\\' is not accepted in the path";
                    default -> c > 0x7e ? "non-ASCII characters are not accepted in the path"
                            : "the character " + (c < 0x20 ? String.format("U+%04X", (int) c) : "'" + c + "'")
                                    + " is not accepted in the path";
                };
            }
        }
        return null;
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
