package io.bazaar.catalog.demo;

import java.math.BigDecimal;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCatalogTest {

	@Test
	void sameSeedGivesTheSameCatalog() {
		assertThat(DemoCatalog.generate(7, 300).products()).isEqualTo(DemoCatalog.generate(7, 300).products());
		assertThat(DemoCatalog.generate(7, 300).products()).isNotEqualTo(DemoCatalog.generate(8, 300).products());
	}

	@Test
	void generatesOverAThousandRealisticProductsOverADozenCategories() {
		DemoCatalog catalog = DemoCatalog.generate(20261123, 1200);

		assertThat(catalog.categories()).hasSizeGreaterThanOrEqualTo(12);
		assertThat(catalog.products()).hasSize(1200);
		assertThat(catalog.products().stream().collect(Collectors.groupingBy(DemoCatalog.Product::categoryId)))
			.hasSize(catalog.categories().size());
		assertThat(catalog.products()).extracting(DemoCatalog.Product::sku).doesNotHaveDuplicates();
		assertThat(catalog.products()).extracting(DemoCatalog.Product::name).doesNotHaveDuplicates();
		assertThat(catalog.products()).extracting(DemoCatalog.Product::id).doesNotHaveDuplicates();
		assertThat(catalog.products()).allSatisfy((product) -> {
			assertThat(product.price()).isGreaterThan(BigDecimal.ZERO).isLessThan(new BigDecimal("1000"));
			assertThat(product.price().scale()).isEqualTo(2);
			assertThat(product.stock()).isBetween(0, 400);
			assertThat(product.description()).contains(product.name());
			assertThat(product.imageUrls()).isNotEmpty().allSatisfy((url) -> assertThat(url).startsWith("https://"));
		});
	}

}
