package io.bazaar.testsupport.docker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test only where a Docker engine answers. Elsewhere the test is reported as
 * skipped with the reason, and the reason is printed, so a missing engine never passes
 * for a green test.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DockerAvailableCondition.class)
public @interface RequiresDocker {

	/** What the test needs Docker for, printed when it is skipped. */
	String value();

}
