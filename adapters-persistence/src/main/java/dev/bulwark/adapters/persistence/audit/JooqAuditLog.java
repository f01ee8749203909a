package dev.bulwark.adapters.persistence.audit;

import static dev.bulwark.adapters.persistence.jooq.Tables.AUDIT_LOG;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.KeyValueText;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.AuditLogRecord;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * The audit log in SQL. Appends join the caller's transaction (through {@link Db#ctx()}), so an audited change
 * and its entry commit together or not at all. A page is at most {@value #MAX_PAGE} entries.
 */
public final class JooqAuditLog implements AuditLog {
    static final int MAX_PAGE = 1_000;
    /** The column's width. An address is at most 45 characters; a longer one is a forwarded chain, kept cut. */
    static final int MAX_IP_LENGTH = 100;

    // PostgreSQL reports a missing parent as 23503; H2 uses 23506 for it
    private static final String PG_FOREIGN_KEY = "23503";
    private static final String H2_PARENT_MISSING = "23506";

    private final Db db;

    public JooqAuditLog(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void append(AuditEntry entry) {
        String ip = entry.ip();
        if (ip != null && ip.length() > MAX_IP_LENGTH) {
            // an oddly long address must not fail the audited change with it
            ip = ip.substring(0, MAX_IP_LENGTH);
        }
        try {
            db.ctx().insertInto(AUDIT_LOG)
                    .set(AUDIT_LOG.ID, entry.id())
                    .set(AUDIT_LOG.WORKSPACE_ID, entry.workspace().value())
                    .set(AUDIT_LOG.ACTOR, entry.actor())
                    .set(AUDIT_LOG.ACTION, entry.action())
                    .set(AUDIT_LOG.TARGET, entry.target())
                    .set(AUDIT_LOG.CORRELATION_ID, entry.correlationId())
                    .set(AUDIT_LOG.IP, ip)
                    .set(AUDIT_LOG.USER_AGENT, entry.userAgent())
                    .set(AUDIT_LOG.AT, entry.at().atOffset(ZoneOffset.UTC))
                    .set(AUDIT_LOG.DETAILS, KeyValueText.encode(entry.details()))
                    .execute();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("audit entry " + entry.id() + " exists already");
            }
            String state = e.sqlState();
            if (PG_FOREIGN_KEY.equals(state) || H2_PARENT_MISSING.equals(state)) {
                throw new NotFound("workspace " + entry.workspace() + " not found");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public List<AuditEntry> list(WorkspaceId workspace, @Nullable String target, @Nullable Instant before, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is at least 1");
        }
        Condition where = AUDIT_LOG.WORKSPACE_ID.eq(workspace.value());
        if (target != null) {
            where = where.and(AUDIT_LOG.TARGET.eq(target));
        }
        if (before != null) {
            where = where.and(AUDIT_LOG.AT.lt(before.atOffset(ZoneOffset.UTC)));
        }
        return db.ctx().selectFrom(AUDIT_LOG).where(where)
                .orderBy(AUDIT_LOG.AT.desc(), AUDIT_LOG.ID.desc())
                .limit(Math.min(limit, MAX_PAGE))
                .fetch(JooqAuditLog::toEntry);
    }

    private static AuditEntry toEntry(AuditLogRecord r) {
        return new AuditEntry(r.getId(), new WorkspaceId(r.getWorkspaceId()), r.getActor(), r.getAction(), r.getTarget(),
                r.getCorrelationId(), r.getIp(), r.getUserAgent(), r.getAt().toInstant(), KeyValueText.decode(r.getDetails()));
    }
}
