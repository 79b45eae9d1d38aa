package org.agreementledger.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** An interceptor of reads (GET and HEAD) only: a write goes on untouched, to be checked and answered on its own. */
public abstract class ReadInterceptor implements HandlerInterceptor {

    @Override
    public final boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        boolean read = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
        return !read || beforeRead(request, response);
    }

    /**
     * Runs before a read's handler: false when the read is answered here already (304 Not Modified,
     * say), and an exception refuses it.
     */
    protected abstract boolean beforeRead(HttpServletRequest request, HttpServletResponse response);
}
