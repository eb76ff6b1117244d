package io.bazaar.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;

/**
 * The user service on a random port against real PostgreSQL, Redis and Kafka, with the
 * first administrator configured ({@link TestAccounts}). Classes carrying it share one
 * application context and so one database: tests use accounts of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF,
		"users.admin.email=" + TestAccounts.ADMIN_EMAIL, "users.admin.password=" + TestAccounts.ADMIN_PASSWORD })
public @interface UserServiceIntegrationTest {

}
