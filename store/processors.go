package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Processor is a company that processes personal data on the practice's
// behalf (AVG art. 28): hosting, e-mail, a newsletter service, the
// bookkeeper. The privacy statements name theirs (Rapasso, D-Hosting,
// Laposta); the art. 30 register lists them, and a breach at one starts
// the clock to tell them.
type Processor struct {
	ID   int64
	Name string
	// Processes says what the processor does with which data ("e-mail:
	// messages to and from clients").
	Processes string
	// Agreement records that a processing agreement (verwerkersovereenkomst)
	// is in place, as art. 28(3) requires.
	Agreement bool
	// Location is where the data are processed ("Netherlands", "EU",
	// "United States, under the EU-US Data Privacy Framework").
	Location string
}

// Validate reports the first field that a coach must correct.
func (p Processor) Validate() error {
	if err := firstError(CheckLine("name", p.Name, MaxLine), CheckText("processes", p.Processes, MaxNotes),
		CheckLine("location", p.Location, MaxLine)); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(p.Name) == "":
		return invalid("name", "a processor needs a name")
	case len(p.Name) > 200:
		return invalid("name", "a name is at most 200 characters")
	case len(p.Processes) > 2000 || len(p.Location) > 200:
		return invalid("processes", "keep the description under 2,000 characters")
	}
	return nil
}

// Processors returns the practice's processors, by name.
func (s *Store) Processors(ctx context.Context) ([]Processor, error) {
	var out []Processor
	err := s.read(ctx, func(t *tx) error {
		var err error
		out, err = t.processors()
		return err
	})
	return out, err
}

func (t *tx) processors() ([]Processor, error) {
	rs, err := t.query(`SELECT id, name, processes, agreement, location FROM processors
		ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, fmt.Errorf("listing processors: %w", err)
	}
	defer rs.Close()
	var out []Processor
	for rs.Next() {
		var p Processor
		if err := rs.Scan(&p.ID, &p.Name, &p.Processes, &p.Agreement, &p.Location); err != nil {
			return nil, fmt.Errorf("listing processors: %w", err)
		}
		out = append(out, p)
	}
	return out, rs.Err()
}

// SaveProcessor adds a processor (ID 0) or stores corrections to one, and
// returns it with its id. It returns ErrNotFound for an unknown id.
func (s *Store) SaveProcessor(ctx context.Context, p Processor) (Processor, error) {
	p.Name, p.Location = strings.TrimSpace(p.Name), strings.TrimSpace(p.Location)
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := s.write(ctx, func(t *tx) error {
		if p.ID == 0 {
			res, err := t.exec(`INSERT INTO processors (name, processes, agreement, location, created_at)
				VALUES (?, ?, ?, ?, ?)`, p.Name, p.Processes, p.Agreement, p.Location, t.stamp())
			if err != nil {
				return fmt.Errorf("adding processor: %w", err)
			}
			if p.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			return t.audit(AuditCreate, 0, fmt.Sprintf("processor %d", p.ID))
		}
		res, err := t.exec(`UPDATE processors SET name = ?, processes = ?, agreement = ?, location = ?
			WHERE id = ?`, p.Name, p.Processes, p.Agreement, p.Location, p.ID)
		if err != nil {
			return fmt.Errorf("updating processor: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return t.audit(AuditEdit, 0, fmt.Sprintf("processor %d", p.ID))
	})
	return p, err
}

// DeleteProcessor removes a processor the practice no longer uses. It
// returns ErrNotFound for an unknown id.
func (s *Store) DeleteProcessor(ctx context.Context, id int64) error {
	return s.write(ctx, func(t *tx) error {
		var name string
		if err := t.row("SELECT name FROM processors WHERE id = ?", id).Scan(&name); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return fmt.Errorf("removing processor: %w", err)
		}
		if _, err := t.exec("DELETE FROM processors WHERE id = ?", id); err != nil {
			return fmt.Errorf("removing processor: %w", err)
		}
		return t.audit(AuditDelete, 0, fmt.Sprintf("processor %d", id))
	})
}
