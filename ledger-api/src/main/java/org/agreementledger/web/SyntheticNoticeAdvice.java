package org.agreementledger.web;

import org.agreementledger.database.DatabaseAvailability;
import org.agreementledger.database.DatabaseOutages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agreementledger.demo.app.LedgerSources;
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
    private final DatabaseAvailability database;

    SyntheticNoticeAdvice(LedgerSources sources, ObjectMapper json, DatabaseAvailability database) {
        this.sources = sources;
        this.json = json;
        this.database = database;
    }

    /**
     * While the database is out only the status answers, and it cannot be asked; the status says the
     * database is out, and the notice returns with it.
     */
    private boolean holdsSynthetic() {
        if (!database.up()) {
            return false;
        }
        try {
            return sources.holdsSynthetic();
        } catch (RuntimeException e) {
            if (DatabaseOutages.isOutage(e)) {
                return false;
            }
            throw e;
        }
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
                || !holdsSynthetic()) {
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
