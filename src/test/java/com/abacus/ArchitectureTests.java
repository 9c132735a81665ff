package com.abacus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * House rules on top of Spring Modulith's verification. Domain code is a module's top-level package and its
 * {@code internal} package; web controllers, templates, security and HTTP adapters live in deeper subpackages.
 */
@AnalyzeClasses(packages = "com.abacus", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    static final DescribedPredicate<JavaClass> DOMAIN_CODE = new DescribedPredicate<>("domain code") {
        @Override
        public boolean test(JavaClass javaClass) {
            return javaClass.getPackageName().matches("com\\.abacus\\.[a-z]+(\\.internal)?");
        }
    };

    @ArchTest
    static final ArchRule moduleInternalsAreNotUsedFromOutside =
            classes().that().resideInAPackage("com.abacus.*.internal..").should(onlyBeAccessedFromTheirOwnModule());

    @ArchTest
    static final ArchRule domainCodeHasNoWebOrTemplateCode = noClasses()
            .that(DOMAIN_CODE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework.web..",
                    "org.springframework.ui..",
                    "org.springframework.http..",
                    "jakarta.servlet..",
                    "org.thymeleaf..",
                    "io.github.wimdeblauwe..")
            .because("controllers, templates and HTTP belong in web or adapter subpackages");

    @ArchTest
    static final ArchRule noFloatingPointFields = fields().should()
            .notHaveRawType(double.class)
            .andShould()
            .notHaveRawType(float.class)
            .andShould()
            .notHaveRawType(Double.class)
            .andShould()
            .notHaveRawType(Float.class)
            .because("money is integer minor units or BigDecimal, never floating point");

    @ArchTest
    static final ArchRule noFloatingPointSignatures = methods()
            .that(notLambdas())
            .should(notUseFloatingPointInSignature())
            .because("money is integer minor units or BigDecimal, never floating point");

    /**
     * A class that needs more than seven collaborators serves more than one capability: split it along that seam.
     */
    @ArchTest
    static final ArchRule beansHaveAtMostSevenCollaborators = classes()
            .that()
            .areMetaAnnotatedWith(org.springframework.stereotype.Component.class)
            .should(haveConstructorsWithAtMost(7))
            .because(
                    "one capability per class; a constructor over seven collaborators means the class serves two masters");

    @ArchTest
    static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule noStandardStreams = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that()
            .doNotHaveFullyQualifiedName(EmbeddedInfrastructure.class.getName())
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("logs go through SLF4J (and can be structured JSON); the one exception is the embedded servers'"
                    + " stop, which runs from Boot's shutdown handlers after logging has been shut down");

    private static ArchCondition<JavaClass> haveConstructorsWithAtMost(int most) {
        return new ArchCondition<>("have constructors with at most " + most + " parameters") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                javaClass.getConstructors().forEach(constructor -> {
                    int parameters = constructor.getRawParameterTypes().size();
                    if (parameters > most) {
                        events.add(SimpleConditionEvent.violated(
                                constructor, constructor.getFullName() + " has " + parameters + " collaborators"));
                    }
                });
            }
        };
    }

    private static String moduleOf(JavaClass javaClass) {
        String[] parts = javaClass.getPackageName().split("\\.");
        return parts.length > 2 ? parts[2] : "";
    }

    private static ArchCondition<JavaClass> onlyBeAccessedFromTheirOwnModule() {
        return new ArchCondition<>("only be accessed from their own module") {
            @Override
            public void check(JavaClass target, ConditionEvents events) {
                for (JavaAccess<?> access : target.getAccessesToSelf()) {
                    JavaClass origin = access.getOriginOwner();
                    if (!moduleOf(origin).equals(moduleOf(target))) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
                target.getDirectDependenciesToSelf().forEach(dependency -> {
                    if (!moduleOf(dependency.getOriginClass()).equals(moduleOf(target))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }

    private static DescribedPredicate<JavaMethod> notLambdas() {
        return new DescribedPredicate<>("are not lambdas") {
            @Override
            public boolean test(JavaMethod method) {
                return !method.getName().startsWith("lambda$");
            }
        };
    }

    private static ArchCondition<JavaMethod> notUseFloatingPointInSignature() {
        return new ArchCondition<>("not take or return double or float") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean floating = isFloating(method.getRawReturnType())
                        || method.getRawParameterTypes().stream().anyMatch(ArchitectureTests::isFloating);
                if (floating) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName() + " uses floating point"));
                }
            }
        };
    }

    private static boolean isFloating(JavaClass type) {
        return type.isEquivalentTo(double.class)
                || type.isEquivalentTo(float.class)
                || type.isEquivalentTo(Double.class)
                || type.isEquivalentTo(Float.class);
    }
}
