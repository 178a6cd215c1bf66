package cn.yq.aq.ingest.reading;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Source;
import cn.yq.aq.registry.Station;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Unit;
import cn.yq.aq.standards.hj212.CommandCode;
import cn.yq.aq.standards.hj212.DataFlag;
import cn.yq.aq.standards.hj212.FactorCodes;
import cn.yq.aq.standards.hj212.Hj212Codec;
import cn.yq.aq.standards.hj212.Hj212Exception;
import cn.yq.aq.standards.hj212.Hj212Packet;
import cn.yq.aq.standards.hj212.SystemCode;

/**
 * Turns an HJ 212-2017 data packet into a reading: the MN names the station or source (registry),
 * ST must fit it (22/27 ambient, 31 flue gas), CN gives the interval (2011 PT0S, 2051 the source's
 * minute interval, 2061 PT1H, 2031 P1D), {@code DataTime} the interval start in Asia/Shanghai,
 * {@code -Avg} (or {@code -Rtd} for 2011) the values in the device's units (registry), converted to
 * the contract's. The factor codes are the device's edition (registry {@code hj212Codes}: 2017, or
 * 2005 for older CEMS); codes without a contract field are skipped. A value that is not a number, or
 * whose flag is not a data flag, is left out with its own reason ({@link Mapped#dropped}); the others
 * are kept. Parts of a split packet are readings of their own: each carries DataTime, and InfluxDB
 * merges the fields of one point.
 */
@Component
public class Hj212ReadingMapper {


    /** Ambient fields the contract keeps in mg/m³ (the others in µg/m³). */
    private static final java.util.Set<String> MG_M3_AMBIENT = java.util.Set.of("co", "nmhc", "thc", "ch4");

    /** A parsed packet with the reading it carries, and the values left out of it, each with its reason. */
    public record Mapped(Hj212Packet packet, Reading reading, Site site, java.util.List<Rejection> dropped) {

        public Mapped {
            dropped = java.util.List.copyOf(dropped);
        }

        /** The same with the reading the validation kept and what it left out besides. */
        public Mapped validated(Reading kept, java.util.List<Rejection> alsoDropped) {
            java.util.List<Rejection> all = new java.util.ArrayList<>(dropped);
            all.addAll(alsoDropped);
            return new Mapped(packet, kept, site, all);
        }
    }

    private final Registry registry;

    public Hj212ReadingMapper(Registry registry) {
        this.registry = registry;
    }

    /** Parses and maps; refuses with the codec's reason or a mapping reason. */
    public Mapped map(byte[] packet) {
        Hj212Packet p;
        try {
            p = Hj212Codec.parse(packet);
        } catch (Hj212Exception e) {
            throw new Rejection(e.reason().code(), e.getMessage());
        }
        Optional<Station> station = registry.stationByMn(p.mn());
        Optional<Source> source = registry.sourceByMn(p.mn());
        if (station.isEmpty() && source.isEmpty()) {
            throw new Rejection("hj212-unknown-mn", "MN " + p.mn() + " is not in the registry");
        }
        Site site = station.<Site>map(Site.OfStation::new).orElseGet(() -> new Site.OfSource(source.get()));
        java.util.List<Rejection> dropped = new java.util.ArrayList<>();
        return new Mapped(p, toReading(p, station, source, dropped), site, dropped);
    }

    Reading toReading(Hj212Packet p, Optional<Station> station, Optional<Source> source, java.util.List<Rejection> dropped) {
        Measurement measurement = station.isPresent() ? Measurement.AMBIENT : Measurement.CEMS;
        String id = station.map(Station::id).orElseGet(() -> source.get().id());
        boolean flueGas = SystemCode.FLUE_GAS.equals(p.st());
        boolean ambient = SystemCode.AMBIENT_AIR.equals(p.st()) || SystemCode.VOCS.equals(p.st());
        if ((measurement == Measurement.CEMS && !flueGas) || (measurement == Measurement.AMBIENT && !ambient)) {
            throw new Rejection("hj212-st-mismatch", "ST=" + p.st() + " does not fit " + measurement.idField() + " " + id, id);
        }
        Duration minute = source.map(Source::minuteInterval).orElse(Duration.ofMinutes(1));
        Duration interval = CommandCode.interval(p.cn(), minute)
                .orElseThrow(() -> new Rejection("hj212-unsupported-cn", "CN=" + p.cn() + " carries no readings", id));
        var dataTime = p.cp().dataTime()
                .orElseThrow(() -> new Rejection("hj212-missing-datatime", "the data area has no DataTime", id));
        String valueSuffix = CommandCode.REALTIME.equals(p.cn()) ? "Rtd" : "Avg";
        Map<String, Unit> deviceUnits = station.map(Station::hj212Units).orElseGet(() -> source.get().hj212Units());
        FactorCodes.Edition edition = station.map(Station::hj212Codes).orElseGet(() -> source.get().hj212Codes());

        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> flags = new LinkedHashMap<>();
        p.cp().factors().forEach((code, fields) -> FactorCodes.of(p.st(), code, edition).ifPresent(factor -> {
            String text = fields.get(valueSuffix);
            if (text == null) {
                return;
            }
            String field = factor.field();
            if (!Hj212Codec.isNumber(text)) {
                dropped.add(new Rejection("hj212-bad-value", code + "-" + valueSuffix + " (" + field + ") " + Rejection.quote(text)
                        + " is not a number; the packet's other values are stored", id));
                return;
            }
            String flag = fields.get("Flag");
            if (flag != null && DataFlag.of(flag).isEmpty()) {
                dropped.add(new Rejection("invalid-flag", code + "-Flag (" + field + ") " + Rejection.quote(flag)
                        + " is not an HJ 212 data flag (N F M S D C T B); the packet's other values are stored", id));
                return;
            }
            double value = Double.parseDouble(text);
            Unit from = deviceUnits.get(field);
            if (from != null) {
                value = from.convert(value, contractUnit(measurement, field, from));
            }
            values.put(field, value);
            if (flag != null && !"N".equals(flag)) {
                flags.put(field, flag);
            }
        }));
        if (values.isEmpty()) {
            throw new Rejection("hj212-no-values", "no factor with a contract field and a valid -" + valueSuffix + " value"
                    + (dropped.isEmpty() ? "" : ": " + dropped.stream().map(Rejection::detail).toList()), id);
        }
        return new Reading(measurement, id, dataTime.atZone(BeijingTime.ZONE).toInstant(), interval, values, flags);
    }

    /** The contract's unit for a field, of the same kind as the device's unit. */
    private static Unit contractUnit(Measurement measurement, String field, Unit deviceUnit) {
        return switch (deviceUnit.kind()) {
            case MASS_CONCENTRATION -> measurement == Measurement.CEMS || MG_M3_AMBIENT.contains(field)
                    ? Unit.MG_M3 : Unit.UG_M3;
            case FLOW -> Unit.M3_H;
            case PRESSURE -> measurement == Measurement.CEMS ? Unit.KPA : Unit.HPA;
            default -> deviceUnit;
        };
    }
}
