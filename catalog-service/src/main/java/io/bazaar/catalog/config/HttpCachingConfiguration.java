package io.bazaar.catalog.config;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * ETags for the public listings, computed from the response body so that every instance
 * gives the same tag for the same content and answers {@code If-None-Match} with 304. A
 * product's own ETag is its version and is set by its controller.
 */
@Configuration(proxyBeanMethods = false)
class HttpCachingConfiguration {

	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> listingEtags() {
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
				new ShallowEtagHeaderFilter());
		registration.addUrlPatterns("/api/products", "/api/categories");
		return registration;
	}

}
