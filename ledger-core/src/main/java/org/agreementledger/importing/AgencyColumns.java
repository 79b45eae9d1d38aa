package org.agreementledger.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/**
 * The columns both of ICE's lists share (STATE, LAW ENFORCEMENT AGENCY, TYPE, COUNTY, SUPPORT
 * TYPE), read with the domain's own parsers so a sheet and a command agree on what a state or a
 * model is.
 */
final class AgencyColumns {

    /** A sheet spells its 40-odd states and 3 models a few ways, so each spelling is parsed once. */
    private static final int MAX_REMEMBERED = 1024;

    private final SheetHeader header;
    private final Map<String, Spellings.Spelled<UsState>> states = new HashMap<>();
    private final Map<String, Spellings.Spelled<SupportModel>> models = new HashMap<>();
    /** The spelling repairs made while reading the current row. */
    private final List<CellRepair> repairs = new ArrayList<>();

    AgencyColumns(SheetHeader header) {
        this.header = header;
    }

    /** What a row of either list says of its agency, and the spelling repairs made reading it. */
    record Agency(UsState state, String agencyName, String agencyType, String county, SupportModel model,
                  List<CellRepair> repairs) {
    }

    /**
     * A data row made into a line from its agency's columns (and whatever else {@code line} reads):
     * null for a blank row, the row's problem when one of them cannot be read.
     */
    <L> L line(RawRow row, Function<Agency, L> line, Function<RowProblem, L> unreadable) {
        if (row.blank()) {
            return null;
        }
        try {
            UsState state = state(row);
            String agencyName = agencyName(row);
            SupportModel model = model(row);
            return line.apply(new Agency(state, agencyName, optional(row, SheetColumn.TYPE),
                    optional(row, SheetColumn.COUNTY), model, takeRepairs()));
        } catch (Unreadable e) {
            takeRepairs();
            return unreadable.apply(e.problem());
        }
    }

    UsState state(RawRow row) {
        String text = required(row, SheetColumn.STATE);
        Spellings.Spelled<UsState> state = states.get(text);
        if (state == null) {
            state = spelled(row, SheetColumn.STATE, text, () -> UsState.parse(SheetColumn.STATE.header(), text),
                    () -> Spellings.state(text));
            remember(states, text, state);
        }
        return note(SheetColumn.STATE, text, state, state.value().title());
    }

    private interface Parse<T> {
        T parse();
    }

    /** As written if the domain's parser reads it, else by a spelling rule, else the row is unreadable. */
    private <T> Spellings.Spelled<T> spelled(RawRow row, SheetColumn column, String text, Parse<T> asWritten,
                                             java.util.function.Supplier<Spellings.Spelled<T>> byRule) {
        try {
            return new Spellings.Spelled<>(asWritten.parse(), null);
        } catch (InvalidFieldException e) {
            Spellings.Spelled<T> repaired = byRule.get();
            if (repaired == null) {
                throw new Unreadable(problem(row, column, e.problem() + "; no spelling rule reads it"));
            }
            return repaired;
        }
    }

    private <T> T note(SheetColumn column, String text, Spellings.Spelled<T> spelled, String readAs) {
        if (spelled.rule() != null) {
            repairs.add(new CellRepair(column.header(), text, readAs, spelled.rule()));
        }
        return spelled.value();
    }

    /** The repairs made since the last call: a row reader takes them once per row. */
    List<CellRepair> takeRepairs() {
        if (repairs.isEmpty()) {
            return List.of();
        }
        List<CellRepair> taken = List.copyOf(repairs);
        repairs.clear();
        return taken;
    }

    private static <T> void remember(Map<String, T> parsed, String text, T value) {
        if (parsed.size() < MAX_REMEMBERED) {
            parsed.put(text, value);
        }
    }

    /** As printed; refused here by SignAgreement's own rule, so the refusal names the row. */
    String agencyName(RawRow row) {
        String name = required(row, SheetColumn.AGENCY);
        try {
            return Fields.agencyName(SheetColumn.AGENCY.header(), name);
        } catch (InvalidFieldException e) {
            throw new Unreadable(problem(row, SheetColumn.AGENCY, e.problem()));
        }
    }

    SupportModel model(RawRow row) {
        String text = required(row, SheetColumn.SUPPORT_TYPE);
        Spellings.Spelled<SupportModel> model = models.get(text);
        if (model == null) {
            model = spelled(row, SheetColumn.SUPPORT_TYPE, text,
                    () -> SupportModel.parse(SheetColumn.SUPPORT_TYPE.header(), CellText.clean(text)),
                    () -> Spellings.model(text));
            remember(models, text, model);
        }
        return note(SheetColumn.SUPPORT_TYPE, text, model, model.value().title());
    }

    /** Text of an optional column, trimmed; null if blank, absent or an error such as #N/A. */
    String optional(RawRow row, SheetColumn column) {
        RawCell cell = header.cell(row, column);
        return cell == null ? null : cell.value();
    }

    RawCell cell(RawRow row, SheetColumn column) {
        return header.cell(row, column);
    }

    private String required(RawRow row, SheetColumn column) {
        RawCell cell = header.cell(row, column);
        String value = cell == null ? null : cell.value();
        if (value == null) {
            throw new Unreadable(problem(row, column, cell != null && cell.error()
                    ? "is the Excel error " + cell.text() + " instead of a value" : "is blank"));
        }
        return value;
    }

    RowProblem problem(RawRow row, SheetColumn column, String message) {
        RawCell cell = header.cell(row, column);
        String raw = cell == null || cell.text() == null ? "" : cell.text();
        return new RowProblem(row.sheetRow(), column.header(), raw, message);
    }

    /** A row that cannot be read; carries its problem out of the column readers. */
    static final class Unreadable extends RuntimeException {
        private final RowProblem problem;

        Unreadable(RowProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }

        RowProblem problem() {
            return problem;
        }
    }
}
