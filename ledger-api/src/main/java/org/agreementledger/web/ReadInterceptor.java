package org.agreementledger.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** An interceptor of reads (GET and HEAD) only: a write goes on untouched, to be checked and answered on its own. */
public abstract class ReadInterceptor implements HandlerInterceptor {

    @Override
    public final boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())) {
            beforeRead(response);
        }
        return true;
    }

    /** Runs before a read's handler; an exception refuses the read. */
    protected abstract void beforeRead(HttpServletResponse response);
}
