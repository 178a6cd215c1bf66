package cn.yq.aq.standards.hj212;

import java.util.Objects;

/**
 * One HJ 212-2017 packet's data segment (§6.3.2): {@code QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;
 * [PNUM=…;PNO=…;]CP=&&…&&}. Optional fields are {@code null} when absent.
 *
 * @param qn   request id, {@code yyyyMMddHHmmssSSS}
 * @param st   system code (22 ambient air, 27 VOCs, 31 flue-gas source, 91 system interaction)
 * @param cn   command code (2011 real-time, 2051 minute, 2061 hourly, 2031 daily, 9014 data reply …)
 * @param pw   access password
 * @param mn   device id (the registry maps it to a station or source)
 * @param flag bits V5…V0 D A: A (bit 0) asks for a reply, D (bit 1) marks split packets, V the
 *             version (1 = HJ 212-2017)
 * @param pnum total packets, with D set
 * @param pno  packet number, with D set
 * @param cp   the data area
 */
public record Hj212Packet(String qn, String st, String cn, String pw, String mn, Integer flag, Integer pnum,
                          Integer pno, DataArea cp) {

    public Hj212Packet {
        Objects.requireNonNull(st, "ST");
        Objects.requireNonNull(cn, "CN");
        Objects.requireNonNull(mn, "MN");
        cp = cp == null ? DataArea.empty() : cp;
    }

    /** Flag bit A: the sender waits for a reply (for data: a 9014 data reply once stored). */
    public boolean replyRequested() {
        return flag != null && (flag & 1) != 0;
    }

    /** Flag bit D: the packet is part of a split message (PNUM/PNO present). */
    public boolean split() {
        return flag != null && (flag & 2) != 0;
    }

    /** The protocol version in Flag bits V5…V0: 0 = HJ/T 212-2005, 1 = HJ 212-2017, 2 = HJ 212-2025 [U]. */
    public int version() {
        return flag == null ? 0 : flag >> 2;
    }
}
