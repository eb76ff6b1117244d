/**
 * The purge of rows that tables would otherwise keep for ever (published outbox events,
 * records of applied events, idempotency keys): a service declares each table with a
 * {@link io.bazaar.runtime.retention.RetentionPolicy} bean and gives it the index the
 * purge needs; {@link io.bazaar.runtime.retention.RetentionPurger} deletes in small,
 * short transactions that skip rows others hold. Settings: {@code platform.retention.*}.
 */
package io.bazaar.runtime.retention;
