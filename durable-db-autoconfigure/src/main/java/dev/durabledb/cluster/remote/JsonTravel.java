package dev.durabledb.cluster.remote;

import java.io.File;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;

import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.AbstractDeserializer;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.ser.impl.UnknownSerializer;

/**
 * Whether a type can travel between nodes as JSON through the application's mapper: it is
 * data, not something that only means anything in the JVM that made it, and the mapper
 * both writes it and reads it back as that type, and so for every property, element, key
 * and content type inside it.
 * <p>
 * A type does not travel when it is, or holds:
 * <ul>
 * <li>{@code Object} at the top (a parameter or result declared so, or an unbound type
 * variable): the other node would read a map, a list or a string, not what was sent;</li>
 * <li>a resource ({@code AutoCloseable}: streams, readers, channels, connections,
 * result sets), an iterator, a future, a thread, an executor or a lock, a
 * {@code java.sql} or {@code javax.sql} handle, or a {@code File} or {@code Path} (they
 * name a file on one node's disk);</li>
 * <li>code: a functional interface ({@code java.util.function}, {@code Runnable},
 * {@code Callable}, any {@code @FunctionalInterface});</li>
 * <li>an interface or abstract class for which the mapper has no type information to
 * pick the class to read ({@code @JsonTypeInfo});</li>
 * <li>a class the mapper finds no way to create (no usable constructor or factory), or
 * no property to write (unless the mapper writes empty objects);</li>
 * <li>anything the mapper refuses to build a serializer or deserializer for (a map
 * whose keys it cannot read, say).</li>
 * </ul>
 * This uses the mapper's own lookup of serializers and deserializers (through its
 * {@code _serializationContext()} and {@code _deserializationContext()}, public in
 * Jackson 3), so custom serializers, mix-ins and modules count as the mapper sees them.
 */
final class JsonTravel {

	/** Types that are not data, in the order they are looked for, with why. */
	private static final Map<Class<?>, String> NOT_DATA = notData();

	private final JsonMapper mapper;

	JsonTravel(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Why a parameter or result of {@code type} cannot travel, naming where inside it the
	 * problem is; empty when it can.
	 */
	Optional<String> whyNot(JavaType type) {
		if (type.isJavaLangObject()) {
			return Optional.of("is declared as Object (or an unbound type variable): the other node would read a "
					+ "map, a list or a string, not what was sent");
		}
		return Optional.ofNullable(check(type, "", new HashSet<>()));
	}

	private String check(JavaType type, String where, Set<String> seen) {
		if (type.isPrimitive() || type.isJavaLangObject() || !seen.add(type.toCanonical())) {
			return null;
		}
		String notData = notData(type.getRawClass());
		if (notData != null) {
			return at(where, type) + notData;
		}
		try {
			if (type.isContainerType() || type.isReferenceType()) {
				return checkContainer(type, where, seen);
			}
			DeserializationContext reading = this.mapper._deserializationContext();
			ValueDeserializer<Object> deserializer = reading.findRootValueDeserializer(type);
			if (deserializer instanceof AbstractDeserializer && reading.findTypeDeserializer(type) == null) {
				return at(where, type) + "is an interface or abstract class, and the mapper has no type information "
						+ "to pick the class to read (@JsonTypeInfo)";
			}
			if (deserializer instanceof ValueInstantiator.Gettable gettable && gettable.getValueInstantiator() != null
					&& !gettable.getValueInstantiator().canInstantiate()) {
				return at(where, type) + "cannot be created by the mapper: it has no public no-argument constructor, "
						+ "record constructor or @JsonCreator";
			}
			if (!type.isAbstract() && this.mapper.isEnabled(SerializationFeature.FAIL_ON_EMPTY_BEANS)) {
				ValueSerializer<Object> serializer = this.mapper._serializationContext()
					.findTypedValueSerializer(type, true);
				if (serializer instanceof UnknownSerializer) {
					return at(where, type) + "has no property the mapper can write";
				}
			}
			if (deserializer instanceof BeanDeserializerBase bean) {
				return checkProperties(bean, where, seen);
			}
			return null;
		}
		catch (RuntimeException ex) {
			// JacksonException mostly; anything else the mapper throws means the same.
			return at(where, type) + "cannot be read or written by the mapper: " + firstLine(ex.getMessage());
		}
	}

	private String checkContainer(JavaType type, String where, Set<String> seen) {
		DeserializationContext reading = this.mapper._deserializationContext();
		if (type.isMapLikeType()) {
			JavaType key = type.getKeyType();
			try {
				reading.findKeyDeserializer(key, null);
			}
			catch (RuntimeException ex) {
				return at(where + "{key}", key) + "cannot be read back as a map key by the mapper: "
						+ firstLine(ex.getMessage());
			}
			String problem = check(key, where + "{key}", seen);
			if (problem != null) {
				return problem;
			}
		}
		JavaType content = type.isReferenceType() ? type.getReferencedType() : type.getContentType();
		String problem = check(content, where + (type.isReferenceType() ? "" : "[]"), seen);
		if (problem == null) {
			reading.findRootValueDeserializer(type);
		}
		return problem;
	}

	private String checkProperties(BeanDeserializerBase bean, String where, Set<String> seen) {
		for (Iterator<SettableBeanProperty> properties = bean.creatorProperties(); properties.hasNext();) {
			SettableBeanProperty property = properties.next();
			String problem = check(property.getType(), where + "." + property.getName(), seen);
			if (problem != null) {
				return problem;
			}
		}
		for (Iterator<SettableBeanProperty> properties = bean.properties(); properties.hasNext();) {
			SettableBeanProperty property = properties.next();
			String problem = check(property.getType(), where + "." + property.getName(), seen);
			if (problem != null) {
				return problem;
			}
		}
		return null;
	}

	private static String notData(Class<?> raw) {
		if (isFunction(raw)) {
			return "is code (a functional interface), not data";
		}
		for (Map.Entry<Class<?>, String> kind : NOT_DATA.entrySet()) {
			if (kind.getKey().isAssignableFrom(raw)) {
				return kind.getValue();
			}
		}
		String packageName = raw.getPackageName();
		if (raw.isInterface() && (packageName.equals("java.sql") || packageName.equals("javax.sql"))) {
			return "is a database handle, open only on the node that opened it";
		}
		return null;
	}

	private static Map<Class<?>, String> notData() {
		String resource = "is a resource (AutoCloseable), open only on the node that opened it";
		String iterator = "is an iterator, read only where it was made";
		String future = "is a result still to come, on the node that computes it";
		String jvm = "belongs to this JVM (a thread, an executor, a lock or a class loader)";
		String file = "names a file on one node's disk";
		Map<Class<?>, String> notData = new LinkedHashMap<>();
		notData.put(AutoCloseable.class, resource);
		notData.put(Iterator.class, iterator);
		notData.put(Spliterator.class, iterator);
		notData.put(Enumeration.class, iterator);
		notData.put(Future.class, future);
		notData.put(CompletionStage.class, future);
		notData.put(Thread.class, jvm);
		notData.put(ThreadGroup.class, jvm);
		notData.put(ThreadLocal.class, jvm);
		notData.put(Executor.class, jvm);
		notData.put(Lock.class, jvm);
		notData.put(ClassLoader.class, jvm);
		notData.put(File.class, file);
		notData.put(java.nio.file.Path.class, file);
		return Collections.unmodifiableMap(notData);
	}

	private static boolean isFunction(Class<?> raw) {
		return raw.isInterface() && (raw.isAnnotationPresent(FunctionalInterface.class)
				|| raw.getPackageName().equals("java.util.function"));
	}

	/** Where inside the parameter or result the problem is: nothing at the top, else its path and type. */
	private static String at(String where, JavaType type) {
		return where.isEmpty() ? ""
				: "at '" + where.substring(where.startsWith(".") ? 1 : 0) + "' (" + type.toCanonical() + ") ";
	}

	private static String firstLine(String message) {
		return (message != null) ? message.lines().findFirst().orElse("") : "";
	}

}
