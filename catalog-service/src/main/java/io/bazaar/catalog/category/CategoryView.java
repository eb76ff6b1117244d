package io.bazaar.catalog.category;

import java.util.UUID;

/** A category as clients see it (and as it is cached). */
public record CategoryView(UUID id, String slug, String name, String description) {

}
