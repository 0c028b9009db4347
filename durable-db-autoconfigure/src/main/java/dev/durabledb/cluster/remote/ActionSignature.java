package dev.durabledb.cluster.remote;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeBindings;
import tools.jackson.databind.type.TypeFactory;

/**
 * An action method's parameter and result types as the JSON mapper sees them, resolved
 * against the class of the bean it is called on: a type variable of a generic base class
 * is bound to what the bean's class gives it; a method's own type variables are their
 * bounds.
 *
 * @param method the method
 * @param parameters the type of each parameter
 * @param result the type of the result ({@code void} when there is none)
 */
record ActionSignature(Method method, List<JavaType> parameters, JavaType result) {

	static ActionSignature of(Method method, Class<?> beanClass, TypeFactory types) {
		JavaType declaring = types.constructType(beanClass).findSuperType(method.getDeclaringClass());
		TypeBindings bindings = (declaring != null) ? declaring.getBindings() : TypeBindings.emptyBindings();
		List<JavaType> parameters = Arrays.stream(method.getGenericParameterTypes())
			.map((type) -> types.resolveMemberType(type, bindings))
			.toList();
		Type result = method.getGenericReturnType();
		return new ActionSignature(method, parameters, types.resolveMemberType(result, bindings));
	}

	/** The erased parameter types, by {@link Class#getName()}: what tells overloads apart. */
	List<String> parameterTypeNames() {
		return Arrays.stream(this.method.getParameterTypes()).map(Class::getName).toList();
	}

	/** Whether the method returns nothing ({@code void} or {@code Void}). */
	boolean returnsNothing() {
		Class<?> raw = this.result.getRawClass();
		return raw == void.class || raw == Void.class;
	}

	/** {@code Class.method(Type, Type)}, with simple names, as messages show it. */
	String describe() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName() + "("
				+ String.join(", ", Arrays.stream(this.method.getParameterTypes()).map(Class::getSimpleName).toList())
				+ ")";
	}

}
