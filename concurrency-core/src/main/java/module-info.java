/**
 * concurrency: run the same {@link dev.concurrency.Task}s under every classic
 * concurrency model and measure what each costs. Only {@code dev.concurrency}
 * is exported; the engines behind each strategy are internal.
 */
module dev.concurrency {
    requires org.slf4j;
    requires org.jctools.core;
    requires jdk.management;

    exports dev.concurrency;
}
