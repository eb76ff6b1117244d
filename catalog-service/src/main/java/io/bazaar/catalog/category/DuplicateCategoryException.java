package io.bazaar.catalog.category;

/** A category with this slug already exists. */
class DuplicateCategoryException extends RuntimeException {

	DuplicateCategoryException(String slug) {
		super("A category with slug '" + slug + "' already exists.", null, false, false);
	}

}
