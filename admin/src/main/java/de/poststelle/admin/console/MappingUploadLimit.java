package de.poststelle.admin.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a mapping CSV upload over the limit back to the mappings page, which then says why. It has
 * to act before anything reads the request: Tomcat refuses an oversized body when the first
 * parameter is asked for, and that is the CSRF check, which would end in a bare error page. The
 * limit is the multipart request size, so Tomcat's own limit is never reached from the form.
 */
final class MappingUploadLimit extends OncePerRequestFilter {

    static final String TOO_LARGE = "too-large";
    private static final Pattern IMPORT = Pattern.compile("/tenants/(\\d+)/mappings/import");
    /** The rest of a body up to this many times the limit is read and dropped, so the browser, still sending, sees the answer. */
    private static final int DRAINED_LIMITS = 4;

    private final long maxBytes;

    MappingUploadLimit(DataSize limit) {
        this.maxBytes = limit.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = IMPORT.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!"POST".equals(request.getMethod()) || !path.matches() || request.getContentLengthLong() <= maxBytes) {
            chain.doFilter(request, response);
            return;
        }
        request.getInputStream().skip(DRAINED_LIMITS * maxBytes);
        response.sendRedirect(request.getContextPath() + "/tenants/" + path.group(1) + "/mappings?upload=" + TOO_LARGE);
    }
}
