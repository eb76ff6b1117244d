package io.bazaar.gateway;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The one blocking call the gateway's event-loop guard tolerates: Spring's static
 * resource resolver checking that a Swagger UI asset exists inside its jar. It serves
 * documentation pages only, never API traffic, and browsers cache what it returns.
 */
public class StaticDocumentationAssets implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("org.springframework.web.reactive.resource.PathResourceResolver",
				"getResource");
	}

}
