package cn.yq.aq.standards.hj212;

/**
 * The CRC of HJ 212-2017 Annex A (function CRC16_Checkout): register 0xFFFF; for each byte
 * {@code crc = (crc >> 8) ^ b}, then eight times shift right and XOR 0xA001 when the dropped bit
 * was 1. Not CRC-16/MODBUS, which XORs the byte into the register without the shift. Covers the
 * data segment only (from {@code QN=} through the final {@code &&}); printed as 4 hex digits.
 */
public final class Hj212Crc {

    private Hj212Crc() {
    }

    public static int compute(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >> 8) ^ (data[i] & 0xFF);
            for (int bit = 0; bit < 8; bit++) {
                boolean lsb = (crc & 1) != 0;
                crc >>= 1;
                if (lsb) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc & 0xFFFF;
    }

    public static int compute(byte[] data) {
        return compute(data, 0, data.length);
    }

    /** Four upper-case hex digits, high byte first. */
    public static String hex(int crc) {
        return String.format("%04X", crc & 0xFFFF);
    }
}
