package msg

// tuiTemplateTexts are the texts of the template screens.
var tuiTemplateTexts = map[string]entry{
	"key.templates":       {"sjablonen voor papieren", "paper templates"},
	"key.edit_template":   {"bewerken", "edit"},
	"key.revert_template": {"terug naar standaard", "back to the shipped one"},

	"templates.title":          {"Sjablonen", "Templates"},
	"templates.heading":        {"Sjablonen voor papieren", "Templates for papers"},
	"templates.shipped":        {"standaard", "shipped"},
	"templates.copy":           {"eigen versie %d", "your version %d"},
	"templates.own":            {"eigen sjabloon, versie %d", "your own, version %d"},
	"templates.revert_confirm": {"Je eigen versies van %s verwijderen en de standaard weer gebruiken?", "Delete your versions of %s and use the shipped one again?"},
	"templates.reverted":       {"De standaard wordt weer gebruikt.", "The shipped template is used again."},
	"templates.edit_title":     {"Sjabloon bewerken", "Edit template"},
	"templates.saved":          {"Bewaard als versie %d.", "Saved as version %d."},
	"templates.hint": {
		"Invulplekken staan tussen {{ en }}, bijvoorbeeld {{client.name}}; ## is een kop, - een opsomming, | label | waarde een veld. Een onbekende invulplek wordt geweigerd met het regelnummer.",
		"Placeholders stand between {{ and }}, for instance {{client.name}}; ## is a heading, - a list item, | label | value a field. An unknown placeholder is refused with its line number."},
	"templates.err_unknown-placeholder":  {"Regel %d: onbekende invulplek {{%s}}. Niets is bewaard.", "Line %d: unknown placeholder {{%s}}. Nothing was saved."},
	"templates.err_unclosed-placeholder": {"Regel %d: een invulplek die met {{ begint, sluit niet met }}%s. Niets is bewaard.", "Line %d: a placeholder opened with {{ is not closed with }}%s. Nothing was saved."},
	"templates.err_block-in-line":        {"Regel %d: {{%s}} moet op een eigen regel staan. Niets is bewaard.", "Line %d: {{%s}} must stand on a line of its own. Nothing was saved."},
	"templates.err_unknown-setting":      {"Regel %d: onbekende instelling %q. Niets is bewaard.", "Line %d: unknown setting %q. Nothing was saved."},
	"templates.err_bad-setting":          {"Regel %d: de instelling %s heeft een waarde die niet kan. Niets is bewaard.", "Line %d: the setting %s has a value it cannot take. Nothing was saved."},
	"templates.err_no-name":              {"Regel %d: een sjabloon heeft een naam nodig (%% name: …)%s. Niets is bewaard.", "Line %d: a template needs a name (%% name: …)%s. Nothing was saved."},
}
