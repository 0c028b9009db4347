package dev.durabledb.action.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A prepared statement that forwards every call to the one {@link #target()} returns;
 * subclasses override what differs. Plain forwarding rather than a JDK proxy: statements
 * are called several times per action, and a reflective call each time costs more than
 * SQLite's own work for a point read does.
 */
abstract class PreparedStatementDelegate implements PreparedStatement {

	/** The statement calls go to; may refuse (throw) when the statement may no longer be used. */
	protected abstract PreparedStatement target() throws SQLException;

	@Override
	public ResultSet executeQuery() throws SQLException {
		return target().executeQuery();
	}

	@Override
	public int executeUpdate() throws SQLException {
		return target().executeUpdate();
	}

	@Override
	public void setNull(int parameterIndex, int sqlType) throws SQLException {
		target().setNull(parameterIndex, sqlType);
	}

	@Override
	public void setBoolean(int parameterIndex, boolean x) throws SQLException {
		target().setBoolean(parameterIndex, x);
	}

	@Override
	public void setByte(int parameterIndex, byte x) throws SQLException {
		target().setByte(parameterIndex, x);
	}

	@Override
	public void setShort(int parameterIndex, short x) throws SQLException {
		target().setShort(parameterIndex, x);
	}

	@Override
	public void setInt(int parameterIndex, int x) throws SQLException {
		target().setInt(parameterIndex, x);
	}

	@Override
	public void setLong(int parameterIndex, long x) throws SQLException {
		target().setLong(parameterIndex, x);
	}

	@Override
	public void setFloat(int parameterIndex, float x) throws SQLException {
		target().setFloat(parameterIndex, x);
	}

	@Override
	public void setDouble(int parameterIndex, double x) throws SQLException {
		target().setDouble(parameterIndex, x);
	}

	@Override
	public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
		target().setBigDecimal(parameterIndex, x);
	}

	@Override
	public void setString(int parameterIndex, String x) throws SQLException {
		target().setString(parameterIndex, x);
	}

	@Override
	public void setBytes(int parameterIndex, byte[] x) throws SQLException {
		target().setBytes(parameterIndex, x);
	}

	@Override
	public void setDate(int parameterIndex, Date x) throws SQLException {
		target().setDate(parameterIndex, x);
	}

	@Override
	public void setTime(int parameterIndex, Time x) throws SQLException {
		target().setTime(parameterIndex, x);
	}

	@Override
	public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
		target().setTimestamp(parameterIndex, x);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
		target().setAsciiStream(parameterIndex, x, length);
	}

	@Override
	public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
		target().setUnicodeStream(parameterIndex, x, length);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
		target().setBinaryStream(parameterIndex, x, length);
	}

	@Override
	public void clearParameters() throws SQLException {
		target().clearParameters();
	}

	@Override
	public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
		target().setObject(parameterIndex, x, targetSqlType);
	}

	@Override
	public void setObject(int parameterIndex, Object x) throws SQLException {
		target().setObject(parameterIndex, x);
	}

	@Override
	public boolean execute() throws SQLException {
		return target().execute();
	}

	@Override
	public void addBatch() throws SQLException {
		target().addBatch();
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
		target().setCharacterStream(parameterIndex, reader, length);
	}

	@Override
	public void setRef(int parameterIndex, Ref x) throws SQLException {
		target().setRef(parameterIndex, x);
	}

	@Override
	public void setBlob(int parameterIndex, Blob x) throws SQLException {
		target().setBlob(parameterIndex, x);
	}

	@Override
	public void setClob(int parameterIndex, Clob x) throws SQLException {
		target().setClob(parameterIndex, x);
	}

	@Override
	public void setArray(int parameterIndex, Array x) throws SQLException {
		target().setArray(parameterIndex, x);
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		return target().getMetaData();
	}

	@Override
	public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
		target().setDate(parameterIndex, x, cal);
	}

	@Override
	public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
		target().setTime(parameterIndex, x, cal);
	}

	@Override
	public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
		target().setTimestamp(parameterIndex, x, cal);
	}

	@Override
	public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
		target().setNull(parameterIndex, sqlType, typeName);
	}

	@Override
	public void setURL(int parameterIndex, URL x) throws SQLException {
		target().setURL(parameterIndex, x);
	}

	@Override
	public ParameterMetaData getParameterMetaData() throws SQLException {
		return target().getParameterMetaData();
	}

	@Override
	public void setRowId(int parameterIndex, RowId x) throws SQLException {
		target().setRowId(parameterIndex, x);
	}

	@Override
	public void setNString(int parameterIndex, String value) throws SQLException {
		target().setNString(parameterIndex, value);
	}

	@Override
	public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
		target().setNCharacterStream(parameterIndex, value, length);
	}

	@Override
	public void setNClob(int parameterIndex, NClob value) throws SQLException {
		target().setNClob(parameterIndex, value);
	}

	@Override
	public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
		target().setClob(parameterIndex, reader, length);
	}

	@Override
	public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
		target().setBlob(parameterIndex, inputStream, length);
	}

	@Override
	public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
		target().setNClob(parameterIndex, reader, length);
	}

	@Override
	public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
		target().setSQLXML(parameterIndex, xmlObject);
	}

	@Override
	public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
		target().setObject(parameterIndex, x, targetSqlType, scaleOrLength);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
		target().setAsciiStream(parameterIndex, x, length);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
		target().setBinaryStream(parameterIndex, x, length);
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
		target().setCharacterStream(parameterIndex, reader, length);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
		target().setAsciiStream(parameterIndex, x);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
		target().setBinaryStream(parameterIndex, x);
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
		target().setCharacterStream(parameterIndex, reader);
	}

	@Override
	public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
		target().setNCharacterStream(parameterIndex, value);
	}

	@Override
	public void setClob(int parameterIndex, Reader reader) throws SQLException {
		target().setClob(parameterIndex, reader);
	}

	@Override
	public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
		target().setBlob(parameterIndex, inputStream);
	}

	@Override
	public void setNClob(int parameterIndex, Reader reader) throws SQLException {
		target().setNClob(parameterIndex, reader);
	}

	@Override
	public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
		target().setObject(parameterIndex, x, targetSqlType, scaleOrLength);
	}

	@Override
	public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
		target().setObject(parameterIndex, x, targetSqlType);
	}

	@Override
	public long executeLargeUpdate() throws SQLException {
		return target().executeLargeUpdate();
	}

	@Override
	public ResultSet executeQuery(String sql) throws SQLException {
		return target().executeQuery(sql);
	}

	@Override
	public int executeUpdate(String sql) throws SQLException {
		return target().executeUpdate(sql);
	}

	@Override
	public void close() throws SQLException {
		target().close();
	}

	@Override
	public int getMaxFieldSize() throws SQLException {
		return target().getMaxFieldSize();
	}

	@Override
	public void setMaxFieldSize(int max) throws SQLException {
		target().setMaxFieldSize(max);
	}

	@Override
	public int getMaxRows() throws SQLException {
		return target().getMaxRows();
	}

	@Override
	public void setMaxRows(int max) throws SQLException {
		target().setMaxRows(max);
	}

	@Override
	public void setEscapeProcessing(boolean enable) throws SQLException {
		target().setEscapeProcessing(enable);
	}

	@Override
	public int getQueryTimeout() throws SQLException {
		return target().getQueryTimeout();
	}

	@Override
	public void setQueryTimeout(int seconds) throws SQLException {
		target().setQueryTimeout(seconds);
	}

	@Override
	public void cancel() throws SQLException {
		target().cancel();
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		return target().getWarnings();
	}

	@Override
	public void clearWarnings() throws SQLException {
		target().clearWarnings();
	}

	@Override
	public void setCursorName(String name) throws SQLException {
		target().setCursorName(name);
	}

	@Override
	public boolean execute(String sql) throws SQLException {
		return target().execute(sql);
	}

	@Override
	public ResultSet getResultSet() throws SQLException {
		return target().getResultSet();
	}

	@Override
	public int getUpdateCount() throws SQLException {
		return target().getUpdateCount();
	}

	@Override
	public boolean getMoreResults() throws SQLException {
		return target().getMoreResults();
	}

	@Override
	public void setFetchDirection(int direction) throws SQLException {
		target().setFetchDirection(direction);
	}

	@Override
	public int getFetchDirection() throws SQLException {
		return target().getFetchDirection();
	}

	@Override
	public void setFetchSize(int rows) throws SQLException {
		target().setFetchSize(rows);
	}

	@Override
	public int getFetchSize() throws SQLException {
		return target().getFetchSize();
	}

	@Override
	public int getResultSetConcurrency() throws SQLException {
		return target().getResultSetConcurrency();
	}

	@Override
	public int getResultSetType() throws SQLException {
		return target().getResultSetType();
	}

	@Override
	public void addBatch(String sql) throws SQLException {
		target().addBatch(sql);
	}

	@Override
	public void clearBatch() throws SQLException {
		target().clearBatch();
	}

	@Override
	public int[] executeBatch() throws SQLException {
		return target().executeBatch();
	}

	@Override
	public Connection getConnection() throws SQLException {
		return target().getConnection();
	}

	@Override
	public boolean getMoreResults(int current) throws SQLException {
		return target().getMoreResults(current);
	}

	@Override
	public ResultSet getGeneratedKeys() throws SQLException {
		return target().getGeneratedKeys();
	}

	@Override
	public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
		return target().executeUpdate(sql, autoGeneratedKeys);
	}

	@Override
	public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
		return target().executeUpdate(sql, columnIndexes);
	}

	@Override
	public int executeUpdate(String sql, String[] columnNames) throws SQLException {
		return target().executeUpdate(sql, columnNames);
	}

	@Override
	public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
		return target().execute(sql, autoGeneratedKeys);
	}

	@Override
	public boolean execute(String sql, int[] columnIndexes) throws SQLException {
		return target().execute(sql, columnIndexes);
	}

	@Override
	public boolean execute(String sql, String[] columnNames) throws SQLException {
		return target().execute(sql, columnNames);
	}

	@Override
	public int getResultSetHoldability() throws SQLException {
		return target().getResultSetHoldability();
	}

	@Override
	public boolean isClosed() throws SQLException {
		return target().isClosed();
	}

	@Override
	public void setPoolable(boolean poolable) throws SQLException {
		target().setPoolable(poolable);
	}

	@Override
	public boolean isPoolable() throws SQLException {
		return target().isPoolable();
	}

	@Override
	public void closeOnCompletion() throws SQLException {
		target().closeOnCompletion();
	}

	@Override
	public boolean isCloseOnCompletion() throws SQLException {
		return target().isCloseOnCompletion();
	}

	@Override
	public long getLargeUpdateCount() throws SQLException {
		return target().getLargeUpdateCount();
	}

	@Override
	public void setLargeMaxRows(long max) throws SQLException {
		target().setLargeMaxRows(max);
	}

	@Override
	public long getLargeMaxRows() throws SQLException {
		return target().getLargeMaxRows();
	}

	@Override
	public long[] executeLargeBatch() throws SQLException {
		return target().executeLargeBatch();
	}

	@Override
	public long executeLargeUpdate(String sql) throws SQLException {
		return target().executeLargeUpdate(sql);
	}

	@Override
	public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
		return target().executeLargeUpdate(sql, autoGeneratedKeys);
	}

	@Override
	public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
		return target().executeLargeUpdate(sql, columnIndexes);
	}

	@Override
	public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
		return target().executeLargeUpdate(sql, columnNames);
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return target().unwrap(iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		return target().isWrapperFor(iface);
	}
}
