package org.agreementledger.agreement.app;

import java.time.LocalDate;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.Source;
import org.agreementledger.api.SourceKind;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;

/**
 * The JSON bodies of the write API. Fields arrive as text and are parsed by the same
 * {@link Fields} rules as the command line, so both word their errors alike. (Unknown and repeated
 * fields and values of the wrong JSON type are refused by the strict request mapper in the web package.)
 */
public final class AgreementRequests {

    private AgreementRequests() {
    }

    public record SourceBody(String kind, String title, String reference, String sha256, String publishedOn,
                             Integer sheetRow) {

        Source toSource() {
            return new Source(appendable(kind), title, reference, sha256,
                    Fields.optionalDate("source.publishedOn", publishedOn), sheetRow);
        }
    }

    /**
     * The source kinds a person may append: synthetic data is written only by the demo loader, into a
     * ledger of its own ({@code bin/ledger demo}). One synthetic event labels every answer of a ledger
     * synthetic, for good (the store is append-only), so a real ledger must never take one by hand.
     */
    static SourceKind appendable(String kind) {
        SourceKind parsed = SourceKind.parse("source.kind", kind == null ? "manual" : kind);
        if (parsed == SourceKind.SYNTHETIC) {
            throw new InvalidFieldException("source.kind", "'" + Fields.abbreviate(kind.strip()) + "' is written only"
                    + " by the demo loader (bin/ledger demo) into a ledger of its own; an append's source is one of"
                    + " ice-sheet, pending-sheet, press, manual");
        }
        return parsed;
    }

    static Source toSource(SourceBody body) {
        return Fields.required("source", body).toSource();
    }

    public record Sign(String state, String agencyName, String county, String agencyType, String model,
                       String signedOn, String moaLink, String effectiveOn, String knownOn, SourceBody source) {

        public SignAgreement toCommand() {
            return new SignAgreement(UsState.parse("state", state), agencyName, county, agencyType,
                    SupportModel.parse("model", model), Fields.date("signedOn", signedOn), moaLink,
                    Fields.optionalDate("effectiveOn", effectiveOn), Fields.optionalDate("knownOn", knownOn),
                    toSource(source));
        }
    }

    public record ChangeModel(String to, String effectiveOn, String knownOn, SourceBody source, Long expectedVersion) {

        public ChangeSupportModel toCommand(String agreementId) {
            return new ChangeSupportModel(agreementId, SupportModel.parse("to", to),
                    Fields.date("effectiveOn", effectiveOn), Fields.optionalDate("knownOn", knownOn), toSource(source),
                    expectedVersion);
        }
    }

    public record Withdraw(String reason, String effectiveOn, String knownOn, SourceBody source, Long expectedVersion) {

        public WithdrawAgreement toCommand(String agreementId) {
            return new WithdrawAgreement(agreementId, WithdrawalReason.parse("reason", reason),
                    Fields.date("effectiveOn", effectiveOn), Fields.optionalDate("knownOn", knownOn), toSource(source),
                    expectedVersion);
        }
    }

    public record Correct(String field, String oldValue, String newValue, String effectiveOn, String knownOn,
                          SourceBody source, Long expectedVersion) {

        public CorrectAgreement toCommand(String agreementId) {
            LocalDate effective = Fields.optionalDate("effectiveOn", effectiveOn);
            return new CorrectAgreement(agreementId, CorrectableField.parse("field", field), oldValue, newValue,
                    effective, Fields.optionalDate("knownOn", knownOn), toSource(source), expectedVersion);
        }
    }
}
