package org.agreementledger.integrity;

/** A token just created: {@code text} is shown this once and kept nowhere. */
public record IssuedToken(ApiToken token, String text) {
}
