package dev.durabledb.cluster.nodes;

import java.util.List;

import dev.durabledb.action.DurableAction;
import dev.durabledb.action.DurableDatabase;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.fixtures.Gate;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.Tenants;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The actions of the nodes the multi-process tests start: each write records who wrote it
 * (node, lease epoch, the tenant's next sequence), so that a test can tell afterwards
 * whether two nodes ever served one tenant at once.
 */
@DurableAction(database = "ledger")
public class LedgerActions {

	private final JdbcClient db;

	private final LeaseKeeper leases;

	private final Gate hold;

	public LedgerActions(DurableDatabase ledger, LeaseKeeper leases, Gate hold) {
		this.db = ledger.jdbcClient();
		this.leases = leases;
		this.hold = hold;
	}

	/** Appends, then waits inside the transaction until the test releases it. */
	public Entry appendHeld(long clientSeq) {
		Entry entry = append(clientSeq);
		this.hold.hold();
		return entry;
	}

	public Entry append(@PositiveOrZero long clientSeq) {
		InstanceKey key = new InstanceKey("ledger", Tenants.current().orElseThrow());
		long epoch = this.leases.epoch(key).orElse(-1);
		long localSeq = this.db.sql("SELECT coalesce(max(local_seq), 0) + 1 FROM entries").query(Long.class).single();
		this.db.sql("INSERT INTO entries (client_seq, node, epoch, local_seq) VALUES (?, ?, ?, ?)")
			.params(clientSeq, this.leases.nodeId(), epoch, localSeq)
			.update();
		return new Entry(clientSeq, this.leases.nodeId(), epoch, localSeq);
	}

	@DurableAction(readOnly = true)
	public List<Entry> entries() {
		return this.db.sql("SELECT client_seq, node, epoch, local_seq FROM entries ORDER BY id")
			.query((row, number) -> new Entry(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4)))
			.list();
	}

}
