package io.thumbflow.core;

/**
 * The Lambda invocation that produced a result, for the run's cost: one record per invocation,
 * repeated on each result it produced (the aggregate counts each {@code requestId} once).
 *
 * @param requestId the Lambda request id
 * @param memoryMb the function's memory size (MB)
 * @param durationMs how long the handler ran (ms), what Lambda bills (rounded up to 1 ms)
 * @param architecture {@code arm64} or {@code x86_64}
 * @param coldStart true for the first invocation of a container (its init may be billed too)
 */
public record Invocation(
    String requestId, int memoryMb, double durationMs, String architecture, boolean coldStart) {}
