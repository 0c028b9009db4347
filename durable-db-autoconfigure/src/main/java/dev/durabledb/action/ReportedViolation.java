package dev.durabledb.action;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.validation.metadata.ConstraintDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * A violation as another node reported it: a field and a message, nothing else (the
 * invalid value and the constraint stayed there). Its path is the field, a parameter node
 * followed by property nodes, so that it reads back as the same field.
 */
final class ReportedViolation implements ConstraintViolation<Object> {

	private final InvalidArgument argument;

	private final ReportedPath path;

	ReportedViolation(InvalidArgument argument) {
		this.argument = argument;
		this.path = new ReportedPath(argument.field());
	}

	@Override
	public String getMessage() {
		return this.argument.message();
	}

	@Override
	public String getMessageTemplate() {
		return this.argument.message();
	}

	@Override
	public @Nullable Object getRootBean() {
		return null;
	}

	@Override
	public @Nullable Class<Object> getRootBeanClass() {
		return null;
	}

	@Override
	public @Nullable Object getLeafBean() {
		return null;
	}

	@Override
	public Object @Nullable [] getExecutableParameters() {
		return null;
	}

	@Override
	public @Nullable Object getExecutableReturnValue() {
		return null;
	}

	@Override
	public Path getPropertyPath() {
		return this.path;
	}

	@Override
	public @Nullable Object getInvalidValue() {
		return null;
	}

	@Override
	public @Nullable ConstraintDescriptor<?> getConstraintDescriptor() {
		return null;
	}

	@Override
	public <U> U unwrap(Class<U> type) {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new ValidationException("A reported violation cannot be unwrapped to " + type.getName());
	}

	@Override
	public String toString() {
		return this.argument.field() + ": " + this.argument.message();
	}

	private static final class ReportedPath implements Path {

		private final String field;

		private final List<Node> nodes = new ArrayList<>();

		ReportedPath(String field) {
			this.field = field;
			String[] names = field.split("\\.", -1);
			for (int i = 0; i < names.length; i++) {
				this.nodes.add(new ReportedNode(names[i], (i == 0) ? ElementKind.PARAMETER : ElementKind.PROPERTY));
			}
		}

		@Override
		public Iterator<Node> iterator() {
			return this.nodes.iterator();
		}

		@Override
		public String toString() {
			return this.field;
		}

	}

	private static final class ReportedNode implements Path.Node {

		private final String name;

		private final ElementKind kind;

		ReportedNode(String name, ElementKind kind) {
			this.name = name;
			this.kind = kind;
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public ElementKind getKind() {
			return this.kind;
		}

		@Override
		public boolean isInIterable() {
			return false;
		}

		@Override
		public @Nullable Integer getIndex() {
			return null;
		}

		@Override
		public @Nullable Object getKey() {
			return null;
		}

		@Override
		public <T extends Path.Node> T as(Class<T> nodeType) {
			if (nodeType.isInstance(this)) {
				return nodeType.cast(this);
			}
			throw new ClassCastException("A reported path node is not a " + nodeType.getName());
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
