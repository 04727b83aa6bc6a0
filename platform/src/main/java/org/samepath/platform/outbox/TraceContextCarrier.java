package org.samepath.platform.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries the trace of the request that caused an event across the outbox, so the Kafka hop that publishes it later,
 * on another thread, still belongs to that request's trace. Without tracing on the classpath it does nothing.
 */
public class TraceContextCarrier {

    private static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContextCarrier(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    String currentTraceparent() {
        if (tracer == null || propagator == null || tracer.currentSpan() == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(tracer.currentSpan().context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    <T> T inTrace(String traceparent, String spanName, Supplier<T> work) {
        if (tracer == null || propagator == null || traceparent == null) {
            return work.get();
        }
        Span span = propagator
                .extract(Map.of(TRACEPARENT, traceparent), Map::get)
                .name(spanName)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }
}
