package msg

// tuiAgendaTexts are the texts of the agenda, the today screen and the
// series in the appointment form.
var tuiAgendaTexts = map[string]entry{
	"key.agenda":        {"agenda", "agenda"},
	"key.prev_day":      {"vorige dag", "previous day"},
	"key.next_day":      {"volgende dag", "next day"},
	"key.prev_week":     {"vorige week", "previous week"},
	"key.next_week":     {"volgende week", "next week"},
	"key.today":         {"vandaag", "today"},
	"key.go_to_date":    {"naar datum", "go to date"},
	"key.open_appt":     {"afspraak openen", "open appointment"},
	"key.session_note":  {"sessieverslag", "session note"},
	"key.go":            {"ga", "go"},
	"agenda.title":      {"Agenda", "Agenda"},
	"agenda.week":       {"Week %d · %s – %s", "Week %d · %s – %s"},
	"agenda.today_mark": {"vandaag", "today"},
	"agenda.none":       {"geen afspraken", "no appointments"},
	"agenda.go_prompt":  {"Naar datum: ", "Go to date: "},
	"agenda.note_mark":  {"verslag", "note"},
	"agenda.series":     {"reeks", "series"},

	"today.title":        {"Vandaag", "Today"},
	"today.heading":      {"Vandaag · %s", "Today · %s"},
	"today.appointments": {"Afspraken", "Appointments"},
	"today.none":         {"Vandaag geen afspraken.", "No appointments today."},
	"today.due":          {"Binnen een week", "Due within a week"},
	"today.nothing_due":  {"Binnen een week verloopt niets.", "Nothing is due within a week."},
	"today.hint":         {"A opent de agenda · esc de caseload", "A opens the agenda · esc the caseload"},

	"appointment.repeat":        {"Herhalen", "Repeat"},
	"appointment.repeat_once":   {"niet", "no"},
	"appointment.repeat_weekly": {"elke week", "every week"},
	"appointment.repeat_2weeks": {"elke twee weken", "every two weeks"},
	"appointment.times":         {"Aantal keer", "Times"},
	"appointment.until":         {"Tot en met", "Until"},
	"appointment.times_or_date": {"Geef een aantal keer of een einddatum, niet allebei.", "Give a number of times or an end date, not both."},
	"appointment.times_format":  {"Een aantal keer in cijfers, zoals 6.", "A number of times in digits, such as 6."},
	"appointment.apply":         {"Verplaatsen", "Move"},
	"appointment.apply_one":     {"alleen deze", "this one only"},
	"appointment.apply_rest":    {"deze en de rest van de reeks", "this one and the rest of the series"},
	"appointment.overlap":       {"Let op: overlapt met %s", "Note: overlaps with %s"},
	"appointment.note":          {"Sessieverslag", "Session note"},
	"appointment.note_none":     {"nog geen — ctrl+n schrijft er een", "none yet — ctrl+n writes one"},
	"appointment.note_title":    {"Sessie %s", "Session %s"},
	"appointment.series_of":     {"Reeks", "Series"},
	"search.appointment_hit":    {"afspraak", "appointment"},
	"record.session_of":         {"sessie van %s", "session of %s"},
	"appointment.note_save_first": {"Bewaar de afspraak eerst (ctrl+s), dan het verslag.",
		"Save the appointment first (ctrl+s), then write its note."},

	"invalid.attendance_future": {"Nog niet: deze afspraak moet nog komen.", "Not yet: this appointment is still to come."},
	"invalid.reason_needed":     {"Geef een reden.", "Give a reason."},
	"invalid.not_planned":       {"Alleen een geplande afspraak kan verplaatst worden.", "Only a planned appointment can be moved."},
	"invalid.series_rule":       {"Een reeks herhaalt elke week of elke twee weken, een aantal keer of tot een datum.", "A series repeats every week or every two weeks, a number of times or until a date."},
	"invalid.series_too_long":   {"Een reeks plant hoogstens 104 afspraken.", "A series plans at most 104 appointments."},
	"invalid.until":             {"De reeks eindigt vóór de eerste afspraak.", "The series ends before its first appointment."},
}

// tuiAgendaCounts are the agenda's texts about a number: for each language the form for one, then
// the form for any other number.
var tuiAgendaCounts = map[string]counted{
	"appointment.planned_n": {[2]string{"%d afspraak gepland", "%d afspraken gepland"}, [2]string{"%d appointment planned", "%d appointments planned"}},
}
