package dev.concurrency.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Outcome;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Values compare and print by content: arrays, nested arrays, records holding arrays, lists of arrays. */
@Timeout(10)
class ValuesTest {

    record Holder(String label, int[] numbers) {
    }

    /** Its own equals ignores case. */
    record Tag(String name) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Tag t && t.name.equalsIgnoreCase(name);
        }

        @Override
        public int hashCode() {
            return name.toLowerCase(java.util.Locale.ROOT).hashCode();
        }
    }

    @Test
    void primitiveAndNestedArraysCompareByContent() {
        assertThat(Values.contentEquals(new int[] {1, 2}, new int[] {1, 2})).isTrue();
        assertThat(Values.contentEquals(new int[] {1, 2}, new int[] {2, 1})).isFalse();
        assertThat(Values.contentEquals(new int[] {1}, new long[] {1})).isFalse();
        assertThat(Values.contentEquals(new int[][] {{1}, {2, 3}}, new int[][] {{1}, {2, 3}})).isTrue();
        assertThat(Values.contentEquals(new int[][] {{1}, {2, 3}}, new int[][] {{1}, {2, 4}})).isFalse();
        assertThat(Values.contentEquals(new Object[] {"a", new byte[] {7}}, new Object[] {"a", new byte[] {7}})).isTrue();
        assertThat(Values.contentEquals(new double[] {Double.NaN}, new double[] {Double.NaN}))
                .as("as Arrays.equals does").isEqualTo(Arrays.equals(new double[] {Double.NaN}, new double[] {Double.NaN}));
        assertThat(Values.contentEquals(new int[0], null)).isFalse();
        assertThat(Values.contentEquals(null, null)).isTrue();
    }

    @Test
    void recordsHoldingArraysAndListsOfArraysCompareByContent() {
        assertThat(Values.contentEquals(new Holder("x", new int[] {1}), new Holder("x", new int[] {1}))).isTrue();
        assertThat(Values.contentEquals(new Holder("x", new int[] {1}), new Holder("x", new int[] {2}))).isFalse();
        assertThat(Values.contentEquals(new Holder("x", new int[] {1}), new Holder("y", new int[] {1}))).isFalse();
        assertThat(Values.contentEquals(List.of(new int[] {1}), List.of(new int[] {1}))).isTrue();
        assertThat(Values.contentEquals(List.of(new int[] {1}), List.of(new int[] {1}, new int[0]))).isFalse();
        assertThat(Values.contentEquals(new Tag("A"), new Tag("a"))).as("a record's own equals counts").isTrue();
        assertThat(Values.contentEquals(new Tag("A"), new Tag("b"))).isFalse();
    }

    @Test
    void describeShowsContent() {
        assertThat(Values.describe(new int[][] {{1, 2}, {3}})).isEqualTo("[[1, 2], [3]]");
        assertThat(Values.describe(new Holder("x", new int[] {1, 2}))).isEqualTo("Holder[label=x, numbers=[1, 2]]");
        assertThat(Values.describe(List.of(new long[] {4}))).isEqualTo("[[4]]");
        assertThat(Values.describe(null)).isEqualTo("null");
        assertThat(Values.describe(new Tag("t"))).as("no array inside: its own toString").isEqualTo("Tag[name=t]");
        assertThat(Outcomes.describe(new Outcome.Success<>(new char[] {'h', 'i'}))).isEqualTo("Success([h, i])");
    }

    @Test
    void outcomesUseContentByDefaultAndAnEquivalenceWhenGiven() {
        Outcome<int[]> a = new Outcome.Success<>(new int[] {1, 2});
        Outcome<int[]> b = new Outcome.Success<>(new int[] {1, 2});
        assertThat(Outcomes.equivalent(a, b)).isTrue();
        assertThat(Outcomes.equivalent(a, b, (x, y) -> x == y)).isFalse();
        Outcome<String> upper = new Outcome.Success<>("A");
        Outcome<String> lower = new Outcome.Success<>("a");
        assertThat(Outcomes.equivalent(upper, lower)).isFalse();
        assertThat(Outcomes.equivalent(upper, lower, String::equalsIgnoreCase)).isTrue();
        assertThat(Outcomes.equivalent(upper, new Outcome.Cancelled<>(), (x, y) -> true)).isFalse();
    }
}
