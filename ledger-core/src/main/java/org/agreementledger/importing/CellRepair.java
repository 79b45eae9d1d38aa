package org.agreementledger.importing;

/**
 * A cell the importer read by a {@link SpellingRule} rather than as written.
 *
 * @param column the column's header as ICE prints it
 * @param raw    the cell as printed
 * @param readAs what it was read as (a state's or model's name)
 * @param rule   the rule that read it
 */
public record CellRepair(String column, String raw, String readAs, SpellingRule rule) {
}
