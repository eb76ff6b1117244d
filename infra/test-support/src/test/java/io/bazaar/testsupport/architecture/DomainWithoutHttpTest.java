package io.bazaar.testsupport.architecture;

import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.bazaar.testsupport.architecture.adapter.StockClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomainWithoutHttpTest {

	@Test
	void acceptsDomainCodeWhoseRefusalsTheWebLayerMaps() {
		assertThatCode(() -> rule("clean").check()).doesNotThrowAnyException();
	}

	@Test
	void refusesDomainCodeThatThrowsHttpErrors() {
		assertThatThrownBy(() -> rule("leaky").check()).isInstanceOf(AssertionError.class)
			.hasMessageContaining("leaky.Shelf")
			.hasMessageContaining("org.springframework.web.ErrorResponseException")
			.hasMessageContaining("org.springframework.http.HttpStatus");
	}

	@Test
	void refusesDomainCodeThatUsesAProblemMappingAndAnUnnamedAdapter() {
		assertThatThrownBy(() -> rule("adapter").check()).isInstanceOf(AssertionError.class)
			.hasMessageContaining("adapter.StockClient");
		assertThatThrownBy(() -> rule("adapter", StockClient.class.getName()).check())
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("RestockingProblems")
			.hasMessageContaining("adapter.Restocking.refuse()");
	}

	@Test
	void refusesAnAdapterNameThatNamesNoClass() {
		assertThatThrownBy(() -> DomainWithoutHttp.of(DomainWithoutHttpTest.class, "adapter.StockClnt"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("adapter.StockClnt");
	}

	private static DomainWithoutHttp rule(String fixture, String... httpAdapters) {
		JavaClasses classes = new ClassFileImporter()
			.importPackages(DomainWithoutHttpTest.class.getPackageName() + "." + fixture);
		return new DomainWithoutHttp(classes, Set.of(httpAdapters));
	}

}
