package org.samepath.notification.inbox;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Keeps the stream endpoint out of observations. Spring MVC's {@code http.server.requests} observation of an
 * asynchronous request lasts until the response ends: for a stream open for half an hour, a trace span with its
 * events and a long-task-timer sample, held for every one of thousands of streams (and the security filters'
 * observations, children of it). A stream is not a request worth timing; its problems show in its own logs.
 */
final class StreamObservations implements ObservationPredicate {

    static final String STREAM_PATH = "/api/v1/notifications/stream";

    @Override
    public boolean test(String name, Observation.Context context) {
        HttpServletRequest request =
                context instanceof ServerRequestObservationContext server ? server.getCarrier() : currentRequest();
        return request == null || !isStream(request);
    }

    private static boolean isStream(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && uri.equals(request.getContextPath() + STREAM_PATH);
    }

    /** The request this thread serves, if any (set by Spring's request context filter, before the security filters). */
    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }
}
