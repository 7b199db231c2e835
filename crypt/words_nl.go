package crypt

import (
	"crypto/rand"
	"math/big"
	"strings"
)

// exportWordsNL are the words a passphrase is made of for a coach who
// works in Dutch: 1,024 common Dutch nouns, to be read out on the phone to
// a client who is still learning the language.
//
// Source: OpenTaal's Dutch word list (github.com/OpenTaal/opentaal-wordlist,
// version 2.20.23 of 2023-03-10, elements/basiswoorden-gekeurd.txt and
// experimenteel/nouns-meervouden.txt; Revised BSD License and/or CC BY 3.0,
// © OpenTaal, see LICENSE.opentaal.txt beside this file). Filtered:
//   - 3 to 8 letters a to z: no diacritics, nothing to spell out;
//   - nouns only (a plural form in OpenTaal's list of plurals);
//   - none of the spellings a listener cannot hear: ij/ei, au/ou, g/ch,
//     c, q, x, y, dt, and no final d (it sounds as t);
//   - ranked by how many words of the list they start or end (a word that
//     builds many compounds, huis, water, boek, is a common one), the
//     1,024 best kept;
//   - less, by hand, every word a coach would not want to read out to a
//     client: violence, illness and the body, death and loss, crime and
//     police, religion, drink and drugs, money trouble, insults and slurs,
//     English loans spoken the English way, and obscure or ambiguous words.
//
// Seven words from 1,024 give 70 bits, more than six from the English
// list (65): a shorter list of more common words, one word longer.
var exportWordsNL = strings.Fields(`
aandeel aankoop aanpak aantal aanvoer aanvraag aanzet aap aardgas abonnee adder adoptie adres
advies adviseur afdruk afgifte afname afspraak akker akte alarm album alfabet amandel amateur
ambt analist angel animatie anker antenne appel argument arm artiest artieste artikel asperge
atelier atlas atoom avontuur baal baan baas bakker bal balans balie balk balkon ballet ballon
bank banket bankier basis basket bast bediende bedrag beek been beer beginsel begrip behoefte
beker belegger belofte beloning bepaling berg berk berm beroep besluit betaling beton beugel
beurs beurt bewoner bezem bezoek bezoeker biet biljart biljet binding bitter blik bliksem bloem
bloesem blok bodem boedel boek boel boer bonus boog boom boon boor boot borg bos brief bril
broeder broek brom bron brug bruiloft bruin budget buffer buik buis burger bus buur buurt
dagboek dak daling damp dans das datum debat debuut deeg deel deelname degen depot detail deur
dialoog diamant dienst diep diepte dier diesel dikte diner ding divisie doek doel doelpunt
dollar donatie donor doop doos dorp dosis dossier draaier drager drempel driehoek drink droom
drop druk drukker drum druppel dubbel duel duif duim duin dwerg editie eeuw egel elektron
element elftal emissie emmer enkel erosie erts erwt evolutie ezel fabriek familie fase festival
fiets fietser figuur film filter finale flank flap flat fles flits fluit folder folie fonds
forel forum fosfaat fragment frame front fusie gaas gang gans garage garen gast gebit geboorte
gebruik geel gehalte geheugen gemak gemeente genoot genot gesprek getal geur geval gevel gewas
gewelf gewoonte gezang gezel gezin gids gips gist gitaar glans glas golf gordel graan gram grap
gras greep grip groen groente groep groet groot grootte gunning gunst haag haai haak haan haar
haas hals halte hamer handel hanger harmonie harp hart haven heffing hek hekel helling helm
herberg herder hert heup heuvel historie hoef hoek hoes hoeve hok holte honk hoorn horizon
horloge hormoon hotel huis hulp huur huurder impuls inflatie ingang inkomen inkoop inkt inname
interval invoer inzet isolatie jaar jager jas jongen jonger jubileum jurist jurk kaak kaars
kaart kaas kabel kabinet kader kalender kam kamer kamp kampioen kanaal kans kant kantoor
kapitaal kapper kar karakter karper karton kast katoen keel keer kegel kelder kenmerk kenner
kennis kermis kern kers ketel keten ketting keuken keuze kever kiem kies kiezer kikker kin kip
klank klant klap klapper klas klaver klem klep kleur kleuter klimaat klinker klok klomp kloof
klop klus knip knobbel knol knoop knuffel koek koepel koerier koers koets koffer koker kolf
kolom kolonie komedie kompas komst koning koningin konvooi kooi kool koolstof koop koor koper
koppel koraal korf korrel kost kostuum kraag kraam kraan krans krant krater kreeft kristal
kritiek kroon krul kuil kuip kuit kunst kussen kust kwart kwartaal kwartier kwast kwestie laan
ladder lade lading lager laken lamp landing lantaarn laser last lat leen leer leerling leeuw
lelie lener lengte lens lente lepel leraar letter lezer lezing liefde lift limiet linde linie
link links lint lip liter lokaal loket long loon loop loopbaan luier luik maag maal maan maandag
maat magazine magneet maker mandaat mantel marge marine mars masker massage mat matras medaille
medium meeuw melding mengsel merk metaal meting meubel middag middel midden mier migratie milieu
miljoen miss missie mist mobiel mode model modern module moeras mok mol molen moment monitor
montage monument morgen mossel motief motor muis munt museum muts muur naam nagel namiddag natie
natuur navel negen nest net netwerk neus nevel nieuw noot norm notitie nummer oefening oever
olie olifant omroep omtrek omvang omzet ontvang ontwerp oog oogst oor oordeel opmaak opname
oppas optie opvang ordening order orgaan orgel orkest oven paal paar pakket paling palm pan
paneel panel panne papier parade parallel parel park parket partner paspoort passage patroon
pedaal peer pels pen penning pensioen pension peper periode perk pers persoon pet petitie piek
pier piet piloot pink pioen pionier piramide plak plan planeet plank planning plant plantage
plat plek ploeg plooi pluim pluk podium poeder poel poes poets polder pols pomp pons pont pool
poort poot positie post pot premie prent prik prikkel prins prinses print printer probleem proef
profiel program promotie protest pruim pudding puls punt puzzel raadsel raam raap radar radiator
raket rang rank rasp redding rede reder reeks regel regen regie relatie renner reserve rest reuk
ridder riem riet ritme robot roep roest rok roker rokken roller roman roos rots rubber rubriek
rug ruil ruimte ruit ruiter rups rust sabel salade salaris salon segment sensatie serie sessie
sfeer shirt signaal situatie slaap slak slap sleutel slinger slip sloot slot sluiting smaak
snoer snor soep soort spaan spanning spar spel speler spelling spiegel spin spiraal spits spleet
spoel spons sponsor spoor spoorweg spraak spreker sprong sprookje staaf staak staal staart staat
stadion staf stage stal stang stap stapel start starter station status steen stek stel stelsel
stem stemming steun stier stift stoel stoet stof stok stom stoof stoot stop storm stort storting
straal straling streek streep strek streng strik strip stroming strook stroom stroop student
studente studie stuk stuur subsidie suiker taak taal taart tabel tafel talent tarief tas teen
tegel tegen tekst telefoon tent tentamen terras test tien tiener tint titel toegang toekomst
toelage toerist toeriste toernooi toestel toets toevoer toilet tolk tomaat ton toneel tong toon
toren totaal traan traditie trainer training tram trap trek trekker trilling trom trommel
trompet troon tuin tulp tunnel turf tweede uil uitgang uitgever uitgifte uiting uitleg uitval
uitvoer unie vaart vaartuig vaat valk varen variant varken vat veen veer ventiel verdrag verf
verhaal verhuur verkoop verkoper verlof vermogen vers versie verte vertrek vervolg verzet vest
vesting vezel vink viool vis visie visser visum vlag vlak vlakte vlam vlees vlek vleugel vlieger
vlies vlinder vloer vlok vloot vlot voeder voeding voeg voer voertuig voet voetbal vogel
volgorde volk volt volume vorm vorming vorst vos vraag vreugde vriendin vulling vuur vuurwerk
wafel wagen wals walvis wang want water weefsel week weer wens werf werk werker werktuig wervel
wesp wever wezen wiel wilg winkel winning winst winter wissel wolf wolk woning worst wortel zaag
zaak zaal zadel zalf zalig zalm zang zanger zaterdag zeef zeep zegel zender zending zetel zoeker
zoen zolder zomer zon zondag zone zorg zuiger zwak zwaluw zwam zwart
`)

// exportPassphraseWordsNL is how many Dutch words a passphrase has.
const exportPassphraseWordsNL = 7

// NewExportPassphraseIn returns a fresh passphrase in the coach's
// language: for "nl" seven words from the Dutch list (70 bits), joined by
// hyphens; for any other language NewExportPassphrase's six English words.
func NewExportPassphraseIn(lang string) string {
	if lang != "nl" {
		return NewExportPassphrase()
	}
	words := make([]string, exportPassphraseWordsNL)
	n := big.NewInt(int64(len(exportWordsNL)))
	for i := range words {
		k, err := rand.Int(rand.Reader, n)
		if err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		words[i] = exportWordsNL[k.Int64()]
	}
	return strings.Join(words, "-")
}
