package io.bazaar.testsupport.architecture;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * A service's domain and messaging code speaks no HTTP: it neither throws nor inspects
 * HTTP errors and statuses, and it does not reach into a web package. Its refusals are
 * plain exceptions that the web layer maps to problems.
 * <p>
 * The web layer is what lives in a {@code web} or {@code config} package, the controllers
 * and controller advices, and each feature's {@code *Problems} mapping (used by the web
 * layer only). A service names its HTTP adapters (a client of another service, a
 * server-sent event stream) explicitly, so that each exception is visible.
 */
public final class DomainWithoutHttp {

	private static final String[] HTTP_PACKAGES = { "org.springframework.web..", "org.springframework.http..",
			"jakarta.servlet..", "..web.." };

	private final JavaClasses classes;

	private final Set<String> httpAdapters;

	DomainWithoutHttp(JavaClasses classes, Set<String> httpAdapters) {
		this.classes = classes;
		this.httpAdapters = httpAdapters;
	}

	/**
	 * The production classes of the package of {@code application} and below.
	 * @param httpAdapters classes that adapt the domain to HTTP outside the web layer,
	 * named relative to that package (e.g. {@code placement.CatalogClient}); each must
	 * exist
	 */
	public static DomainWithoutHttp of(Class<?> application, String... httpAdapters) {
		String root = application.getPackageName();
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages(root);
		Set<String> adapters = Arrays.stream(httpAdapters)
			.map((adapter) -> root + "." + adapter)
			.collect(Collectors.toUnmodifiableSet());
		adapters.stream().filter((adapter) -> !classes.contain(adapter)).findFirst().ifPresent((missing) -> {
			throw new IllegalArgumentException("No class " + missing + " to treat as an HTTP adapter");
		});
		return new DomainWithoutHttp(classes, adapters);
	}

	/** Fails, naming each offending dependency, when domain code depends on HTTP. */
	public void check() {
		domainDoesNotDependOnHttp().check(this.classes);
		problemMappingsServeTheWebLayerOnly().check(this.classes);
	}

	ArchRule domainDoesNotDependOnHttp() {
		return noClasses().that(domain())
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(HTTP_PACKAGES)
			.because("domain and messaging code throws plain exceptions that the web layer maps to problems");
	}

	ArchRule problemMappingsServeTheWebLayerOnly() {
		return classes().that()
			.haveSimpleNameEndingWith("Problems")
			.should()
			.onlyHaveDependentClassesThat(webLayer())
			.allowEmptyShould(true)
			.because("a refusal becomes an HTTP problem in the web layer, not where it is raised");
	}

	private DescribedPredicate<JavaClass> domain() {
		return DescribedPredicate.not(webLayer()).as("domain code");
	}

	private DescribedPredicate<JavaClass> webLayer() {
		return DescribedPredicate.describe("the web layer", (type) -> isWebLayer(outermost(type)));
	}

	private boolean isWebLayer(JavaClass type) {
		String packageName = type.getPackageName();
		return packageName.endsWith(".web") || packageName.contains(".web.") || packageName.endsWith(".config")
				|| type.isMetaAnnotatedWith("org.springframework.stereotype.Controller")
				|| type.isMetaAnnotatedWith("org.springframework.web.bind.annotation.ControllerAdvice")
				|| type.getSimpleName().endsWith("Problems") || this.httpAdapters.contains(type.getName());
	}

	private static JavaClass outermost(JavaClass type) {
		JavaClass outer = type;
		while (outer.getEnclosingClass().isPresent()) {
			outer = outer.getEnclosingClass().get();
		}
		return outer;
	}

}
