package dev.concurrency;

/**
 * What a {@link Server} has done so far.
 *
 * <p>Immutable and thread-safe.
 *
 * @param accepted        connections accepted since the server started
 * @param active          connections being handled now
 * @param peakActive      the most connections handled at once
 * @param handlerFailures handlers that threw (or whose stage failed), their connections closed
 */
public record ServerStats(long accepted, int active, int peakActive, long handlerFailures)
        implements java.io.Serializable {

    /** Nothing yet. */
    public static final ServerStats NONE = new ServerStats(0, 0, 0, 0);

    /**
     * Checks the figures.
     *
     * @throws IllegalArgumentException if one is negative
     */
    public ServerStats {
        if (accepted < 0 || active < 0 || peakActive < 0 || handlerFailures < 0) {
            throw new IllegalArgumentException("server figures must not be negative: " + accepted + ", "
                    + active + ", " + peakActive + ", " + handlerFailures);
        }
    }

    /**
     * Adds another listener's figures (a worker's, a loop's) to these.
     *
     * @param other the other figures
     * @return the sums; peaks are added too, as the listeners served at the same time
     */
    public ServerStats plus(ServerStats other) {
        return new ServerStats(accepted + other.accepted, active + other.active, peakActive + other.peakActive,
                handlerFailures + other.handlerFailures);
    }
}
