package dev.durabledb.cluster.remote;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.action.ActionDefinitions;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.util.ClassUtils;

/**
 * In cluster mode, fails startup when an action's parameters or result cannot travel as
 * JSON ({@link JsonTravel}): an action on an instance that another node owns runs there,
 * its arguments and result sent through the application's mapper, and that must not
 * first fail on a remote call. Every bean definition whose class has actions is checked,
 * lazy ones too, and every problem is listed at once.
 */
final class ActionJsonCheck implements SmartInitializingSingleton {

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final ConfigurableListableBeanFactory beanFactory;

	private final ActionDefinitions definitions;

	private final JsonMapper mapper;

	ActionJsonCheck(ConfigurableListableBeanFactory beanFactory, ActionDefinitions definitions, JsonMapper mapper) {
		this.beanFactory = beanFactory;
		this.definitions = definitions;
		this.mapper = mapper;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> problems = new ArrayList<>();
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			if (this.beanFactory.getBeanDefinition(name).isAbstract()) {
				continue;
			}
			Class<?> type = this.beanFactory.getType(name, false);
			if (type != null) {
				Class<?> beanClass = ClassUtils.getUserClass(type);
				for (Method method : this.definitions.actionMethods(beanClass)) {
					problems.addAll(problems(name, beanClass, method));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new DurableDbConfigurationException(
					"In a cluster (durable-db.cluster.enabled=true) an action may run on another node, its arguments and "
							+ "result sent as JSON, and these cannot travel as JSON:\n - "
							+ String.join("\n - ", problems),
					"Give these actions parameters and results that the application's JSON mapper writes and reads "
							+ "back as they are (records, lists, maps, strings, numbers, enums, dates), or turn the "
							+ "cluster off");
		}
	}

	/** The problems of one action method, each naming the bean, the method and the parameter or result. */
	List<String> problems(String beanName, Class<?> beanClass, Method method) {
		JsonTravel travel = new JsonTravel(this.mapper);
		ActionSignature signature = ActionSignature.of(method, beanClass, this.mapper.getTypeFactory());
		String[] names = parameterNames.getParameterNames(method);
		List<String> problems = new ArrayList<>();
		String action = "bean '" + beanName + "', " + signature.describe() + ": ";
		for (int i = 0; i < signature.parameters().size(); i++) {
			JavaType parameter = signature.parameters().get(i);
			String name = (names != null) ? names[i] : "arg" + i;
			travel.whyNot(parameter)
				.ifPresent((why) -> problems.add(action + "parameter '" + name + "' (" + parameter.toCanonical() + ") "
						+ why));
		}
		if (!signature.returnsNothing()) {
			Optional<String> result = travel.whyNot(signature.result());
			result.ifPresent((why) -> problems.add(action + "its result (" + signature.result().toCanonical() + ") "
					+ why));
		}
		return problems;
	}

}
