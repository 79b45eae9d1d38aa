package org.agreementledger.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Requests are read strictly: a misspelt field is refused, not silently dropped (an archivist who
 * typed "signedon" must hear about it); a field given twice is refused, not settled by whichever
 * came last ({@code "state":"AL","state":"TX"} must not sign in Texas); and a value of the wrong
 * JSON type is refused, not converted ({@code "agencyName":12345} is not an agency's name,
 * {@code "sheetRow":"7"} or {@code 7.9} not a row). Every JSON request body is read by this one
 * converter. Stored events keep the lenient shared mapper, so an event written by an older version
 * always reads back.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper shared) {
        return new MappingJackson2HttpMessageConverter(strict(shared.copy()));
    }

    static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // text only from a JSON string
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        // whole numbers only from a JSON integer: not "7", not "", not 7.9 (which Jackson would cut to 7)
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Integer);
        return mapper;
    }

    /** A value of {@code type} is read only from its own JSON type, never converted from these. */
    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        MutableCoercionConfig config = mapper.coercionConfigFor(type);
        for (CoercionInputShape shape : shapes) {
            config.setCoercion(shape, CoercionAction.Fail);
        }
    }
}
