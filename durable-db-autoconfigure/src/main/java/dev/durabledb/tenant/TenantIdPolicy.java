package dev.durabledb.tenant;

import java.util.regex.Pattern;

import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceKey;

/** Decides which strings are acceptable tenant ids. */
public final class TenantIdPolicy {

	/** Letters, digits, '-' and '_', up to 63 characters. */
	public static final String DEFAULT_PATTERN = "[A-Za-z0-9_-]{1,63}";

	private static final int MAX_LENGTH = 255;

	private final Pattern pattern;

	private final boolean defaultPattern;

	public TenantIdPolicy(String pattern) {
		this.pattern = Pattern.compile(pattern);
		this.defaultPattern = DEFAULT_PATTERN.equals(pattern);
	}

	/**
	 * The instance an action on {@code database} runs on now: the current tenant's, or the
	 * global one.
	 * @throws MissingTenantException if the database is per-tenant and no tenant is bound
	 * @throws InvalidTenantIdException if the bound tenant id is not valid
	 */
	public InstanceKey currentInstanceKey(DatabaseDefinition database) {
		if (!database.isPerTenant()) {
			return InstanceKey.global(database.name());
		}
		String tenant = Tenants.current().orElseThrow(() -> new MissingTenantException(database.name()));
		return new InstanceKey(database.name(), validate(tenant));
	}

	/**
	 * The key of the instance named {@code instance} of {@code database}: a valid tenant id
	 * for a per-tenant database, {@code global} for a global one.
	 * @throws InvalidTenantIdException when the name is not valid for the database
	 */
	public InstanceKey instanceKey(DatabaseDefinition database, String instance) {
		if (database.isPerTenant()) {
			return new InstanceKey(database.name(), validate(instance));
		}
		if (!InstanceKey.GLOBAL.equals(instance)) {
			throw new InvalidTenantIdException("global (database '" + database.name() + "' has one instance)");
		}
		return InstanceKey.global(database.name());
	}

	/**
	 * Returns {@code tenantId} when it is valid.
	 * @throws InvalidTenantIdException when it does not match the pattern
	 */
	public String validate(String tenantId) {
		if (tenantId == null || tenantId.isEmpty() || tenantId.length() > MAX_LENGTH
				|| !matches(tenantId)) {
			throw new InvalidTenantIdException(this.pattern.pattern());
		}
		return tenantId;
	}

	/**
	 * Every action checks its tenant's id: the default pattern is checked by a loop over the
	 * characters, because a regex matcher costs about 125 ns here, as much as the rest of
	 * the action's own bookkeeping. {@code TenantIdPolicyTests} holds the two to the same
	 * answers.
	 */
	private boolean matches(String tenantId) {
		return this.defaultPattern ? isDefaultId(tenantId) : this.pattern.matcher(tenantId).matches();
	}

	private static boolean isDefaultId(String tenantId) {
		if (tenantId.length() > 63) {
			return false;
		}
		for (int i = 0; i < tenantId.length(); i++) {
			char c = tenantId.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

	public boolean isValid(String tenantId) {
		try {
			validate(tenantId);
			return true;
		}
		catch (InvalidTenantIdException ex) {
			return false;
		}
	}

}
