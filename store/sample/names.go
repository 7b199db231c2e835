package sample

// Common first and last names, put together at random. Any likeness to a
// real person is a coincidence of common names; no famous combination is
// in here on purpose.

var dutchGirls = []string{
	"Sanne", "Lotte", "Demi", "Kim", "Lisa", "Britt", "Romy", "Naomi", "Chantal", "Esmee",
	"Fleur", "Jessica", "Melissa", "Tamara", "Kelly", "Anouk", "Iris", "Noa", "Julia", "Emma",
	"Sara", "Mila", "Tess", "Lieke", "Nina", "Femke", "Joyce", "Denise", "Maud", "Roos",
}

var dutchBoys = []string{
	"Daan", "Luuk", "Sem", "Milan", "Jesse", "Thijs", "Bram", "Kevin", "Dylan", "Stijn",
	"Ruben", "Tim", "Niels", "Joost", "Lars", "Tom", "Jelle", "Sven", "Mees", "Finn",
	"Noah", "Levi", "Bas", "Rick", "Wouter", "Jasper", "Gijs", "Koen",
}

var dutch = origin{
	female: dutchGirls,
	male:   dutchBoys,
	last: []string{
		"de Vries", "Jansen", "de Jong", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
		"de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
		"Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
		"Vermeulen", "van den Berg", "van Dijk", "Koster", "Prins", "Huisman", "Postma", "Kuipers",
		"Veenstra", "Schouten", "Willems", "Hoekstra", "Verhoeven", "Koning", "van Wijk", "Blom",
	},
	country:  [2]string{"Nederland", "the Netherlands"},
	language: [2]string{"Nederlands", "Dutch"},
}

// secondGeneration are names of people born in the Netherlands to parents
// from elsewhere.
var secondGeneration = []*origin{
	{
		female:   []string{"Yasmina", "Samira", "Imane", "Naima", "Chaima", "Soufiana", "Hanan", "Ikram", "Nora", "Salma"},
		male:     []string{"Mohamed", "Youssef", "Bilal", "Ayoub", "Anouar", "Rayan", "Said", "Hamza", "Ilias", "Adam"},
		last:     []string{"El Amrani", "Bouzid", "Benali", "El Idrissi", "Ait Brahim", "Chaouch", "Ouali", "Azzouzi", "El Khatib", "Boukhari"},
		country:  [2]string{"Nederland", "the Netherlands"},
		language: [2]string{"Nederlands", "Dutch"},
	},
	{
		female:   []string{"Elif", "Zeynep", "Merve", "Büşra", "Esra", "Selin", "Derya", "Gizem"},
		male:     []string{"Emre", "Mehmet", "Burak", "Murat", "Yusuf", "Kaan", "Serkan", "Onur"},
		last:     []string{"Yılmaz", "Kaya", "Öztürk", "Arslan", "Doğan", "Çelik", "Aydın", "Koç", "Kurt"},
		country:  [2]string{"Nederland", "the Netherlands"},
		language: [2]string{"Nederlands", "Dutch"},
	},
	{
		female:   []string{"Shanice", "Priya", "Shanti", "Sharon", "Kimberley", "Anjali", "Rachel", "Jamila"},
		male:     []string{"Jayden", "Quincy", "Ravi", "Dwayne", "Ricardo", "Sunil", "Gerson", "Ryan"},
		last:     []string{"Ramdin", "Jagesar", "Sitaldin", "Pinas", "Sabajo", "Biharie", "Martina", "Doelwijt", "Kross"},
		country:  [2]string{"Nederland", "the Netherlands"},
		language: [2]string{"Nederlands", "Dutch"},
	},
}

// international are students and expats who keep their dossier in English.
var international = origin{
	female:   []string{"Emily", "Sophie", "Hannah", "Chloe", "Ana", "Maria", "Aditi", "Mei", "Yuki", "Laura", "Sofia", "Elena"},
	male:     []string{"Liam", "Lucas", "Mateo", "Arjun", "Wei", "Tomás", "Jonas", "Marco", "Daniel", "Pedro", "Kenji", "Luca"},
	last:     []string{"Carter", "Walsh", "Murphy", "García", "Rossi", "Silva", "Sharma", "Patel", "Chen", "Novak", "Müller", "Costa", "Fernández", "Nowak", "Byrne", "Lindqvist"},
	country:  [2]string{"het buitenland", "abroad"},
	language: [2]string{"Engels", "English"},
}

// newcomerOrigins are the countries most people in the integration course
// come from.
var newcomerOrigins = []*origin{
	{
		female:   []string{"Rania", "Lina", "Noor", "Hala", "Reem", "Dima", "Rasha", "Maya"},
		male:     []string{"Ahmad", "Omar", "Khaled", "Samer", "Yousef", "Tarek", "Fadi", "Rami"},
		last:     []string{"Haddad", "Khalil", "Hamdan", "Al Hassan", "Saleh", "Nasser", "Qasim", "Al Ali", "Sabbagh"},
		country:  [2]string{"Syrië", "Syria"},
		language: [2]string{"Arabisch", "Arabic"},
	},
	{
		female:   []string{"Semhar", "Helen", "Senait", "Feven", "Luwam", "Selam", "Ruta", "Merhawit"},
		male:     []string{"Yonas", "Dawit", "Filmon", "Yohannes", "Biniam", "Samuel", "Robel", "Henok"},
		last:     []string{"Tesfay", "Berhe", "Haile", "Kidane", "Gebremariam", "Tekle", "Woldu", "Asfaha"},
		country:  [2]string{"Eritrea", "Eritrea"},
		language: [2]string{"Tigrinya", "Tigrinya"},
	},
	{
		female:   []string{"Mariam", "Zahra", "Parwana", "Soraya", "Nilofar", "Farzana", "Shabnam"},
		male:     []string{"Farid", "Mustafa", "Jawad", "Hamid", "Naveed", "Sohrab", "Ajmal"},
		last:     []string{"Ahmadi", "Rahimi", "Hosseini", "Sultani", "Karimi", "Noori", "Sharifi", "Azizi"},
		country:  [2]string{"Afghanistan", "Afghanistan"},
		language: [2]string{"Dari", "Dari"},
	},
	{
		female:   []string{"Olena", "Iryna", "Oksana", "Yuliia", "Kateryna", "Nataliia", "Anastasiia"},
		male:     []string{"Dmytro", "Oleksandr", "Serhii", "Andrii", "Maksym", "Bohdan", "Taras"},
		last:     []string{"Kovalenko", "Bondarenko", "Melnyk", "Tkachenko", "Kravchenko", "Marchenko", "Savchenko", "Rudenko"},
		country:  [2]string{"Oekraïne", "Ukraine"},
		language: [2]string{"Oekraïens", "Ukrainian"},
	},
	{
		female:   []string{"Shirin", "Leila", "Parisa", "Mahsa", "Niloufar", "Sara"},
		male:     []string{"Reza", "Amir", "Babak", "Navid", "Arash", "Kian"},
		last:     []string{"Rahmani", "Moradi", "Jafari", "Sadeghi", "Ebrahimi", "Ghorbani"},
		country:  [2]string{"Iran", "Iran"},
		language: [2]string{"Farsi", "Farsi"},
	},
	{
		female:   []string{"Amal", "Hodan", "Sahra", "Fadumo", "Ifrah", "Hibo"},
		male:     []string{"Abdi", "Mahad", "Liban", "Abdirahman", "Guled", "Hassan"},
		last:     []string{"Warsame", "Abdi", "Jama", "Farah", "Osman", "Ali", "Nur"},
		country:  [2]string{"Somalië", "Somalia"},
		language: [2]string{"Somalisch", "Somali"},
	},
	{
		female:   []string{"Hevin", "Rojin", "Berfin", "Dilan", "Ronahi"},
		male:     []string{"Rezan", "Baran", "Azad", "Sherwan", "Dilshad"},
		last:     []string{"Hasso", "Mamo", "Sheikhi", "Ibrahim", "Bakr"},
		country:  [2]string{"Irak", "Iraq"},
		language: [2]string{"Koerdisch", "Kurdish"},
	},
}

var cities = []city{
	{"Utrecht", 35}, {"Amersfoort", 38}, {"Zwolle", 80}, {"Arnhem", 68}, {"Nijmegen", 65},
	{"Tilburg", 50}, {"Breda", 48}, {"Almere", 13}, {"Leiden", 23}, {"Haarlem", 20},
	{"Apeldoorn", 73}, {"Deventer", 74}, {"Dordrecht", 33}, {"Groningen", 97}, {"Leeuwarden", 89},
	{"Enschede", 75}, {"Ede", 67}, {"Gouda", 28}, {"Den Bosch", 52}, {"Zaandam", 15},
	{"Rotterdam", 30}, {"Amsterdam", 10}, {"Den Haag", 25}, {"Eindhoven", 56},
}

// streets are ordinary Dutch street names; the numbers and postcodes put
// with them are made up.
var streets = []string{
	"Lijsterbeslaan", "Meidoornstraat", "Kastanjelaan", "Merelstraat", "Zonnebloemstraat",
	"Populierenweg", "Vlierstraat", "Ganzenbloemhof", "Spreeuwenhof", "Kievitstraat",
	"Esdoornlaan", "Wilgenhof", "Klaproosstraat", "Boterbloemweg", "Reigerstraat",
	"Hazelaarstraat", "Vinkenlaan", "Berkenhof", "Sleedoornpad", "Korenbloemlaan",
	"Zwaluwstraat", "Lindenplein", "Ooievaarsweg", "Duindoornstraat", "Tulpenhof",
}
