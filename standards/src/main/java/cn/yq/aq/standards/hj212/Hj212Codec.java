package cn.yq.aq.standards.hj212;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import cn.yq.aq.standards.hj212.Hj212Exception.Reason;

/**
 * Parses and builds HJ 212-2017 packets (§6.3): {@code ##} + 4-digit data-segment length + data
 * segment + 4-hex CRC (Annex A, {@link Hj212Crc}) + CR LF. The length counts the data segment only;
 * the legacy length of HJ/T 212-2005-era devices (data + 6, i.e. including CRC and CR LF) is also
 * accepted. The trailing CR LF may be absent (MQTT payloads). Every malformed packet gives an
 * {@link Hj212Exception} naming the reason; nothing else is thrown for bad input.
 */
public final class Hj212Codec {

    /** The largest packet accepted: 4-digit length, header, CRC, CR LF. */
    public static final int MAX_PACKET_BYTES = 2 + 4 + 9999 + 4 + 2;

    private static final Set<String> HEADER_FIELDS = Set.of("QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO");
    private static final Pattern QN = Pattern.compile("\\d{17}");
    private static final Pattern ST = Pattern.compile("[0-9A-Z]{2}");
    private static final Pattern CN = Pattern.compile("\\d{4}");
    /**
     * The device id: up to 24 characters (HJ 212-2017 6.3.2), any printable ASCII but those that would break the
     * frame ({@code ; = &} and {@code ,}): ids as platforms issue them ({@code …_AIR01_0001}, {@code YQ-1}) pass.
     */
    private static final Pattern MN = Pattern.compile("[\\x21-\\x7E&&[^;=&,]]{1,24}");
    private static final Pattern PW = Pattern.compile("[0-9A-Za-z]{0,32}");
    private static final Pattern SMALL_INT = Pattern.compile("\\d{1,4}");
    /** A data field: a 2017 code ({@code a34004-Avg}), a 2005 numeric one ({@code 01-Rtd}, {@code 001-Rtd}), or a name. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9]+(-[A-Za-z]+)?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,12}(\\.\\d{1,9})?");

    private Hj212Codec() {
    }

    /** Parses a packet received as text (e.g. an MQTT payload). */
    public static Hj212Packet parse(String packet) {
        if (packet == null || packet.isEmpty()) {
            throw new Hj212Exception(Reason.EMPTY, "empty packet");
        }
        return parse(packet.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a packet received as bytes (ASCII; Chinese text, if any, UTF-8). */
    public static Hj212Packet parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new Hj212Exception(Reason.EMPTY, "empty packet");
        }
        if (bytes.length > MAX_PACKET_BYTES) {
            throw new Hj212Exception(Reason.TOO_LONG, "packet of " + bytes.length + " bytes exceeds " + MAX_PACKET_BYTES);
        }
        int end = bytes.length;
        if (end >= 2 && bytes[end - 2] == '\r' && bytes[end - 1] == '\n') {
            end -= 2;
        }
        if (end < 2 || bytes[0] != '#' || bytes[1] != '#') {
            throw new Hj212Exception(Reason.HEADER, "packet does not start with ##");
        }
        if (end < 6) {
            throw new Hj212Exception(Reason.TRUNCATED, "packet ends before its length field");
        }
        String lengthText = new String(bytes, 2, 4, StandardCharsets.US_ASCII);
        if (!lengthText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Hj212Exception(Reason.LENGTH_FORMAT, "length field '" + printable(lengthText) + "' is not 4 digits");
        }
        int declared = Integer.parseInt(lengthText);
        int dataLength = end - 6 - 4;
        if (dataLength < 0) {
            throw new Hj212Exception(Reason.TRUNCATED, "packet ends before its CRC");
        }
        if (declared != dataLength && declared != dataLength + 6) {
            Reason reason = dataLength < declared ? Reason.TRUNCATED : Reason.LENGTH_MISMATCH;
            throw new Hj212Exception(reason, "length field says " + declared + " but the data segment has "
                    + dataLength + " bytes");
        }
        String crcText = new String(bytes, end - 4, 4, StandardCharsets.US_ASCII);
        int declaredCrc;
        try {
            if (!crcText.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new NumberFormatException();
            }
            declaredCrc = Integer.parseInt(crcText, 16);
        } catch (NumberFormatException e) {
            throw new Hj212Exception(Reason.CRC_FORMAT, "CRC '" + printable(crcText) + "' is not 4 hex digits");
        }
        int actualCrc = Hj212Crc.compute(bytes, 6, dataLength);
        if (actualCrc != declaredCrc) {
            throw new Hj212Exception(Reason.CRC_MISMATCH, "CRC of the data segment is " + Hj212Crc.hex(actualCrc)
                    + " but the packet says " + printable(crcText));
        }
        String segment;
        try {
            segment = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 6, dataLength)).toString();
        } catch (CharacterCodingException e) {
            throw new Hj212Exception(Reason.NOT_UTF8, "data segment is not ASCII/UTF-8 text");
        }
        return parseSegment(segment);
    }

    /** Parses a data segment ({@code QN=…;…;CP=&&…&&}) whose framing was already checked. */
    static Hj212Packet parseSegment(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new Hj212Exception(Reason.SEGMENT_FORMAT, "control character at position " + i + " of the data segment");
            }
        }
        int cpStart = segment.indexOf("CP=&&");
        if (cpStart < 0 || !segment.endsWith("&&") || segment.length() < cpStart + 7) {
            throw new Hj212Exception(Reason.SEGMENT_FORMAT, "data segment lacks CP=&&…&&");
        }
        Map<String, String> header = new LinkedHashMap<>();
        String head = segment.substring(0, cpStart);
        if (!head.isEmpty()) {
            if (!head.endsWith(";")) {
                throw new Hj212Exception(Reason.SEGMENT_FORMAT, "header fields must end with ';' before CP");
            }
            for (String item : head.substring(0, head.length() - 1).split(";", -1)) {
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new Hj212Exception(Reason.SEGMENT_FORMAT, "header item '" + printable(item) + "' is not name=value");
                }
                String name = item.substring(0, eq);
                if (!HEADER_FIELDS.contains(name)) {
                    throw new Hj212Exception(Reason.UNKNOWN_FIELD, "unknown header field " + printable(name));
                }
                if (header.put(name, item.substring(eq + 1)) != null) {
                    throw new Hj212Exception(Reason.DUPLICATE_FIELD, "header field " + name + " appears twice");
                }
            }
        }
        String qn = check(header, "QN", QN, false);
        String st = check(header, "ST", ST, true);
        String cn = check(header, "CN", CN, true);
        String pw = check(header, "PW", PW, false);
        String mn = check(header, "MN", MN, true);
        Integer flag = integer(header, "Flag", 255);
        Integer pnum = integer(header, "PNUM", 9999);
        Integer pno = integer(header, "PNO", 9999);
        if (flag != null && (flag & 2) != 0 && (pnum == null || pno == null)) {
            throw new Hj212Exception(Reason.MISSING_FIELD, "Flag marks a split packet but PNUM/PNO are missing");
        }
        String cp = segment.substring(cpStart + 5, segment.length() - 2);
        return new Hj212Packet(qn, st, cn, pw, mn, flag, pnum, pno, parseDataArea(cp));
    }

    private static DataArea parseDataArea(String cp) {
        if (cp.isEmpty()) {
            return DataArea.empty();
        }
        if (cp.contains("&&")) {
            throw new Hj212Exception(Reason.SEGMENT_FORMAT, "'&&' inside the data area");
        }
        List<Map<String, String>> groups = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String group : cp.split(";", -1)) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : group.split(",", -1)) {
                int eq = field.indexOf('=');
                if (eq <= 0) {
                    throw new Hj212Exception(Reason.SEGMENT_FORMAT, "data item '" + printable(field) + "' is not name=value");
                }
                String name = field.substring(0, eq);
                String value = field.substring(eq + 1);
                if (!FIELD_NAME.matcher(name).matches()) {
                    throw new Hj212Exception(Reason.BAD_FIELD, "data field name '" + printable(name) + "' is malformed");
                }
                if (value.indexOf('=') >= 0) {
                    throw new Hj212Exception(Reason.SEGMENT_FORMAT, "data item '" + printable(field) + "' has two '='");
                }
                if (!seen.add(name)) {
                    throw new Hj212Exception(Reason.DUPLICATE_FIELD, "data field " + name + " appears twice");
                }
                checkValue(name, value);
                fields.put(name, value);
            }
            groups.add(fields);
        }
        return new DataArea(groups);
    }

    /**
     * Only what the whole packet depends on is checked here ({@code DataTime}); a factor's value or flag that is not
     * a number or not a data flag is that value's problem alone: the reading's mapping leaves it out and says why,
     * and every other value of the packet is kept.
     */
    private static void checkValue(String name, String value) {
        if (name.equals("DataTime")) {
            DataArea.parseDataTime(value);
        }
    }

    /** Whether a factor's value text is a number as HJ 212 writes them (no exponent, NaN or infinity). */
    public static boolean isNumber(String value) {
        return NUMBER.matcher(value).matches();
    }

    private static String check(Map<String, String> header, String name, Pattern pattern, boolean required) {
        String value = header.get(name);
        if (value == null) {
            if (required) {
                throw new Hj212Exception(Reason.MISSING_FIELD, name + " is missing");
            }
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            throw new Hj212Exception(Reason.BAD_FIELD, name + " '" + printable(value) + "' is malformed");
        }
        return value;
    }

    private static Integer integer(Map<String, String> header, String name, int max) {
        String value = header.get(name);
        if (value == null) {
            return null;
        }
        if (!SMALL_INT.matcher(value).matches() || Integer.parseInt(value) > max) {
            throw new Hj212Exception(Reason.BAD_FIELD, name + " '" + printable(value) + "' is not an integer 0–" + max);
        }
        return Integer.parseInt(value);
    }

    /** Builds the data segment of a packet. */
    public static String segment(Hj212Packet packet) {
        StringBuilder s = new StringBuilder();
        append(s, "QN", packet.qn());
        append(s, "ST", packet.st());
        append(s, "CN", packet.cn());
        append(s, "PW", packet.pw());
        append(s, "MN", packet.mn());
        append(s, "Flag", packet.flag());
        append(s, "PNUM", packet.pnum());
        append(s, "PNO", packet.pno());
        s.append("CP=&&");
        List<Map<String, String>> groups = packet.cp().groups();
        for (int g = 0; g < groups.size(); g++) {
            if (g > 0) {
                s.append(';');
            }
            boolean first = true;
            for (Map.Entry<String, String> f : groups.get(g).entrySet()) {
                if (!first) {
                    s.append(',');
                }
                first = false;
                s.append(f.getKey()).append('=').append(f.getValue());
            }
        }
        return s.append("&&").toString();
    }

    /**
     * Builds the whole packet: header, length, data segment, CRC, CR LF. The result parses back to
     * an equal packet.
     *
     * @throws Hj212Exception if the packet's fields would not parse back (e.g. a malformed MN)
     */
    public static String build(Hj212Packet packet) {
        String segment = segment(packet);
        byte[] data = segment.getBytes(StandardCharsets.UTF_8);
        if (data.length > 9999) {
            throw new Hj212Exception(Reason.TOO_LONG, "data segment of " + data.length + " bytes exceeds 9999");
        }
        parseSegment(segment); // refuses fields that would not parse back
        return "##" + String.format("%04d", data.length) + segment + Hj212Crc.hex(Hj212Crc.compute(data)) + "\r\n";
    }

    /**
     * The data reply (CN 9014, ST 91, Table 9) the sender of {@code request} waits for when its Flag
     * asks for a reply: same QN, PW and MN, Flag with the request's version and no reply bit, empty CP.
     */
    public static Hj212Packet dataReply(Hj212Packet request) {
        int version = request.version() == 0 ? 1 : request.version();
        return new Hj212Packet(request.qn(), SystemCode.INTERACTION, CommandCode.DATA_REPLY, request.pw(),
                request.mn(), version << 2, null, null, DataArea.empty());
    }

    private static void append(StringBuilder s, String name, Object value) {
        if (value != null) {
            s.append(name).append('=').append(value).append(';');
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return s.length() > 40 ? b + "…" : b.toString();
    }
}
