package dev.concurrency.hazelcast.internal;

import dev.concurrency.Gil;
import java.time.Duration;

/**
 * A {@link Gil} on its way to a member ({@code Gil} itself is not serializable);
 * {@link ClusterTask} writes its three fields.
 *
 * @param kind          the lock's kind
 * @param switchNanos   python3's switch interval, in nanoseconds; 0 otherwise
 * @param checkInterval python2's check interval; 0 otherwise
 */
record GilForm(Gil.Kind kind, long switchNanos, int checkInterval) {

    static GilForm of(Gil gil) {
        return new GilForm(gil.kind(), gil.switchInterval().map(Duration::toNanos).orElse(0L),
                gil.checkInterval().orElse(0));
    }

    Gil gil() {
        return switch (kind) {
            case OFF -> Gil.off();
            case PYTHON3 -> Gil.python3(Duration.ofNanos(switchNanos));
            case PYTHON2 -> Gil.python2(checkInterval);
        };
    }
}
