/**
 * Resource-server plumbing for the data services: access tokens from user-service checked
 * against its JWKS (found through discovery), {@code roles} mapped to {@code ROLE_*}
 * authorities, 401/403 as problem details. A service applies
 * {@link io.bazaar.runtime.security.PlatformResourceServer} to its own
 * {@code SecurityFilterChain} and states its access rules there. Settings:
 * {@code platform.security.jwks-uri}, {@code platform.security.issuer}.
 */
package io.bazaar.runtime.security;
