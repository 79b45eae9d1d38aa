package org.agreementledger.visibility;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.agreementledger.web.JsonObjectNotice;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An answer whose reports are behind the ledger says so in its JSON too, not only in a header a
 * client may not look at: {@code ledgerPosition} and {@code ledgerBehind}, mirroring the headers.
 * A current answer carries neither, so its document is what it always was.
 */
@RestControllerAdvice(basePackages = "org.agreementledger")
class BehindNoticeAdvice extends JsonObjectNotice {

    BehindNoticeAdvice(ObjectMapper json) {
        super(json);
    }

    @Override
    protected Consumer<ObjectNode> notice(ServerHttpRequest request, ServerHttpResponse response) {
        String behind = response.getHeaders().getFirst(LedgerHeaders.BEHIND);
        String position = response.getHeaders().getFirst(LedgerHeaders.POSITION);
        if (behind == null || position == null) {
            return null;
        }
        return object -> {
            object.put("ledgerPosition", Long.parseLong(position));
            object.put("ledgerBehind", Long.parseLong(behind));
        };
    }
}
