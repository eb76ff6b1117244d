package io.bazaar.deployment.kubernetes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Every object is of a kind the typed model knows, and carries no field the model does
 * not know: a misspelt field ({@code readinesProbe}) would otherwise be ignored by the
 * API server's client-side apply and silently do nothing.
 */
public final class TypedObjectsCheck implements ManifestCheck {

	private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

	@Override
	public String invariant() {
		return "every object is a known Kubernetes kind with only known fields";
	}

	@Override
	public List<String> violations(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		for (HasMetadata object : manifests.all()) {
			String name = object.getKind() + "/" + object.getMetadata().getName();
			if (object instanceof GenericKubernetesResource) {
				violations.add(name + ": " + object.getApiVersion() + " " + object.getKind()
						+ " is not a Kubernetes kind the model knows (misspelt kind or apiVersion?)");
				continue;
			}
			walk(object, name, violations);
		}
		return violations;
	}

	private void walk(Object node, String path, List<String> violations) {
		if (node == null) {
			return;
		}
		if (node instanceof Collection<?> items) {
			int index = 0;
			for (Object item : items) {
				walk(item, path + "[" + index++ + "]", violations);
			}
			return;
		}
		if (node instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> walk(value, path + "." + key, violations));
			return;
		}
		if (!node.getClass().getName().startsWith(MODEL_PACKAGE)) {
			return;
		}
		for (Method getter : node.getClass().getMethods()) {
			if (!isPropertyGetter(getter)) {
				continue;
			}
			Object value = invoke(getter, node);
			if (getter.getName().equals("getAdditionalProperties")) {
				if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
					violations.add(path + ": unknown field(s) " + unknown.keySet());
				}
			}
			else {
				walk(value, path + "." + property(getter), violations);
			}
		}
	}

	private boolean isPropertyGetter(Method method) {
		return method.getName().startsWith("get") && method.getParameterCount() == 0
				&& !Modifier.isStatic(method.getModifiers())
				&& method.getDeclaringClass().getName().startsWith(MODEL_PACKAGE) && !method.isDefault();
	}

	private Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read " + getter + " of " + target, ex);
		}
	}

	private String property(Method getter) {
		String name = getter.getName().substring(3);
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

}
