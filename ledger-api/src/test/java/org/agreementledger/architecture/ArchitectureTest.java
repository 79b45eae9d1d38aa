package org.agreementledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.web.bind.annotation.RestController;

/** The boundaries the style guide promises, checked on every build. */
@AnalyzeClasses(packages = "org.agreementledger",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** The rules are about the application; ledger-core's test-jar (on the test classpath) is not. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    /** A class compiled from the named Maven module (its classes directory or its jar). */
    private static DescribedPredicate<JavaClass> inModule(String module) {
        return DescribedPredicate.describe("in module " + module, javaClass -> javaClass.getSource()
                .map(source -> source.getUri().toString().contains("/" + module + "/")
                        || source.getUri().toString().contains("/" + module + "-"))
                .orElse(false));
    }

    @ArchTest
    static final ArchRule coreHasNoWebAndNoSql = noClasses().that(inModule("ledger-core"))
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..",
                    "org.springframework.jdbc..", "java.sql..", "javax.sql..", "org.springframework.boot..")
            .because("the domain decides; storage and transport are the application's business");

    @ArchTest
    static final ArchRule projectionsNeverSendCommands = noClasses().that(inModule("ledger-projections"))
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..")
            .because("projections only listen");

    @ArchTest
    static final ArchRule controllersHoldNoLogic = classes().that().areAnnotatedWith(RestController.class)
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.axonframework..",
                    "org.springframework.jdbc..", "java.sql..", "javax.sql..")
            .because("controllers translate HTTP to the services that hold the logic");

    @ArchTest
    static final ArchRule aggregatesArePackagePrivate = classes().that().areAnnotatedWith(Aggregate.class)
            .should().notHaveModifier(JavaModifier.PUBLIC)
            .because("only the messages in the api package are the contract");

    @ArchTest
    static final ArchRule messagesAreRecords = classes().that().resideInAPackage("org.agreementledger.api")
            .and().haveSimpleNameNotEndingWith("Exception")
            .and().areNotInterfaces().and().areNotEnums()
            .and(DescribedPredicate.describe("are not utility holders",
                    javaClass -> javaClass.getConstructors().stream().anyMatch(c -> !c.getModifiers()
                            .contains(JavaModifier.PRIVATE))))
            .should().beAssignableTo(Record.class)
            .because("commands and events are small immutable records");
}
