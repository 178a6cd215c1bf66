package cn.yq.aq.alert.event;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

import cn.yq.aq.standards.warning.WarningLevel;

/**
 * An alert's {@code level}, typed: a heavy-pollution warning's colour (the standards' {@link WarningLevel},
 * from the decision to the channel's text), its lifting, an ozone health advice, or the plain code of another
 * alert type ({@code failed}, {@code offline}, {@code at-risk} …). The webhook contract carries {@link #code()}.
 */
public sealed interface AlertLevel {

    /** The contract's {@code level} (what Jackson writes). */
    @JsonValue
    String code();

    /** 黄色预警, 解除预警 …: how a warning's channel text names it; empty for other alerts. */
    default Optional<String> warningZh() {
        return Optional.empty();
    }

    /** The colour a robot's markdown shows it in (DingTalk takes hex). */
    default String hex() {
        return "#333333";
    }

    /** WeCom's markdown colour name (it has three: info green, warning orange, comment grey). */
    default String wecomColour() {
        return "comment";
    }

    /** A warning of at least {@code min} (the channels' {@code minLevel}); liftings and advice always pass. */
    default boolean reaches(WarningLevel min) {
        return true;
    }

    /** Whether the robots @ people for it: red warnings only. */
    default boolean callsPeople() {
        return false;
    }

    /** A heavy-pollution warning issued or changed to {@code level} (yellow, orange or red). */
    record Warning(WarningLevel level) implements AlertLevel {
        @Override
        public String code() {
            return level.code();
        }

        @Override
        public Optional<String> warningZh() {
            return Optional.of(level.nameZh());
        }

        @Override
        public String hex() {
            return level.hex();
        }

        @Override
        public String wecomColour() {
            return "warning";
        }

        @Override
        public boolean reaches(WarningLevel min) {
            return level.atLeast(min);
        }

        @Override
        public boolean callsPeople() {
            return level == WarningLevel.RED;
        }
    }

    /** A heavy-pollution warning lifted. */
    record Lifted() implements AlertLevel {
        @Override
        public String code() {
            return "lifted";
        }

        @Override
        public Optional<String> warningZh() {
            return Optional.of("解除预警");
        }

        @Override
        public String hex() {
            return WarningLevel.NONE.hex();
        }

        @Override
        public String wecomColour() {
            return "info";
        }
    }

    /** An ozone health advice (a heavy-pollution warning type without a warning level). */
    record Advice() implements AlertLevel {
        @Override
        public String code() {
            return "advice";
        }

        @Override
        public Optional<String> warningZh() {
            return Optional.of("健康提示");
        }

        @Override
        public String wecomColour() {
            return "warning";
        }
    }

    /** The level of another alert type, as its monitor names it. */
    record Other(String code) implements AlertLevel {
    }

    /** A warning's level (NONE is a lifting). */
    static AlertLevel warning(WarningLevel level) {
        return level == WarningLevel.NONE ? new Lifted() : new Warning(level);
    }

    /** The level of an alert read back from its contract JSON. */
    static AlertLevel of(AlertType type, String code) {
        if (type != AlertType.HEAVY_POLLUTION_WARNING) {
            return new Other(code);
        }
        if ("lifted".equals(code)) {
            return new Lifted();
        }
        return WarningLevel.ofCode(code).filter(l -> l != WarningLevel.NONE).<AlertLevel>map(Warning::new)
                .orElseGet(Advice::new);
    }
}
