package cn.yq.aq.ingest.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.pipeline.Channel;
import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.ingest.system.IngestProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter message for a rejected input: topic {@code aq/v1/deadletter/<reason>}, payload
 * JSON with the reason, the detail, where it came from, when, and the original payload (as text,
 * or base64 if it is not UTF-8; cut at 64 KiB with {@code truncated: true}).
 */
@Component
class DeadLetters {

    static final int MAX_COPIED_BYTES = 64 * 1024;

    private final JsonMapper mapper;
    private final String prefix;
    private final Clock clock;

    DeadLetters(IngestProperties properties, Clock clock, JsonMapper mapper) {
        this.mapper = mapper;
        this.prefix = properties.mqtt().deadLetterPrefix();
        this.clock = clock;
    }

    String topic(Rejection r) {
        return prefix + "/" + r.reason();
    }

    byte[] payload(Rejection r, Channel channel, String origin, byte[] original) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("reason", r.reason());
        letter.put("detail", r.detail());
        letter.put("channel", channel.tag());
        letter.put("topic", origin);
        if (r.id() != null) {
            letter.put("id", r.id());
        }
        letter.put("time", clock.instant().toString());
        letter.put("payloadBytes", original.length);
        byte[] copy = original.length > MAX_COPIED_BYTES ? Arrays.copyOf(original, MAX_COPIED_BYTES) : original;
        letter.put("truncated", copy.length < original.length);
        try {
            letter.put("payload", StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(copy)).toString());
        } catch (CharacterCodingException e) {
            letter.put("payloadBase64", Base64.getEncoder().encodeToString(copy));
        }
        try {
            return mapper.writeValueAsBytes(letter);
        } catch (RuntimeException e) {
            // whatever the input held, the letter goes out: the original as base64 only
            letter.keySet().retainAll(java.util.Set.of("reason", "channel", "time", "payloadBytes", "truncated"));
            letter.put("detail", "(detail not encodable)");
            letter.put("payloadBase64", Base64.getEncoder().encodeToString(copy));
            return mapper.writeValueAsBytes(letter);
        }
    }
}
