package org.agreementledger.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agreementledger.api.UsState;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The figures in {@code published-figures.json}, read once and checked at start-up: a misspelt
 * scope or measure in the file stops the application rather than reconciling nonsense.
 */
@Component
public class PublishedFigures {

    static final String FILE = "published-figures.json";

    private final List<PublishedFigure> figures;

    PublishedFigures(ObjectMapper json) throws IOException {
        try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
            JsonNode root = json.readTree(in);
            List<PublishedFigure> read = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (JsonNode node : root.path("figures")) {
                PublishedFigure figure = json.treeToValue(node, PublishedFigure.class);
                check(figure, ids);
                read.add(figure);
            }
            this.figures = List.copyOf(read);
        }
    }

    public List<PublishedFigure> all() {
        return figures;
    }

    private static void check(PublishedFigure figure, Set<String> ids) {
        String where = FILE + ": figure '" + figure.id() + "' ";
        if (figure.id() == null || !ids.add(figure.id())) {
            throw new IllegalStateException(where + "needs an id of its own");
        }
        if (figure.measure() == null || figure.date() == null || figure.source() == null || figure.scope() == null) {
            throw new IllegalStateException(where + "needs measure, scope, date and source");
        }
        if (!PublishedFigure.NATION.equals(figure.scope())) {
            UsState.valueOf(figure.scope()); // a USPS code, or start-up fails naming it
            if (figure.measure() == Measure.STATES) {
                throw new IllegalStateException(where + "counts states within one state");
            }
        }
    }
}
