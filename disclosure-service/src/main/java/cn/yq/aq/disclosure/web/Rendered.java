package cn.yq.aq.disclosure.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.http.MediaType;

/** An answer made once per snapshot: its bytes, its type and its entity tag (a hash of the bytes). */
record Rendered(byte[] body, MediaType type, String etag) {

    static Rendered of(String text, MediaType type) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return new Rendered(body, type, "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
