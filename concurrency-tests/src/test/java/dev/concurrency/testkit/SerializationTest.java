package dev.concurrency.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.Task;
import java.io.Serializable;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A task that cannot be copied gets an error that says how to fix it. */
@Timeout(10)
class SerializationTest {

    /** Not Serializable. */
    static final class Connection {
    }

    @Test
    void aCapturedLambdaOfAPlainInterfaceGetsTheIntersectionCastHint() {
        Callable<Integer> work = () -> 42;
        Task<Integer> task = ctx -> ctx.blocking(work);
        assertThatThrownBy(() -> Serialization.copy(task))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$$Lambda")
                .hasMessageContaining("intersection cast, such as (Callable<V> & Serializable) or (Task<V> & Serializable)");

        Callable<Integer> serializable = (Callable<Integer> & Serializable) () -> 42;
        Task<Integer> fixed = ctx -> ctx.blocking(serializable);
        assertThat(Serialization.copy(fixed)).isNotSameAs(fixed);
    }

    @Test
    void aCapturedObjectGetsTheSerializableOrTransientHint() {
        Connection connection = new Connection();
        Task<String> task = ctx -> connection.toString();
        assertThatThrownBy(() -> Serialization.copy(task))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("make " + Connection.class.getName() + " Serializable, mark the field that holds it"
                        + " transient, or do not capture it");
    }
}
