package org.agreementledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The Maven module a class was compiled in, from its classes directory or jar: {@code ledger-core}, ... */
    private static final Pattern MODULE = Pattern.compile("/(ledger-[a-z]+)(?:/|-\\d)");

    static String moduleOf(JavaClass javaClass) {
        return javaClass.getSource().map(source -> {
            Matcher module = MODULE.matcher(source.getUri().toString());
            return module.find() ? module.group(1) : null;
        }).orElse(null);
    }

    /**
     * Each package in one module: a package shared by two is how a module reaches another's
     * package-private classes, and it cannot be a Java module (JPMS refuses split packages). The
     * modules of every package are collected from the classes' code source locations first.
     */
    @ArchTest
    static final ArchRule noPackageSpansTwoModules = classes().should(new ArchCondition<JavaClass>(
            "reside in a package no other module has classes in") {

        private final Map<String, Set<String>> modulesOfPackage = new TreeMap<>();

        @Override
        public void init(Collection<JavaClass> all) {
            for (JavaClass javaClass : all) {
                String module = moduleOf(javaClass);
                if (module != null) {
                    modulesOfPackage.computeIfAbsent(javaClass.getPackageName(), p -> new TreeSet<>()).add(module);
                }
            }
        }

        @Override
        public void check(JavaClass javaClass, ConditionEvents events) {
            Set<String> modules = modulesOfPackage.getOrDefault(javaClass.getPackageName(), Set.of());
            boolean split = modules.size() > 1;
            events.add(new SimpleConditionEvent(javaClass, !split, javaClass.getName() + " (" + moduleOf(javaClass)
                    + ") is in package " + javaClass.getPackageName() + ", which modules " + modules + " share"));
        }
    }).because("a package lives in one module; reach another module's classes through their public API");

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
