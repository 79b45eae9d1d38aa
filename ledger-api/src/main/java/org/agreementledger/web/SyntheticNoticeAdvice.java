package org.agreementledger.web;

import org.agreementledger.database.DatabaseAvailability;
import org.agreementledger.database.DatabaseOutages;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.agreementledger.demo.LedgerSources;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * On a ledger holding synthetic data, every JSON object the ledger's API answers carries
 * {@code "synthetic": true} and the plain-words {@code "notice"}, whatever the endpoint, so nobody
 * quotes a demo figure as a real one. Arrays (an agreement's history) say it in each event's source.
 */
@RestControllerAdvice(basePackages = "org.agreementledger")
class SyntheticNoticeAdvice extends JsonObjectNotice {

    private final LedgerSources sources;
    private final DatabaseAvailability database;

    SyntheticNoticeAdvice(LedgerSources sources, ObjectMapper json, DatabaseAvailability database) {
        super(json);
        this.sources = sources;
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
    protected Consumer<ObjectNode> notice(ServerHttpRequest request, ServerHttpResponse response) {
        if (!request.getURI().getPath().startsWith("/api/") || !holdsSynthetic()) {
            return null;
        }
        return object -> {
            object.put("synthetic", true);
            object.put("notice", LedgerSources.NOTICE);
        };
    }
}
