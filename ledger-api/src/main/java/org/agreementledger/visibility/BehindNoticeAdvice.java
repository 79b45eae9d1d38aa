package org.agreementledger.visibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * An answer whose reports are behind the ledger says so in its JSON too, not only in a header a
 * client may not look at: {@code ledgerPosition} and {@code ledgerBehind}, mirroring the headers.
 * A current answer carries neither, so its document is what it always was.
 */
@RestControllerAdvice(basePackages = "org.agreementledger")
class BehindNoticeAdvice implements ResponseBodyAdvice<Object> {

    private final ObjectMapper json;

    BehindNoticeAdvice(ObjectMapper json) {
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
        String behind = response.getHeaders().getFirst(LedgerHeaders.BEHIND);
        String position = response.getHeaders().getFirst(LedgerHeaders.POSITION);
        if (body == null || body instanceof ProblemDetail || behind == null || position == null) {
            return body;
        }
        JsonNode tree = json.valueToTree(body);
        if (tree instanceof ObjectNode object) {
            object.put("ledgerPosition", Long.parseLong(position));
            object.put("ledgerBehind", Long.parseLong(behind));
            return object;
        }
        return body;
    }
}
