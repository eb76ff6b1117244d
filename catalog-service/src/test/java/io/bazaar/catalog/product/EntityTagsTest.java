package io.bazaar.catalog.product;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityTagsTest {

	@Test
	void aProductsTagIsItsQuotedVersion() {
		assertThat(EntityTags.of(7)).isEqualTo("\"7\"");
	}

	@Test
	void ifMatchAcceptsTheListedStrongTags() {
		assertThat(EntityTags.acceptedVersions("\"3\"")).containsExactly(3L);
		assertThat(EntityTags.acceptedVersions("\"3\", \"5\"")).containsExactlyInAnyOrder(3L, 5L);
	}

	@Test
	void wildcardAcceptsAnyVersion() {
		assertThat(EntityTags.acceptedVersions(" * ")).isEmpty();
	}

	@Test
	void weakOrMalformedTagsMatchNoVersion() {
		assertThat(EntityTags.acceptedVersions("W/\"3\"")).containsExactly(-1L);
		assertThat(EntityTags.acceptedVersions("3")).containsExactly(-1L);
		assertThat(EntityTags.acceptedVersions("\"abc\"")).containsExactly(-1L);
	}

}
