package org.movierec.training.tracking;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The process that runs an MLflow run, as tags of the run, so that a later run can tell a run whose process is gone
 * (killed, or ended while MLflow could not be told) from one still going: its host, its process id and the process's
 * start (a pid reused by another process does not pass for it), and a heartbeat the process renews while it lives.
 *
 * @param host           the host name
 * @param pid            the process id
 * @param processStarted when the process started (epoch milliseconds); 0 when the system does not say
 */
public record RunOwner(String host, long pid, long processStarted) {

    public static final String HOST_TAG = "movierec.host";
    public static final String PID_TAG = "movierec.pid";
    public static final String PROCESS_STARTED_TAG = "movierec.process_started";
    /** Epoch milliseconds of the last heartbeat of the run's process. */
    public static final String HEARTBEAT_TAG = "movierec.heartbeat";
    /** Why a later run marked the run FAILED: its process was gone. */
    public static final String ORPHANED_TAG = "movierec.orphaned";

    /** This process. */
    public static RunOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new RunOwner(hostName(), self.pid(), startOf(self));
    }

    /** The tags that name this owner. */
    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(HOST_TAG, host);
        tags.put(PID_TAG, Long.toString(pid));
        tags.put(PROCESS_STARTED_TAG, Long.toString(processStarted));
        return tags;
    }

    /**
     * Why the RUNNING run with {@code tags}, started at {@code runStarted} (epoch milliseconds), has no process any
     * more, as seen from this process ({@code this}); empty while it may still be running. On this host the process
     * is looked up ({@code processStart}: the start of the live process with a pid, empty when there is none): gone,
     * or another process under its pid (started more than a second apart from the recorded start), and the run is
     * orphaned at once. A run of another host (or one without these
     * tags) is orphaned when its last heartbeat (else its start) is older than {@code staleAfter}.
     */
    public Optional<String> orphanReason(Map<String, String> tags, long runStarted, Instant now, Duration staleAfter,
                                         LongFunction<Optional<Long>> processStart) {
        String runHost = tags.get(HOST_TAG);
        Long runPid = number(tags.get(PID_TAG));
        if (host.equals(runHost) && runPid != null) {
            Optional<Long> started = processStart.apply(runPid);
            Long recorded = number(tags.get(PROCESS_STARTED_TAG));
            if (started.isEmpty()) {
                return Optional.of("its process (pid " + runPid + " on " + runHost + ") is gone");
            }
            if (recorded != null && recorded != 0 && started.get() != 0 && Math.abs(recorded - started.get()) > 1_000) {
                return Optional.of("its process (pid " + runPid + " on " + runHost + ", started "
                        + Instant.ofEpochMilli(recorded) + ") is gone: pid " + runPid + " is another process now");
            }
            return Optional.empty();
        }
        Long heartbeat = number(tags.get(HEARTBEAT_TAG));
        long last = heartbeat != null ? heartbeat : runStarted;
        if (now.toEpochMilli() - last > staleAfter.toMillis()) {
            return Optional.of((heartbeat != null ? "no heartbeat" : "no heartbeat, and no sign of life since it started,")
                    + " from " + (runHost != null ? "pid " + runPid + " on " + runHost : "its process") + " since "
                    + Instant.ofEpochMilli(last) + " (more than " + staleAfter + ")");
        }
        return Optional.empty();
    }

    /** The start of the live process {@code pid} (epoch milliseconds, 0 when unknown); empty when there is none. */
    public static Optional<Long> liveProcessStart(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(RunOwner::startOf);
    }

    private static long startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
