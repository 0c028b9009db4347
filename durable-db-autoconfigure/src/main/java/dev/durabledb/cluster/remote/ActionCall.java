package dev.durabledb.cluster.remote;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * One action call, the body of a request to {@value Wire#PATH}: a JSON object with these
 * members, {@code arguments} last:
 *
 * <pre class="code">
 * {"database": "notes", "instance": "acme", "epoch": 7, "tenant": "acme", "bean": "noteActions",
 *  "method": "add", "parameterTypes": ["java.lang.String"], "arguments": ["Buy milk"]}
 * </pre>
 *
 * {@code epoch} is the epoch of the lease the caller found the receiving node holding: the
 * call is for that one tenure of the instance, and refused by a node that holds it under
 * another (a later acquisition, a restart). {@code tenant} is the tenant bound on the
 * calling node ({@code null} when none, for a global database); {@code parameterTypes} are the erased parameter types as
 * {@link Class#getName()} spells them; each argument is written by the application's
 * mapper for its parameter's declared type. The receiving node reads each argument
 * straight into that type, which is why the members that name the action come before.
 *
 * @param key the instance the action runs on
 * @param epoch the epoch of the lease the receiving node holds the instance under
 * @param tenant the tenant to bind while it runs
 * @param target the action
 * @param arguments its arguments
 */
record ActionCall(InstanceKey key, long epoch, @Nullable String tenant, ActionTarget target,
		@Nullable Object[] arguments) {

	/**
	 * This call's body.
	 * @throws IllegalArgumentException when an argument cannot be written as JSON
	 */
	byte[] write(JsonMapper mapper) {
		ActionSignature signature = this.target.signature();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		try (JsonGenerator json = mapper.createGenerator(body)) {
			json.writeStartObject();
			json.writeStringProperty("database", this.key.database());
			json.writeStringProperty("instance", this.key.instance());
			json.writeNumberProperty("epoch", this.epoch);
			json.writeStringProperty("tenant", this.tenant);
			json.writeStringProperty("bean", this.target.beanName());
			json.writeStringProperty("method", signature.method().getName());
			json.writeArrayPropertyStart("parameterTypes");
			for (String type : signature.parameterTypeNames()) {
				json.writeString(type);
			}
			json.writeEndArray();
			json.writeArrayPropertyStart("arguments");
			for (int i = 0; i < this.arguments.length; i++) {
				try {
					mapper.writerFor(signature.parameters().get(i)).writeValue(json, this.arguments[i]);
				}
				catch (JacksonException ex) {
					throw new IllegalArgumentException("Argument " + i + " of " + this.target.definition().name()
							+ " cannot be written as JSON: " + ex.getOriginalMessage(), ex);
				}
			}
			json.writeEndArray();
			json.writeEndObject();
		}
		return body.toByteArray();
	}

	/**
	 * Reads a call's body, finding the action it names among {@code targets}.
	 * @throws BadCallException when the body is not a call, names no action of this
	 * application, or its arguments do not read as the action's parameters
	 */
	static ActionCall read(byte[] body, JsonMapper mapper, ActionTargets targets) {
		Header header = new Header();
		ActionTarget target = null;
		Object[] arguments = null;
		try (JsonParser parser = mapper.createParser(body)) {
			expect(parser.nextToken() == JsonToken.START_OBJECT, "a JSON object");
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				if ("arguments".equals(name)) {
					target = targets.find(header.required("bean", header.bean), header.required("method", header.method),
							header.required("parameterTypes", header.parameterTypes));
					arguments = arguments(parser, mapper, target);
				}
				else {
					header.read(name, parser);
				}
			}
			expect(parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null,
					"one JSON object and nothing after it");
		}
		catch (JacksonException ex) {
			throw new BadCallException("The call is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		expect(target != null && arguments != null, "an 'arguments' member");
		InstanceKey key = new InstanceKey(header.required("database", header.database),
				header.required("instance", header.instance));
		return new ActionCall(key, header.required("epoch", header.epoch), header.tenant, target, arguments);
	}

	private static Object[] arguments(JsonParser parser, JsonMapper mapper, ActionTarget target) {
		List<JavaType> parameters = target.signature().parameters();
		expect(parser.currentToken() == JsonToken.START_ARRAY, "'arguments' as an array");
		Object[] arguments = new Object[parameters.size()];
		for (int i = 0; i < arguments.length; i++) {
			JsonToken token = parser.nextToken();
			expect(token != null && token != JsonToken.END_ARRAY,
					parameters.size() + " arguments for " + target.definition().name());
			try {
				// Each argument is one value inside the array: what follows it is the array's.
				arguments[i] = mapper.readerFor(parameters.get(i))
					.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
					.readValue(parser);
			}
			catch (JacksonException ex) {
				throw new BadCallException("Argument " + i + " of " + target.definition().name() + " does not read as "
						+ parameters.get(i).toCanonical() + ": " + ex.getOriginalMessage(), ex);
			}
		}
		expect(parser.nextToken() == JsonToken.END_ARRAY, parameters.size() + " arguments for "
				+ target.definition().name());
		return arguments;
	}

	private static void expect(boolean condition, String what) {
		if (!condition) {
			throw new BadCallException("The call is not one: it must have " + what);
		}
	}

	/** The members before {@code arguments}. */
	private static final class Header {

		private @Nullable String database;

		private @Nullable String instance;

		private @Nullable Long epoch;

		private @Nullable String tenant;

		private @Nullable String bean;

		private @Nullable String method;

		private @Nullable List<String> parameterTypes;

		void read(String name, JsonParser parser) {
			switch (name) {
				case "database" -> this.database = string(parser, name);
				case "instance" -> this.instance = string(parser, name);
				case "epoch" -> this.epoch = number(parser, name);
				case "tenant" -> this.tenant = (parser.currentToken() == JsonToken.VALUE_NULL) ? null
						: string(parser, name);
				case "bean" -> this.bean = string(parser, name);
				case "method" -> this.method = string(parser, name);
				case "parameterTypes" -> this.parameterTypes = strings(parser, name);
				default -> parser.skipChildren();
			}
		}

		<T> T required(String name, @Nullable T value) {
			expect(value != null, "'" + name + "' before 'arguments'");
			return value;
		}

		private static String string(JsonParser parser, String name) {
			expect(parser.currentToken() == JsonToken.VALUE_STRING, "'" + name + "' as a string");
			return parser.getString();
		}

		private static long number(JsonParser parser, String name) {
			expect(parser.currentToken() == JsonToken.VALUE_NUMBER_INT, "'" + name + "' as a whole number");
			return parser.getLongValue();
		}

		private static List<String> strings(JsonParser parser, String name) {
			expect(parser.currentToken() == JsonToken.START_ARRAY, "'" + name + "' as an array of strings");
			List<String> strings = new ArrayList<>();
			while (parser.nextToken() == JsonToken.VALUE_STRING) {
				strings.add(parser.getString());
			}
			expect(parser.currentToken() == JsonToken.END_ARRAY, "'" + name + "' as an array of strings");
			return List.copyOf(strings);
		}

	}

}
