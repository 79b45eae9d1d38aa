/**
 * Reading ICE's published 287(g) spreadsheets: pure parsing, no database, no Axon.
 *
 * <p>Entry points: {@link org.agreementledger.importing.Publication#of(java.nio.file.Path)} identifies a
 * file (list, date, am/pm edition, SHA-256); {@link org.agreementledger.importing.IceSheetReader} opens it
 * as an {@link org.agreementledger.importing.IceSheet} that hands out one
 * {@link org.agreementledger.importing.SheetRow} (or {@link org.agreementledger.importing.PendingRow}) or
 * {@link org.agreementledger.importing.RowProblem} per non-blank data row, without holding the sheet.
 *
 * <p>What ICE's sheets of 2025-05-16 to 2025-06-06 actually contain, and so what the reader copes with:
 * <ul>
 *   <li>one worksheet; header {@code STATE | LAW ENFORCEMENT AGENCY | TYPE | COUNTY | SUPPORT TYPE | SIGNED | MOA}
 *       (no ADDENDUM column in any of them, despite the README); the pending list has the first five only;</li>
 *   <li>13 or so blank formatted rows after the data, and styled empty cells out to column M;</li>
 *   <li>SIGNED an Excel serial in every row but one: {@code 05/082025} for Campbell County Sheriff's Office
 *       (VA, Task Force Model), repaired by {@link org.agreementledger.importing.SignedDateRule#MISSING_SEPARATOR};</li>
 *   <li>COUNTY the error {@code #N/A} (a failed lookup) for most municipal and state agencies: read as no county;</li>
 *   <li>MOA the word {@code link} hyperlinked to ice.gov, {@code link pending}, once the URL itself, and
 *       {@code link\u00a0|\u00a0addendum} with no hyperlink left at all (Aransas, Montgomery, Nueces, TX);</li>
 *   <li>agency names with trailing spaces, and straight and curly apostrophes for the same agency in the same
 *       sheet ({@code Calhoun County Sheriff's Office} / {@code Calhoun County Sheriff’s Office}): the name is kept
 *       as printed, and {@link org.agreementledger.api.AgencyId} folds both to one id;</li>
 *   <li>rows sorted differently from one edition to the next, so a row number identifies a row in one file only.</li>
 * </ul>
 */
package org.agreementledger.importing;
