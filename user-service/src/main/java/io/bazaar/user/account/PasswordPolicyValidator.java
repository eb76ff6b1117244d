package io.bazaar.user.account;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PasswordPolicy} on a {@link RegistrationRequest}. */
class PasswordPolicyValidator implements ConstraintValidator<PasswordPolicy, RegistrationRequest> {

	@Override
	public boolean isValid(RegistrationRequest request, ConstraintValidatorContext context) {
		String problem = PasswordRules.problemWith(request.password(), request.email());
		if (problem == null) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(problem).addPropertyNode("password").addConstraintViolation();
		return false;
	}

}
