/*
 * entity.c: stage 3, people, organisations and places.  Runs after clean and
 * segment; its entities feed quote attribution and, across articles, story
 * matching through plx_entity.key.
 *
 * Design.  There is no statistical model: names are runs of capitalised
 * tokens inside one sentence (joined by particles such as "of", "de", "van"
 * and by initials "J."), cut into parts with hand-written gazetteers
 * (places, organisations, demonyms, titles, given names, organisation head
 * words) matched longest-first over up to MAX_PHRASE tokens through one hash
 * table per analyzer.  A part is typed by the strongest cue: a gazetteer hit,
 * a title or honorific before it, a given name, a speech verb after it, an
 * organisation head word at its end.  A capitalised sentence-initial word is
 * dropped when it is a common word, ends like one (-ing, -ly, -ed) or is seen
 * in lower case elsewhere in the article.  Headline-case and all-caps
 * paragraphs are "strict": their unknown names count only when they link to
 * a name found in the body.  Mastheads, credits and related-link lines are
 * skipped.
 *
 * Merging: mentions with equal plx_name_key form one entity; a one-word
 * mention ("Blinken", "Mr. Lavrov") then joins the person whose last name it
 * is (the nearest such full name before it, else the first after).  Known
 * limits: lower-case titles ("the foreign minister") and pronouns are not
 * mentions; two people sharing a surname both mentioned by surname alone go
 * to the nearest one; adjectival demonyms ("Russian troops") are no mention
 * of the country, plural ones ("the Russians") are.
 */
#include "entity.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "utf8.h"

/* Longest gazetteer phrase in tokens ("secretary of state for defence"). */
#define MAX_PHRASE 5
/* Longest phrase key in bytes; longer runs of tokens are not looked up. */
#define MAX_KEY_BYTES 128
/* Words kept from one name by plx_name_key; names are short, and a longer
 * run is a list or junk, whose tail changes nothing for matching. */
#define MAX_KEY_WORDS 12
/* Tokens in one capitalised run; longer runs (all-caps text that escaped the
 * strict check) are cut, bounding the work per run. */
#define MAX_RUN 16

typedef struct plx_gaz_entry {
	const char *key;   /* lower case, words separated by one space */
	const char *canon; /* canonical name ("" for no entity) */
} plx_gaz_entry;

/* ---- Word lists (sorted: plx_name_key searches them without an analyzer;
 * plx_entity_lex_check verifies the order) ---- */
static const plx_gaz_entry PLACES[] = {
	{"abu dhabi", "Abu Dhabi"},
	{"abuja", "Abuja"},
	{"addis ababa", "Addis Ababa"},
	{"afghanistan", "Afghanistan"},
	{"africa", "Africa"},
	{"alabama", "Alabama"},
	{"alaska", "Alaska"},
	{"albania", "Albania"},
	{"alberta", "Alberta"},
	{"aleppo", "Aleppo"},
	{"algeria", "Algeria"},
	{"algiers", "Algiers"},
	{"america", "United States"},
	{"amman", "Amman"},
	{"amsterdam", "Amsterdam"},
	{"anchorage", "Anchorage"},
	{"andorra", "Andorra"},
	{"angola", "Angola"},
	{"ankara", "Ankara"},
	{"antarctica", "Antarctica"},
	{"arctic", "Arctic"},
	{"argentina", "Argentina"},
	{"arizona", "Arizona"},
	{"arkansas", "Arkansas"},
	{"armenia", "Armenia"},
	{"asia", "Asia"},
	{"astana", "Astana"},
	{"athens", "Athens"},
	{"atlanta", "Atlanta"},
	{"atlantic", "Atlantic"},
	{"austin", "Austin"},
	{"australia", "Australia"},
	{"austria", "Austria"},
	{"azerbaijan", "Azerbaijan"},
	{"baghdad", "Baghdad"},
	{"bahamas", "Bahamas"},
	{"bahrain", "Bahrain"},
	{"baku", "Baku"},
	{"balkan", "Balkan"},
	{"balkans", "Balkans"},
	{"baltic", "Baltic"},
	{"baltic sea", "Baltic Sea"},
	{"baltimore", "Baltimore"},
	{"bangkok", "Bangkok"},
	{"bangladesh", "Bangladesh"},
	{"barbados", "Barbados"},
	{"barcelona", "Barcelona"},
	{"basra", "Basra"},
	{"bavaria", "Bavaria"},
	{"beijing", "Beijing"},
	{"beirut", "Beirut"},
	{"belarus", "Belarus"},
	{"belgium", "Belgium"},
	{"belgrade", "Belgrade"},
	{"belize", "Belize"},
	{"benghazi", "Benghazi"},
	{"benin", "Benin"},
	{"berlin", "Berlin"},
	{"bern", "Bern"},
	{"bhutan", "Bhutan"},
	{"bishkek", "Bishkek"},
	{"black sea", "Black Sea"},
	{"bogota", "Bogota"},
	{"bolivia", "Bolivia"},
	{"bosnia", "Bosnia"},
	{"bosnia and herzegovina", "Bosnia and Herzegovina"},
	{"boston", "Boston"},
	{"botswana", "Botswana"},
	{"brasilia", "Brasilia"},
	{"brazil", "Brazil"},
	{"britain", "Britain"},
	{"british columbia", "British Columbia"},
	{"bronx", "Bronx"},
	{"brooklyn", "Brooklyn"},
	{"brunei", "Brunei"},
	{"brussels", "Brussels"},
	{"bucharest", "Bucharest"},
	{"budapest", "Budapest"},
	{"buenos aires", "Buenos Aires"},
	{"bulgaria", "Bulgaria"},
	{"burkina faso", "Burkina Faso"},
	{"burma", "Myanmar"},
	{"burundi", "Burundi"},
	{"cairo", "Cairo"},
	{"california", "California"},
	{"cambodia", "Cambodia"},
	{"cameroon", "Cameroon"},
	{"canada", "Canada"},
	{"canberra", "Canberra"},
	{"cape town", "Cape Town"},
	{"capitol hill", "Capitol Hill"},
	{"caracas", "Caracas"},
	{"caribbean", "Caribbean"},
	{"catalonia", "Catalonia"},
	{"caucasus", "Caucasus"},
	{"central america", "Central America"},
	{"central asia", "Central Asia"},
	{"central europe", "Central Europe"},
	{"chad", "Chad"},
	{"chechnya", "Chechnya"},
	{"chicago", "Chicago"},
	{"chile", "Chile"},
	{"china", "China"},
	{"chisinau", "Chisinau"},
	{"cleveland", "Cleveland"},
	{"colombia", "Colombia"},
	{"colombo", "Colombo"},
	{"colorado", "Colorado"},
	{"congo", "Congo"},
	{"connecticut", "Connecticut"},
	{"copenhagen", "Copenhagen"},
	{"costa rica", "Costa Rica"},
	{"crimea", "Crimea"},
	{"croatia", "Croatia"},
	{"cuba", "Cuba"},
	{"cyprus", "Cyprus"},
	{"czech republic", "Czech Republic"},
	{"czechia", "Czechia"},
	{"dallas", "Dallas"},
	{"damascus", "Damascus"},
	{"davos", "Davos"},
	{"delaware", "Delaware"},
	{"delhi", "Delhi"},
	{"denmark", "Denmark"},
	{"denver", "Denver"},
	{"detroit", "Detroit"},
	{"dhaka", "Dhaka"},
	{"djibouti", "Djibouti"},
	{"doha", "Doha"},
	{"dominican republic", "Dominican Republic"},
	{"donbas", "Donbas"},
	{"donbass", "Donbas"},
	{"donetsk", "Donetsk"},
	{"dubai", "Dubai"},
	{"dublin", "Dublin"},
	{"east africa", "East Africa"},
	{"east asia", "East Asia"},
	{"east germany", "East Germany"},
	{"eastern europe", "Eastern Europe"},
	{"ecuador", "Ecuador"},
	{"edinburgh", "Edinburgh"},
	{"egypt", "Egypt"},
	{"el salvador", "El Salvador"},
	{"england", "England"},
	{"eritrea", "Eritrea"},
	{"estonia", "Estonia"},
	{"eswatini", "Eswatini"},
	{"ethiopia", "Ethiopia"},
	{"europe", "Europe"},
	{"fiji", "Fiji"},
	{"finland", "Finland"},
	{"florida", "Florida"},
	{"france", "France"},
	{"frankfurt", "Frankfurt"},
	{"gabon", "Gabon"},
	{"gambia", "Gambia"},
	{"gaza", "Gaza"},
	{"gaza strip", "Gaza Strip"},
	{"geneva", "Geneva"},
	{"georgia", "Georgia"},
	{"germany", "Germany"},
	{"ghana", "Ghana"},
	{"golan heights", "Golan Heights"},
	{"great britain", "Britain"},
	{"greece", "Greece"},
	{"greenland", "Greenland"},
	{"grenada", "Grenada"},
	{"ground zero", "Ground Zero"},
	{"guam", "Guam"},
	{"guangzhou", "Guangzhou"},
	{"guatemala", "Guatemala"},
	{"guinea", "Guinea"},
	{"gulf", "Gulf"},
	{"guyana", "Guyana"},
	{"haiti", "Haiti"},
	{"hamburg", "Hamburg"},
	{"hanoi", "Hanoi"},
	{"havana", "Havana"},
	{"hawaii", "Hawaii"},
	{"helsinki", "Helsinki"},
	{"ho chi minh city", "Ho Chi Minh City"},
	{"honduras", "Honduras"},
	{"hong kong", "Hong Kong"},
	{"honolulu", "Honolulu"},
	{"houston", "Houston"},
	{"hungary", "Hungary"},
	{"iceland", "Iceland"},
	{"idaho", "Idaho"},
	{"illinois", "Illinois"},
	{"india", "India"},
	{"indiana", "Indiana"},
	{"indonesia", "Indonesia"},
	{"iowa", "Iowa"},
	{"iran", "Iran"},
	{"iraq", "Iraq"},
	{"ireland", "Ireland"},
	{"islamabad", "Islamabad"},
	{"israel", "Israel"},
	{"istanbul", "Istanbul"},
	{"italy", "Italy"},
	{"ivory coast", "Ivory Coast"},
	{"jakarta", "Jakarta"},
	{"jamaica", "Jamaica"},
	{"japan", "Japan"},
	{"jerusalem", "Jerusalem"},
	{"johannesburg", "Johannesburg"},
	{"jordan", "Jordan"},
	{"kabul", "Kabul"},
	{"kandahar", "Kandahar"},
	{"kansas", "Kansas"},
	{"kashmir", "Kashmir"},
	{"kathmandu", "Kathmandu"},
	{"kazakhstan", "Kazakhstan"},
	{"kentucky", "Kentucky"},
	{"kenya", "Kenya"},
	{"kharkiv", "Kharkiv"},
	{"khartoum", "Khartoum"},
	{"kherson", "Kherson"},
	{"kiev", "Kyiv"},
	{"kishinev", "Chisinau"},
	{"kosovo", "Kosovo"},
	{"kuala lumpur", "Kuala Lumpur"},
	{"kurdistan", "Kurdistan"},
	{"kuwait", "Kuwait"},
	{"kyiv", "Kyiv"},
	{"kyrgyzstan", "Kyrgyzstan"},
	{"lagos", "Lagos"},
	{"laos", "Laos"},
	{"las vegas", "Las Vegas"},
	{"latin america", "Latin America"},
	{"latvia", "Latvia"},
	{"lebanon", "Lebanon"},
	{"lesotho", "Lesotho"},
	{"liberia", "Liberia"},
	{"libya", "Libya"},
	{"liechtenstein", "Liechtenstein"},
	{"lima", "Lima"},
	{"lisbon", "Lisbon"},
	{"lithuania", "Lithuania"},
	{"london", "London"},
	{"los angeles", "Los Angeles"},
	{"louisiana", "Louisiana"},
	{"luhansk", "Luhansk"},
	{"luxembourg", "Luxembourg"},
	{"lviv", "Lviv"},
	{"lyon", "Lyon"},
	{"macau", "Macau"},
	{"madagascar", "Madagascar"},
	{"madrid", "Madrid"},
	{"maine", "Maine"},
	{"malawi", "Malawi"},
	{"malaysia", "Malaysia"},
	{"maldives", "Maldives"},
	{"mali", "Mali"},
	{"malta", "Malta"},
	{"manhattan", "Manhattan"},
	{"manila", "Manila"},
	{"mariupol", "Mariupol"},
	{"marseille", "Marseille"},
	{"maryland", "Maryland"},
	{"massachusetts", "Massachusetts"},
	{"mauritania", "Mauritania"},
	{"mauritius", "Mauritius"},
	{"mediterranean", "Mediterranean"},
	{"melbourne", "Melbourne"},
	{"mexico", "Mexico"},
	{"mexico city", "Mexico City"},
	{"miami", "Miami"},
	{"michigan", "Michigan"},
	{"middle east", "Middle East"},
	{"milan", "Milan"},
	{"minneapolis", "Minneapolis"},
	{"minnesota", "Minnesota"},
	{"minsk", "Minsk"},
	{"mississippi", "Mississippi"},
	{"missouri", "Missouri"},
	{"moldova", "Moldova"},
	{"monaco", "Monaco"},
	{"mongolia", "Mongolia"},
	{"montana", "Montana"},
	{"montenegro", "Montenegro"},
	{"montreal", "Montreal"},
	{"morocco", "Morocco"},
	{"moscow", "Moscow"},
	{"mosul", "Mosul"},
	{"mozambique", "Mozambique"},
	{"mumbai", "Mumbai"},
	{"munich", "Munich"},
	{"myanmar", "Myanmar"},
	{"nairobi", "Nairobi"},
	{"namibia", "Namibia"},
	{"naples", "Naples"},
	{"nashville", "Nashville"},
	{"nebraska", "Nebraska"},
	{"nepal", "Nepal"},
	{"netherlands", "Netherlands"},
	{"nevada", "Nevada"},
	{"new delhi", "New Delhi"},
	{"new hampshire", "New Hampshire"},
	{"new jersey", "New Jersey"},
	{"new mexico", "New Mexico"},
	{"new orleans", "New Orleans"},
	{"new york", "New York"},
	{"new york city", "New York City"},
	{"new zealand", "New Zealand"},
	{"nicaragua", "Nicaragua"},
	{"niger", "Niger"},
	{"nigeria", "Nigeria"},
	{"normandy", "Normandy"},
	{"north africa", "North Africa"},
	{"north america", "North America"},
	{"north carolina", "North Carolina"},
	{"north dakota", "North Dakota"},
	{"north korea", "North Korea"},
	{"north macedonia", "North Macedonia"},
	{"northern ireland", "Northern Ireland"},
	{"norway", "Norway"},
	{"odesa", "Odessa"},
	{"odessa", "Odessa"},
	{"ohio", "Ohio"},
	{"oklahoma", "Oklahoma"},
	{"oman", "Oman"},
	{"ontario", "Ontario"},
	{"oregon", "Oregon"},
	{"orlando", "Orlando"},
	{"osaka", "Osaka"},
	{"oslo", "Oslo"},
	{"ottawa", "Ottawa"},
	{"pacific", "Pacific"},
	{"pakistan", "Pakistan"},
	{"palestine", "Palestine"},
	{"panama", "Panama"},
	{"papua new guinea", "Papua New Guinea"},
	{"paraguay", "Paraguay"},
	{"paris", "Paris"},
	{"pennsylvania", "Pennsylvania"},
	{"persian gulf", "Persian Gulf"},
	{"peru", "Peru"},
	{"philadelphia", "Philadelphia"},
	{"philippines", "Philippines"},
	{"phoenix", "Phoenix"},
	{"pittsburgh", "Pittsburgh"},
	{"poland", "Poland"},
	{"portland", "Portland"},
	{"portugal", "Portugal"},
	{"prague", "Prague"},
	{"pretoria", "Pretoria"},
	{"puerto rico", "Puerto Rico"},
	{"pyongyang", "Pyongyang"},
	{"qatar", "Qatar"},
	{"quebec", "Quebec"},
	{"queens", "Queens"},
	{"rabat", "Rabat"},
	{"rhode island", "Rhode Island"},
	{"riga", "Riga"},
	{"rio de janeiro", "Rio de Janeiro"},
	{"riyadh", "Riyadh"},
	{"romania", "Romania"},
	{"rome", "Rome"},
	{"russia", "Russia"},
	{"russian federation", "Russia"},
	{"rwanda", "Rwanda"},
	{"sacramento", "Sacramento"},
	{"sahel", "Sahel"},
	{"saint petersburg", "St. Petersburg"},
	{"san antonio", "San Antonio"},
	{"san diego", "San Diego"},
	{"san francisco", "San Francisco"},
	{"santiago", "Santiago"},
	{"sao paulo", "Sao Paulo"},
	{"sarajevo", "Sarajevo"},
	{"saudi arabia", "Saudi Arabia"},
	{"scandinavia", "Scandinavia"},
	{"scotland", "Scotland"},
	{"seattle", "Seattle"},
	{"senegal", "Senegal"},
	{"seoul", "Seoul"},
	{"serbia", "Serbia"},
	{"shanghai", "Shanghai"},
	{"shenzhen", "Shenzhen"},
	{"siberia", "Siberia"},
	{"sierra leone", "Sierra Leone"},
	{"silicon valley", "Silicon Valley"},
	{"singapore", "Singapore"},
	{"slovakia", "Slovakia"},
	{"slovenia", "Slovenia"},
	{"sochi", "Sochi"},
	{"sofia", "Sofia"},
	{"somalia", "Somalia"},
	{"south africa", "South Africa"},
	{"south america", "South America"},
	{"south carolina", "South Carolina"},
	{"south china sea", "South China Sea"},
	{"south dakota", "South Dakota"},
	{"south korea", "South Korea"},
	{"south sudan", "South Sudan"},
	{"southeast asia", "Southeast Asia"},
	{"soviet union", "Soviet Union"},
	{"spain", "Spain"},
	{"sri lanka", "Sri Lanka"},
	{"st. louis", "St. Louis"},
	{"st. petersburg", "St. Petersburg"},
	{"stockholm", "Stockholm"},
	{"strasbourg", "Strasbourg"},
	{"sudan", "Sudan"},
	{"suriname", "Suriname"},
	{"sweden", "Sweden"},
	{"switzerland", "Switzerland"},
	{"sydney", "Sydney"},
	{"syria", "Syria"},
	{"taipei", "Taipei"},
	{"taiwan", "Taiwan"},
	{"tajikistan", "Tajikistan"},
	{"tallinn", "Tallinn"},
	{"tampa", "Tampa"},
	{"tanzania", "Tanzania"},
	{"tashkent", "Tashkent"},
	{"tbilisi", "Tbilisi"},
	{"tehran", "Tehran"},
	{"tel aviv", "Tel Aviv"},
	{"tennessee", "Tennessee"},
	{"texas", "Texas"},
	{"thailand", "Thailand"},
	{"the hague", "The Hague"},
	{"tibet", "Tibet"},
	{"togo", "Togo"},
	{"tokyo", "Tokyo"},
	{"toronto", "Toronto"},
	{"tripoli", "Tripoli"},
	{"tunis", "Tunis"},
	{"tunisia", "Tunisia"},
	{"turkey", "Turkey"},
	{"turkmenistan", "Turkmenistan"},
	{"u.k.", "United Kingdom"},
	{"u.s.", "United States"},
	{"u.s.a.", "United States"},
	{"uae", "United Arab Emirates"},
	{"uganda", "Uganda"},
	{"uk", "United Kingdom"},
	{"ukraine", "Ukraine"},
	{"united arab emirates", "United Arab Emirates"},
	{"united kingdom", "United Kingdom"},
	{"united states", "United States"},
	{"uruguay", "Uruguay"},
	{"us", "United States"},
	{"usa", "United States"},
	{"ussr", "Soviet Union"},
	{"utah", "Utah"},
	{"uzbekistan", "Uzbekistan"},
	{"vancouver", "Vancouver"},
	{"vatican", "Vatican"},
	{"venezuela", "Venezuela"},
	{"vermont", "Vermont"},
	{"vienna", "Vienna"},
	{"vietnam", "Vietnam"},
	{"vilnius", "Vilnius"},
	{"virginia", "Virginia"},
	{"vladivostok", "Vladivostok"},
	{"wales", "Wales"},
	{"wall street", "Wall Street"},
	{"warsaw", "Warsaw"},
	{"washington", "Washington"},
	{"wellington", "Wellington"},
	{"west africa", "West Africa"},
	{"west bank", "West Bank"},
	{"west germany", "West Germany"},
	{"west virginia", "West Virginia"},
	{"western europe", "Western Europe"},
	{"wisconsin", "Wisconsin"},
	{"wuhan", "Wuhan"},
	{"wyoming", "Wyoming"},
	{"xinjiang", "Xinjiang"},
	{"yangon", "Yangon"},
	{"yemen", "Yemen"},
	{"yerevan", "Yerevan"},
	{"yugoslavia", "Yugoslavia"},
	{"zagreb", "Zagreb"},
	{"zambia", "Zambia"},
	{"zimbabwe", "Zimbabwe"},
	{"zurich", "Zurich"},
};
static const plx_gaz_entry ORGS[] = {
	{"abc", "ABC"},
	{"afp", "AFP"},
	{"african union", "African Union"},
	{"agence france-presse", "AFP"},
	{"al jazeera", "Al Jazeera"},
	{"al-qaeda", "al-Qaeda"},
	{"al-qaida", "al-Qaeda"},
	{"amazon", "Amazon"},
	{"amnesty international", "Amnesty International"},
	{"ap", "Associated Press"},
	{"apple", "Apple"},
	{"arab league", "Arab League"},
	{"asean", "ASEAN"},
	{"associated press", "Associated Press"},
	{"axios", "Axios"},
	{"bbc", "BBC"},
	{"bloomberg", "Bloomberg"},
	{"boeing", "Boeing"},
	{"breitbart", "Breitbart"},
	{"bundestag", "Bundestag"},
	{"cambridge", "Cambridge"},
	{"cbs", "CBS"},
	{"cia", "CIA"},
	{"cnn", "CNN"},
	{"communist party", "Communist Party"},
	{"congress", "Congress"},
	{"conservative party", "Conservative Party"},
	{"defense department", "Defense Department"},
	{"democratic party", "Democratic Party"},
	{"democrats", "Democratic Party"},
	{"department of defense", "Defense Department"},
	{"department of justice", "Justice Department"},
	{"department of state", "State Department"},
	{"downing street", "Downing Street"},
	{"duma", "Duma"},
	{"e.u.", "European Union"},
	{"elysee", "Elysee"},
	{"elysee palace", "Elysee Palace"},
	{"eu", "European Union"},
	{"european commission", "European Commission"},
	{"european parliament", "European Parliament"},
	{"european union", "European Union"},
	{"europol", "Europol"},
	{"facebook", "Facebook"},
	{"fbi", "FBI"},
	{"fed", "Federal Reserve"},
	{"federal reserve", "Federal Reserve"},
	{"ford", "Ford"},
	{"fox news", "Fox News"},
	{"fsb", "FSB"},
	{"g-20", "G20"},
	{"g-7", "G7"},
	{"g20", "G20"},
	{"g7", "G7"},
	{"gazprom", "Gazprom"},
	{"general motors", "General Motors"},
	{"goldman sachs", "Goldman Sachs"},
	{"google", "Google"},
	{"gop", "Republican Party"},
	{"gru", "GRU"},
	{"hamas", "Hamas"},
	{"harvard", "Harvard"},
	{"hezbollah", "Hezbollah"},
	{"homeland security", "Homeland Security"},
	{"house of representatives", "House of Representatives"},
	{"human rights watch", "Human Rights Watch"},
	{"imf", "IMF"},
	{"interfax", "Interfax"},
	{"international monetary fund", "IMF"},
	{"interpol", "Interpol"},
	{"isil", "Islamic State"},
	{"isis", "Islamic State"},
	{"islamic state", "Islamic State"},
	{"jpmorgan", "JPMorgan"},
	{"justice department", "Justice Department"},
	{"kgb", "KGB"},
	{"knesset", "Knesset"},
	{"kremlin", "Kremlin"},
	{"labour", "Labour"},
	{"labour party", "Labour Party"},
	{"lapd", "LAPD"},
	{"meta", "Meta"},
	{"microsoft", "Microsoft"},
	{"mit", "MIT"},
	{"moderna", "Moderna"},
	{"mossad", "Mossad"},
	{"msnbc", "MSNBC"},
	{"nato", "NATO"},
	{"nbc", "NBC"},
	{"new york times", "New York Times"},
	{"nord stream", "Nord Stream"},
	{"nord stream 2", "Nord Stream 2"},
	{"npr", "NPR"},
	{"nsa", "NSA"},
	{"nypd", "NYPD"},
	{"opec", "OPEC"},
	{"osce", "OSCE"},
	{"oxford", "Oxford"},
	{"parliament", "Parliament"},
	{"pentagon", "Pentagon"},
	{"pfizer", "Pfizer"},
	{"politburo", "Politburo"},
	{"politico", "Politico"},
	{"qaeda", "al-Qaeda"},
	{"rada", "Rada"},
	{"red cross", "Red Cross"},
	{"republican party", "Republican Party"},
	{"republicans", "Republican Party"},
	{"reuters", "Reuters"},
	{"ria novosti", "RIA Novosti"},
	{"rosneft", "Rosneft"},
	{"sbu", "SBU"},
	{"secret service", "Secret Service"},
	{"security council", "Security Council"},
	{"senate", "Senate"},
	{"stanford", "Stanford"},
	{"state department", "State Department"},
	{"state duma", "State Duma"},
	{"supreme court", "Supreme Court"},
	{"supreme rada", "Verkhovna Rada"},
	{"taliban", "Taliban"},
	{"tass", "Tass"},
	{"tesla", "Tesla"},
	{"tories", "Conservative Party"},
	{"treasury", "Treasury"},
	{"treasury department", "Treasury Department"},
	{"twitter", "Twitter"},
	{"u.n.", "United Nations"},
	{"u.n. security council", "Security Council"},
	{"un", "United Nations"},
	{"un security council", "Security Council"},
	{"united nations", "United Nations"},
	{"verkhovna rada", "Verkhovna Rada"},
	{"wagner", "Wagner"},
	{"wagner group", "Wagner Group"},
	{"wall street journal", "Wall Street Journal"},
	{"washington post", "Washington Post"},
	{"white house", "White House"},
	{"wikileaks", "Wikileaks"},
	{"world bank", "World Bank"},
	{"world health organization", "World Health Organization"},
	{"xinhua", "Xinhua"},
	{"yale", "Yale"},
};
static const plx_gaz_entry DEMONYMS[] = {
	{"afghan", "Afghanistan"},
	{"african", "Africa"},
	{"albanian", "Albania"},
	{"algerian", "Algeria"},
	{"american", "United States"},
	{"arab", "Middle East"},
	{"argentine", "Argentina"},
	{"argentinian", "Argentina"},
	{"armenian", "Armenia"},
	{"asian", "Asia"},
	{"australian", "Australia"},
	{"austrian", "Austria"},
	{"azerbaijani", "Azerbaijan"},
	{"bangladeshi", "Bangladesh"},
	{"belarusian", "Belarus"},
	{"belgian", "Belgium"},
	{"berliner", "Berlin"},
	{"bolivian", "Bolivia"},
	{"bosnian", "Bosnia"},
	{"brazilian", "Brazil"},
	{"british", "Britain"},
	{"bulgarian", "Bulgaria"},
	{"californian", "California"},
	{"cambodian", "Cambodia"},
	{"canadian", "Canada"},
	{"catholic", ""},
	{"chechen", "Chechnya"},
	{"chilean", "Chile"},
	{"chinese", "China"},
	{"christian", ""},
	{"colombian", "Colombia"},
	{"communist", ""},
	{"conservative", ""},
	{"crimean", "Crimea"},
	{"croatian", "Croatia"},
	{"cuban", "Cuba"},
	{"czech", "Czech Republic"},
	{"danish", "Denmark"},
	{"democrat", "Democratic Party"},
	{"democratic", "Democratic Party"},
	{"dutch", "Netherlands"},
	{"egyptian", "Egypt"},
	{"english", "England"},
	{"estonian", "Estonia"},
	{"ethiopian", "Ethiopia"},
	{"european", "Europe"},
	{"filipino", "Philippines"},
	{"finnish", "Finland"},
	{"floridian", "Florida"},
	{"french", "France"},
	{"georgian", "Georgia"},
	{"german", "Germany"},
	{"greek", "Greece"},
	{"haitian", "Haiti"},
	{"hungarian", "Hungary"},
	{"indian", "India"},
	{"indonesian", "Indonesia"},
	{"iranian", "Iran"},
	{"iraqi", "Iraq"},
	{"irish", "Ireland"},
	{"islamic", ""},
	{"israeli", "Israel"},
	{"italian", "Italy"},
	{"japanese", "Japan"},
	{"jewish", ""},
	{"jordanian", "Jordan"},
	{"kazakh", "Kazakhstan"},
	{"kenyan", "Kenya"},
	{"korean", "Korea"},
	{"kurdish", "Kurdistan"},
	{"kuwaiti", "Kuwait"},
	{"labour", ""},
	{"latino", "Latin America"},
	{"latvian", "Latvia"},
	{"lebanese", "Lebanon"},
	{"liberal", ""},
	{"libyan", "Libya"},
	{"lithuanian", "Lithuania"},
	{"londoner", "London"},
	{"malaysian", "Malaysia"},
	{"mexican", "Mexico"},
	{"moldovan", "Moldova"},
	{"mongolian", "Mongolia"},
	{"moroccan", "Morocco"},
	{"muscovite", "Moscow"},
	{"muslim", ""},
	{"new yorker", "New York"},
	{"nigerian", "Nigeria"},
	{"north korean", "North Korea"},
	{"norwegian", "Norway"},
	{"orthodox", ""},
	{"pakistani", "Pakistan"},
	{"palestinian", "Palestine"},
	{"parisian", "Paris"},
	{"peruvian", "Peru"},
	{"polish", "Poland"},
	{"portuguese", "Portugal"},
	{"qatari", "Qatar"},
	{"republican", "Republican Party"},
	{"romanian", "Romania"},
	{"russian", "Russia"},
	{"saudi", "Saudi Arabia"},
	{"scottish", "Scotland"},
	{"serbian", "Serbia"},
	{"shiite", ""},
	{"slovak", "Slovakia"},
	{"slovenian", "Slovenia"},
	{"somali", "Somalia"},
	{"south korean", "South Korea"},
	{"soviet", "Soviet Union"},
	{"spanish", "Spain"},
	{"sudanese", "Sudan"},
	{"sunni", ""},
	{"swedish", "Sweden"},
	{"swiss", "Switzerland"},
	{"syrian", "Syria"},
	{"taiwanese", "Taiwan"},
	{"texan", "Texas"},
	{"thai", "Thailand"},
	{"tibetan", "Tibet"},
	{"transatlantic", "Atlantic"},
	{"turkish", "Turkey"},
	{"ukrainian", "Ukraine"},
	{"venezuelan", "Venezuela"},
	{"vietnamese", "Vietnam"},
	{"welsh", "Wales"},
	{"western", "West"},
	{"yemeni", "Yemen"},
};
static const plx_gaz_entry DEMONYM_NOUNS[] = {
	{"afghans", "Afghanistan"},
	{"americans", "United States"},
	{"argentines", "Argentina"},
	{"armenians", "Armenia"},
	{"australians", "Australia"},
	{"azerbaijanis", "Azerbaijan"},
	{"belarusians", "Belarus"},
	{"bosnians", "Bosnia"},
	{"brazilians", "Brazil"},
	{"britons", "Britain"},
	{"brits", "Britain"},
	{"canadians", "Canada"},
	{"chechens", "Chechnya"},
	{"chinese", "China"},
	{"croats", "Croatia"},
	{"cubans", "Cuba"},
	{"danes", "Denmark"},
	{"egyptians", "Egypt"},
	{"ethiopians", "Ethiopia"},
	{"europeans", "Europe"},
	{"finns", "Finland"},
	{"french", "France"},
	{"georgians", "Georgia"},
	{"germans", "Germany"},
	{"greeks", "Greece"},
	{"hungarians", "Hungary"},
	{"indians", "India"},
	{"iranians", "Iran"},
	{"iraqis", "Iraq"},
	{"israelis", "Israel"},
	{"italians", "Italy"},
	{"japanese", "Japan"},
	{"kenyans", "Kenya"},
	{"koreans", "Korea"},
	{"kurds", "Kurdistan"},
	{"lebanese", "Lebanon"},
	{"mexicans", "Mexico"},
	{"nigerians", "Nigeria"},
	{"norwegians", "Norway"},
	{"pakistanis", "Pakistan"},
	{"palestinians", "Palestine"},
	{"poles", "Poland"},
	{"romanians", "Romania"},
	{"russians", "Russia"},
	{"saudis", "Saudi Arabia"},
	{"serbs", "Serbia"},
	{"soviets", "Soviet Union"},
	{"spaniards", "Spain"},
	{"swedes", "Sweden"},
	{"syrians", "Syria"},
	{"turks", "Turkey"},
	{"ukrainians", "Ukraine"},
	{"venezuelans", "Venezuela"},
};
static const char *const TITLES[] = {
	"adm",
	"admiral",
	"adviser",
	"advisor",
	"aide",
	"ald",
	"alderman",
	"amb",
	"ambassador",
	"archbishop",
	"attorney",
	"attorney general",
	"atty",
	"ayatollah",
	"bishop",
	"brig. gen",
	"capt",
	"captain",
	"cardinal",
	"ceo",
	"chair",
	"chairman",
	"chairwoman",
	"chancellor",
	"chief",
	"chief executive",
	"chief justice",
	"cmdr",
	"coach",
	"col",
	"colonel",
	"commander",
	"commissioner",
	"congressman",
	"congresswoman",
	"corporal",
	"councillor",
	"councilman",
	"councilwoman",
	"counselor",
	"cpl",
	"crown prince",
	"dame",
	"defence minister",
	"defense minister",
	"defense secretary",
	"deputy",
	"deputy foreign minister",
	"deputy minister",
	"det",
	"detective",
	"director",
	"doctor",
	"dr",
	"economy minister",
	"emperor",
	"energy minister",
	"envoy",
	"father",
	"finance minister",
	"first lady",
	"foreign minister",
	"foreign policy chief",
	"foreign secretary",
	"gen",
	"general",
	"gov",
	"governor",
	"health minister",
	"home secretary",
	"hon",
	"house speaker",
	"imam",
	"inspector",
	"interior minister",
	"judge",
	"justice",
	"king",
	"lady",
	"leader",
	"lieutenant governor",
	"lord",
	"lt",
	"lt. col",
	"lt. gen",
	"lt. gov",
	"maj",
	"maj. gen",
	"majority leader",
	"mayor",
	"minister",
	"minority leader",
	"miss",
	"mp",
	"mr",
	"mrs",
	"ms",
	"mx",
	"national security adviser",
	"officer",
	"pastor",
	"pope",
	"premier",
	"president",
	"president-elect",
	"press secretary",
	"prime minister",
	"prince",
	"princess",
	"private",
	"prof",
	"professor",
	"pvt",
	"queen",
	"rabbi",
	"rep",
	"representative",
	"rev",
	"reverend",
	"secretary",
	"secretary general",
	"secretary of defense",
	"secretary of state",
	"secretary-general",
	"sen",
	"senate majority leader",
	"senator",
	"sergeant",
	"sgt",
	"sheik",
	"sheikh",
	"sir",
	"speaker",
	"special envoy",
	"spokesman",
	"spokesperson",
	"spokeswoman",
	"spy chief",
	"superintendent",
	"supt",
	"treasury secretary",
	"vice president",
};
static const char *const HONORIFICS[] = {
	"adm",
	"ambassador",
	"ayatollah",
	"capt",
	"col",
	"congressman",
	"congresswoman",
	"dame",
	"det",
	"dr",
	"foreign minister",
	"gen",
	"gov",
	"governor",
	"judge",
	"lt",
	"mayor",
	"minister",
	"miss",
	"mr",
	"mrs",
	"ms",
	"mx",
	"president",
	"prime minister",
	"prof",
	"rep",
	"rev",
	"secretary",
	"sen",
	"senator",
	"sgt",
	"sheikh",
	"sir",
};
static const char *const MODIFIERS[] = {
	"acting", "assistant", "associate", "current", "deputy", "ex",
	"former", "incoming",  "incumbent", "interim", "late",   "longtime",
	"new",    "outgoing",  "retired",   "senior",  "then",   "top",
	"u.s.",   "us",        "veteran",   "vice",
};
static const char *const ORG_HEADS[] = {
	"academy",
	"administration",
	"agency",
	"airlines",
	"airways",
	"alliance",
	"army",
	"assembly",
	"association",
	"authority",
	"bancorp",
	"bancshares",
	"bank",
	"board",
	"bureau",
	"cabinet",
	"capital",
	"caucus",
	"center",
	"centre",
	"chamber",
	"chemical",
	"chemicals",
	"chronicle",
	"church",
	"club",
	"co",
	"coalition",
	"college",
	"command",
	"commerce",
	"commission",
	"committee",
	"company",
	"congress",
	"consulate",
	"corp",
	"corporation",
	"corps",
	"cos",
	"council",
	"court",
	"department",
	"electric",
	"embassy",
	"energy",
	"enterprises",
	"exchange",
	"federation",
	"financial",
	"force",
	"forces",
	"foundation",
	"front",
	"fund",
	"gazette",
	"group",
	"guard",
	"herald",
	"holdings",
	"hospital",
	"inc",
	"industries",
	"initiative",
	"institute",
	"institution",
	"investments",
	"journal",
	"laboratory",
	"labs",
	"league",
	"library",
	"llc",
	"ltd",
	"magazine",
	"media",
	"mining",
	"ministry",
	"motors",
	"movement",
	"museum",
	"navy",
	"network",
	"news",
	"office",
	"oil",
	"organisation",
	"organization",
	"parliament",
	"partners",
	"party",
	"petroleum",
	"pharmaceuticals",
	"plc",
	"police",
	"post",
	"press",
	"project",
	"radio",
	"records",
	"reserve",
	"resources",
	"school",
	"secretariat",
	"securities",
	"senate",
	"service",
	"services",
	"society",
	"steel",
	"studios",
	"systems",
	"technologies",
	"television",
	"times",
	"tribune",
	"trust",
	"tv",
	"union",
	"university",
	"watch",
	"zoo",
};
static const char *const CONNECTORS[] = {
	"abu",   "al",  "ben", "bin", "da",  "das", "de", "del",
	"della", "den", "der", "des", "di",  "dos", "du", "el",
	"ibn",   "la",  "le",  "of",  "van", "von", "y",
};
static const char *const CUES_AFTER[] = {
	"acknowledged", "added",     "adds",      "admitted",  "agreed",
	"announced",    "argued",    "argues",    "asked",     "asks",
	"believed",     "believes",  "cautioned", "claimed",   "claims",
	"complained",   "conceded",  "confirmed", "countered", "declared",
	"denied",       "described", "did",       "does",      "emphasised",
	"emphasized",   "explained", "had",       "has",       "insisted",
	"is",           "met",       "noted",     "notes",     "observed",
	"pledged",      "pointed",   "posted",    "predicted", "promised",
	"recalled",     "recalls",   "remarked",  "replied",   "reported",
	"responded",    "said",      "says",      "spoke",     "stated",
	"stressed",     "suggested", "tells",     "testified", "thinks",
	"thought",      "told",      "tweeted",   "urged",     "visited",
	"vowed",        "wanted",    "wants",     "warned",    "warns",
	"was",          "who",       "will",      "would",     "writes",
	"wrote",
};
static const char *const CUES_BEFORE[] = {
	"according", "added",   "asked", "criticised", "criticized",
	"met",       "praised", "said",  "says",       "thanked",
	"told",      "tweeted", "urged", "wrote",
};
static const char *const COMMON[] = {
	"a",
	"about",
	"above",
	"according",
	"across",
	"advertisement",
	"after",
	"afterward",
	"afterwards",
	"again",
	"against",
	"ago",
	"all",
	"almost",
	"along",
	"already",
	"also",
	"although",
	"always",
	"amid",
	"among",
	"an",
	"analysis",
	"analysts",
	"and",
	"another",
	"any",
	"anyone",
	"anything",
	"apr",
	"april",
	"are",
	"around",
	"as",
	"asked",
	"at",
	"aug",
	"august",
	"back",
	"bad",
	"be",
	"because",
	"been",
	"before",
	"behind",
	"being",
	"below",
	"beneath",
	"beside",
	"besides",
	"best",
	"between",
	"beyond",
	"big",
	"both",
	"breaking",
	"but",
	"by",
	"can",
	"central",
	"certainly",
	"clearly",
	"click",
	"comment",
	"comments",
	"continues",
	"correction",
	"could",
	"critics",
	"dec",
	"december",
	"despite",
	"did",
	"do",
	"does",
	"doing",
	"done",
	"down",
	"dr",
	"during",
	"each",
	"earlier",
	"east",
	"eastern",
	"editor",
	"either",
	"else",
	"even",
	"eventually",
	"ever",
	"every",
	"everyone",
	"everything",
	"except",
	"exclusive",
	"experts",
	"feb",
	"february",
	"federal",
	"few",
	"finally",
	"first",
	"follow",
	"for",
	"former",
	"friday",
	"from",
	"further",
	"furthermore",
	"given",
	"global",
	"god",
	"good",
	"government",
	"great",
	"had",
	"has",
	"have",
	"having",
	"he",
	"hence",
	"her",
	"here",
	"hers",
	"herself",
	"him",
	"himself",
	"his",
	"how",
	"however",
	"i",
	"if",
	"in",
	"including",
	"indeed",
	"inside",
	"instead",
	"international",
	"into",
	"is",
	"it",
	"its",
	"itself",
	"jan",
	"january",
	"jul",
	"july",
	"jun",
	"june",
	"just",
	"last",
	"later",
	"least",
	"less",
	"let",
	"like",
	"likely",
	"listen",
	"live",
	"local",
	"many",
	"mar",
	"march",
	"may",
	"maybe",
	"me",
	"meanwhile",
	"might",
	"mine",
	"monday",
	"more",
	"moreover",
	"most",
	"mr",
	"mrs",
	"ms",
	"much",
	"must",
	"my",
	"national",
	"near",
	"nearly",
	"neither",
	"never",
	"nevertheless",
	"new",
	"next",
	"no",
	"nobody",
	"none",
	"nonetheless",
	"nor",
	"north",
	"northern",
	"not",
	"note",
	"nothing",
	"nov",
	"november",
	"now",
	"oct",
	"october",
	"of",
	"off",
	"officials",
	"often",
	"old",
	"on",
	"once",
	"one",
	"only",
	"onto",
	"opinion",
	"or",
	"other",
	"others",
	"otherwise",
	"our",
	"ours",
	"out",
	"outside",
	"over",
	"people",
	"perhaps",
	"photo",
	"please",
	"plus",
	"previously",
	"published",
	"rather",
	"read",
	"recently",
	"regardless",
	"regional",
	"related",
	"residents",
	"said",
	"same",
	"saturday",
	"say",
	"says",
	"second",
	"see",
	"sep",
	"sept",
	"september",
	"several",
	"share",
	"she",
	"should",
	"sign",
	"similarly",
	"since",
	"small",
	"so",
	"some",
	"someone",
	"something",
	"sometimes",
	"soon",
	"sources",
	"south",
	"southern",
	"state",
	"still",
	"story",
	"subscribe",
	"such",
	"sunday",
	"than",
	"that",
	"the",
	"their",
	"theirs",
	"them",
	"themselves",
	"then",
	"there",
	"therefore",
	"these",
	"they",
	"third",
	"this",
	"those",
	"though",
	"through",
	"throughout",
	"thursday",
	"thus",
	"to",
	"today",
	"together",
	"tomorrow",
	"tonight",
	"too",
	"top",
	"toward",
	"towards",
	"tuesday",
	"under",
	"unless",
	"unlike",
	"until",
	"up",
	"update",
	"updated",
	"upon",
	"us",
	"very",
	"video",
	"was",
	"watch",
	"we",
	"wednesday",
	"well",
	"were",
	"west",
	"western",
	"what",
	"whatever",
	"when",
	"whenever",
	"where",
	"whereas",
	"wherever",
	"whether",
	"which",
	"while",
	"who",
	"whoever",
	"whom",
	"whose",
	"why",
	"will",
	"with",
	"within",
	"without",
	"world",
	"worst",
	"would",
	"yes",
	"yesterday",
	"yet",
	"you",
	"your",
	"yours",
};
static const char *const SKIP[] = {
	"a.m.",      "am",        "apr",      "april",     "aug",
	"august",    "ceo",       "cfo",      "christmas", "coronavirus",
	"covid",     "covid-19",  "dec",      "december",  "east",
	"easter",    "feb",       "february", "friday",    "ft",
	"gdp",       "god",       "i",        "i'd",       "i'll",
	"i'm",       "i've",      "ii",       "iii",       "internet",
	"iv",        "jan",       "january",  "jr",        "jul",
	"july",      "jun",       "june",     "mar",       "march",
	"may",       "monday",    "mt",       "north",     "northeast",
	"northwest", "nov",       "november", "oct",       "october",
	"ok",        "okay",      "p.m.",     "pdf",       "ph.d.",
	"phd",       "pm",        "ramadan",  "saturday",  "sep",
	"sept",      "september", "south",    "southeast", "southwest",
	"sr",        "st",        "sunday",   "thursday",  "tuesday",
	"tv",        "wednesday", "west",
};
static const char *const GIVEN[] = {
	"aaron",       "abdelaziz",    "abdul",       "abdullah",  "abiy",
	"abraham",     "adam",         "adrian",      "ahmad",     "ahmed",
	"ahmet",       "aisha",        "akira",       "alan",      "alar",
	"albert",      "alberto",      "albin",       "alejandro", "aleksandar",
	"aleksandr",   "aleksei",      "alex",        "alexander", "alexandr",
	"alexandra",   "alexandre",    "alexandria",  "alexei",    "alexey",
	"alexis",      "ali",          "alice",       "alicia",    "alija",
	"alison",      "alla",         "allison",     "alvaro",    "amanda",
	"amber",       "amir",         "amit",        "amy",       "ana",
	"anastasia",   "anatoly",      "andrea",      "andreas",   "andrei",
	"andrej",      "andres",       "andrew",      "andrey",    "andriy",
	"andrzej",     "andy",         "angela",      "angelo",    "ann",
	"anna",        "annalena",     "anne",        "annie",     "anthony",
	"antoine",     "antonio",      "antony",      "anwar",     "ariel",
	"arjun",       "arkady",       "armin",       "arnold",    "arseniy",
	"artem",       "arthur",       "artyom",      "arvind",    "ashley",
	"ashraf",      "asif",         "avril",       "ayanna",    "ayman",
	"barack",      "barbara",      "barry",       "bashar",    "beata",
	"ben",         "benazir",      "benigno",     "benjamin",  "benny",
	"bernard",     "bernie",       "bertie",      "beth",      "beto",
	"betty",       "bill",         "billy",       "bob",       "bobby",
	"bogdan",      "bola",         "boris",       "boutros",   "brad",
	"bradley",     "brandon",      "brenda",      "brett",     "brian",
	"bruce",       "bryan",        "byron",       "carl",      "carla",
	"carles",      "carlos",       "carol",       "caroline",  "carolyn",
	"carrie",      "catherine",    "charles",     "charlie",   "chelsea",
	"chen",        "cheryl",       "chris",       "christian", "christina",
	"christine",   "christopher",  "chrystia",    "chuck",     "cindy",
	"claire",      "claude",       "claudia",     "colin",     "condi",
	"condoleezza", "connor",       "cory",        "craig",     "cristina",
	"cynthia",     "cyril",        "dan",         "dana",      "daniel",
	"danielle",    "danny",        "dario",       "darren",    "david",
	"dean",        "deborah",      "debra",       "denis",     "dennis",
	"denys",       "derek",        "diana",       "diane",     "dick",
	"dilma",       "dmitri",       "dmitriy",     "dmitry",    "dmytro",
	"dolores",     "dominic",      "dominique",   "don",       "donald",
	"donna",       "doug",         "douglas",     "dylan",     "ebrahim",
	"ed",          "eddie",        "edgars",      "edi",       "edouard",
	"edward",      "egils",        "ehud",        "ekaterina", "elena",
	"eli",         "elizabeth",    "ellen",       "elon",      "emily",
	"emma",        "emmanuel",     "emmerson",    "enda",      "enrico",
	"enrique",     "eric",         "erik",        "erin",      "erna",
	"ernest",      "eugene",       "evan",        "evgeny",    "evo",
	"fatima",      "felipe",       "ferdinand",   "fernando",  "fidel",
	"francesco",   "francis",      "francisco",   "francois",  "franjo",
	"frank",       "frank-walter", "franklin",    "fred",      "frederick",
	"friedrich",   "fumio",        "fyodor",      "gabriel",   "galina",
	"gamal",       "gary",         "gavin",       "gennady",   "george",
	"georgy",      "gerald",       "gerhard",     "gina",      "giorgia",
	"gitanas",     "giuseppe",     "gleb",        "gloria",    "golda",
	"goodluck",    "gordon",       "grace",       "greg",      "gregory",
	"grigory",     "guillermo",    "gustavo",     "hafez",     "haider",
	"hakan",       "hamid",        "hank",        "hannah",    "hans",
	"harold",      "harry",        "hasan",       "hashim",    "hassan",
	"heather",     "heinz",        "helen",       "helmut",    "henry",
	"herbert",     "hillary",      "hiroshi",     "horst",     "hosni",
	"hossein",     "howard",       "hugo",        "hunter",    "hussein",
	"ian",         "ibrahim",      "igor",        "ilham",     "ilhan",
	"ilir",        "ilya",         "imelda",      "imran",     "irina",
	"iryna",       "isaac",        "isaias",      "ismail",    "ivan",
	"ivanka",      "jacinda",      "jack",        "jackie",    "jacob",
	"jacques",     "jagmeet",      "jair",        "jake",      "james",
	"jamie",       "jan",          "jane",        "janet",     "janice",
	"janos",       "jared",        "jaroslaw",    "jason",     "javad",
	"javier",      "jean",         "jean-claude", "jean-luc",  "jean-marie",
	"jean-pierre", "jean-yves",    "jeb",         "jeff",      "jeffrey",
	"jen",         "jennifer",     "jens",        "jeremy",    "jerome",
	"jerry",       "jesse",        "jessica",     "jill",      "jim",
	"jimmy",       "jin",          "joan",        "joanna",    "joe",
	"joel",        "johann",       "john",        "johnny",    "joko",
	"jon",         "jonathan",     "jordan",      "jorge",     "jose",
	"josep",       "joseph",       "josh",        "joshua",    "joyce",
	"juan",        "judith",       "judy",        "julia",     "julian",
	"julie",       "junichiro",    "justin",      "kais",      "kaja",
	"kamala",      "karen",        "karine",      "karl",      "kassym",
	"kate",        "katherine",    "kathleen",    "kathryn",   "kathy",
	"katie",       "keir",         "keith",       "kelly",     "kellyanne",
	"ken",         "kenneth",      "kersti",      "kevin",     "khalid",
	"kim",         "kimberly",     "kirill",      "kirk",      "kirsten",
	"klaus",       "kofi",         "konstantin",  "kurt",      "kyle",
	"larry",       "laura",        "lauren",      "lavrentiy", "lawrence",
	"lech",        "lenin",        "leo",         "leon",      "leonid",
	"letitia",     "li",           "linda",       "lindsey",   "lionel",
	"lisa",        "liu",          "liz",         "lloyd",     "lori",
	"louis",       "luca",         "lucas",       "luis",      "luiz",
	"luke",        "lynn",         "lyudmila",    "madeleine", "magdalena",
	"mahathir",    "mahmoud",      "manmohan",    "manuel",    "marat",
	"marco",       "marcus",       "margaret",    "maria",     "mariano",
	"marie",       "marilyn",      "marina",      "marine",    "mario",
	"marjorie",    "mark",         "markus",      "martha",    "martin",
	"mary",        "masha",        "masoud",      "mateusz",   "matt",
	"matteo",      "matthew",      "matvei",      "mauricio",  "maxim",
	"megan",       "melania",      "melissa",     "merrick",   "mette",
	"mevlut",      "michael",      "micheal",     "michel",    "michelle",
	"miguel",      "mike",         "mikhail",     "milo",      "milos",
	"mitch",       "mitt",         "moammar",     "mohamed",   "mohammad",
	"mohammed",    "muammar",      "muhammad",    "muhammadu", "mustafa",
	"mykhailo",    "mykola",       "nabih",       "nadia",     "naftali",
	"najib",       "nancy",        "naomi",       "narendra",  "natalia",
	"natalie",     "nathan",       "nawaz",       "nayib",     "ned",
	"neil",        "nelson",       "nicholas",    "nick",      "nicola",
	"nicolae",     "nicolas",      "nicole",      "nigel",     "nikita",
	"nikki",       "nikol",        "nikolai",     "nikolay",   "noah",
	"nora",        "nouri",        "nursultan",   "oksana",    "olaf",
	"oleg",        "oleksandr",    "oleksii",     "oleksiy",   "olga",
	"olivia",      "olusegun",     "omar",        "oscar",     "pamela",
	"paolo",       "pat",          "patricia",    "patrick",   "paul",
	"paula",       "pavel",        "pedro",       "pervez",    "pete",
	"peter",       "petro",        "phil",        "philip",    "philippe",
	"pierre",      "prabowo",      "prayuth",     "pyotr",     "qasem",
	"qassem",      "rachel",       "radovan",     "rafael",    "rafik",
	"rahul",       "raila",        "raj",         "ralph",     "ramzan",
	"randy",       "rashida",      "ratko",       "raul",      "ray",
	"raymond",     "rebecca",      "recep",       "reince",    "rex",
	"reza",        "richard",      "rick",        "rishi",     "rob",
	"robert",      "roberto",      "robin",       "rodrigo",   "roger",
	"roman",       "romano",       "ron",         "ronald",    "rose",
	"ross",        "roy",          "rudolph",     "rudy",      "rumen",
	"ruslan",      "russell",      "rustam",      "ruth",      "ryan",
	"saad",        "sadiq",        "sally",       "salman",    "sam",
	"samantha",    "samuel",       "sandra",      "sanna",     "sara",
	"sarah",       "sauli",        "scott",       "sean",      "sebastian",
	"semyon",      "serge",        "sergei",      "sergey",    "sergio",
	"sergiy",      "serhiy",       "shannon",     "sharon",    "shaun",
	"shawn",       "shehbaz",      "sheila",      "shimon",    "shinzo",
	"shirley",     "silvio",       "simon",       "slobodan",  "sonia",
	"sophia",      "sophie",       "stacey",      "stanislav", "stanley",
	"stefan",      "stephanie",    "stephen",     "steve",     "steven",
	"stuart",      "susan",        "svetlana",    "tamara",    "tammy",
	"tara",        "taras",        "tatiana",     "tatyana",   "ted",
	"teresa",      "terry",        "thabo",       "thaksin",   "theresa",
	"thomas",      "tim",          "timothy",     "timur",     "tina",
	"todd",        "todor",        "tom",         "tommy",     "tony",
	"tracy",       "traian",       "trevor",      "tsai",      "tulsi",
	"tyler",       "uhuru",        "ulf",         "ursula",    "vaclav",
	"vadim",       "valentina",    "valery",      "vanessa",   "vasily",
	"vicente",     "victor",       "victoria",    "viktor",    "vincent",
	"virginia",    "vitali",       "vitaliy",     "vitaly",    "vladimir",
	"vladislav",   "volodymyr",    "vyacheslav",  "walid",     "walter",
	"wang",        "wayne",        "wei",         "wendy",     "william",
	"willie",      "wladimir",     "wolfgang",    "xi",        "xiomara",
	"yahya",       "yair",         "yan",         "yang",      "yaroslav",
	"yasser",      "yegor",        "yekaterina",  "yevgeny",   "yevhen",
	"yingluck",    "yitzhak",      "yoshihide",   "yoweri",    "yulia",
	"yuri",        "yury",         "zachary",     "zhang",     "zine",
};
/* Gender of the given names above: FEMALE_GIVEN are women's names,
 * UNISEX_GIVEN names borne by both (or Chinese family names, which lead
 * the name); every other GIVEN name is a man's. */
static const char *const FEMALE_GIVEN[] = {
	"aisha",     "alexandra", "alexandria",  "alice",     "alicia",
	"alison",    "alla",      "allison",     "amanda",    "amber",
	"amy",       "ana",       "anastasia",   "angela",    "ann",
	"anna",      "annalena",  "anne",        "annie",     "avril",
	"ayanna",    "barbara",   "beata",       "benazir",   "beth",
	"betty",     "brenda",    "carla",       "carol",     "caroline",
	"carolyn",   "carrie",    "catherine",   "chelsea",   "cheryl",
	"christina", "christine", "chrystia",    "cindy",     "claire",
	"claudia",   "condi",     "condoleezza", "cristina",  "cynthia",
	"danielle",  "deborah",   "debra",       "diana",     "diane",
	"dilma",     "dolores",   "donna",       "ekaterina", "elena",
	"elizabeth", "ellen",     "emily",       "emma",      "erin",
	"erna",      "fatima",    "galina",      "gina",      "giorgia",
	"gloria",    "golda",     "grace",       "hannah",    "heather",
	"helen",     "hillary",   "ilhan",       "imelda",    "irina",
	"iryna",     "ivanka",    "jacinda",     "jane",      "janet",
	"janice",    "jen",       "jennifer",    "jessica",   "jill",
	"joan",      "joanna",    "joyce",       "judith",    "judy",
	"julia",     "julie",     "kaja",        "kamala",    "karen",
	"karine",    "kate",      "katherine",   "kathleen",  "kathryn",
	"kathy",     "katie",     "kellyanne",   "kersti",    "kimberly",
	"kirsten",   "laura",     "lauren",      "letitia",   "linda",
	"lisa",      "liz",       "lori",        "lyudmila",  "madeleine",
	"magdalena", "margaret",  "maria",       "marie",     "marilyn",
	"marina",    "marine",    "marjorie",    "martha",    "mary",
	"masha",     "megan",     "melania",     "melissa",   "mette",
	"michelle",  "nadia",     "nancy",       "naomi",     "natalia",
	"natalie",   "nicole",    "nikki",       "nora",      "oksana",
	"olga",      "olivia",    "pamela",      "patricia",  "paula",
	"rachel",    "rashida",   "rebecca",     "rose",      "ruth",
	"sally",     "samantha",  "sandra",      "sanna",     "sara",
	"sarah",     "sharon",    "sheila",      "shirley",   "sonia",
	"sophia",    "sophie",    "stacey",      "stephanie", "susan",
	"svetlana",  "tamara",    "tammy",       "tara",      "tatiana",
	"tatyana",   "teresa",    "theresa",     "tina",      "tulsi",
	"ursula",    "valentina", "vanessa",     "victoria",  "virginia",
	"wendy",     "xiomara",   "yekaterina",  "yingluck",  "yulia",
};
static const char *const UNISEX_GIVEN[] = {
	"alex",   "alexis",    "andrea", "ariel", "ashley",  "chen",  "chris",
	"dana",   "dominique", "jackie", "jamie", "jan",     "jean",  "jin",
	"jordan", "kelly",     "kim",    "li",    "lindsey", "liu",   "lynn",
	"nicola", "pat",       "robin",  "sam",   "shannon", "terry", "tracy",
	"tsai",   "wang",      "wei",    "xi",    "yan",     "yang",  "zhang",
};
/* Gendered titles and nouns, for plx_name_gender. */
static const char *const MALE_WORDS[] = {
	"boy",        "brother", "businessman", "chairman",    "congressman",
	"councilman", "emperor", "father",      "grandfather", "husband",
	"king",       "lord",    "man",         "mr",          "nephew",
	"pope",       "prince",  "sir",         "son",         "spokesman",
	"uncle",
};
static const char *const FEMALE_WORDS[] = {
	"actress",       "aunt",         "businesswoman", "chairwoman",
	"congresswoman", "councilwoman", "dame",          "daughter",
	"first lady",    "girl",         "grandmother",   "lady",
	"madam",         "madame",       "miss",          "mother",
	"mrs",           "ms",           "niece",         "princess",
	"queen",         "sister",       "spokeswoman",   "widow",
	"wife",          "woman",
};
/* Words of multi-word titles and determiners, passed over before a name
 * ("Secretary of State John Kerry"). */
static const char *const TITLE_PARTS[] = {
	"a",     "an", "defence", "defense", "foreign",
	"house", "of", "senate",  "state",   "the",
};

/* Place head words, facilities included ("Sable Quay Bridge", "Greyholm
 * Stadium").  Sorted. */
static const char *const PLACE_HEADS[] = {
	"airport",   "avenue",  "bay",       "bridge",     "canal",
	"coast",     "county",  "district",  "estuary",    "governorate",
	"harbor",    "harbour", "island",    "islands",    "lake",
	"mountains", "oblast",  "peninsula", "prefecture", "province",
	"quay",      "region",  "river",     "square",     "stadium",
	"strait",    "street",  "tunnel",    "valley",
};

/* Transliteration variants of one given or family name, merged by
 * plx_name_key: Russian/Ukrainian romanisation (BGN, ISO, French and German
 * styles) and Arabic names.  Only spellings of one name: Volodymyr and
 * Vladimir, Oleksandr and Alexander are different names in their own
 * languages and stay apart.  Sorted by variant. */
static const plx_gaz_entry TRANSLIT[] = {
	{"abdallah", "abdullah"},
	{"ahmad", "ahmed"},
	{"aleksander", "alexander"},
	{"aleksandr", "alexander"},
	{"aleksei", "alexei"},
	{"aleksej", "alexei"},
	{"aleksey", "alexei"},
	{"alexandr", "alexander"},
	{"alexej", "alexei"},
	{"alexey", "alexei"},
	{"andrej", "andrei"},
	{"andrey", "andrei"},
	{"dmitrij", "dmitri"},
	{"dmitry", "dmitri"},
	{"ekaterina", "yekaterina"},
	{"evgeni", "yevgeny"},
	{"evgeny", "yevgeny"},
	{"fedor", "fyodor"},
	{"gadhafi", "gaddafi"},
	{"gorbachov", "gorbachev"},
	{"hasan", "hassan"},
	{"husain", "hussein"},
	{"husein", "hussein"},
	{"hussain", "hussein"},
	{"iulia", "yulia"},
	{"iury", "yuri"},
	{"jurij", "yuri"},
	{"kadhafi", "gaddafi"},
	{"kiev", "kyiv"},
	{"moamar", "muammar"},
	{"moammar", "muammar"},
	{"mohamad", "muhammad"},
	{"mohamed", "muhammad"},
	{"mohammad", "muhammad"},
	{"mohammed", "muhammad"},
	{"muhammed", "muhammad"},
	{"natalya", "natalia"},
	{"nikolaj", "nikolai"},
	{"nikolay", "nikolai"},
	{"petr", "pyotr"},
	{"qadafi", "gaddafi"},
	{"qaddafi", "gaddafi"},
	{"qadhafi", "gaddafi"},
	{"sergej", "sergei"},
	{"sergey", "sergei"},
	{"serguei", "sergei"},
	{"shoygu", "shoigu"},
	{"tatyana", "tatiana"},
	{"usama", "osama"},
	{"viacheslav", "vyacheslav"},
	{"yevgeni", "yevgeny"},
	{"yuliya", "yulia"},
	{"yurij", "yuri"},
	{"yury", "yuri"},
	{"zelenski", "zelensky"},
};

/* Trailing name suffixes dropped from keys. */
static const char *const SUFFIXES[] = {"ii", "iii", "iv", "jr", "sr"};

#define NELEM(a) (sizeof(a) / sizeof *(a))

/* ---- Lexicon: one hash table over all lists --------------------------- */

enum {
	F_PLACE = 1 << 0,
	F_ORG = 1 << 1,
	F_DEM = 1 << 2,  /* adjectival demonym: no mention */
	F_DEMN = 1 << 3, /* plural demonym: a mention of the place */
	F_TITLE = 1 << 4,
	F_HONOR = 1 << 5,   /* title that makes a person of the next word */
	F_MOD = 1 << 6,     /* "former", "acting": may precede a title */
	F_HEAD = 1 << 7,    /* organisation head word */
	F_CONN = 1 << 8,    /* name particle: of, de, van, bin */
	F_CUE = 1 << 9,     /* speech verb after a person */
	F_CUEB = 1 << 10,   /* word before a person ("said Blinken") */
	F_COMMON = 1 << 11, /* common word, not a name at sentence start */
	F_SKIP = 1 << 12,   /* capitalised but never a name (days, "I") */
	F_GIVEN = 1 << 13,
	F_PREFIX = 1 << 14, /* proper prefix of a longer phrase */
	F_PHEAD = 1 << 15   /* place head word: "Harris County" */
};
enum { C_PLACE, C_ORG, C_DEM, C_DEMN, N_CANON };

typedef struct lex_slot {
	const char *key; /* NULL: empty */
	size_t klen;
	uint32_t hash;
	unsigned flags;
	const char *canon[N_CANON];
} lex_slot;

struct plx_entity_lex {
	lex_slot *slots;
	size_t mask;
	plx_arena arena; /* normalised keys */
};

static uint32_t fnv(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static const lex_slot *lex_get(const plx_entity_lex *lex, const char *s,
			       size_t n)
{
	uint32_t h = fnv(s, n);
	for (size_t i = h & lex->mask;; i = (i + 1) & lex->mask) {
		const lex_slot *e = &lex->slots[i];
		if (!e->key)
			return NULL;
		if (e->hash == h && e->klen == n && memcmp(e->key, s, n) == 0)
			return e;
	}
}

static lex_slot *lex_put(plx_entity_lex *lex, const char *s, size_t n)
{
	uint32_t h = fnv(s, n);
	size_t i = h & lex->mask;
	for (;; i = (i + 1) & lex->mask) {
		lex_slot *e = &lex->slots[i];
		if (!e->key) {
			e->key = s;
			e->klen = n;
			e->hash = h;
			return e;
		}
		if (e->hash == h && e->klen == n && memcmp(e->key, s, n) == 0)
			return e;
	}
}

/* Adds key (list spelling) with flags.  List keys are written as text reads
 * ("st. louis", "lt. gov"); tokens split "St." into "st" and ".", while
 * "u.s." stays one token, so a dot after a word of two or more letters is
 * dropped here.  Every proper word prefix of a phrase gets F_PREFIX. */
static int lex_add(plx_entity_lex *lex, const char *key, unsigned flags,
		   int canon_slot, const char *canon)
{
	size_t n = strlen(key);
	char *k = plx_arena_alloc(&lex->arena, n + 1);
	if (!k)
		return PLX_ENOMEM;
	size_t o = 0, seg = 0;
	for (size_t i = 0; i < n; i++) {
		char c = key[i];
		if (c == '.' && (i + 1 == n || key[i + 1] == ' ') &&
		    o - seg >= 2)
			continue;
		k[o++] = c;
		if (c == ' ' || c == '.')
			seg = o;
	}
	k[o] = 0;
	for (size_t i = 0; i < o; i++)
		if (k[i] == ' ')
			lex_put(lex, k, i)->flags |= F_PREFIX;
	lex_slot *e = lex_put(lex, k, o);
	e->flags |= flags;
	if (canon_slot >= 0 && !e->canon[canon_slot])
		e->canon[canon_slot] = canon;
	return PLX_OK;
}

int plx_entity_lex_new(plx_entity_lex **out)
{
	*out = NULL;
	plx_entity_lex *lex = plx_calloc(1, sizeof *lex);
	if (!lex)
		return PLX_ENOMEM;
	plx_arena_init(&lex->arena);
	/* Phrases add their prefixes too: four slots per entry is ample, and
	 * keeps the load under one half. */
	size_t need =
		4 * (NELEM(PLACES) + NELEM(ORGS) + NELEM(DEMONYMS) +
		     NELEM(DEMONYM_NOUNS) + NELEM(TITLES) + NELEM(HONORIFICS) +
		     NELEM(MODIFIERS) + NELEM(ORG_HEADS) + NELEM(CONNECTORS) +
		     NELEM(CUES_AFTER) + NELEM(CUES_BEFORE) + NELEM(COMMON) +
		     NELEM(SKIP) + NELEM(GIVEN) + NELEM(PLACE_HEADS));
	size_t cap = 64;
	while (cap < need)
		cap <<= 1;
	lex->slots = plx_calloc(cap, sizeof *lex->slots);
	if (!lex->slots) {
		plx_entity_lex_free(lex);
		return PLX_ENOMEM;
	}
	lex->mask = cap - 1;
	int rc = PLX_OK;
#define ADD_PAIRS(arr, flag, slot)                     \
	for (size_t i = 0; !rc && i < NELEM(arr); i++) \
		rc = lex_add(lex, arr[i].key, flag, slot, arr[i].canon);
#define ADD_WORDS(arr, flag)                           \
	for (size_t i = 0; !rc && i < NELEM(arr); i++) \
		rc = lex_add(lex, arr[i], flag, -1, NULL);
	ADD_PAIRS(PLACES, F_PLACE, C_PLACE)
	ADD_PAIRS(ORGS, F_ORG, C_ORG)
	ADD_PAIRS(DEMONYMS, F_DEM, C_DEM)
	ADD_PAIRS(DEMONYM_NOUNS, F_DEMN, C_DEMN)
	ADD_WORDS(TITLES, F_TITLE)
	ADD_WORDS(HONORIFICS, F_HONOR | F_TITLE)
	ADD_WORDS(MODIFIERS, F_MOD)
	ADD_WORDS(ORG_HEADS, F_HEAD)
	ADD_WORDS(CONNECTORS, F_CONN)
	ADD_WORDS(CUES_AFTER, F_CUE)
	ADD_WORDS(CUES_BEFORE, F_CUEB)
	ADD_WORDS(COMMON, F_COMMON)
	ADD_WORDS(SKIP, F_SKIP)
	ADD_WORDS(GIVEN, F_GIVEN)
	ADD_WORDS(PLACE_HEADS, F_PHEAD)
#undef ADD_PAIRS
#undef ADD_WORDS
	if (rc) {
		plx_entity_lex_free(lex);
		return rc;
	}
	*out = lex;
	return PLX_OK;
}

void plx_entity_lex_free(plx_entity_lex *lex)
{
	if (!lex)
		return;
	plx_free(lex->slots);
	plx_arena_free(&lex->arena);
	plx_free(lex);
}

static int cmp_str_n(const char *key, size_t n, const char *s)
{
	int c = strncmp(key, s, n);
	if (c)
		return c;
	return s[n] ? -1 : 0;
}

static int in_words(const char *const *arr, size_t count, const char *s,
		    size_t n)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_str_n(s, n, arr[mid]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static const plx_gaz_entry *in_pairs(const plx_gaz_entry *arr, size_t count,
				     const char *s, size_t n)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_str_n(s, n, arr[mid].key);
		if (c == 0)
			return &arr[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Flags of a word or phrase: from the analyzer's table when there is one,
 * else by binary search in the lists plx_name_key needs. */
static unsigned word_flags(const plx_entity_lex *lex, const char *s, size_t n)
{
	if (lex) {
		const lex_slot *e = lex_get(lex, s, n);
		return e ? e->flags : 0;
	}
	unsigned f = 0;
	if (in_words(TITLES, NELEM(TITLES), s, n))
		f |= F_TITLE;
	if (in_words(MODIFIERS, NELEM(MODIFIERS), s, n))
		f |= F_MOD;
	if (in_pairs(DEMONYMS, NELEM(DEMONYMS), s, n))
		f |= F_DEM;
	if (in_words(GIVEN, NELEM(GIVEN), s, n))
		f |= F_GIVEN;
	if (in_words(CONNECTORS, NELEM(CONNECTORS), s, n))
		f |= F_CONN;
	return f;
}

static int sorted_words(const char *const *arr, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (strcmp(arr[i - 1], arr[i]) >= 0)
			return 0;
	return 1;
}

static int sorted_pairs(const plx_gaz_entry *arr, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (strcmp(arr[i - 1].key, arr[i].key) >= 0)
			return 0;
	return 1;
}

int plx_entity_lex_check(void)
{
	return sorted_words(TITLES, NELEM(TITLES)) &&
	       sorted_words(MODIFIERS, NELEM(MODIFIERS)) &&
	       sorted_words(GIVEN, NELEM(GIVEN)) &&
	       sorted_words(FEMALE_GIVEN, NELEM(FEMALE_GIVEN)) &&
	       sorted_words(UNISEX_GIVEN, NELEM(UNISEX_GIVEN)) &&
	       sorted_words(MALE_WORDS, NELEM(MALE_WORDS)) &&
	       sorted_words(FEMALE_WORDS, NELEM(FEMALE_WORDS)) &&
	       sorted_words(TITLE_PARTS, NELEM(TITLE_PARTS)) &&
	       sorted_words(CONNECTORS, NELEM(CONNECTORS)) &&
	       sorted_words(SUFFIXES, NELEM(SUFFIXES)) &&
	       sorted_pairs(DEMONYMS, NELEM(DEMONYMS)) &&
	       sorted_pairs(TRANSLIT, NELEM(TRANSLIT));
}

/* ---- Name keys ---------------------------------------------------------- */

typedef struct kword {
	char *s;
	size_t n;
} kword;

static int is_ascii_lower_word(const kword *w)
{
	for (size_t i = 0; i < w->n; i++)
		if (!(w->s[i] >= 'a' && w->s[i] <= 'z'))
			return 0;
	return 1;
}

/* Spelling rules for one word, in place (the word only shrinks):
 * -skiy/-skii/-skyy/-skyi and -iy/-ii/-yy/-yi become -sky/-y (Zelenskyy,
 * Yuriy, Anatolii); -off becomes -ov (Rachmaninoff); then the TRANSLIT
 * table.  Applied to ASCII words of five letters or more (endings) so short
 * words such as "ii" survive. */
static void translit(kword *w)
{
	if (is_ascii_lower_word(w) && w->n >= 5) {
		char *e = w->s + w->n - 2;
		if ((e[0] == 'i' || e[0] == 'y') &&
		    (e[1] == 'i' || e[1] == 'y')) {
			e[0] = 'y';
			w->n--;
		} else if (w->n >= 6 &&
			   memcmp(w->s + w->n - 3, "off", 3) == 0) {
			w->s[w->n - 2] = 'v';
			w->n--;
		}
	}
	const plx_gaz_entry *t =
		in_pairs(TRANSLIT, NELEM(TRANSLIT), w->s, w->n);
	if (t) {
		size_t m = strlen(t->canon);
		if (m <= w->n) {
			memcpy(w->s, t->canon, m);
			w->n = m;
		} else {
			w->s = (char *)t->canon; /* static, read-only from here
						  */
			w->n = m;
		}
	}
}

/* Does words[i..] start with a title phrase?  Returns its length in words,
 * 0 if none.  Phrases are joined with single spaces into buf. */
static size_t title_at(const plx_entity_lex *lex, const kword *w, size_t nw,
		       size_t i)
{
	char buf[MAX_KEY_BYTES];
	size_t best = 0, len = 0;
	for (size_t k = i; k < nw && k < i + MAX_PHRASE; k++) {
		if (len + w[k].n + 1 >= sizeof buf)
			break;
		if (k > i)
			buf[len++] = ' ';
		memcpy(buf + len, w[k].s, w[k].n);
		len += w[k].n;
		if (word_flags(lex, buf, len) & F_TITLE)
			best = k - i + 1;
	}
	return best;
}

static int name_key(const plx_entity_lex *lex, const char *name, size_t len,
		    plx_buf *out)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t r = -1;
	char small[MAX_KEY_BYTES];
	int ascii = len < sizeof small;
	for (size_t i = 0; i < len && ascii; i++)
		ascii = (unsigned char)name[i] < 0x80;
	if (!ascii)
		r = utf8proc_map(
			(const utf8proc_uint8_t *)name, (utf8proc_ssize_t)len,
			&m,
			UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
				UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
	char *s;
	size_t n;
	if (ascii) { /* the common case: no allocation */
		s = small;
		for (size_t i = 0; i < len; i++)
			s[i] = (name[i] >= 'A' && name[i] <= 'Z')
				       ? (char)(name[i] + 32)
				       : name[i];
		n = len;
	} else if (r < 0) { /* invalid UTF-8: fold ASCII only */
		free(m);
		m = NULL;
		s = plx_malloc(len + 1);
		if (!s)
			return PLX_ENOMEM;
		for (size_t i = 0; i < len; i++)
			s[i] = (name[i] >= 'A' && name[i] <= 'Z')
				       ? (char)(name[i] + 32)
				       : name[i];
		n = len;
	} else {
		s = (char *)m;
		n = (size_t)r;
	}

	/* Words: letters, digits and inner apostrophes, hyphens and dots; dots
	 * are dropped ("u.s." -> "us", "j." -> "j"), a final "'s" too. */
	kword w[MAX_KEY_WORDS];
	size_t nw = 0;
	size_t i = 0;
	while (i < n && nw < MAX_KEY_WORDS) {
		unsigned char c = (unsigned char)s[i];
		int wordch = c >= 0x80 || (c >= 'a' && c <= 'z') ||
			     (c >= '0' && c <= '9');
		if (!wordch) {
			i++;
			continue;
		}
		size_t o = i, j = i;
		while (j < n) {
			unsigned char d = (unsigned char)s[j];
			if (d == 0xE2 && j + 2 < n &&
			    (unsigned char)s[j + 1] == 0x80 &&
			    ((unsigned char)s[j + 2] == 0x99 ||
			     (unsigned char)s[j + 2] == 0x98)) {
				s[o++] = '\'';
				j += 3;
				continue;
			}
			if (d >= 0x80 || (d >= 'a' && d <= 'z') ||
			    (d >= '0' && d <= '9') || d == '-' || d == '\'') {
				s[o++] = (char)d;
				j++;
				continue;
			}
			if (d == '.') {
				j++;
				continue;
			}
			break;
		}
		size_t wl = o - i;
		if (wl >= 2 && s[i + wl - 2] == '\'' && s[i + wl - 1] == 's')
			wl -= 2;
		while (wl && (s[i + wl - 1] == '\'' || s[i + wl - 1] == '-'))
			wl--;
		if (wl) {
			w[nw].s = s + i;
			w[nw].n = wl;
			nw++;
		}
		i = j;
	}

	/* Leading titles, with the modifiers and demonyms before them ("Russian
	 * Foreign Minister", "former President"); one word always stays. */
	size_t first = 0;
	for (;;) {
		size_t t = title_at(lex, w, nw, first);
		if (t && first + t < nw) {
			first += t;
			continue;
		}
		if (first + 1 < nw &&
		    (word_flags(lex, w[first].s, w[first].n) &
		     (F_MOD | F_DEM)) &&
		    title_at(lex, w, nw, first + 1) &&
		    first + 1 + title_at(lex, w, nw, first + 1) < nw) {
			first++;
			continue;
		}
		/* "of" left by "President of Ukraine Volodymyr Zelensky" stays:
		 * the place is part of that title, not the name. */
		break;
	}
	kword *v = w + first;
	size_t nv = nw - first;
	while (nv > 1 &&
	       in_words(SUFFIXES, NELEM(SUFFIXES), v[nv - 1].s, v[nv - 1].n))
		nv--;
	/* Initials go when two longer words remain. */
	size_t longw = 0;
	for (size_t k = 0; k < nv; k++)
		longw += v[k].n > 1;
	if (longw >= 2 && longw < nv) {
		size_t o = 0;
		for (size_t k = 0; k < nv; k++)
			if (v[k].n > 1)
				v[o++] = v[k];
		nv = o;
	}
	/* Middle names go when the name starts with a known given name and has
	 * no "of"/"the"/"and" (so "New York Times", "Bank of America" keep
	 * every word): first name plus the family name with its particles. */
	if (nv >= 3 && (word_flags(lex, v[0].s, v[0].n) & F_GIVEN)) {
		int plain = 1;
		for (size_t k = 0; k < nv; k++)
			if ((v[k].n == 2 && memcmp(v[k].s, "of", 2) == 0) ||
			    (v[k].n == 3 && (memcmp(v[k].s, "the", 3) == 0 ||
					     memcmp(v[k].s, "and", 3) == 0)))
				plain = 0;
		if (plain) {
			size_t last = nv - 1;
			while (last > 1 &&
			       (word_flags(lex, v[last - 1].s, v[last - 1].n) &
				F_CONN))
				last--;
			size_t o = 1;
			for (size_t k = last; k < nv; k++)
				v[o++] = v[k];
			nv = o;
		}
	}
	for (size_t k = 0; k < nv; k++) {
		translit(&v[k]);
		if (k)
			plx_buf_putc(out, ' ');
		plx_buf_put(out, v[k].s, v[k].n);
	}
	plx_buf_put(out, "", 0); /* a key even for a name of no words */
	if (!ascii && r < 0)
		plx_free(s);
	else if (!ascii)
		free(m); /* utf8proc allocates with malloc */
	return out->rc;
}

int plx_name_key(const char *name, size_t len, char **out)
{
	*out = NULL;
	if (!name && len)
		return PLX_EINVAL;
	plx_buf b;
	plx_buf_init(&b);
	int rc = name_key(NULL, name ? name : "", len, &b);
	if (rc) {
		plx_buf_free(&b);
		return rc;
	}
	*out = plx_buf_detach(&b, NULL);
	return *out ? PLX_OK : PLX_ENOMEM;
}

/* ---- Mentions in one article ------------------------------------------- */

enum { T_UNKNOWN = -1 };

typedef struct cand {
	size_t start, end; /* the name, titles excluded */
	size_t tstart;     /* start of the titled form (== start if none) */
	size_t sent;
	size_t tok_a, tok_b; /* the name's tokens [tok_a, tok_b) */
	const char *canon;   /* gazetteer name, else NULL */
	char *key;           /* arena */
	char *name;          /* display name, arena */
	int type;            /* plx_entity_type or T_UNKNOWN */
	int strength;        /* 0 guess, 1 weak cue, 2 title/given/verb/head,
				3 gazetteer */
	int initial;         /* one word at the start of a sentence */
	int strict;          /* in a headline-case paragraph */
	int words;           /* words in key */
	size_t group;
} cand;

typedef struct group {
	const char *key;
	int words;
	int type, strength;
	size_t target; /* group it was merged into, or itself */
	size_t ent;    /* entity index, PLX_NONE until assigned */
	size_t first;  /* first candidate */
	size_t best;   /* candidate giving the name */
	int keep;
} group;

typedef struct ectx {
	const plx_entity_lex *lex;
	plx_article *art;
	cand *c;
	size_t n, cap;
	uint32_t *lower; /* hashes of words seen in lower case; 0: empty;
			    built on first need */
	size_t lower_mask;
	unsigned *tf; /* per token: lexicon flags, NO_FLAGS until looked up */
} ectx;

#define NO_FLAGS (~0u)

/* Length of a token's form without a possessive "'s"; *poss set if cut. */
static size_t norm_len(const plx_token *t, int *poss)
{
	size_t n = strlen(t->norm);
	*poss = 0;
	if (n > 2 && t->norm[n - 2] == '\'' && t->norm[n - 1] == 's') {
		*poss = 1;
		return n - 2;
	}
	return n;
}

/* End of a token's text without a possessive. */
static size_t tok_end(const plx_article *art, const plx_token *t)
{
	int poss;
	norm_len(t, &poss);
	size_t e = t->end;
	if (!poss)
		return e;
	if (e >= t->start + 3 && art->text[e - 1] == 's' &&
	    art->text[e - 2] == '\'')
		return e - 2;
	if (e >= t->start + 5 && art->text[e - 1] == 's' &&
	    (unsigned char)art->text[e - 4] == 0xE2)
		return e - 4;
	return e;
}

static unsigned tok_flags(const ectx *x, const plx_token *t)
{
	if (!(t->flags & PLX_TOK_WORD))
		return 0;
	unsigned *f = &x->tf[t - x->art->toks];
	if (*f == NO_FLAGS) {
		int poss;
		*f = word_flags(x->lex, t->norm, norm_len(t, &poss));
	}
	return *f;
}

static int is_dot(const plx_article *art, const plx_token *t)
{
	return (t->flags & PLX_TOK_PUNCT) && art->text[t->start] == '.';
}

/* Can token t be part of a name? */
static int name_like(const ectx *x, const plx_token *t)
{
	if (!(t->flags & PLX_TOK_WORD))
		return 0;
	const char *s = x->art->text;
	if (!(t->flags & PLX_TOK_UPPER)) {
		/* "al-Assad", "el-Sissi" */
		size_t n = t->end - t->start;
		return n > 3 && (t->norm[0] == 'a' || t->norm[0] == 'e') &&
		       t->norm[1] == 'l' && s[t->start + 2] == '-' &&
		       s[t->start + 3] >= 'A' && s[t->start + 3] <= 'Z';
	}
	/* "Russian-backed", "Russian-Ukrainian": hyphenated adjectives. */
	for (size_t i = t->end; i > t->start + 1; i--)
		if (s[i - 1] == '-') {
			if (s[i] >= 'a' && s[i] <= 'z')
				return 0;
			break;
		}
	if (memchr(s + t->start, '-', t->end - t->start)) {
		const char *h = strchr(t->norm, '-');
		if (h && (word_flags(x->lex, t->norm, (size_t)(h - t->norm)) &
			  F_DEM))
			return 0;
	}
	/* "East" only as the start of "East Germany" and the like. */
	unsigned f = tok_flags(x, t);
	return !(f & F_SKIP) || (f & F_PREFIX);
}

/* Longest gazetteer phrase starting at token a, within [a, b): sets *slot
 * and returns the tokens it spans (dots included), 0 when none. */
static size_t match_at(const ectx *x, size_t a, size_t b, const lex_slot **slot)
{
	const plx_article *art = x->art;
	char buf[MAX_KEY_BYTES];
	size_t len = 0, words = 0, best = 0;
	*slot = NULL;
	for (size_t i = a; i < b && words < MAX_PHRASE; i++) {
		const plx_token *t = &art->toks[i];
		if (is_dot(art, t) && i > a && art->toks[i - 1].end == t->start)
			continue;
		if (!(t->flags & PLX_TOK_WORD))
			break;
		int poss;
		size_t n = norm_len(t, &poss);
		if (len + n + 1 >= sizeof buf)
			break;
		if (words)
			buf[len++] = ' ';
		memcpy(buf + len, t->norm, n);
		len += n;
		words++;
		const lex_slot *e = lex_get(x->lex, buf, len);
		if (!e)
			break;
		if (e->flags & ~(unsigned)F_PREFIX) {
			*slot = e;
			best = i + 1 - a;
			/* a dot right after the phrase ("Sen.") belongs to it
			 */
			if (i + 1 < b && is_dot(art, &art->toks[i + 1]) &&
			    art->toks[i + 1].start == t->end)
				best++;
		}
		if (poss || !(e->flags & F_PREFIX))
			break;
	}
	return best;
}

static int build_lower(ectx *x);

static int seen_lower(ectx *x, const char *s, size_t n)
{
	if (!x->lower && build_lower(x))
		return 0; /* out of memory: the word counts as unseen */
	uint32_t h = fnv(s, n) | 1;
	for (size_t i = h & x->lower_mask;; i = (i + 1) & x->lower_mask) {
		if (!x->lower[i])
			return 0;
		if (x->lower[i] == h)
			return 1;
	}
}

static int build_lower(ectx *x)
{
	const plx_article *art = x->art;
	size_t cap = 16;
	while (cap < 2 * art->n_toks)
		cap <<= 1;
	x->lower = plx_calloc(cap, sizeof *x->lower);
	if (!x->lower)
		return PLX_ENOMEM;
	x->lower_mask = cap - 1;
	for (size_t k = 0; k < art->n_toks; k++) {
		const plx_token *t = &art->toks[k];
		if (!(t->flags & PLX_TOK_WORD) || (t->flags & PLX_TOK_UPPER))
			continue;
		uint32_t h = fnv(t->norm, strlen(t->norm)) | 1;
		size_t i = h & x->lower_mask;
		while (x->lower[i] && x->lower[i] != h)
			i = (i + 1) & x->lower_mask;
		x->lower[i] = h;
	}
	return PLX_OK;
}

/* "Following", "Clearly", "Asked": shaped like a common word. */
static int looks_common(const char *w, size_t n)
{
	return (n >= 6 && memcmp(w + n - 3, "ing", 3) == 0) ||
	       (n >= 5 && memcmp(w + n - 2, "ly", 2) == 0) ||
	       (n >= 5 && memcmp(w + n - 2, "ed", 2) == 0);
}

/* A speech verb or ", who" right after token b-1, or "said"/"according
 * to" right before token a. */
static int speech_cue(const ectx *x, size_t a, size_t b, size_t s0, size_t s1)
{
	const plx_token *T = x->art->toks;
	int poss;
	norm_len(&T[b - 1], &poss);
	if (!poss && b < s1) {
		if (tok_flags(x, &T[b]) & F_CUE)
			return 1;
		if (T[b].norm[0] == ',' && b + 1 < s1 &&
		    strcmp(T[b + 1].norm, "who") == 0)
			return 1;
	}
	if (a > s0) {
		if (tok_flags(x, &T[a - 1]) & F_CUEB)
			return 1;
		if (a - 1 > s0 && strcmp(T[a - 1].norm, "to") == 0 &&
		    strcmp(T[a - 2].norm, "according") == 0)
			return 1;
	}
	return 0;
}

static cand *add_cand(ectx *x, size_t sent, size_t a, size_t b, size_t ta,
		      int type, int strength, const char *canon)
{
	plx_article *art = x->art;
	while (b > a && !(art->toks[b - 1].flags & PLX_TOK_UPPER) &&
	       !name_like(x, &art->toks[b - 1]))
		b--; /* trailing dots and particles */
	if (b == a)
		return NULL;
	if (plx_grow((void **)&x->c, &x->cap, x->n + 1, sizeof *x->c))
		return (cand *)-1;
	cand *c = &x->c[x->n++];
	memset(c, 0, sizeof *c);
	c->tok_a = a;
	c->tok_b = b;
	c->start = art->toks[a].start;
	c->end = tok_end(art, &art->toks[b - 1]);
	c->tstart = ta != PLX_NONE ? art->toks[ta].start : c->start;
	c->sent = sent;
	c->type = type;
	c->strength = strength;
	c->canon = canon;
	return c;
}

#define ADD(...)                                      \
	do {                                          \
		cand *added_ = add_cand(__VA_ARGS__); \
		if (added_ == (cand *)-1)             \
			return PLX_ENOMEM;            \
		last = added_;                        \
	} while (0)

/* Cuts one capitalised run [a, b) of sentence si into mentions. */
static int do_run(ectx *x, size_t si, size_t a, size_t b, int initial)
{
	const plx_article *art = x->art;
	const plx_token *T = art->toks;
	const plx_sentence *sn = &art->sents[si];
	size_t s0 = sn->first_token, s1 = s0 + sn->n_tokens;
	size_t pos = a, title = PLX_NONE;
	int titled = 0;
	cand *last = NULL;
	const lex_slot *e;
	const unsigned known = F_PLACE | F_ORG | F_TITLE | F_DEM | F_DEMN |
			       F_GIVEN | F_HEAD | F_MOD;

	if (initial) {
		size_t k = match_at(x, a, b, &e);
		unsigned fl = tok_flags(x, &T[a]);
		int poss;
		size_t n = norm_len(&T[a], &poss);
		int phrase = k >= 2 && e && (e->flags & known);
		if (!phrase && !(fl & known) &&
		    ((fl & F_COMMON) || seen_lower(x, T[a].norm, n) ||
		     (looks_common(T[a].norm, n) &&
		      !(b - a == 1 && speech_cue(x, a, b, s0, s1)))))
			pos++;
		else
			initial = b - a == 1;
	} else if ((T[a].flags & PLX_TOK_STOP) && b - a > 1 &&
		   !(match_at(x, a, b, &e) >= 2)) {
		pos++; /* "— The United States": a capitalised "The" */
	}
	while (pos < b) {
		const plx_token *t = &T[pos];
		if (!(t->flags & PLX_TOK_WORD) ||
		    (!(t->flags & PLX_TOK_UPPER) &&
		     (tok_flags(x, t) & F_CONN))) {
			pos++;
			continue;
		}
		size_t k = match_at(x, pos, b, &e);
		unsigned fl = k && e ? e->flags : 0;
		if (fl & F_SKIP) {
			pos += k;
			continue;
		}
		/* "Mr. King": a title word after an honorific that ends the
		 * run is the name. */
		if ((fl & F_TITLE) && !(titled && pos + k >= b)) {
			if (title == PLX_NONE)
				title = pos;
			titled = 1;
			pos += k;
			continue;
		}
		if ((fl & F_MOD) && pos + k < b) {
			const lex_slot *e2;
			if (match_at(x, pos + k, b, &e2) && e2 &&
			    (e2->flags & F_TITLE)) {
				title = pos;
				pos += k;
				continue;
			}
		}
		if ((fl & F_DEM) && !(fl & (F_PLACE | F_ORG))) {
			pos += k; /* adjectival: "Russian Foreign Minister" */
			title = PLX_NONE;
			continue;
		}
		if (fl & F_DEMN) {
			ADD(x, si, pos, pos + k, PLX_NONE, PLX_ENT_PLACE, 3,
			    e->canon[C_DEMN]);
			pos += k;
			title = PLX_NONE;
			continue;
		}
		if ((fl & (F_PLACE | F_ORG)) &&
		    !(k == 1 && (fl & F_GIVEN) && pos + 1 < b &&
		      name_like(x, &T[pos + 1]) &&
		      !(tok_flags(x, &T[pos + 1]) &
			(F_PLACE | F_ORG | F_HEAD)))) {
			/* "Moscow State University": a head word later makes
			 * the whole rest one organisation. */
			int head = 0;
			for (size_t i = pos + k; i < b; i++)
				if ((tok_flags(x, &T[i]) & F_HEAD) &&
				    (i + 1 == b ||
				     (tok_flags(x, &T[i + 1]) & F_CONN)))
					head = 1;
			if (head) {
				ADD(x, si, pos, b, PLX_NONE, PLX_ENT_ORG, 2,
				    NULL);
				break;
			}
			ADD(x, si, pos, pos + k, PLX_NONE,
			    (fl & F_ORG) ? PLX_ENT_ORG : PLX_ENT_PLACE, 3,
			    (fl & F_ORG) ? e->canon[C_ORG] : e->canon[C_PLACE]);
			pos += k;
			title = PLX_NONE;
			titled = 0;
			continue;
		}
		/* The rest of the run is one name. */
		size_t words = 0;
		int head = 0;
		for (size_t i = pos; i < b; i++) {
			if (!(T[i].flags & PLX_TOK_WORD))
				continue;
			unsigned f = tok_flags(x, &T[i]);
			if ((T[i].flags & PLX_TOK_UPPER) || !(f & F_CONN))
				words++;
			if ((f & F_HEAD) &&
			    (i + 1 == b || (tok_flags(x, &T[i + 1]) & F_CONN)))
				head = 1;
		}
		int type = T_UNKNOWN, strength = 0;
		if (words >= 2 && (tok_flags(x, &T[b - 1]) & F_PHEAD)) {
			type = PLX_ENT_PLACE, strength = 2;
			title = PLX_NONE;
		} else if (head) {
			type = PLX_ENT_ORG, strength = 2;
			title = PLX_NONE;
		} else if (titled) {
			type = PLX_ENT_PERSON, strength = 2;
		} else if ((tok_flags(x, t) & F_GIVEN) && words >= 2) {
			type = PLX_ENT_PERSON, strength = 2;
		} else if (speech_cue(x, title != PLX_NONE ? title : pos, b, s0,
				      s1)) {
			type = PLX_ENT_PERSON, strength = 2;
		} else if (words >= 2) {
			type = PLX_ENT_PERSON, strength = 1;
		}
		ADD(x, si, pos, b, titled ? title : PLX_NONE, type, strength,
		    NULL);
		if (last)
			last->initial = initial && pos == a && words == 1;
		break;
	}
	return PLX_OK;
}

/* Headline case or all caps: most longer words capitalised. */
static int para_strict(const plx_article *art, const plx_paragraph *p)
{
	if (p->kind == PLX_PARA_TITLE)
		return 1;
	size_t long_words = 0, upper = 0, caps = 0, words = 0;
	if (!p->n_sentences)
		return 0;
	const plx_sentence *s0 = &art->sents[p->first_sentence];
	const plx_sentence *s1 =
		&art->sents[p->first_sentence + p->n_sentences - 1];
	for (size_t k = s0->first_token; k < s1->first_token + s1->n_tokens;
	     k++) {
		const plx_token *t = &art->toks[k];
		if (!(t->flags & PLX_TOK_WORD))
			continue;
		size_t n = t->end - t->start;
		words++;
		if (n >= 4) {
			long_words++;
			upper += (t->flags & PLX_TOK_UPPER) != 0;
		}
		int allcaps = n >= 2;
		for (size_t i = t->start; i < t->end && allcaps; i++)
			if (art->text[i] >= 'a' && art->text[i] <= 'z')
				allcaps = 0;
		caps += allcaps;
	}
	if (words >= 3 && caps * 4 >= words * 3)
		return 1;
	return long_words >= 3 && upper * 4 >= long_words * 3;
}

static int scan_sentence(ectx *x, size_t si, int strict)
{
	const plx_article *art = x->art;
	const plx_sentence *sn = &art->sents[si];
	size_t s0 = sn->first_token, s1 = s0 + sn->n_tokens;
	int initial = 1, next_initial = 0;
	size_t before = x->n;
	for (size_t i = s0; i < s1;) {
		const plx_token *t = &art->toks[i];
		if (!(t->flags & PLX_TOK_WORD)) {
			/* An opening quote, a colon, a dash or a bracket starts
			 * a new clause whose first word is capitalised anyway.
			 */
			int32_t ch = (unsigned char)art->text[t->start];
			if (ch >= 0x80) {
				size_t q = t->start;
				ch = plx_utf8_next(art->text, t->end, &q);
			}
			if ((t->flags & PLX_TOK_QUOTE) || ch == ':' ||
			    ch == '(' || ch == '-' || ch == 0x2014 ||
			    ch == 0x2013)
				initial = 1;
			i++;
			continue;
		}
		if (!name_like(x, t)) {
			initial = 0;
			i++;
			continue;
		}
		size_t j = i + 1;
		while (j < s1 && j - i < MAX_RUN) {
			const plx_token *p = &art->toks[j - 1],
					*u = &art->toks[j];
			int poss;
			norm_len(p, &poss);
			if (poss)
				break;
			/* "... from the U.S. According to": a missed sentence
			 * end. */
			if (art->text[p->end - 1] == '.' &&
			    (u->flags & PLX_TOK_WORD) &&
			    (tok_flags(x, u) & F_COMMON)) {
				next_initial = 1;
				break;
			}
			if (j + 1 < s1 && name_like(x, &art->toks[j + 1])) {
				/* "J. Blinken", "Sen. Cruz" */
				if (is_dot(art, u) && u->start == p->end &&
				    p->end - p->start <= 4) {
					j++;
					continue;
				}
				if ((u->flags & PLX_TOK_WORD) &&
				    !(u->flags & PLX_TOK_UPPER) &&
				    (tok_flags(x, u) & F_CONN)) {
					j++;
					continue;
				}
			}
			if (name_like(x, u)) {
				j++;
				continue;
			}
			break;
		}
		int rc = do_run(x, si, i, j, initial);
		if (rc)
			return rc;
		initial = next_initial;
		next_initial = 0;
		i = j;
	}
	for (size_t k = before; k < x->n; k++)
		x->c[k].strict = strict && x->c[k].strength < 3;
	return PLX_OK;
}

/* Display name: the name's words with initials and possessive dropped. */
static char *display_name(ectx *x, const cand *c)
{
	plx_article *art = x->art;
	char *out = plx_arena_alloc(&art->arena, c->end - c->start + 1);
	if (!out)
		return NULL;
	size_t o = 0, prev_end = PLX_NONE;
	for (size_t i = c->tok_a; i < c->tok_b; i++) {
		const plx_token *t = &art->toks[i];
		size_t e = i + 1 == c->tok_b ? c->end : t->end;
		if (is_dot(art, t)) {
			if (prev_end == t->start) {
				out[o++] = '.';
				prev_end = t->end;
			}
			continue;
		}
		if (!(t->flags & PLX_TOK_WORD))
			continue;
		if (t->end - t->start == 1 && (t->flags & PLX_TOK_UPPER) &&
		    c->tok_b - c->tok_a > 2 && i + 1 < c->tok_b &&
		    is_dot(art, &art->toks[i + 1])) {
			i++; /* "J." */
			prev_end = PLX_NONE;
			continue;
		}
		if (o && out[o - 1] != ' ')
			out[o++] = ' ';
		memcpy(out + o, art->text + t->start, e - t->start);
		o += e - t->start;
		prev_end = t->end;
	}
	out[o] = 0;
	return out;
}

static int count_words(const char *k)
{
	int n = 1;
	for (; *k; k++)
		n += *k == ' ';
	return n;
}

/* Last word of a key. */
static const char *last_word(const char *k)
{
	const char *sp = strrchr(k, ' ');
	return sp ? sp + 1 : k;
}

static int type_rank(int type)
{
	switch (type) {
	case PLX_ENT_PERSON: return 4;
	case PLX_ENT_ORG: return 3;
	case PLX_ENT_PLACE: return 2;
	case PLX_ENT_OTHER: return 1;
	default: return 0;
	}
}

static int cmp_ix(const void *a, const void *b)
{
	const plx_mention_ix *p = a, *q = b;
	return p->start < q->start ? -1 : p->start > q->start;
}

static int slash_near(const plx_article *art, const cand *c)
{
	return (c->start > 0 && art->text[c->start - 1] == '/') ||
	       (c->end < art->len && art->text[c->end] == '/');
}

/* Merges candidates into entities and writes them to the article. */
static int build_entities(ectx *x)
{
	plx_article *art = x->art;
	int rc = PLX_OK;
	group *g = NULL;
	size_t *slots = NULL, ng = 0;
	size_t *counts = NULL;
	plx_buf b;
	plx_buf_init(&b);
	if (!x->n)
		return PLX_OK;

	/* Keys and names. */
	for (size_t i = 0; i < x->n; i++) {
		cand *c = &x->c[i];
		plx_buf_reset(&b);
		if (c->canon)
			rc = name_key(x->lex, c->canon, strlen(c->canon), &b);
		else
			rc = name_key(x->lex, art->text + c->start,
				      c->end - c->start, &b);
		if (rc)
			goto done;
		c->key = plx_arena_strndup(&art->arena, b.data, b.len);
		c->name = c->canon ? (char *)c->canon : display_name(x, c);
		if (!c->key || !c->name) {
			rc = PLX_ENOMEM;
			goto done;
		}
		c->words = count_words(c->key);
	}

	/* Group by key (open addressing over group indices). */
	size_t cap = 16;
	while (cap < 2 * x->n)
		cap <<= 1;
	slots = plx_malloc(cap * sizeof *slots);
	g = plx_calloc(x->n, sizeof *g);
	if (!slots || !g) {
		rc = PLX_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < cap; i++)
		slots[i] = PLX_NONE;
	for (size_t i = 0; i < x->n; i++) {
		cand *c = &x->c[i];
		size_t h = fnv(c->key, strlen(c->key)) & (cap - 1);
		while (slots[h] != PLX_NONE && strcmp(g[slots[h]].key, c->key))
			h = (h + 1) & (cap - 1);
		if (slots[h] == PLX_NONE) {
			slots[h] = ng;
			group *ng_ = &g[ng];
			ng_->key = c->key;
			ng_->words = c->words;
			ng_->type = T_UNKNOWN;
			ng_->strength = -1;
			ng_->target = ng;
			ng_->ent = PLX_NONE;
			ng_->first = ng_->best = i;
			ng++;
		}
		group *gr = &g[slots[h]];
		c->group = slots[h];
		if (c->strength > gr->strength ||
		    (c->strength == gr->strength &&
		     type_rank(c->type) > type_rank(gr->type))) {
			gr->strength = c->strength;
			gr->type = c->type;
		}
		/* The longest name (in words), first seen, names the entity. */
		int bw = count_words(x->c[gr->best].name);
		if (count_words(c->name) > bw)
			gr->best = i;
	}

	/* One-word names join the person whose family name they are: the
	 * nearest full name before the mention, else the first after. */
	for (size_t i = 0; i < x->n; i++) {
		cand *c = &x->c[i];
		group *gr = &g[c->group];
		if (gr->words != 1 || gr->strength >= 3 ||
		    (gr->type != T_UNKNOWN && gr->type != PLX_ENT_PERSON))
			continue;
		size_t pick = PLX_NONE, after = PLX_NONE;
		for (size_t k = 0; k < ng; k++) {
			group *p = &g[k];
			if (p->words < 2 || p->type != PLX_ENT_PERSON ||
			    strcmp(last_word(p->key), gr->key))
				continue;
			size_t fs = x->c[p->first].start;
			if (fs < c->start) {
				if (pick == PLX_NONE ||
				    fs > x->c[g[pick].first].start)
					pick = k;
			} else if (after == PLX_NONE ||
				   fs < x->c[g[after].first].start)
				after = k;
		}
		if (pick == PLX_NONE)
			pick = after;
		if (pick != PLX_NONE)
			c->group = pick;
	}

	/* Which groups survive, with their final type. */
	for (size_t k = 0; k < ng; k++)
		g[k].keep = 0;
	for (size_t i = 0; i < x->n; i++) {
		cand *c = &x->c[i];
		group *gr = &g[c->group];
		if (c->group != g[c->group].target)
			continue;
		if (gr->type == T_UNKNOWN) {
			/* A lone unknown word: kept as "other" when it stands
			 * mid-sentence in running text, not in a photo credit
			 * ("Brandon/Pool/AP"). */
			if (!c->initial && !c->strict && !slash_near(art, c))
				gr->keep = 1;
		} else if (!c->strict || gr->strength >= 2) {
			gr->keep = 1;
		}
	}

	/* Entities in order of first mention. */
	counts = plx_calloc(ng, sizeof *counts);
	if (!counts) {
		rc = PLX_ENOMEM;
		goto done;
	}
	size_t n_ix = 0;
	for (size_t i = 0; i < x->n; i++) {
		group *gr = &g[x->c[i].group];
		if (!gr->keep)
			continue;
		if (gr->ent == PLX_NONE) {
			plx_entity *en = plx_article_add_ent(art);
			if (!en) {
				rc = PLX_ENOMEM;
				goto done;
			}
			gr->ent = art->n_ents - 1;
			const cand *bc = &x->c[gr->best];
			en->name = bc->name;
			en->key = bc->key;
			en->type = gr->type == T_UNKNOWN
					   ? PLX_ENT_OTHER
					   : (plx_entity_type)gr->type;
		}
		counts[x->c[i].group]++;
		n_ix++;
	}
	plx_mention_ix *ix =
		plx_arena_alloc(&art->arena, (n_ix + 1) * sizeof *ix);
	if (!ix) {
		rc = PLX_ENOMEM;
		goto done;
	}
	for (size_t k = 0; k < ng; k++) {
		if (!g[k].keep || !counts[k])
			continue;
		plx_entity *en = &art->ents[g[k].ent];
		en->mentions = plx_arena_alloc(&art->arena,
					       counts[k] * sizeof(plx_mention));
		/* Each mention gives up to two surface forms. */
		en->aliases = plx_arena_alloc(&art->arena,
					      2 * counts[k] * sizeof(char *));
		if (!en->mentions || !en->aliases) {
			rc = PLX_ENOMEM;
			goto done;
		}
	}
	n_ix = 0;
	for (size_t i = 0; i < x->n; i++) {
		const cand *c = &x->c[i];
		group *gr = &g[c->group];
		if (!gr->keep)
			continue;
		plx_entity *en = &art->ents[gr->ent];
		plx_mention *m = (plx_mention *)&en->mentions[en->n_mentions++];
		m->start = c->start;
		m->end = c->end;
		m->sentence = c->sent;
		ix[n_ix].start = c->start;
		ix[n_ix].end = c->end;
		ix[n_ix].entity = gr->ent;
		n_ix++;
		/* Aliases: the surface name and its titled form. */
		size_t forms[2][2] = {{c->start, c->end}, {c->tstart, c->end}};
		for (int f = 0; f < (c->tstart < c->start ? 2 : 1); f++) {
			const char *s = art->text + forms[f][0];
			size_t len = forms[f][1] - forms[f][0];
			int dup = 0;
			for (size_t a = 0; a < en->n_aliases && !dup; a++)
				dup = strlen(en->aliases[a]) == len &&
				      memcmp(en->aliases[a], s, len) == 0;
			if (dup)
				continue;
			char *al = plx_arena_strndup(&art->arena, s, len);
			if (!al) {
				rc = PLX_ENOMEM;
				goto done;
			}
			((const char **)en->aliases)[en->n_aliases++] = al;
		}
	}
	qsort(ix, n_ix, sizeof *ix, cmp_ix);
	art->ment_ix = ix;
	art->n_ment_ix = n_ix;
done:
	plx_buf_free(&b);
	plx_free(slots);
	plx_free(g);
	plx_free(counts);
	return rc;
}

int plx_entity_find(plx_analyzer *an, plx_article *art)
{
	if (!an || !art)
		return PLX_EINVAL;
	art->ment_ix = NULL;
	art->n_ment_ix = 0;
	if (!an->entity_lex) {
		int rc = plx_entity_lex_new(&an->entity_lex);
		if (rc)
			return rc;
	}
	ectx x;
	memset(&x, 0, sizeof x);
	x.lex = an->entity_lex;
	x.art = art;
	int rc = PLX_OK;
	x.tf = plx_malloc((art->n_toks + 1) * sizeof *x.tf);
	if (!x.tf)
		return PLX_ENOMEM;
	memset(x.tf, 0xFF, (art->n_toks + 1) * sizeof *x.tf);
	for (size_t p = 0; !rc && p < art->n_paras; p++) {
		const plx_paragraph *para = &art->paras[p];
		if (para->kind == PLX_PARA_MASTHEAD ||
		    para->kind == PLX_PARA_CREDIT ||
		    para->kind == PLX_PARA_RELATED)
			continue;
		int strict = para_strict(art, para);
		for (size_t s = 0; !rc && s < para->n_sentences; s++)
			rc = scan_sentence(&x, para->first_sentence + s,
					   strict);
	}
	if (!rc)
		rc = build_entities(&x);
	if (rc) {
		/* Leave no half-built entity list behind. */
		art->n_ents = 0;
		art->ment_ix = NULL;
		art->n_ment_ix = 0;
	}
	plx_free(x.c);
	plx_free(x.lower);
	plx_free(x.tf);
	return rc;
}

long plx_entity_at(const plx_article *art, size_t start, size_t end)
{
	const plx_mention_ix *ix = art->ment_ix;
	size_t n = art->n_ment_ix;
	if (!ix || end < start)
		return -1;
	/* First mention ending after start: mentions do not overlap, so the
	 * ones meeting [start, end) follow it in a row. */
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix[mid].end <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	long best = -1;
	size_t best_overlap = 0;
	for (size_t i = lo;
	     i < n && ix[i].start < (end > start ? end : start + 1); i++) {
		size_t a = ix[i].start > start ? ix[i].start : start;
		size_t b = ix[i].end < end ? ix[i].end : end;
		size_t ov = b > a ? b - a : 1;
		if (ov > best_overlap) {
			best_overlap = ov;
			best = (long)ix[i].entity;
		}
	}
	return best;
}

long plx_entity_person_before(const plx_article *art, size_t off)
{
	const plx_mention_ix *ix = art->ment_ix;
	if (!ix)
		return -1;
	size_t lo = 0, hi = art->n_ment_ix;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo > 0) {
		lo--;
		if (art->ents[ix[lo].entity].type == PLX_ENT_PERSON)
			return (long)ix[lo].entity;
	}
	return -1;
}

/* ---- Gender ----------------------------------------------------------
 *
 * For "he"/"she" resolution in quote.c.  A name's gender comes from its
 * first decisive word: a gendered title or noun ("Mrs.", "Queen",
 * "spokeswoman", "mother") or a given name (FEMALE_GIVEN, UNISEX_GIVEN,
 * else male); neutral titles ("Sen.", "Secretary of State") are passed
 * over and any other word stops the scan ("Trump's daughter Ivanka" is
 * read after the possessive).  A person entity takes the gender of its
 * name, else of its titled aliases ("Mr. Lavrov"), else of the article's
 * own usage: the he/his/him or she/her within GENDER_LOOKAHEAD tokens
 * after its mentions, before any other capitalised word, when one side
 * has at least twice the votes of the other. */

/* Tokens after a mention searched for a gendered pronoun ("Lavrov said
 * he", "Clinton, saying her"). */
#define GENDER_LOOKAHEAD 3

/* Gender of one ASCII-lower-cased word: PLX_GENDER_* , or -1 when it is a
 * neutral title or connector the scan passes over, -2 when it stops the
 * scan. */
static int word_gender(const char *w, size_t n)
{
	if (in_words(FEMALE_WORDS, NELEM(FEMALE_WORDS), w, n))
		return PLX_GENDER_FEMALE;
	if (in_words(MALE_WORDS, NELEM(MALE_WORDS), w, n))
		return PLX_GENDER_MALE;
	if (in_words(GIVEN, NELEM(GIVEN), w, n)) {
		if (in_words(FEMALE_GIVEN, NELEM(FEMALE_GIVEN), w, n))
			return PLX_GENDER_FEMALE;
		if (in_words(UNISEX_GIVEN, NELEM(UNISEX_GIVEN), w, n))
			return PLX_GENDER_UNKNOWN;
		return PLX_GENDER_MALE;
	}
	if (in_words(TITLES, NELEM(TITLES), w, n) ||
	    in_words(MODIFIERS, NELEM(MODIFIERS), w, n) ||
	    in_words(TITLE_PARTS, NELEM(TITLE_PARTS), w, n))
		return -1;
	return -2;
}

int plx_name_gender(const char *s, size_t len)
{
	if (!s)
		return PLX_GENDER_UNKNOWN;
	/* Words: ASCII letters, hyphens and apostrophes, lower-cased;
	 * start after the last possessive. */
	char w[32];
	size_t from = 0;
	for (size_t i = 0; i + 1 < len; i++)
		if ((s[i] == '\'' && (s[i + 1] == 's' || s[i + 1] == 'S')) ||
		    ((unsigned char)s[i] == 0xE2 && i + 3 < len &&
		     (unsigned char)s[i + 1] == 0x80 &&
		     (unsigned char)s[i + 2] == 0x99 &&
		     (s[i + 3] == 's' || s[i + 3] == 'S')))
			from = i + 1;
	if (from) {
		while (from < len && s[from] != ' ')
			from++;
	}
	size_t i = from;
	while (i < len) {
		size_t n = 0;
		while (i < len && n < sizeof w &&
		       ((s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-' ||
			s[i] == '\'')) {
			char c = s[i++];
			w[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a'
							     : c);
		}
		if (n == sizeof w)
			return PLX_GENDER_UNKNOWN;
		if (n) {
			/* two-word titles ("first lady") */
			if (i + 5 <= len && n == 5 && !memcmp(w, "first", 5) &&
			    (s[i + 1] == 'l' || s[i + 1] == 'L') &&
			    !memcmp(s + i + 2, "ady", 3))
				return PLX_GENDER_FEMALE;
			int g = word_gender(w, n);
			if (g >= 0)
				return g;
			if (g == -2)
				return PLX_GENDER_UNKNOWN;
		}
		/* skip a non-letter byte (space, dot, comma, UTF-8) */
		if (i < len && !n)
			i++;
	}
	return PLX_GENDER_UNKNOWN;
}

int plx_entity_gender(const plx_article *art, long e)
{
	if (!art || e < 0 || (size_t)e >= art->n_ents)
		return PLX_GENDER_UNKNOWN;
	const plx_entity *en = &art->ents[e];
	if (en->type != PLX_ENT_PERSON)
		return PLX_GENDER_UNKNOWN;
	int g = plx_name_gender(en->name, en->name ? strlen(en->name) : 0);
	for (size_t a = 0; g == PLX_GENDER_UNKNOWN && a < en->n_aliases; a++)
		g = plx_name_gender(en->aliases[a], strlen(en->aliases[a]));
	if (g != PLX_GENDER_UNKNOWN || !art->n_toks)
		return g;
	size_t votes[3] = {0, 0, 0};
	for (size_t m = 0; m < en->n_mentions; m++) {
		const plx_mention *mn = &en->mentions[m];
		size_t k = plx_article_token_at(art, mn->end);
		for (size_t j = 0; j < GENDER_LOOKAHEAD && k + j < art->n_toks;
		     j++) {
			const plx_token *t = &art->toks[k + j];
			if (t->start < mn->end)
				continue;
			/* another name, a quote or a sentence end: the
			 * pronoun may be someone else */
			if ((t->flags & (PLX_TOK_UPPER | PLX_TOK_QUOTE)) ||
			    !strcmp(t->norm, ".") || !strcmp(t->norm, "?") ||
			    !strcmp(t->norm, "!"))
				break;
			const char *w = t->norm;
			if (!strcmp(w, "he") || !strcmp(w, "his") ||
			    !strcmp(w, "him")) {
				votes[PLX_GENDER_MALE]++;
				break;
			}
			if (!strcmp(w, "she") || !strcmp(w, "her")) {
				votes[PLX_GENDER_FEMALE]++;
				break;
			}
		}
	}
	if (votes[PLX_GENDER_MALE] > 2 * votes[PLX_GENDER_FEMALE])
		return PLX_GENDER_MALE;
	if (votes[PLX_GENDER_FEMALE] > 2 * votes[PLX_GENDER_MALE])
		return PLX_GENDER_FEMALE;
	return PLX_GENDER_UNKNOWN;
}
