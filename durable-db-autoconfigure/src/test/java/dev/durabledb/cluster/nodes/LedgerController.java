package dev.durabledb.cluster.nodes;

import java.util.List;
import java.util.Map;

import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.fixtures.Gate;
import dev.durabledb.tenant.TenantDirectory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP side of a ledger node: create tenants, append, read (the tenant in {@code X-Tenant-Id}). */
@RestController
class LedgerController {

	private final LedgerActions ledger;

	private final TenantDirectory tenants;

	private final LeaseKeeper leases;

	private final Gate hold;

	LedgerController(LedgerActions ledger, TenantDirectory tenants, LeaseKeeper leases, Gate hold) {
		this.ledger = ledger;
		this.tenants = tenants;
		this.leases = leases;
		this.hold = hold;
	}

	@PostMapping("/tenants")
	@ResponseStatus(HttpStatus.CREATED)
	void create(@RequestBody Map<String, String> tenant) {
		this.tenants.create(tenant.get("id"));
	}

	@PostMapping("/entries")
	Entry append(@RequestParam long seq) {
		return this.ledger.append(seq);
	}

	@PostMapping("/entries/held")
	Entry appendHeld(@RequestParam long seq) {
		return this.ledger.appendHeld(seq);
	}

	@GetMapping("/held")
	boolean holding() {
		return this.hold.isHolding();
	}

	@PostMapping("/release")
	void release() {
		this.hold.open();
	}

	@GetMapping("/entries")
	List<Entry> entries() {
		return this.ledger.entries();
	}

	@GetMapping("/node")
	Map<String, Object> node() {
		return Map.of("id", this.leases.nodeId(), "leases", this.leases.held());
	}

}
