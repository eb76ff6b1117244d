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

	/** Stores a key/value entry, as {@code consul kv put} would. */
	void putKeyValue(String key, String value);

	@Override
	void close();

}
