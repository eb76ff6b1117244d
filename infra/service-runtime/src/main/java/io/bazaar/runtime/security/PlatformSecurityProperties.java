package io.bazaar.runtime.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a data service finds the keys that sign access tokens, and whose tokens it
 * accepts.
 *
 * @param jwksUri the JWKS document; its host is a service name resolved through discovery
 * (Consul in production, static instances locally)
 * @param issuer the {@code iss} every accepted token must carry
 * @param verifiedTokensTimeToLive how long a verified token is accepted again without its
 * signature being checked (expiry is still checked on every use); zero checks every time
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(@DefaultValue("http://user-service/.well-known/jwks.json") URI jwksUri,
		@DefaultValue("bazaar-user-service") String issuer, @DefaultValue("60s") Duration verifiedTokensTimeToLive) {

}
