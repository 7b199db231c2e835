package dossier

import (
	"encoding/csv"
	"io"
	"strconv"
)

// The CSV files under portability/ are the dossier as tables, for a
// spreadsheet or another program (AVG art. 20: a commonly used,
// machine-readable format). RFC 4180: comma-separated, a header row, UTF-8
// with a byte order mark so spreadsheet programs on Windows read the
// accents right. Headers are the field names of dossier.json, and values
// are its values, so portability/clients.csv is also a client list that
// `caseload import` reads back.

// utf8BOM opens each CSV file; the CSV import strips it again.
const utf8BOM = "\ufeff"

func writeCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180, and what spreadsheet programs expect
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

func writeClientsCSV(w io.Writer, d *Dossier) error {
	c := d.Client
	return writeCSV(w, []string{"id", "first_name", "last_name", "email", "phone", "address", "birth_date",
		"referral", "referral_detail", "representative", "status", "start", "end", "rejected_on", "outcome",
		"notes", "created", "updated", "gender", "marital_status", "children", "birth_country", "nationality",
		"residence_status", "arrival_date", "bsn"},
		[][]string{{c.ID, c.FirstName, c.LastName, c.Email, c.Phone, c.Address, c.BirthDate, c.Referral,
			c.ReferralDetail, c.Representative, c.Status, c.Start, c.End, c.RejectedOn, c.Outcome, c.Notes,
			c.Created, c.Updated, c.Gender, c.MaritalStatus, childrenText(c.Children), c.BirthCountry,
			c.Nationality, c.ResidenceStatus, c.ArrivalDate, c.BSN}})
}

// childrenText is the children column: empty when not recorded.
func childrenText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func writeAppointmentsCSV(w io.Writer, d *Dossier) error {
	rows := make([][]string, 0, len(d.Appointments))
	for _, a := range d.Appointments {
		rows = append(rows, []string{a.Start, strconv.Itoa(a.Minutes), a.Place, a.Attendance, a.Reason, a.Notes,
			a.Created, a.Updated})
	}
	return writeCSV(w, []string{"start", "minutes", "place", "attendance", "reason", "notes", "created", "updated"}, rows)
}

func writeRecordsCSV(w io.Writer, d *Dossier) error {
	rows := make([][]string, 0, len(d.Records))
	for _, r := range d.Records {
		rows = append(rows, []string{r.Date, r.Kind, r.Title, strconv.FormatBool(r.SpecialCategory), r.Body,
			r.Created, r.Updated})
	}
	return writeCSV(w, []string{"date", "kind", "title", "special_category", "body", "created", "updated"}, rows)
}
