package org.movierec.training.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** When a RUNNING run counts as left by a process that is gone. */
class RunOwnerTest {

    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofMinutes(10);
    private final RunOwner here = new RunOwner("box", 100, 1_000);

    private static Map<String, String> tags(String host, long pid, long started, Instant heartbeat) {
        Map<String, String> tags = new HashMap<>(new RunOwner(host, pid, started).tags());
        if (heartbeat != null) {
            tags.put(RunOwner.HEARTBEAT_TAG, Long.toString(heartbeat.toEpochMilli()));
        }
        return tags;
    }

    @Test
    void aRunOfThisHostIsOrphanedAtOnceWhenItsProcessIsGoneWhateverItsHeartbeat() {
        Map<String, String> tags = tags("box", 200, 5_000, NOW);
        assertThat(here.orphanReason(tags, 0, NOW, STALE_AFTER, pid -> Optional.empty()))
                .contains("its process (pid 200 on box) is gone");
    }

    @Test
    void aRunOfThisHostWhosePidIsAnotherProcessNowIsOrphaned() {
        Map<String, String> tags = tags("box", 200, 5_000, NOW);
        assertThat(here.orphanReason(tags, 0, NOW, STALE_AFTER, pid -> Optional.of(9_000L)).orElseThrow())
                .contains("pid 200 is another process now");
        assertThat(here.orphanReason(tags, 0, NOW, STALE_AFTER, pid -> Optional.of(5_400L)))
                .as("the same process: its start read again within a second").isEmpty();
    }

    @Test
    void aRunOfThisHostWhoseProcessLivesIsNotOrphanedEvenWithoutARecentHeartbeat() {
        Map<String, String> tags = tags("box", 200, 5_000, NOW.minus(Duration.ofHours(3)));
        assertThat(here.orphanReason(tags, 0, NOW, STALE_AFTER, pid -> Optional.of(5_000L))).isEmpty();
    }

    @Test
    void aRunOfAnotherHostIsOrphanedOnlyAfterItsHeartbeatIsStale() {
        LongFunction<Optional<Long>> never = pid -> {
            throw new AssertionError("another host's process is not looked up");
        };
        assertThat(here.orphanReason(tags("other", 200, 5_000, NOW.minusSeconds(599)), 0, NOW, STALE_AFTER, never))
                .isEmpty();
        assertThat(here.orphanReason(tags("other", 200, 5_000, NOW.minusSeconds(601)), 0, NOW, STALE_AFTER, never)
                .orElseThrow()).isEqualTo("no heartbeat from pid 200 on other since 2026-01-05T11:49:59Z (more than PT10M)");
    }

    @Test
    void aRunWithoutOwnerTagsIsJudgedByItsStart() {
        long started = NOW.minus(Duration.ofMinutes(11)).toEpochMilli();
        assertThat(here.orphanReason(Map.of(), started, NOW, STALE_AFTER, pid -> Optional.empty()).orElseThrow())
                .startsWith("no heartbeat, and no sign of life since it started, from its process since 2026-01-05T11:49:00Z");
        assertThat(here.orphanReason(Map.of(), NOW.minusSeconds(60).toEpochMilli(), NOW, STALE_AFTER,
                pid -> Optional.empty())).isEmpty();
    }
}
