package io.bazaar.testsupport.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.bazaar.testsupport.ServiceInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;

/**
 * A whole service on a random port against real PostgreSQL (own fresh database, Flyway
 * applied), Redis and Kafka, with Consul switched off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ServiceInfrastructureInitializer.class)
public @interface ServiceIntegrationTest {

	/** Extra properties in {@code key=value} form; Consul stays off whatever is given. */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default { ServiceInfrastructure.CONSUL_OFF };

}
