package io.bazaar.testsupport.docker;

import io.bazaar.testsupport.InfrastructureMode;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.core.annotation.AnnotatedElementUtils;

class DockerAvailableCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (InfrastructureMode.dockerAvailable()) {
			return ConditionEvaluationResult.enabled("Docker engine available");
		}
		String need = context.getElement()
			.map((element) -> AnnotatedElementUtils.findMergedAnnotation(element, RequiresDocker.class))
			.map(RequiresDocker::value)
			.orElse("this test");
		String reason = "SKIPPED " + context.getDisplayName() + ": no Docker engine answers, and " + need
				+ " needs one";
		System.out.println("[test-support] " + reason);
		return ConditionEvaluationResult.disabled(reason);
	}

}
