package store

import (
	"context"
	"database/sql"
)

// The driver prepares a statement at every ExecContext and QueryContext
// call, and SQLite's parser and planner are a fifth of a one-record save's
// CPU (the statements that check the client, read the old record, write
// it and its audit line, each parsed, planned and compiled with its
// triggers again). stmtCache keeps the statements a transaction runs
// prepared on the store's one connection; the driver keeps each one's
// SQLite statement and only resets it between calls. A statement whose
// schema changed (a migration, a freshly loaded image) is prepared again
// by SQLite itself on its next step.
type stmtCache struct {
	conn *sql.Conn
	m    map[string]*sql.Stmt
}

// stmtCacheMax bounds the statements kept: the store's queries are
// constants, but a few are built from lists (an IN of so many ids) and
// must not fill the cache.
const stmtCacheMax = 512

// get is the prepared statement for q, or nil when it is not kept (the
// cache is full, or q does not prepare: the caller runs it the ordinary
// way and gets the ordinary error).
func (c *stmtCache) get(ctx context.Context, q string) *sql.Stmt {
	if st, ok := c.m[q]; ok {
		return st
	}
	if len(c.m) >= stmtCacheMax {
		return nil
	}
	st, err := c.conn.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[q] = st
	return st
}

// close finalizes every kept statement.
func (c *stmtCache) close() {
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}
