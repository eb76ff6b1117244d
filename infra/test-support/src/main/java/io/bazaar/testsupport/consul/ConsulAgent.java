package io.bazaar.testsupport.consul;

import java.util.List;

/**
 * The part of a Consul agent that registration tests look at: what is registered, and
 * key/value configuration to serve.
 */
public interface ConsulAgent extends AutoCloseable {

	String host();

	int port();

	/** Instances currently registered with the agent. */
	List<ConsulRegistration> registrations();

	/**
	 * The instances of a service whose every check passes, as discovery clients are told
	 * ({@code GET /v1/health/service/<name>?passing=true}).
	 */
	default List<ConsulRegistration> passingInstances(String service) {
		return ConsulHttp.get(this, "/v1/health/service/" + service + "?passing=true")
			.valueStream()
			.map((entry) -> ConsulRegistration.from(entry.get("Service"), null))
			.toList();
	}

	/** Stores a key/value entry, as {@code consul kv put} would. */
	void putKeyValue(String key, String value);

	@Override
	void close();

}
