package org.agreementledger.bench;

/** The store read once through Axon's reader (payloads deserialised): the in-memory baselines' input. */
record ReadOnceFigure(long events, double seconds, double eventsPerSecond) {
}
