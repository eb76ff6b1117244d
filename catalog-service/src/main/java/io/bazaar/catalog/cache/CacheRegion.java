package io.bazaar.catalog.cache;

import tools.jackson.databind.JavaType;

/**
 * One kind of cached value: its metric name, how its JSON reads back, and whether "not
 * found" is remembered too.
 *
 * @param <T> the cached value
 * @param name the {@code cache} tag of the metrics, e.g. {@code product}
 * @param type the value's type
 * @param cachesAbsence whether a load that found nothing is cached (briefly)
 */
public record CacheRegion<T>(String name, JavaType type, boolean cachesAbsence) {

}
