package org.agreementledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agreementledger.demo.LedgerSources;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * On a ledger holding synthetic data, every JSON object the ledger's API answers carries
 * {@code "synthetic": true} and the plain-words {@code "notice"}, whatever the endpoint, so nobody
 * quotes a demo figure as a real one. Arrays (an agreement's history) say it in each event's source.
 */
@RestControllerAdvice(basePackages = "org.agreementledger")
class SyntheticNoticeAdvice implements ResponseBodyAdvice<Object> {

    private final LedgerSources sources;
    private final ObjectMapper json;

    SyntheticNoticeAdvice(LedgerSources sources, ObjectMapper json) {
        this.sources = sources;
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return MappingJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body == null || body instanceof ProblemDetail || !request.getURI().getPath().startsWith("/api/")
                || !sources.holdsSynthetic()) {
            return body;
        }
        JsonNode tree = json.valueToTree(body);
        if (tree instanceof ObjectNode object) {
            object.put("synthetic", true);
            object.put("notice", LedgerSources.NOTICE);
            return object;
        }
        return body;
    }
}
