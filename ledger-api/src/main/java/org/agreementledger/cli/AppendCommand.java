package org.agreementledger.cli;

import java.util.function.BiConsumer;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.agreement.app.AgreementRequests;
import org.agreementledger.api.AgreementAmendment;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.agreementledger.visibility.Acknowledgement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "append", mixinStandardHelpOptions = true,
        description = "Append one event to the ledger by hand, with its source.",
        subcommands = {AppendCommand.Sign.class, AppendCommand.ChangeModel.class, AppendCommand.Withdraw.class,
                AppendCommand.Correct.class})
class AppendCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "say what to append: sign, change-model, withdraw or correct");
    }

    /** The part every append shares: the ledger, the dates of knowledge, the source. */
    abstract static class Append<C> extends LedgerCommand {

        @Mixin
        SourceOptions source;

        @Option(names = "--known-on", paramLabel = "YYYY-MM-DD",
                description = "When the fact became public (default: today; never after today).")
        String knownOn;

        /** Parses and checks every flag; throws before any database is started. */
        abstract C command();

        abstract String agreementIdOf(C command);

        abstract BiConsumer<AgreementLedger, C> append();

        @Override
        public Integer call() throws Exception {
            C command = command();
            Acknowledgement<C> appended = onLedger(context -> {
                AgreementLedger ledger = context.getBean(AgreementLedger.class);
                // said done only once the reports hold it: a report asked after this exits includes it
                return context.getBean(AcknowledgedWrites.class).appendSingle(() -> {
                    append().accept(ledger, command);
                    return command;
                });
            });
            out().println("appended " + spec.name() + " to " + agreementIdOf(command));
            if (!appended.visible()) {
                err().println(appended.behindMessage());
            }
            return 0;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true, description = "An agency signed an agreement.")
    static class Sign extends Append<SignAgreement> {

        @Option(names = "--state", required = true, paramLabel = "STATE", description = "USPS code or state name.")
        String state;

        @Option(names = "--agency-name", required = true, paramLabel = "NAME", description = "The agency, as printed.")
        String agencyName;

        @Option(names = "--county", paramLabel = "NAME")
        String county;

        @Option(names = "--agency-type", paramLabel = "TYPE", description = "County, Municipality, State Agency, ...")
        String agencyType;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "JEM, TFM or WSO.")
        String model;

        @Option(names = "--signed-on", required = true, paramLabel = "YYYY-MM-DD")
        String signedOn;

        @Option(names = "--moa-link", paramLabel = "URL")
        String moaLink;

        @Option(names = "--effective-on", paramLabel = "YYYY-MM-DD", description = "When it took effect (default: --signed-on).")
        String effectiveOn;

        @Override
        SignAgreement command() {
            return new AgreementRequests.Sign(state, agencyName, county, agencyType, model, signedOn, moaLink,
                    effectiveOn, knownOn, source.toBody()).toCommand();
        }

        @Override
        String agreementIdOf(SignAgreement command) {
            return command.agreementId();
        }

        @Override
        BiConsumer<AgreementLedger, SignAgreement> append() {
            return AgreementLedger::sign;
        }
    }

    /** Appends to an agreement that exists, optionally on top of a known version. */
    abstract static class Amend<C extends AgreementAmendment> extends Append<C> {

        @Option(names = "--agreement-id", required = true, paramLabel = "ID",
                description = "e.g. AL-colbert-county-sheriffs-office#JEM#2025-01-02")
        String agreementId;

        @Option(names = "--expected-version", paramLabel = "N",
                description = "Sequence number of the last event you saw; refused if another came since.")
        Long expectedVersion;

        @Option(names = "--effective-on", paramLabel = "YYYY-MM-DD", description = "When it took effect.")
        String effectiveOn;

        @Override
        String agreementIdOf(C command) {
            return agreementId;
        }

        @Override
        BiConsumer<AgreementLedger, C> append() {
            return AgreementLedger::amend;
        }
    }

    @Command(name = "change-model", mixinStandardHelpOptions = true,
            description = "The agreement continues under another support model.")
    static class ChangeModel extends Amend<ChangeSupportModel> {

        @Option(names = "--to", required = true, paramLabel = "MODEL", description = "JEM, TFM or WSO.")
        String to;

        @Override
        ChangeSupportModel command() {
            return new AgreementRequests.ChangeModel(to, effectiveOn, knownOn, source.toBody(), expectedVersion)
                    .toCommand(agreementId);
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "The agreement ended.")
    static class Withdraw extends Amend<WithdrawAgreement> {

        @Option(names = "--reason", required = true, paramLabel = "REASON",
                description = "withdrawn-by-agency, terminated-by-ice, superseded-by-renewal or removed-from-ice-list.")
        String reason;

        @Override
        WithdrawAgreement command() {
            return new AgreementRequests.Withdraw(reason, effectiveOn, knownOn, source.toBody(), expectedVersion)
                    .toCommand(agreementId);
        }
    }

    @Command(name = "correct", mixinStandardHelpOptions = true, description = "A recorded fact was wrong.")
    static class Correct extends Amend<CorrectAgreement> {

        @Option(names = "--field", required = true, paramLabel = "FIELD",
                description = "agencyName, county, agencyType, signedOn or moaLink.")
        String field;

        @Option(names = "--old-value", paramLabel = "TEXT", description = "What the ledger holds now (omit if empty).")
        String oldValue;

        @Option(names = "--new-value", paramLabel = "TEXT", description = "What it should be.")
        String newValue;

        @Override
        CorrectAgreement command() {
            return new AgreementRequests.Correct(field, oldValue, newValue, effectiveOn, knownOn, source.toBody(),
                    expectedVersion).toCommand(agreementId);
        }
    }
}
