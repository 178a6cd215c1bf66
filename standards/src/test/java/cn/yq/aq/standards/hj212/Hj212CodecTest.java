package cn.yq.aq.standards.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.yq.aq.standards.hj212.Hj212Exception.Reason;

/** HJ 212-2017 packets verified in the reference (CRC per Annex A), and broken ones. */
class Hj212CodecTest {

    /** HJ 212-2017 Annex A example: length 101, CRC 1C80 (the prose's "1C08" is a typo). */
    static final String ANNEX_A = "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;"
            + "Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

    /** From IceCoffee.HJ212's tests: ST=22, CN=2061 hourly data, length 285, CRC C181. */
    static final String HOURLY = "##0285QN=20190925181031464;ST=22;CN=2061;PW=BF470F88957588DE902D1A52;"
            + "MN=Z13401000010301;Flag=5;CP=&&DataTime=20190924220000;a34006-Avg=2.69700,a34006-Flag=N;"
            + "a34007-Avg=7.96600,a34007-Flag=N;a34048-Avg=3.30600,a34048-Flag=N;a34047-Avg=7.35700,"
            + "a34047-Flag=N;a34049-Avg=10.66300,a34049-Flag=N&&C181\r\n";

    /** Constructed for this project with the verified algorithm: ambient hourly data, CRC A881. */
    static final String YQ_HOURLY = "##0280QN=20240601100000000;ST=22;CN=2061;PW=123456;MN=YQ0000000000000000000001;"
            + "Flag=5;CP=&&DataTime=20240601090000;a34004-Avg=35,a34004-Flag=N;a34002-Avg=78,a34002-Flag=N;"
            + "a21026-Avg=12,a21026-Flag=N;a21004-Avg=31,a21004-Flag=N;a21005-Avg=0.8,a21005-Flag=N;"
            + "a05024-Avg=120,a05024-Flag=N&&A881\r\n";

    /** Its 9014 reply, CRC 3C00. */
    static final String YQ_REPLY = "##0087QN=20240601100000000;ST=91;CN=9014;PW=123456;MN=YQ0000000000000000000001;"
            + "Flag=4;CP=&&&&3C00\r\n";

    @Test
    void crcOfTheVerifiedPackets() {
        assertThat(crcOf(ANNEX_A)).isEqualTo("1C80");
        assertThat(crcOf(HOURLY)).isEqualTo("C181");
        assertThat(crcOf(YQ_HOURLY)).isEqualTo("A881");
        assertThat(crcOf(YQ_REPLY)).isEqualTo("3C00");
    }

    @Test
    void theCrcIsNotModbus() {
        // CRC-16/MODBUS (crc ^= b, no shift first) gives 0759 for the Annex A segment; a packet
        // carrying that CRC is refused
        String segment = segmentOf(ANNEX_A);
        assertThat(String.format("%04X", modbus(segment.getBytes(StandardCharsets.US_ASCII)))).isEqualTo("0759");
        assertThatThrownBy(() -> Hj212Codec.parse(ANNEX_A.replace("1C80", "0759")))
                .isInstanceOf(Hj212Exception.class)
                .satisfies(e -> assertThat(((Hj212Exception) e).reason()).isEqualTo(Reason.CRC_MISMATCH))
                .hasMessageContaining("1C80");
    }

    @Test
    void parsesTheAnnexAExample() {
        Hj212Packet p = Hj212Codec.parse(ANNEX_A);
        assertThat(p.qn()).isEqualTo("20160801085857223");
        assertThat(p.st()).isEqualTo("32");
        assertThat(p.cn()).isEqualTo("1062");
        assertThat(p.pw()).isEqualTo("100000");
        assertThat(p.mn()).isEqualTo("010000A8900016F000169DC0");
        // Flag 5 = 0b101: version 1 (HJ 212-2017), A = 1 (reply wanted), D = 0
        assertThat(p.flag()).isEqualTo(5);
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.replyRequested()).isTrue();
        assertThat(p.split()).isFalse();
        assertThat(p.cp().value("RtdInterval")).hasValue("30");
    }

    @Test
    void parsesHourlyDataWithFactorsAndFlags() {
        Hj212Packet p = Hj212Codec.parse(HOURLY);
        assertThat(p.cn()).isEqualTo(CommandCode.HOURLY);
        assertThat(p.cp().dataTime()).hasValue(LocalDateTime.of(2019, 9, 24, 22, 0));
        Map<String, Map<String, String>> factors = p.cp().factors();
        assertThat(factors).containsOnlyKeys("a34006", "a34007", "a34048", "a34047", "a34049");
        assertThat(factors.get("a34049")).containsEntry("Avg", "10.66300").containsEntry("Flag", "N");
    }

    @Test
    void mapsFactorCodesToTheContractFields() {
        Hj212Packet p = Hj212Codec.parse(YQ_HOURLY);
        assertThat(p.cp().factors().keySet())
                .map(code -> FactorCodes.of(p.st(), code).orElseThrow().field())
                .containsExactly("pm25", "pm10", "so2", "no2", "co", "o3");
        assertThat(p.cp().factors().get("a21005")).containsEntry("Avg", "0.8");
        assertThat(FactorCodes.of(SystemCode.FLUE_GAS, "a34013").orElseThrow().field()).isEqualTo("pm");
        assertThat(FactorCodes.of(SystemCode.FLUE_GAS, "a19001").orElseThrow().field()).isEqualTo("o2");
        assertThat(FactorCodes.of(SystemCode.FLUE_GAS, "a00000").orElseThrow().field()).isEqualTo("flow");
        assertThat(FactorCodes.of(SystemCode.FLUE_GAS, "a01012").orElseThrow().field()).isEqualTo("temp");
        assertThat(FactorCodes.of(SystemCode.VOCS, "a24088").orElseThrow().field()).isEqualTo("nmhc");
        assertThat(FactorCodes.of(SystemCode.AMBIENT_AIR, "a99999")).isEmpty();
        assertThat(FactorCodes.codeOf(SystemCode.FLUE_GAS, "nox")).hasValue("a21002");
        // HJ/T 212-2005 flue-gas codes only for a device configured with them; its 2017 codes still understood
        assertThat(FactorCodes.of(SystemCode.FLUE_GAS, "02")).isEmpty();
        assertThat(FactorCodes.of(SystemCode.FLUE_GAS, "02", FactorCodes.Edition.HJ212_2005).orElseThrow().field()).isEqualTo("so2");
        assertThat(FactorCodes.of(SystemCode.FLUE_GAS, "S01", FactorCodes.Edition.HJ212_2005).orElseThrow().field()).isEqualTo("o2");
        assertThat(FactorCodes.of(SystemCode.FLUE_GAS, "a21002", FactorCodes.Edition.HJ212_2005).orElseThrow().field()).isEqualTo("nox");
        assertThat(FactorCodes.of(SystemCode.AMBIENT_AIR, "02", FactorCodes.Edition.HJ212_2005)).isEmpty();
        assertThat(FactorCodes.Edition.parse(null)).isEqualTo(FactorCodes.Edition.HJ212_2017);
        assertThat(FactorCodes.Edition.parse("2005")).isEqualTo(FactorCodes.Edition.HJ212_2005);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FactorCodes.Edition.parse("2010"))
                .hasMessageContaining("2017 or 2005");
    }

    @Test
    void buildsTheDataReplyByteForByte() {
        Hj212Packet reply = Hj212Codec.dataReply(Hj212Codec.parse(YQ_HOURLY));
        assertThat(Hj212Codec.build(reply)).isEqualTo(YQ_REPLY);
        assertThat(reply.replyRequested()).isFalse();
    }

    @Test
    void buildsThePacketsOfTheReferenceByteForByte() {
        assertThat(Hj212Codec.build(Hj212Codec.parse(ANNEX_A))).isEqualTo(ANNEX_A);
        assertThat(Hj212Codec.build(Hj212Codec.parse(HOURLY))).isEqualTo(HOURLY);
        assertThat(Hj212Codec.build(Hj212Codec.parse(YQ_HOURLY))).isEqualTo(YQ_HOURLY);
    }

    @Test
    void acceptsTheLegacyLengthLowerCaseCrcAndAMissingLineEnd() {
        // legacy: declared length = data + 6 (CRC and CR LF counted): 285 + 6 = 291
        assertThat(Hj212Codec.parse(HOURLY.replace("##0285", "##0291")).mn()).isEqualTo("Z13401000010301");
        assertThat(Hj212Codec.parse(HOURLY.replace("C181", "c181")).cn()).isEqualTo("2061");
        assertThat(Hj212Codec.parse(HOURLY.substring(0, HOURLY.length() - 2)).cn()).isEqualTo("2061");
    }

    @Test
    void badCrc() {
        assertReason(HOURLY.replace("C181", "C182"), Reason.CRC_MISMATCH);
        assertReason(HOURLY.replace("C181", "C1G1"), Reason.CRC_FORMAT);
        // a changed value with the old CRC
        assertReason(YQ_HOURLY.replace("a34004-Avg=35", "a34004-Avg=36"), Reason.CRC_MISMATCH);
    }

    @Test
    void badLength() {
        assertReason(HOURLY.replace("##0285", "##0284"), Reason.LENGTH_MISMATCH);
        assertReason(HOURLY.replace("##0285", "##02a5"), Reason.LENGTH_FORMAT);
        assertReason(HOURLY.replace("##0285", "##0300"), Reason.TRUNCATED);
    }

    @Test
    void truncatedPackets() {
        assertReason(HOURLY.substring(0, 150), Reason.TRUNCATED);
        assertReason("##02", Reason.TRUNCATED);
        assertReason("##0285QN", Reason.TRUNCATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "{\"station\":\"YQ-CQ-01\"}", "#0101QN=1", " ##0101", "\u0000\u0001"})
    void garbage(String packet) {
        assertReason(packet, Reason.HEADER);
    }

    @Test
    void emptyAndNotText() {
        assertReason("", Reason.EMPTY);
        byte[] latin1 = withValidFraming("QN=20240601100000000;ST=22;CN=2061;MN=YQ1;Flag=4;CP=&&Note=\u00e9&&",
                StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Hj212Codec.parse(latin1)).isInstanceOf(Hj212Exception.class)
                .satisfies(e -> assertThat(((Hj212Exception) e).reason()).isEqualTo(Reason.NOT_UTF8));
    }

    @Test
    void malformedSegmentsWithAValidCrcAreRefusedPrecisely() {
        assertSegment("QN=20240601100000000;ST=22;CN=2061;MN=YQ1;Flag=4", Reason.SEGMENT_FORMAT);
        assertSegment("QN=20240601100000000;CN=2061;MN=YQ1;Flag=4;CP=&&&&", Reason.MISSING_FIELD);
        assertSegment("QN=20240601100000000;ST=22;CN=2061;Flag=4;CP=&&&&", Reason.MISSING_FIELD);
        assertSegment("QN=2024;ST=22;CN=2061;MN=YQ1;Flag=4;CP=&&&&", Reason.BAD_FIELD);
        assertSegment("ST=22;CN=20611;MN=YQ1;CP=&&&&", Reason.BAD_FIELD);
        // an MN: at most 24 characters (HJ 212-2017 6.3.2), none that breaks the frame
        assertSegment("ST=22;CN=2061;MN=YQ 1;CP=&&&&", Reason.BAD_FIELD);
        assertSegment("ST=22;CN=2061;MN=YQ,1;CP=&&&&", Reason.BAD_FIELD);
        assertSegment("ST=22;CN=2061;MN=" + "A".repeat(25) + ";CP=&&&&", Reason.BAD_FIELD);
        assertSegment("ST=22;CN=2061;MN=YQ1;Flag=256;CP=&&&&", Reason.BAD_FIELD);
        assertSegment("ST=22;ST=22;CN=2061;MN=YQ1;CP=&&&&", Reason.DUPLICATE_FIELD);
        assertSegment("ST=22;CN=2061;MN=YQ1;Foo=1;CP=&&&&", Reason.UNKNOWN_FIELD);
        // split flag (D) without PNUM/PNO
        assertSegment("ST=22;CN=2061;MN=YQ1;Flag=7;CP=&&&&", Reason.MISSING_FIELD);
        assertSegment("ST=22;CN=2061;MN=YQ1;CP=&&DataTime=20240231090000&&", Reason.BAD_FIELD);
        assertSegment("ST=22;CN=2061;MN=YQ1;CP=&&a34004-Avg=1,a34004-Avg=2&&", Reason.DUPLICATE_FIELD);
        assertSegment("ST=22;CN=2061;MN=YQ1;CP=&&a34004-Avg&&", Reason.SEGMENT_FORMAT);
        assertSegment("ST=22;CN=2061;MN=YQ1;CP=&&a34004-Avg=1=2&&", Reason.SEGMENT_FORMAT);
        assertSegment("ST=22;CN=2061;MN=YQ1;CP=&&a3\"4-Avg=1&&", Reason.BAD_FIELD);
        assertSegment("ST=22;CN=2061;MN=YQ1;CP=&&a34004-Avg=1\n&&", Reason.SEGMENT_FORMAT);
        // and a minimal valid one parses
        Hj212Packet minimal = Hj212Codec.parse(new String(withValidFraming("ST=22;CN=2061;MN=YQ1;CP=&&&&",
                StandardCharsets.US_ASCII), StandardCharsets.US_ASCII));
        assertThat(minimal.flag()).isNull();
        assertThat(minimal.version()).isZero();
        assertThat(minimal.cp().groups()).isEmpty();
    }

    @Test
    void deviceIdsAsIssuedAnd2005CodesAndBadValuesParseTheirJudgementIsTheReadings() {
        // an id with underscores as a provincial platform issues it, one with a hyphen; 2005 numeric codes; a value that
        // is not a number and a flag that is not a flag: the packet parses, each value is judged when it is mapped
        Hj212Packet p = Hj212Codec.parse(new String(withValidFraming("ST=31;CN=2061;MN=140300_AIR01_0001;CP=&&DataTime=20240601090000;"
                + "01-Avg=12,S01-Avg=7.5,001-Rtd=7.1,25-Min=3;a21026-Avg=NaN,a34013-Avg=1e9,a34013-Flag=X&&",
                StandardCharsets.US_ASCII), StandardCharsets.US_ASCII));
        assertThat(p.mn()).isEqualTo("140300_AIR01_0001");
        assertThat(p.cp().factors()).containsKeys("01", "S01", "001", "25", "a21026", "a34013");
        assertThat(p.cp().factors().get("a21026").get("Avg")).isEqualTo("NaN");
        assertThat(Hj212Codec.isNumber("NaN")).isFalse();
        assertThat(Hj212Codec.isNumber("1e9")).isFalse();
        assertThat(Hj212Codec.isNumber("-123.5")).isTrue();
        assertThat(Hj212Codec.parse(new String(withValidFraming("ST=22;CN=2061;MN=YQ-1;CP=&&&&", StandardCharsets.US_ASCII),
                StandardCharsets.US_ASCII)).mn()).isEqualTo("YQ-1");
    }

    @Test
    void splitPacketsCarryTheirNumbers() {
        Hj212Packet p = new Hj212Packet("20240601100000000", "31", "2061", "123456", "YQB03", 7, 2, 1,
                new DataArea(List.of(Map.of("DataTime", "20240601090000"), Map.of("a21002-Avg", "41.0"))));
        Hj212Packet back = Hj212Codec.parse(Hj212Codec.build(p));
        assertThat(back).isEqualTo(p);
        assertThat(back.split()).isTrue();
        assertThat(back.pnum()).isEqualTo(2);
    }

    @Test
    void buildRefusesFieldsThatWouldNotParseBack() {
        Hj212Packet bad = new Hj212Packet(null, "22", "2061", null, "YQ;1", 4, null, null, DataArea.empty());
        assertThatThrownBy(() -> Hj212Codec.build(bad)).isInstanceOf(Hj212Exception.class);
    }

    static void assertReason(String packet, Reason reason) {
        assertThatThrownBy(() -> Hj212Codec.parse(packet)).isInstanceOf(Hj212Exception.class)
                .satisfies(e -> assertThat(((Hj212Exception) e).reason()).as(((Hj212Exception) e).getMessage())
                        .isEqualTo(reason));
    }

    static void assertSegment(String segment, Reason reason) {
        assertReason(new String(withValidFraming(segment, StandardCharsets.UTF_8), StandardCharsets.UTF_8), reason);
    }

    /** Frames a data segment with the right length and CRC (so the parser reaches the segment). */
    static byte[] withValidFraming(String segment, java.nio.charset.Charset charset) {
        byte[] data = segment.getBytes(charset);
        String head = "##" + String.format("%04d", data.length);
        String tail = Hj212Crc.hex(Hj212Crc.compute(data)) + "\r\n";
        byte[] out = new byte[head.length() + data.length + tail.length()];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, head.length());
        System.arraycopy(data, 0, out, head.length(), data.length);
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, out, head.length() + data.length, tail.length());
        return out;
    }

    static String segmentOf(String packet) {
        return packet.substring(6, packet.length() - 6);
    }

    private static String crcOf(String packet) {
        return Hj212Crc.hex(Hj212Crc.compute(segmentOf(packet).getBytes(StandardCharsets.US_ASCII)));
    }

    /** CRC-16/MODBUS, for contrast only. */
    private static int modbus(byte[] data) {
        int crc = 0xFFFF;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
        }
        return crc;
    }
}
