package msg

// settingsTexts are the texts of `caseload settings export|import`.
var settingsTexts = map[string]entry{
	"help.settings.short":  {"Instellingen van de praktijk exporteren en importeren (geen cliëntgegevens)", "Export and import the practice's settings (no client data)"},
	"help.settings.export": {"Schrijf de instellingen van de praktijk als JSON", "Write the practice's settings as JSON"},
	"help.settings.import": {"Neem instellingen uit een bestand over in deze kluis, alles of niets", "Take settings from a file into this vault, all or nothing"},
	"help.settings.out":    {"schrijf naar BESTAND (onversleuteld, na een ja) in plaats van naar stdout", "write to FILE (unencrypted, after a yes) instead of stdout"},
	"help.settings.yes":    {"antwoord ja voor scripts: het bestand is niet versleuteld", "answer yes for scripts: the file is not encrypted"},

	"cmd.settings.imported":         {"Instellingen geïmporteerd: de gegevens van de praktijk, de antwoordtermijn, de cliëntvelden en (als het bestand ze heeft) de facturatie zijn bijgewerkt.", "Settings imported: the practice details, the answer target, the client fields and (when the file has them) the invoicing settings are updated."},
	"cmd.settings.line":             {"%s: %d toegevoegd, %d bijgewerkt, %d ongewijzigd", "%s: %d added, %d updated, %d unchanged"},
	"cmd.settings.processors":       {"verwerkers", "processors"},
	"cmd.settings.recipients":       {"ontvangers", "recipients"},
	"cmd.settings.funders":          {"financiers", "funders"},
	"cmd.settings.templates":        {"sjablonen", "templates"},
	"cmd.settings.retention":        {"bewaartermijnen", "retention policies"},
	"cmd.settings.refused":          {"de instellingen kunnen niet worden geïmporteerd: %s: %s", "the settings cannot be imported: %s: %s"},
	"cmd.settings.nothing_imported": {"er is niets geïmporteerd; verbeter het bestand en probeer het opnieuw", "nothing was imported; correct the file and try again"},

	"invalid.settings.not_settings": {"dit is geen instellingenbestand van caseload", "this is not a caseload settings file"},
	"invalid.settings.version":      {"instellingenschema versie %s kan deze caseload niet lezen (hij leest versie 1); werk caseload bij", "this caseload cannot read settings schema version %s (it reads version 1); update caseload"},
	"invalid.settings.malformed":    {"het instellingenbestand is beschadigd of bevat onbekende velden", "the settings file is damaged or holds unknown fields"},
}
