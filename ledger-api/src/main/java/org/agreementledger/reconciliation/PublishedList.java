package org.agreementledger.reconciliation;

import java.time.LocalDate;

/**
 * One of ICE's lists of participating agencies the ledger applied: the last of its day, so the list
 * the ledger's counts of that day, as known that day, are made of.
 *
 * @param agreementsListed distinct agreements the list prints
 * @param agenciesListed   distinct agencies by the name the list prints
 */
record PublishedList(String publicationId, String fileName, LocalDate publishedOn, long agreementsListed,
                     long agenciesListed) {
}
