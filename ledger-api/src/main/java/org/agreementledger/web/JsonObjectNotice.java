package org.agreementledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Fields added to a JSON object the API answers, when a subclass has something to say about the
 * answer. Problem documents, arrays and empty answers are left as they are.
 */
public abstract class JsonObjectNotice implements ResponseBodyAdvice<Object> {

    private final ObjectMapper json;

    protected JsonObjectNotice(ObjectMapper json) {
        this.json = json;
    }

    /** What this answer's object gains, or null to leave the answer as it is. */
    protected abstract Consumer<ObjectNode> notice(ServerHttpRequest request, ServerHttpResponse response);

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return MappingJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public final Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                        Class<? extends HttpMessageConverter<?>> converterType,
                                        ServerHttpRequest request, ServerHttpResponse response) {
        if (body == null || body instanceof ProblemDetail) {
            return body;
        }
        Consumer<ObjectNode> notice = notice(request, response);
        if (notice == null) {
            return body;
        }
        JsonNode tree = json.valueToTree(body);
        if (tree instanceof ObjectNode object) {
            notice.accept(object);
            return object;
        }
        return body;
    }
}
