package dev.concurrency.internal.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LinkTest {

    private static final class Element extends Link {
        final int id;

        Element(int id) {
            this.id = id;
        }
    }

    private static List<Integer> ids(Element first) {
        List<Integer> ids = new ArrayList<>();
        for (Link l = first; l != null; l = l.next()) {
            ids.add(((Element) l).id);
        }
        return ids;
    }

    @Test
    void pushedElementsComeFirstAndLeaveFromAnyPlaceOnce() {
        Element[] e = {new Element(0), new Element(1), new Element(2), new Element(3)};
        Element first = null;
        for (Element element : e) {
            first = Link.push(first, element);
        }
        assertThat(ids(first)).containsExactly(3, 2, 1, 0);
        first = Link.remove(first, e[1]); // a middle one
        assertThat(ids(first)).containsExactly(3, 2, 0);
        first = Link.remove(first, e[3]); // the first
        assertThat(ids(first)).containsExactly(2, 0);
        first = Link.remove(first, e[0]); // the last
        assertThat(ids(first)).containsExactly(2);
        assertThat(e[1].next()).as("a removed element keeps no link").isNull();
        first = Link.remove(first, e[1]); // not in the list any more: nothing changes
        assertThat(ids(first)).containsExactly(2);
        first = Link.push(first, e[1]); // and it may join again
        assertThat(ids(first)).containsExactly(1, 2);
        first = Link.remove(first, e[2]);
        first = Link.remove(first, e[1]);
        assertThat(first).isNull();
    }
}
