package dev.durabledb.tenant;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tenant ids are checked against the configured pattern, the default one included. */
class TenantIdPolicyTests {

	private static final List<String> IDS = List.of("acme", "ACME-1_x", "a", "a".repeat(63), "a".repeat(64), "", " acme",
			"acme ", "ac me", "../acme", "acme/x", "acme\\x", "acme\u0000", ".", "..", "caf\u00e9", "\u0430cme", "acme.db",
			"tenant:1", "x\u00b2", "\uff41cme");

	@Test
	void theDefaultPatternAcceptsExactlyWhatItsRegexAccepts() {
		TenantIdPolicy policy = new TenantIdPolicy(TenantIdPolicy.DEFAULT_PATTERN);
		Pattern regex = Pattern.compile(TenantIdPolicy.DEFAULT_PATTERN);
		for (String id : IDS) {
			assertThat(policy.isValid(id)).as("'%s'", id).isEqualTo(regex.matcher(id).matches());
		}
		assertThat(IDS.stream().filter(policy::isValid)).containsExactly("acme", "ACME-1_x", "a", "a".repeat(63));
	}

	@Test
	void aConfiguredPatternReplacesTheDefault() {
		TenantIdPolicy policy = new TenantIdPolicy("[a-z]{2,8}\\.[a-z]{2}");
		assertThat(policy.validate("acme.io")).isEqualTo("acme.io");
		assertThat(policy.isValid("acme")).isFalse();
		assertThatExceptionOfType(InvalidTenantIdException.class).isThrownBy(() -> policy.validate("ACME.io"));
	}

	@Test
	void nullIsNeverValid() {
		assertThat(new TenantIdPolicy(TenantIdPolicy.DEFAULT_PATTERN).isValid(null)).isFalse();
		assertThat(new TenantIdPolicy(".*").isValid(null)).isFalse();
	}

}
