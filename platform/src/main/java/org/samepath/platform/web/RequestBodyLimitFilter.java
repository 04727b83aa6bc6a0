package org.samepath.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over the limit with 413 problem+json before anything reads them. Bodies without a declared
 * length (chunked) are refused too, since an API client always knows the size of the JSON it sends.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final JsonMapper jsonMapper;

    public RequestBodyLimitFilter(long maxBodyBytes, JsonMapper jsonMapper) {
        this.maxBodyBytes = maxBodyBytes;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > maxBodyBytes || chunked) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The request body must declare its length and be at most " + maxBodyBytes + " bytes.");
            problem.setProperty("errors", java.util.List.of(new ProblemDetailsAdvice.FieldError("body", "too large")));
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            jsonMapper.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
