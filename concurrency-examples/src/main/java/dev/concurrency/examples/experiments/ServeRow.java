package dev.concurrency.examples.experiments;

import dev.concurrency.Gil;
import dev.concurrency.Strategy;
import dev.concurrency.examples.load.LoadClient;
import dev.concurrency.examples.text.Figures;

/**
 * One row of the {@code serve} experiment: an echo server under a strategy
 * and a lock, with so many connections at once.
 *
 * @param strategy             how the server served each connection
 * @param gil                  the lock its handlers ran under
 * @param connections          concurrent connections
 * @param result               what the load generator measured; {@code null} if the row failed
 * @param threads              threads the server added (its processes' threads with every connection open,
 *                             less this JVM's before the server started; -1 unknown)
 * @param residentBytes        the server's resident set with every connection open (its workers' included)
 * @param residentPerConnection the rise of that resident set as the connections opened (the server idle before),
 *                             per connection; NaN unknown
 * @param failure              why there are no figures; {@code null} if there are
 */
record ServeRow(Strategy strategy, Gil gil, int connections, LoadClient.Result result, long threads,
                long residentBytes, double residentPerConnection, String failure) {

    /**
     * @param strategy    the strategy
     * @param gil         the lock
     * @param connections the connections
     * @param failure     why it has no figures
     * @return a row without figures
     */
    static ServeRow failed(Strategy strategy, Gil gil, int connections, String failure) {
        return new ServeRow(strategy, gil, connections, null, -1, -1, Double.NaN, failure);
    }

    /** @return whether it has figures */
    boolean ran() {
        return failure == null;
    }

    /** @return {@code THREAD, no GIL} */
    String label() {
        return strategy + ", " + Figures.label(gil);
    }

    /** @return requests per second; NaN if it did not run */
    double requestsPerSecond() {
        return ran() ? result.requestsPerSecond() : Double.NaN;
    }
}
