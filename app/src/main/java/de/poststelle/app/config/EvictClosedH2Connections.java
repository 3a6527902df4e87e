package de.poststelle.app.config;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Lets the connection pool replace connections to an embedded H2 database that closed itself.
 * H2 closes the database when a write fails (a full disk, for one) and answers every later
 * statement with error 90098; its SQLSTATE is not one the pool takes for a broken connection, so
 * without this the gateway would stay broken after the disk has room again. A new connection
 * opens the database anew, from its last commit.
 */
public final class EvictClosedH2Connections implements SQLExceptionOverride {

    /** org.h2.api.ErrorCode.DATABASE_IS_CLOSED */
    private static final int H2_DATABASE_IS_CLOSED = 90098;

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return e.getErrorCode() == H2_DATABASE_IS_CLOSED && String.valueOf(H2_DATABASE_IS_CLOSED).equals(e.getSQLState())
                ? Override.MUST_EVICT
                : Override.CONTINUE_EVICT;
    }
}
