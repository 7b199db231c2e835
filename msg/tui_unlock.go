package msg

// tuiVaultTexts are the texts of creating a vault, unlocking it and the
// recovery key shown once.
var tuiVaultTexts = map[string]entry{
	// Create and unlock.
	"create.title": {"Welkom bij caseload", "Welcome to caseload"},
	"create.intro": {
		"Er is nog geen kluis in %s. Kies een wachtwoordzin om er een te maken: die versleutelt alles wat je hier bewaart. Vier of meer woorden die je onthoudt werken het best.",
		"There is no vault in %s yet. Choose a passphrase to create one: it encrypts everything you keep here. Four or more words you will remember work best.",
	},
	"create.passphrase":      {"Wachtwoordzin", "Passphrase"},
	"create.again":           {"Nog een keer", "Again"},
	"create.strength_good":   {"goed", "good"},
	"create.strength_strong": {"sterk", "strong"},
	"create.mismatch":        {"De twee wachtwoordzinnen zijn niet gelijk. Typ hem nog een keer.", "The two passphrases differ. Type it again."},
	"create.working":         {"De kluis wordt gemaakt…", "Creating the vault…"},
	"unlock.title":           {"Caseload openen", "Unlock your caseload"},
	"unlock.passphrase":      {"Wachtwoordzin", "Passphrase"},
	"unlock.working":         {"De kluis wordt geopend…", "Opening the vault…"},
	"unlock.opening":         {"Even geduld…", "One moment…"},
	"recovery.title":         {"Je herstelsleutel — je ziet hem maar één keer", "Your recovery key — shown only this once"},
	"recovery.explain": {
		"Ben je je wachtwoordzin kwijt, dan is deze sleutel de enige weg terug naar je dossiers.",
		"If you forget your passphrase, this key is the only way back into your caseload.",
	},
	"recovery.where": {
		"Print hem of schrijf hem over, en bewaar hem buiten deze laptop: in een kluisje of een afgesloten la. Zet hem niet in een bestand op deze laptop.",
		"Print it or write it down, and keep it away from this laptop: in a safe or a locked drawer. Do not keep it in a file on this laptop.",
	},
	"recovery.confirm": {"Druk op j als je hem hebt bewaard.", "Press y once you have stored it."},
}

// tuiUnlockTexts are the texts of creating a vault (the passphrase's
// strength) and of unlocking one bound to a security key.
var tuiUnlockTexts = map[string]entry{
	// A new passphrase.
	"create.advice": {"minstens 10 tekens; 4 of meer woorden werken het best",
		"at least 10 characters; 4 or more words work best"},
	"create.strength_short":       {"te kort: minstens %d tekens", "too short: at least %d characters"},
	"create.weak_repeated_short":  {"te zwak: herhaalt zichzelf", "too weak: it repeats itself"},
	"create.weak_sequence_short":  {"te zwak: een reeks", "too weak: a sequence"},
	"create.weak_keyboard_short":  {"te zwak: een rij op het toetsenbord", "too weak: a walk over the keyboard"},
	"create.weak_common_short":    {"te zwak: een veelgebruikt wachtwoord", "too weak: a common password"},
	"create.weak_date_short":      {"te zwak: vooral een datum", "too weak: mostly a date"},
	"create.weak_guessable_short": {"te zwak: makkelijk te raden", "too weak: easy to guess"},
	"create.too_short": {"Deze wachtwoordzin is te kort. Gebruik minstens %d tekens, liefst 4 of meer woorden.",
		"This passphrase is too short. Use at least %d characters, ideally 4 or more words."},
	"create.weak_repeated": {"Deze wachtwoordzin herhaalt zichzelf (zoals aaaa of abcabc): zulke probeert een raadprogramma als eerste.",
		"This passphrase repeats itself (like aaaa or abcabc): a guessing program tries those first."},
	"create.weak_sequence": {"Deze wachtwoordzin is een reeks (zoals abcd of 4321): zulke probeert een raadprogramma als eerste.",
		"This passphrase is a sequence (like abcd or 4321): a guessing program tries those first."},
	"create.weak_keyboard": {"Deze wachtwoordzin is een rij op het toetsenbord: zulke probeert een raadprogramma als eerste.",
		"This passphrase is a walk over the keyboard: a guessing program tries those first."},
	"create.weak_common": {"Dit is een veelgebruikt wachtwoord of woord, ook met cijfers in plaats van letters: snel geraden.",
		"This is a common password or word, even with digits for letters: quickly guessed."},
	"create.weak_date": {"Deze wachtwoordzin is vooral een datum of jaartal: makkelijk te raden.",
		"This passphrase is mostly a date or a year: easy to guess."},
	"create.weak_guessable": {"Deze wachtwoordzin is te makkelijk te raden.", "This passphrase is too easy to guess."},
	"create.suggest": {"Zes willekeurige woorden zijn makkelijk te onthouden en moeilijk te raden, bijvoorbeeld: %s",
		"Six random words are easy to remember and hard to guess, for example: %s"},

	// A security key.
	"unlock.key_title":   {"Raak je beveiligingssleutel aan", "Touch your security key"},
	"unlock.key_waiting": {"Wachten op je beveiligingssleutel (%s)…", "Waiting for your security key (%s)…"},
	"unlock.key_explain": {"Steek de sleutel in en raak hem aan als hij knippert. Zonder antwoord stopt het wachten na een minuut.",
		"Plug the key in and touch it when it blinks. Without an answer, caseload stops waiting after a minute."},
	"unlock.key_confirm":     {"1 of enter: %s · 2: %s", "1 or enter: %s · 2: %s"},
	"unlock.key_confirm_yes": {"enter: %s", "enter: %s"},
	"key.key_answer":         {"antwoorden", "answer"},
	"key.key_decline":        {"weigeren", "decline"},
	"problem.key_plugin_missing": {
		"De kluis vraagt om je beveiligingssleutel, maar het programma daarvoor (age-plugin-%s) is niet geïnstalleerd. Installeer age-plugin-%s en zorg dat het in het PATH staat; er is niets veranderd.",
		"The vault needs your security key, but the program for it (age-plugin-%s) is not installed. Install age-plugin-%s and make sure it is on the PATH; nothing was changed.",
	},
	"problem.key_absent": {
		"Er gaf geen beveiligingssleutel antwoord. Steek de sleutel van deze kluis (of de reservesleutel) in en probeer het opnieuw. Kwijt? 'caseload recover' opent de kluis met de herstelsleutel.",
		"No security key answered. Plug in the key bound to this vault (or its spare) and try again. Lost it? 'caseload recover' opens the vault with the recovery key.",
	},
	"problem.key_absent_said": {"(%s: %s)", "(%s: %s)"},
	"problem.wrong_key": {
		"Deze beveiligingssleutel hoort niet bij deze kluis. Gebruik de sleutel die je koppelde (of de reservesleutel).",
		"This security key is not one bound to this vault. Use the key you bound (or its spare).",
	},
	"problem.key_timeout": {
		"De beveiligingssleutel gaf niet op tijd antwoord. Steek hem in, raak hem aan als hij knippert, en probeer het opnieuw.",
		"The security key did not answer in time. Plug it in, touch it when it blinks, and try again.",
	},
	"problem.key_failed": {
		"Het programma van de beveiligingssleutel (age-plugin-%s) stopte onverwacht. Probeer het opnieuw; lukt het steeds niet, installeer het dan opnieuw. Er is niets veranderd.",
		"The program of the security key (age-plugin-%s) stopped unexpectedly. Try again; if it keeps failing, reinstall it. Nothing was changed.",
	},

	// Binding a security key in the settings.
	"seckey.section": {"Beveiligingssleutel", "Security key"},
	"seckey.none": {"geen — de wachtwoordzin alleen opent de kluis (b koppelt een sleutel)",
		"none — the passphrase alone opens the vault (b binds a key)"},
	"seckey.spare": {"de kluis opent met de wachtwoordzin en een van deze sleutels; b koppelt een reservesleutel",
		"the vault opens with the passphrase and one of these keys; b binds a spare"},
	"seckey.title": {"Beveiligingssleutel koppelen", "Bind a security key"},
	"seckey.intro": {
		"Daarna opent de kluis alleen met de wachtwoordzin én de sleutel. Installeer eerst de plugin van je sleutel (age-plugin-fido2-hmac of age-plugin-yubikey) en plak hieronder wat hij voor de sleutel gaf (age1…). De herstelsleutel blijft de kluis alleen openen.",
		"From then on the vault opens only with the passphrase and the key. Install your key's plugin first (age-plugin-fido2-hmac or age-plugin-yubikey) and paste below what it printed for the key (age1…). The recovery key still opens the vault alone.",
	},
	"seckey.key":             {"Sleutel", "Key"},
	"seckey.need_passphrase": {"Typ je wachtwoordzin: die bevestigt dat jij het bent.", "Type your passphrase: it confirms it is you."},
	"seckey.bad_key": {"Dat is geen sleutel van een plugin: plak de regel die met age1 begint (of met AGE-PLUGIN-).",
		"That is not a plugin's key: paste the line that starts with age1 (or AGE-PLUGIN-)."},
	"seckey.already_bound": {"Deze sleutel is al gekoppeld.", "This key is already bound."},
	"seckey.working":       {"De sleutel wordt gekoppeld…", "Binding the key…"},
	"seckey.bound":         {"Beveiligingssleutel gekoppeld: de kluis opent nu alleen met wachtwoordzin en sleutel.", "Security key bound: the vault now opens only with the passphrase and the key."},
	"key.bind_key":         {"koppelen", "bind"},
	"key.add_security_key": {"beveiligingssleutel koppelen", "bind security key"},
}
