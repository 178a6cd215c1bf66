package cn.yq.aq.alert.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.warning.WarningGrading;
import cn.yq.aq.standards.warning.WarningLevel;

/**
 * Whoever has received a warning sees it in the current state. The engine raises the alert (the
 * broker has it, the county's webhook may already have it) before it stores the new state; CI once
 * read {@code /warnings/current} in between and got 盂县 at "none" after its yellow warning had been
 * delivered. The broker and the bus are stand-ins here so that the moment in between can be held open.
 */
class WarningEngineReadTest {

    @Test
    void aReaderDuringAnAssessmentSeesItsOutcomeNotTheStateBefore() throws Exception {
        StateStore store = mock(StateStore.class);
        Map<String, String> documents = new ConcurrentHashMap<>();
        when(store.awaitReady(any())).thenReturn(true);
        when(store.get(anyString())).thenAnswer(i -> documents.get(i.getArgument(0, String.class)));
        doAnswer(i -> documents.put(i.getArgument(0), i.getArgument(1))).when(store).put(anyString(), anyString());

        AlertBus bus = mock(AlertBus.class);
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T23:05:00Z"), ZoneOffset.UTC); // 07:05 on 6 Dec in Yangquan
        when(bus.create(any(), any(cn.yq.aq.alert.event.AlertLevel.class), anyString(), any(), any(), any(), anyString(), anyString(), any()))
                .thenAnswer(i -> new Alert(UUID.randomUUID().toString(), i.getArgument(0), i.getArgument(1), i.getArgument(2),
                        i.getArgument(3), clock.instant(), i.getArgument(4), i.getArgument(5), i.getArgument(6),
                        i.getArgument(7), i.getArgument(8)));
        CountDownLatch delivered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        when(bus.raise(any())).thenAnswer(i -> {
            delivered.countDown(); // the broker has the alert: the county may be reading it now
            proceed.await(10, TimeUnit.SECONDS);
            return i.getArgument(0);
        });

        WarningEngine engine = new WarningEngine(WarningGrading.of2024(), bus, store, RegistryLoader.builtIn("yangquan"), clock,
                tools.jackson.databind.json.JsonMapper.builder().build());
        // HJ 633—2026 PM2.5 24-h 150 → 200, 250 → 300: 180 µg/m³ gives 230 > 200, one day: yellow (2024 grading)
        CompletableFuture<?> assessing = CompletableFuture.runAsync(() ->
                engine.onObserved("yuxian", new WarningEngine.Observed(230, Pollutant.PM25, clock.instant())));
        assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<WarningState> read = CompletableFuture.supplyAsync(() -> engine.current().stream()
                .filter(s -> s.scope().equals("yuxian")).findFirst().orElseThrow());
        Thread.sleep(300); // the reader is waiting for the assessment, not answering the state before it
        assertThat(read).isNotDone();
        proceed.countDown();
        assertThat(read.get(10, TimeUnit.SECONDS).level()).isEqualTo(WarningLevel.YELLOW);
        assessing.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReaderIsNotHeldForeverByAnAssessmentThatCannotFinish() throws Exception {
        StateStore store = mock(StateStore.class);
        when(store.awaitReady(any())).thenReturn(true);
        AlertBus bus = mock(AlertBus.class);
        Clock clock = Clock.systemUTC();
        when(bus.create(any(), any(cn.yq.aq.alert.event.AlertLevel.class), anyString(), any(), any(), any(), anyString(), anyString(), any()))
                .thenAnswer(i -> new Alert("a", i.getArgument(0), i.getArgument(1), i.getArgument(2), i.getArgument(3),
                        clock.instant(), null, null, "t", "x", Map.of()));
        CountDownLatch stuck = new CountDownLatch(1);
        when(bus.raise(any())).thenAnswer(i -> {
            stuck.countDown();
            Thread.sleep(60_000); // the broker does not answer
            return i.getArgument(0);
        });
        WarningEngine engine = new WarningEngine(WarningGrading.of2024(), bus, store, RegistryLoader.builtIn("yangquan"), clock,
                tools.jackson.databind.json.JsonMapper.builder().build());
        CompletableFuture.runAsync(() -> engine.onObserved("yuxian", new WarningEngine.Observed(230, Pollutant.PM25, clock.instant())));
        assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();

        long t0 = System.nanoTime();
        WarningState yuxian = engine.current().stream().filter(s -> s.scope().equals("yuxian")).findFirst().orElseThrow();
        Duration waited = Duration.ofNanos(System.nanoTime() - t0);
        // the stored state (none yet), after at most the settle time, and the other scopes are not held
        assertThat(yuxian.level()).isEqualTo(WarningLevel.NONE);
        assertThat(waited).isLessThan(WarningEngine.SETTLE.plusSeconds(2)).isGreaterThanOrEqualTo(WarningEngine.SETTLE.minusMillis(100));
    }
}
