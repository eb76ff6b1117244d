package io.bazaar.user.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The password rules of a registration: 12 to 128 characters, at least one letter and one
 * digit, and not the email address itself. Violations are reported on the
 * {@code password} field.
 */
@Documented
@Constraint(validatedBy = PasswordPolicyValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface PasswordPolicy {

	int MIN_LENGTH = 12;

	int MAX_LENGTH = 128;

	String message() default "does not meet the password policy";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
