package dev.concurrency.testkit;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.BiPredicate;

/**
 * Compares and prints task results by content, the default with which
 * {@link Equivalence} and {@link Outcomes} compare values across strategies:
 *
 * <ul>
 *   <li>arrays, primitive or not and nested to any depth, element by element
 *       (an {@code int[]} is never equal to a {@code long[]});
 *   <li>records of the same class: equal if their own {@code equals} says so,
 *       or else if their components are equal by content, so that a record
 *       holding an array compares the array's elements (a copy made in a
 *       worker process is never identical to the original);
 *   <li>{@link List}s element by element, so that a list of arrays compares
 *       the arrays' elements;
 *   <li>anything else with {@code equals} (sets and maps included: their
 *       elements compare with their own {@code equals}).
 * </ul>
 *
 * <p>A record whose components this kit cannot read (a record in a named
 * module that does not open its package) is compared with {@code equals}
 * alone. {@link #describe} shows arrays, and records and lists holding
 * arrays, by content; anything else as its {@code toString} does.
 * For any other notion of "the same", pass your own {@code BiPredicate} to
 * {@link Equivalence} or {@link Outcomes#equivalent(dev.concurrency.Outcome,
 * dev.concurrency.Outcome, BiPredicate)}.
 *
 * <pre>{@code
 * Values.contentEquals(new int[][] {{1, 2}}, new int[][] {{1, 2}}); // true
 * Values.describe(new int[] {1, 2});                              // "[1, 2]"
 * }</pre>
 *
 * This class is stateless and thread-safe; it does not guard against a value
 * that contains itself.
 */
public final class Values {

    private static final BiPredicate<Object, Object> BY_CONTENT = Values::contentEquals;

    private Values() {
    }

    /** {@return {@link #contentEquals} as a predicate, for the kit's {@code BiPredicate} parameters} */
    public static BiPredicate<Object, Object> byContent() {
        return BY_CONTENT;
    }

    /**
     * {@return whether they are equal by content, as this class describes}
     *
     * @param a one value; may be {@code null}
     * @param b another; may be {@code null}
     */
    public static boolean contentEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.getClass().isArray() || b.getClass().isArray()) {
            return a.getClass() == b.getClass() && arraysEqual(a, b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return listsEqual(x, y);
        }
        if (a.equals(b)) {
            return true;
        }
        if (a.getClass().isRecord() && a.getClass() == b.getClass()) {
            List<Object> xs = components(a);
            List<Object> ys = components(b);
            return xs != null && ys != null && listsEqual(xs, ys);
        }
        return false;
    }

    /**
     * {@return its text, arrays and records or lists holding arrays shown by content, such as {@code [[1, 2], [3]]} or {@code Point[x=1, tags=[a, b]]}}
     *
     * @param value a value; may be {@code null}
     */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            StringJoiner text = new StringJoiner(", ", "[", "]");
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                text.add(describe(Array.get(value, i)));
            }
            return text.toString();
        }
        if (value instanceof List<?> list) {
            StringJoiner text = new StringJoiner(", ", "[", "]");
            list.forEach(element -> text.add(describe(element)));
            return text.toString();
        }
        if (type.isRecord() && holdsArray(value)) {
            List<Object> values = components(value);
            if (values != null) {
                StringJoiner text = new StringJoiner(", ", type.getSimpleName() + "[", "]");
                RecordComponent[] names = type.getRecordComponents();
                for (int i = 0; i < names.length; i++) {
                    text.add(names[i].getName() + "=" + describe(values.get(i)));
                }
                return text.toString();
            }
        }
        return String.valueOf(value);
    }

    private static boolean arraysEqual(Object a, Object b) {
        int n = Array.getLength(a);
        if (n != Array.getLength(b)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            // Boxed primitives compare as Arrays.equals does: floats and doubles by their bits.
            if (!contentEquals(Array.get(a, i), Array.get(b, i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean listsEqual(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> x = a.iterator();
        Iterator<?> y = b.iterator();
        while (x.hasNext()) {
            if (!contentEquals(x.next(), y.next())) {
                return false;
            }
        }
        return true;
    }

    /** {@return whether {@code value} is an array, or a record or list with an array somewhere inside} */
    private static boolean holdsArray(Object value) {
        if (value == null) {
            return false;
        }
        if (value.getClass().isArray()) {
            return true;
        }
        List<?> parts = value instanceof List<?> list ? list : value.getClass().isRecord() ? components(value) : null;
        return parts != null && parts.stream().anyMatch(Values::holdsArray);
    }

    /** {@return the record's component values in order, or {@code null} if they cannot be read from here} */
    private static List<Object> components(Object record) {
        RecordComponent[] parts = record.getClass().getRecordComponents();
        List<Object> values = new ArrayList<>(parts.length);
        try {
            for (RecordComponent part : parts) {
                var accessor = part.getAccessor();
                if (!accessor.canAccess(record) && !accessor.trySetAccessible()) {
                    return null;
                }
                values.add(accessor.invoke(record));
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
        return values;
    }

}
