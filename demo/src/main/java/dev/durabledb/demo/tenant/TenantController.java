package dev.durabledb.demo.tenant;

import java.net.URI;

import dev.durabledb.tenant.TenantDirectory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Creates tenants: each gets its own SQLite file, a copy of the migrated template. */
@RestController
class TenantController {

	private final TenantDirectory tenants;

	TenantController(TenantDirectory tenants) {
		this.tenants = tenants;
	}

	@PostMapping("/api/tenants")
	ResponseEntity<NewTenant> create(@RequestBody NewTenant tenant) {
		this.tenants.create((tenant.id() != null) ? tenant.id() : "");
		return ResponseEntity.created(URI.create("/api/tenants/" + tenant.id())).body(tenant);
	}

	record NewTenant(String id) {
	}

}
