package cn.yq.aq.standards.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Round trips of random valid packets, and fuzzing with random and mutated packets: the codec
 * either parses or throws its own {@link Hj212Exception}, never anything else.
 */
class Hj212FuzzTest {

    private static final long SEED = 212_2017L;
    private final Random random = new Random(SEED);

    @Test
    void roundTripPreservesEveryField() {
        for (int n = 0; n < 2_000; n++) {
            Hj212Packet packet = randomPacket();
            String wire = Hj212Codec.build(packet);
            Hj212Packet back = Hj212Codec.parse(wire);
            assertThat(back).isEqualTo(packet);
            assertThat(back.cp().groups()).isEqualTo(packet.cp().groups());
            assertThat(Hj212Codec.build(back)).isEqualTo(wire);
        }
    }

    @Test
    void randomBytesOnlyEverGiveTheCodecsError() {
        for (int n = 0; n < 20_000; n++) {
            byte[] bytes = new byte[random.nextInt(120)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length > 6) {
                bytes[0] = '#';
                bytes[1] = '#';
            }
            parseSafely(bytes);
        }
    }

    @Test
    void mutatedPacketsOnlyEverGiveTheCodecsError() {
        List<String> seeds = List.of(Hj212CodecTest.ANNEX_A, Hj212CodecTest.HOURLY, Hj212CodecTest.YQ_HOURLY,
                Hj212CodecTest.YQ_REPLY);
        String alphabet = "#&;,=-.0123456789ANFQSTCPMWaz\r\n\u0000\u00ff中";
        int parsed = 0;
        for (int n = 0; n < 20_000; n++) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            StringBuilder s = new StringBuilder(Hj212CodecTest.segmentOf(seed));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            // half with correct framing (length and CRC recomputed) so the segment parser is reached
            byte[] bytes = random.nextBoolean()
                    ? Hj212CodecTest.withValidFraming(s.toString(), StandardCharsets.UTF_8)
                    : (seed.substring(0, 6) + s + seed.substring(seed.length() - 6)).getBytes(StandardCharsets.UTF_8);
            if (parseSafely(bytes)) {
                parsed++;
            }
        }
        // some mutations (e.g. a digit changed inside a value) still parse: the deep paths ran
        assertThat(parsed).isGreaterThan(100);
    }

    private static boolean parseSafely(byte[] bytes) {
        try {
            Hj212Codec.parse(bytes);
            return true;
        } catch (Hj212Exception expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return false;
        }
    }

    private Hj212Packet randomPacket() {
        String[] st = {"22", "27", "31"};
        String[] cn = {"2011", "2051", "2061", "2031"};
        String[] suffixes = {"Rtd", "Avg", "Min", "Max", "ZsAvg", "Cou"};
        List<Map<String, String>> groups = new ArrayList<>();
        groups.add(Map.of("DataTime", String.format("2025%02d%02d%02d0000", 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(24))));
        int factors = random.nextInt(8);
        for (int f = 0; f < factors; f++) {
            String code = String.format("a%05d", random.nextInt(100_000)) + f; // unique per packet
            Map<String, String> g = new LinkedHashMap<>();
            g.put(code + "-" + suffixes[random.nextInt(suffixes.length)],
                    String.format("%d.%03d", random.nextInt(10_000), random.nextInt(1000)));
            if (random.nextBoolean()) {
                g.put(code + "-Flag", DataFlag.values()[random.nextInt(DataFlag.values().length)].name());
            }
            groups.add(g);
        }
        boolean split = random.nextInt(5) == 0;
        int flag = 4 | (random.nextBoolean() ? 1 : 0) | (split ? 2 : 0);
        StringBuilder mn = new StringBuilder();
        for (int i = 0, len = 1 + random.nextInt(24); i < len; i++) {
            mn.append("0123456789ABCDEFYQ".charAt(random.nextInt(18)));
        }
        return new Hj212Packet(String.format("2025%013d", Math.abs(random.nextLong() % 10_000_000_000_000L)),
                st[random.nextInt(st.length)], cn[random.nextInt(cn.length)],
                random.nextBoolean() ? "123456" : null, mn.toString(), flag,
                split ? 1 + random.nextInt(9) : null, split ? 1 : null, new DataArea(groups));
    }
}
