package store

import (
	"context"
	"database/sql"
	"fmt"
)

// trajectoryStatSQL is the anonymous statistic of the closed trajectory of
// client c: end year, length in days (NULL without a start date), outcome.
// Statistics reads it from live clients, and a purge stores it in
// trajectory_stats, the same expression both times, so a purge never
// changes the published numbers.
const trajectoryStatSQL = `CAST(strftime('%Y', c.end_date) AS INTEGER),
	CAST(julianday(c.end_date) - julianday(c.start_date) AS INTEGER), c.outcome`

// trajectoryWhereSQL selects the clients whose trajectory counts.
const trajectoryWhereSQL = `c.status = 'closed' AND c.end_date IS NOT NULL`

// YearStats sums up the trajectories that ended in one year: the numbers a
// practice publishes. They come from live closed clients and from the
// anonymous rows purged clients left, so a purge changes nothing here.
type YearStats struct {
	Year         int
	Trajectories int
	// Measured is how many of them have a length (a start date); the
	// median and mean are over those, and 0 when there are none.
	Measured   int
	MedianDays float64
	MeanDays   float64
	// Outcomes counts trajectories per outcome; OutcomeUnknown counts those
	// closed without one (imported so, or closed before an outcome was
	// required). Read it in the order of
	// Outcomes for a stable display.
	Outcomes map[Outcome]int
}

// Statistics returns the trajectories per end year, earliest year first.
func (s *Store) Statistics(ctx context.Context) ([]YearStats, error) {
	q := `WITH t (year, days, outcome) AS (
			SELECT ` + trajectoryStatSQL + ` FROM clients c WHERE ` + trajectoryWhereSQL + `
			UNION ALL SELECT end_year, length_days, outcome FROM trajectory_stats),
		ranked AS (
			SELECT year, days, row_number() OVER (PARTITION BY year ORDER BY days) AS rn,
				count(*) OVER (PARTITION BY year) AS n
			FROM t WHERE days IS NOT NULL),
		medians AS (
			SELECT year, avg(days) AS median FROM ranked
			WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY year)
		SELECT t.year, count(*), count(t.days), coalesce(m.median, 0), coalesce(avg(t.days), 0),
			count(*) FILTER (WHERE outcome = 'education'), count(*) FILTER (WHERE outcome = 'work'),
			count(*) FILTER (WHERE outcome = 'other'), count(*) FILTER (WHERE outcome = 'dropped_out'),
			count(*) FILTER (WHERE outcome = '')
		FROM t LEFT JOIN medians m ON m.year = t.year
		GROUP BY t.year ORDER BY t.year`
	var out []YearStats
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(q)
		if err != nil {
			return fmt.Errorf("computing statistics: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var y YearStats
			var edu, work, other, dropped, none int
			var year sql.NullInt64
			if err := rs.Scan(&year, &y.Trajectories, &y.Measured, &y.MedianDays, &y.MeanDays,
				&edu, &work, &other, &dropped, &none); err != nil {
				return fmt.Errorf("computing statistics: %w", err)
			}
			y.Year = int(year.Int64)
			y.Outcomes = map[Outcome]int{OutcomeEducation: edu, OutcomeWork: work,
				OutcomeOther: other, OutcomeDroppedOut: dropped, OutcomeUnknown: none}
			out = append(out, y)
		}
		return rs.Err()
	})
	return out, err
}
