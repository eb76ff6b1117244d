package io.bazaar.catalog.category;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record NewCategoryRequest(
		@NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*",
				message = "must be lower-case words joined by hyphens") String slug,
		@NotBlank @Size(max = 100) String name, @Size(max = 1000) String description) {

}
