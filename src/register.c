/*
 * register.c: stage 5, reporting or opinion for every sentence and
 * paragraph.
 *
 * Design.  A logistic model over hand-built features of the words the author
 * wrote: tokens inside quotation marks (art->quotes spans, and runs between
 * the article's own double quotes) are left out, so a quoted speaker's "I"
 * or "disastrous" does not make the article opinion.  Features count, per
 * sentence: first-person singular and plural and second-person pronouns;
 * hits in a hand-written lexicon of Snowball stems by class (negative and
 * positive evaluation, emotion, intensifiers, belief hedges, certainty and
 * stance adverbs, deontic modals, generalisations, argumentative
 * connectives, interjections, ideological labels) against reporting signals
 * (reporting verbs and attribution, dates, units and numbers, third-person
 * pronouns, names); tense (argument is made in the present, "is", "are";
 * news tells the past, "was", -ed); and shape: question and exclamation
 * marks, -ly adverbs, negation, contractions, dashes and semicolons, scare
 * quotes (a short unattributed quoted phrase), length and the share of quoted
 * words. Counts are clipped at 3 so one long list does not decide.
 *
 * The lexicon is our own, written from general knowledge of English
 * evaluative and reporting vocabulary, never extracted from a data set.  The
 * weights were fitted by bench/register_fit.py (L2 logistic regression,
 * C and cut chosen by 5-fold cross-validation) on the train split of CLEF
 * CheckThat! 2025 task 1 (English sentences labelled SUBJ/OBJ); only the
 * numbers below come from it.  Cross-validated macro-F1 on train is 0.69;
 * bench/register_subjectivity.py reports dev and dev_test.  Questions,
 * exclamations and "you" are rare in that split, so their weights are
 * small: a rant is caught by its words more than by its marks.
 *
 * A paragraph's logit mixes the mean and the maximum of its sentences'
 * logits (one clearly opinionated sentence of the author's own marks the
 * paragraph; a single borderline one is diluted by its neighbours), then
 * leans a little toward the adjacent body paragraphs, since an author's
 * opinion comes in runs.
 *
 * Known limits: no parts of speech, so imperatives and evaluative
 * adjectives outside the lexicon are missed; sarcasm is seen only through
 * scare quotes and interjections; reported speech without quotation marks
 * ("he said the plan was a disaster") counts as the author's words, with
 * the reporting verb pulling the other way.
 */
#include "register.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#include "utf8.h"

/* Lexicon classes. */
enum {
	L_NONE = 0,
	L_NEG,    /* negative evaluation: "absurd", "disgrace" */
	L_POS,    /* positive evaluation: "brilliant", "admirable" */
	L_EMO,    /* emotion and attitude: "fear", "proud", "regret" */
	L_INT,    /* intensifiers: "very", "utterly", "sheer" */
	L_HEDGE,  /* belief and hedges: "think", "perhaps", "seem" */
	L_CERT,   /* certainty and stance adverbs: "obviously", "frankly" */
	L_DEON,   /* deontic modals: "should", "must", "ought" */
	L_REP,    /* reporting and attribution: "said", "according" */
	L_QUANT,  /* dates and units: "monday", "percent" */
	L_GEN,    /* generalisations: "always", "everyone", "nothing" */
	L_CONN,   /* argumentative connectives: "however", "yet" */
	L_INTERJ, /* interjections: "oh", "alas" */
	L_IDEOL,  /* ideological labels: "woke", "elite", "regime" */
	L_FP1,    /* i, me, my, mine, myself */
	L_FP2,    /* we, us, our, ours, ourselves */
	L_SECOND, /* you, your... */
	L_THIRD,  /* he, she, they and their forms */
	L_PRES,   /* is, are, do: argument is made in the present */
	L_PAST,   /* was, were, had, did: news tells the past */
	L_PLAIN   /* listed only to be told apart from -ly adverbs */
};

/* Snowball English stems (as in plx_token.stem); a stem belongs to one class.
 */
static const struct lex_entry {
	const char *stem;
	unsigned char cls;
} LEXICON[] = {
	{"absurd", L_NEG},
	{"abysm", L_NEG},
	{"alarm", L_NEG},
	{"alarmist", L_NEG},
	{"apologist", L_NEG},
	{"appal", L_NEG},
	{"arbitrari", L_NEG},
	{"arrog", L_NEG},
	{"authoritarian", L_NEG},
	{"aw", L_NEG},
	{"barbar", L_NEG},
	{"baseless", L_NEG},
	{"betray", L_NEG},
	{"bizarr", L_NEG},
	{"bland", L_NEG},
	{"blatant", L_NEG},
	{"bleak", L_NEG},
	{"blind", L_NEG},
	{"bloat", L_NEG},
	{"bloodi", L_NEG},
	{"blunder", L_NEG},
	{"bogus", L_NEG},
	{"bonker", L_NEG},
	{"bore", L_NEG},
	{"botch", L_NEG},
	{"brainless", L_NEG},
	{"brutal", L_NEG},
	{"bulli", L_NEG},
	{"bullshit", L_NEG},
	{"bungl", L_NEG},
	{"bureaucrat", L_NEG},
	{"cabal", L_NEG},
	{"callous", L_NEG},
	{"catastroph", L_NEG},
	{"chao", L_NEG},
	{"chaotic", L_NEG},
	{"charad", L_NEG},
	{"cheap", L_NEG},
	{"childish", L_NEG},
	{"clown", L_NEG},
	{"clumsi", L_NEG},
	{"condescend", L_NEG},
	{"contempt", L_NEG},
	{"corrupt", L_NEG},
	{"coward", L_NEG},
	{"cowardic", L_NEG},
	{"crap", L_NEG},
	{"crappi", L_NEG},
	{"crazi", L_NEG},
	{"croni", L_NEG},
	{"cronyism", L_NEG},
	{"crude", L_NEG},
	{"cruel", L_NEG},
	{"cruelti", L_NEG},
	{"cult", L_NEG},
	{"cultish", L_NEG},
	{"cynic", L_NEG},
	{"damn", L_NEG},
	{"danger", L_NEG},
	{"debacl", L_NEG},
	{"decad", L_NEG},
	{"decay", L_NEG},
	{"deceit", L_NEG},
	{"decept", L_NEG},
	{"degener", L_NEG},
	{"deliber", L_NEG},
	{"delusion", L_NEG},
	{"demon", L_NEG},
	{"demonis", L_NEG},
	{"deplor", L_NEG},
	{"derang", L_NEG},
	{"despic", L_NEG},
	{"destruct", L_NEG},
	{"dire", L_NEG},
	{"disast", L_NEG},
	{"disastr", L_NEG},
	{"disgrac", L_NEG},
	{"disgust", L_NEG},
	{"dishonest", L_NEG},
	{"dishonesti", L_NEG},
	{"disingenu", L_NEG},
	{"dismal", L_NEG},
	{"distress", L_NEG},
	{"disturb", L_NEG},
	{"dogma", L_NEG},
	{"dogmat", L_NEG},
	{"doom", L_NEG},
	{"draconian", L_NEG},
	{"dread", L_NEG},
	{"dubious", L_NEG},
	{"dull", L_NEG},
	{"duplicit", L_NEG},
	{"dystopian", L_NEG},
	{"egregi", L_NEG},
	{"elitist", L_NEG},
	{"embarrass", L_NEG},
	{"embitt", L_NEG},
	{"empti", L_NEG},
	{"evil", L_NEG},
	{"exagger", L_NEG},
	{"excess", L_NEG},
	{"exploit", L_NEG},
	{"extort", L_NEG},
	{"fail", L_NEG},
	{"failur", L_NEG},
	{"fanat", L_NEG},
	{"farc", L_NEG},
	{"fear", L_NEG},
	{"fearmong", L_NEG},
	{"feebl", L_NEG},
	{"fiasco", L_NEG},
	{"flagrant", L_NEG},
	{"flaw", L_NEG},
	{"flimsi", L_NEG},
	{"folli", L_NEG},
	{"fool", L_NEG},
	{"foolish", L_NEG},
	{"fraud", L_NEG},
	{"fraudul", L_NEG},
	{"frighten", L_NEG},
	{"futil", L_NEG},
	{"garbag", L_NEG},
	{"gloat", L_NEG},
	{"gloomi", L_NEG},
	{"grandstand", L_NEG},
	{"greed", L_NEG},
	{"greedi", L_NEG},
	{"grim", L_NEG},
	{"grossli", L_NEG},
	{"grotesqu", L_NEG},
	{"groundless", L_NEG},
	{"half-bak", L_NEG},
	{"hate", L_NEG},
	{"hatr", L_NEG},
	{"heartless", L_NEG},
	{"heavy-hand", L_NEG},
	{"hell", L_NEG},
	{"henchman", L_NEG},
	{"hoax", L_NEG},
	{"hollow", L_NEG},
	{"hopeless", L_NEG},
	{"horrend", L_NEG},
	{"horribl", L_NEG},
	{"horrif", L_NEG},
	{"horror", L_NEG},
	{"hubri", L_NEG},
	{"hype", L_NEG},
	{"hyperbol", L_NEG},
	{"hypocrisi", L_NEG},
	{"hypocrit", L_NEG},
	{"hyster", L_NEG},
	{"hysteria", L_NEG},
	{"idioci", L_NEG},
	{"idiot", L_NEG},
	{"ignor", L_NEG},
	{"ill-advis", L_NEG},
	{"ill-conceiv", L_NEG},
	{"illog", L_NEG},
	{"immor", L_NEG},
	{"implaus", L_NEG},
	{"incoher", L_NEG},
	{"incompet", L_NEG},
	{"indefens", L_NEG},
	{"inept", L_NEG},
	{"ineptitud", L_NEG},
	{"inexcus", L_NEG},
	{"infam", L_NEG},
	{"inflat", L_NEG},
	{"inhuman", L_NEG},
	{"injustic", L_NEG},
	{"insan", L_NEG},
	{"insidi", L_NEG},
	{"intoler", L_NEG},
	{"iron", L_NEG},
	{"ironi", L_NEG},
	{"irrat", L_NEG},
	{"irrespons", L_NEG},
	{"juvenil", L_NEG},
	{"kleptocraci", L_NEG},
	{"lackey", L_NEG},
	{"laughabl", L_NEG},
	{"lavish", L_NEG},
	{"lazi", L_NEG},
	{"leech", L_NEG},
	{"liar", L_NEG},
	{"lie", L_NEG},
	{"lousi", L_NEG},
	{"ludicr", L_NEG},
	{"lunaci", L_NEG},
	{"lunat", L_NEG},
	{"mad", L_NEG},
	{"malici", L_NEG},
	{"manipul", L_NEG},
	{"meaningless", L_NEG},
	{"meddl", L_NEG},
	{"mediocr", L_NEG},
	{"menac", L_NEG},
	{"mendac", L_NEG},
	{"mendaci", L_NEG},
	{"mess", L_NEG},
	{"mindless", L_NEG},
	{"miser", L_NEG},
	{"misguid", L_NEG},
	{"mislead", L_NEG},
	{"misplac", L_NEG},
	{"mistak", L_NEG},
	{"mistaken", L_NEG},
	{"monstrous", L_NEG},
	{"moron", L_NEG},
	{"murki", L_NEG},
	{"myopic", L_NEG},
	{"naiv", L_NEG},
	{"nasti", L_NEG},
	{"needless", L_NEG},
	{"nepot", L_NEG},
	{"nightmar", L_NEG},
	{"nonsens", L_NEG},
	{"notori", L_NEG},
	{"nut", L_NEG},
	{"obscen", L_NEG},
	{"obsess", L_NEG},
	{"oppress", L_NEG},
	{"outrag", L_NEG},
	{"overblown", L_NEG},
	{"overr", L_NEG},
	{"overreach", L_NEG},
	{"pander", L_NEG},
	{"panic", L_NEG},
	{"paranoia", L_NEG},
	{"paranoid", L_NEG},
	{"parasit", L_NEG},
	{"pathet", L_NEG},
	{"patron", L_NEG},
	{"pervers", L_NEG},
	{"pervert", L_NEG},
	{"petti", L_NEG},
	{"phoni", L_NEG},
	{"pious", L_NEG},
	{"piti", L_NEG},
	{"plagu", L_NEG},
	{"pointless", L_NEG},
	{"poison", L_NEG},
	{"pompous", L_NEG},
	{"preachi", L_NEG},
	{"precari", L_NEG},
	{"preposter", L_NEG},
	{"propaganda", L_NEG},
	{"puppet", L_NEG},
	{"question", L_NEG},
	{"racket", L_NEG},
	{"rant", L_NEG},
	{"reckless", L_NEG},
	{"ridicul", L_NEG},
	{"rotten", L_NEG},
	{"rubbish", L_NEG},
	{"ruin", L_NEG},
	{"ruthless", L_NEG},
	{"sanctimoni", L_NEG},
	{"sarcasm", L_NEG},
	{"savag", L_NEG},
	{"scam", L_NEG},
	{"scandal", L_NEG},
	{"scaremong", L_NEG},
	{"scari", L_NEG},
	{"screech", L_NEG},
	{"self-right", L_NEG},
	{"selfish", L_NEG},
	{"senseless", L_NEG},
	{"shadi", L_NEG},
	{"shaki", L_NEG},
	{"sham", L_NEG},
	{"shame", L_NEG},
	{"shameless", L_NEG},
	{"shill", L_NEG},
	{"shock", L_NEG},
	{"shoddi", L_NEG},
	{"short-sight", L_NEG},
	{"shortsight", L_NEG},
	{"shrill", L_NEG},
	{"sick", L_NEG},
	{"sicken", L_NEG},
	{"silli", L_NEG},
	{"sin", L_NEG},
	{"sinist", L_NEG},
	{"sloppi", L_NEG},
	{"slur", L_NEG},
	{"smear", L_NEG},
	{"smug", L_NEG},
	{"sneaki", L_NEG},
	{"sneer", L_NEG},
	{"snob", L_NEG},
	{"snobbish", L_NEG},
	{"so-cal", L_NEG},
	{"spite", L_NEG},
	{"squander", L_NEG},
	{"stoog", L_NEG},
	{"stubborn", L_NEG},
	{"stupid", L_NEG},
	{"swamp", L_NEG},
	{"tantrum", L_NEG},
	{"tedious", L_NEG},
	{"terribl", L_NEG},
	{"terrifi", L_NEG},
	{"thug", L_NEG},
	{"tout", L_NEG},
	{"toxic", L_NEG},
	{"tragic", L_NEG},
	{"travesti", L_NEG},
	{"troubl", L_NEG},
	{"tyrann", L_NEG},
	{"tyranni", L_NEG},
	{"tyrant", L_NEG},
	{"ugli", L_NEG},
	{"unaccept", L_NEG},
	{"unconscion", L_NEG},
	{"unconvinc", L_NEG},
	{"unfair", L_NEG},
	{"unforgiv", L_NEG},
	{"unfound", L_NEG},
	{"unhing", L_NEG},
	{"unjust", L_NEG},
	{"unnecessari", L_NEG},
	{"unreason", L_NEG},
	{"unwis", L_NEG},
	{"upset", L_NEG},
	{"useless", L_NEG},
	{"vicious", L_NEG},
	{"vile", L_NEG},
	{"vilifi", L_NEG},
	{"vindict", L_NEG},
	{"virtue-sign", L_NEG},
	{"virtue-signal", L_NEG},
	{"vitriol", L_NEG},
	{"vulgar", L_NEG},
	{"wast", L_NEG},
	{"weird", L_NEG},
	{"whim", L_NEG},
	{"whine", L_NEG},
	{"wick", L_NEG},
	{"witch-hunt", L_NEG},
	{"woeful", L_NEG},
	{"woefulli", L_NEG},
	{"worthless", L_NEG},
	{"wretch", L_NEG},
	{"wrong", L_NEG},
	{"wronghead", L_NEG},
	{"zealot", L_NEG},
	{"admir", L_POS},
	{"amaz", L_POS},
	{"apt", L_POS},
	{"authent", L_POS},
	{"awesom", L_POS},
	{"bad", L_POS},
	{"beauti", L_POS},
	{"belov", L_POS},
	{"best", L_POS},
	{"better", L_POS},
	{"bless", L_POS},
	{"bold", L_POS},
	{"brave", L_POS},
	{"braveri", L_POS},
	{"brilliant", L_POS},
	{"charm", L_POS},
	{"cherish", L_POS},
	{"clever", L_POS},
	{"commend", L_POS},
	{"compassion", L_POS},
	{"compel", L_POS},
	{"convinc", L_POS},
	{"courag", L_POS},
	{"credibl", L_POS},
	{"decent", L_POS},
	{"delight", L_POS},
	{"deserv", L_POS},
	{"dignifi", L_POS},
	{"eleg", L_POS},
	{"encourag", L_POS},
	{"enlighten", L_POS},
	{"excel", L_POS},
	{"except", L_POS},
	{"exemplari", L_POS},
	{"extraordinari", L_POS},
	{"extraordinarili", L_POS},
	{"fair", L_POS},
	{"famous", L_POS},
	{"fantast", L_POS},
	{"fine", L_POS},
	{"fit", L_POS},
	{"flawless", L_POS},
	{"fond", L_POS},
	{"genius", L_POS},
	{"genuin", L_POS},
	{"glorious", L_POS},
	{"good", L_POS},
	{"gorgeous", L_POS},
	{"grace", L_POS},
	{"gracious", L_POS},
	{"great", L_POS},
	{"greatest", L_POS},
	{"healthi", L_POS},
	{"hearten", L_POS},
	{"hero", L_POS},
	{"heroic", L_POS},
	{"honest", L_POS},
	{"honesti", L_POS},
	{"hope", L_POS},
	{"human", L_POS},
	{"ideal", L_POS},
	{"impress", L_POS},
	{"incred", L_POS},
	{"inferior", L_POS},
	{"ingeni", L_POS},
	{"insight", L_POS},
	{"inspir", L_POS},
	{"integr", L_POS},
	{"invalu", L_POS},
	{"just", L_POS},
	{"laudabl", L_POS},
	{"logic", L_POS},
	{"love", L_POS},
	{"magnific", L_POS},
	{"marvel", L_POS},
	{"masterpiec", L_POS},
	{"meaning", L_POS},
	{"nice", L_POS},
	{"nobl", L_POS},
	{"nobli", L_POS},
	{"outstand", L_POS},
	{"perfect", L_POS},
	{"persuas", L_POS},
	{"phenomen", L_POS},
	{"pioneer", L_POS},
	{"plausibl", L_POS},
	{"praiseworthi", L_POS},
	{"precious", L_POS},
	{"principl", L_POS},
	{"profound", L_POS},
	{"promis", L_POS},
	{"prosper", L_POS},
	{"ration", L_POS},
	{"reason", L_POS},
	{"refresh", L_POS},
	{"remark", L_POS},
	{"resolut", L_POS},
	{"right", L_POS},
	{"righteous", L_POS},
	{"robust", L_POS},
	{"sensibl", L_POS},
	{"smart", L_POS},
	{"solid", L_POS},
	{"splendid", L_POS},
	{"steadfast", L_POS},
	{"stellar", L_POS},
	{"stun", L_POS},
	{"superb", L_POS},
	{"superior", L_POS},
	{"terrif", L_POS},
	{"thought", L_POS},
	{"thrive", L_POS},
	{"treasur", L_POS},
	{"triumph", L_POS},
	{"triumphant", L_POS},
	{"unworthi", L_POS},
	{"valuabl", L_POS},
	{"vibrant", L_POS},
	{"virtu", L_POS},
	{"virtuous", L_POS},
	{"visionari", L_POS},
	{"welcom", L_POS},
	{"wisdom", L_POS},
	{"wise", L_POS},
	{"wonder", L_POS},
	{"wors", L_POS},
	{"worst", L_POS},
	{"worthi", L_POS},
	{"ador", L_EMO},
	{"afraid", L_EMO},
	{"amus", L_EMO},
	{"anger", L_EMO},
	{"angri", L_EMO},
	{"annoy", L_EMO},
	{"anxieti", L_EMO},
	{"anxious", L_EMO},
	{"asham", L_EMO},
	{"baffl", L_EMO},
	{"bewild", L_EMO},
	{"bitter", L_EMO},
	{"boredom", L_EMO},
	{"confus", L_EMO},
	{"despis", L_EMO},
	{"detest", L_EMO},
	{"disappoint", L_EMO},
	{"dismay", L_EMO},
	{"enjoy", L_EMO},
	{"envi", L_EMO},
	{"frustrat", L_EMO},
	{"funni", L_EMO},
	{"furi", L_EMO},
	{"furious", L_EMO},
	{"glad", L_EMO},
	{"grate", L_EMO},
	{"grief", L_EMO},
	{"griev", L_EMO},
	{"happi", L_EMO},
	{"happili", L_EMO},
	{"hilari", L_EMO},
	{"horrifi", L_EMO},
	{"humili", L_EMO},
	{"irrit", L_EMO},
	{"jealous", L_EMO},
	{"joy", L_EMO},
	{"lament", L_EMO},
	{"laugh", L_EMO},
	{"loath", L_EMO},
	{"mourn", L_EMO},
	{"passion", L_EMO},
	{"pleas", L_EMO},
	{"pride", L_EMO},
	{"proud", L_EMO},
	{"regret", L_EMO},
	{"regrett", L_EMO},
	{"resent", L_EMO},
	{"sad", L_EMO},
	{"sorri", L_EMO},
	{"thank", L_EMO},
	{"tire", L_EMO},
	{"unhappi", L_EMO},
	{"wish", L_EMO},
	{"worri", L_EMO},
	{"absolut", L_INT},
	{"actual", L_INT},
	{"astonish", L_INT},
	{"astound", L_INT},
	{"bare", L_INT},
	{"breathtak", L_INT},
	{"complet", L_INT},
	{"deepli", L_INT},
	{"definit", L_INT},
	{"desper", L_INT},
	{"downright", L_INT},
	{"dramat", L_INT},
	{"enorm", L_INT},
	{"entir", L_INT},
	{"especi", L_INT},
	{"even", L_INT},
	{"ever", L_INT},
	{"exact", L_INT},
	{"extrem", L_INT},
	{"far", L_INT},
	{"hard", L_INT},
	{"high", L_INT},
	{"huge", L_INT},
	{"immens", L_INT},
	{"inconceiv", L_INT},
	{"inde", L_INT},
	{"least", L_INT},
	{"liter", L_INT},
	{"massiv", L_INT},
	{"mere", L_INT},
	{"most", L_INT},
	{"much", L_INT},
	{"outright", L_INT},
	{"pain", L_INT},
	{"particular", L_INT},
	{"precis", L_INT},
	{"pretti", L_INT},
	{"quit", L_INT},
	{"rather", L_INT},
	{"realli", L_INT},
	{"scarc", L_INT},
	{"serious", L_INT},
	{"sheer", L_INT},
	{"simpli", L_INT},
	{"so", L_INT},
	{"stagger", L_INT},
	{"strike", L_INT},
	{"such", L_INT},
	{"thorough", L_INT},
	{"too", L_INT},
	{"total", L_INT},
	{"tremend", L_INT},
	{"truli", L_INT},
	{"unbeliev", L_INT},
	{"unimagin", L_INT},
	{"unpreced", L_INT},
	{"utter", L_INT},
	{"vast", L_INT},
	{"veri", L_INT},
	{"whatsoev", L_INT},
	{"wholli", L_INT},
	{"wild", L_INT},
	{"alleg", L_HEDGE},
	{"appar", L_HEDGE},
	{"arguabl", L_HEDGE},
	{"belief", L_HEDGE},
	{"believ", L_HEDGE},
	{"conceiv", L_HEDGE},
	{"doubt", L_HEDGE},
	{"feel", L_HEDGE},
	{"felt", L_HEDGE},
	{"guess", L_HEDGE},
	{"imagin", L_HEDGE},
	{"like", L_HEDGE},
	{"mayb", L_HEDGE},
	{"might", L_HEDGE},
	{"opinion", L_HEDGE},
	{"ostens", L_HEDGE},
	{"perhap", L_HEDGE},
	{"possibl", L_HEDGE},
	{"presum", L_HEDGE},
	{"probabl", L_HEDGE},
	{"reckon", L_HEDGE},
	{"seem", L_HEDGE},
	{"sens", L_HEDGE},
	{"suggest", L_HEDGE},
	{"suppos", L_HEDGE},
	{"suspect", L_HEDGE},
	{"think", L_HEDGE},
	{"unlik", L_HEDGE},
	{"view", L_HEDGE},
	{"admit", L_CERT},
	{"basic", L_CERT},
	{"candid", L_CERT},
	{"certain", L_CERT},
	{"clear", L_CERT},
	{"essenti", L_CERT},
	{"evid", L_CERT},
	{"fact", L_CERT},
	{"frank", L_CERT},
	{"fundament", L_CERT},
	{"inevit", L_CERT},
	{"natur", L_CERT},
	{"necessarili", L_CERT},
	{"obvious", L_CERT},
	{"plain", L_CERT},
	{"sure", L_CERT},
	{"true", L_CERT},
	{"truth", L_CERT},
	{"ultim", L_CERT},
	{"undeni", L_CERT},
	{"undoubt", L_CERT},
	{"unquestion", L_CERT},
	{"crucial", L_DEON},
	{"imper", L_DEON},
	{"let", L_DEON},
	{"must", L_DEON},
	{"necessari", L_DEON},
	{"need", L_DEON},
	{"ought", L_DEON},
	{"requir", L_DEON},
	{"shall", L_DEON},
	{"should", L_DEON},
	{"urgent", L_DEON},
	{"vital", L_DEON},
	{"accord", L_REP},
	{"acknowledg", L_REP},
	{"ad", L_REP},
	{"agenc", L_REP},
	{"announc", L_REP},
	{"argu", L_REP},
	{"ask", L_REP},
	{"billion", L_REP},
	{"cent", L_REP},
	{"cite", L_REP},
	{"confer", L_REP},
	{"confirm", L_REP},
	{"court", L_REP},
	{"data", L_REP},
	{"declar", L_REP},
	{"deni", L_REP},
	{"depart", L_REP},
	{"explain", L_REP},
	{"file", L_REP},
	{"hundr", L_REP},
	{"insist", L_REP},
	{"interview", L_REP},
	{"million", L_REP},
	{"ministri", L_REP},
	{"note", L_REP},
	{"offici", L_REP},
	{"per", L_REP},
	{"percent", L_REP},
	{"polic", L_REP},
	{"poll", L_REP},
	{"post", L_REP},
	{"press", L_REP},
	{"publish", L_REP},
	{"quot", L_REP},
	{"repli", L_REP},
	{"report", L_REP},
	{"respond", L_REP},
	{"rule", L_REP},
	{"said", L_REP},
	{"say", L_REP},
	{"spokesman", L_REP},
	{"spokesperson", L_REP},
	{"spokeswoman", L_REP},
	{"state", L_REP},
	{"statement", L_REP},
	{"studi", L_REP},
	{"survey", L_REP},
	{"tell", L_REP},
	{"testifi", L_REP},
	{"thousand", L_REP},
	{"told", L_REP},
	{"trillion", L_REP},
	{"tweet", L_REP},
	{"urg", L_REP},
	{"warn", L_REP},
	{"write", L_REP},
	{"wrote", L_REP},
	{"annual", L_QUANT},
	{"april", L_QUANT},
	{"august", L_QUANT},
	{"barrel", L_QUANT},
	{"daili", L_QUANT},
	{"decemb", L_QUANT},
	{"dollar", L_QUANT},
	{"euro", L_QUANT},
	{"februari", L_QUANT},
	{"friday", L_QUANT},
	{"januari", L_QUANT},
	{"juli", L_QUANT},
	{"june", L_QUANT},
	{"kilomet", L_QUANT},
	{"kilometr", L_QUANT},
	{"km", L_QUANT},
	{"march", L_QUANT},
	{"meter", L_QUANT},
	{"metr", L_QUANT},
	{"mile", L_QUANT},
	{"monday", L_QUANT},
	{"month", L_QUANT},
	{"mph", L_QUANT},
	{"novemb", L_QUANT},
	{"octob", L_QUANT},
	{"pound", L_QUANT},
	{"quarter", L_QUANT},
	{"saturday", L_QUANT},
	{"septemb", L_QUANT},
	{"sunday", L_QUANT},
	{"thursday", L_QUANT},
	{"ton", L_QUANT},
	{"tonn", L_QUANT},
	{"tuesday", L_QUANT},
	{"wednesday", L_QUANT},
	{"week", L_QUANT},
	{"year", L_QUANT},
	{"yesterday", L_QUANT},
	{"all", L_GEN},
	{"alway", L_GEN},
	{"anyon", L_GEN},
	{"anyth", L_GEN},
	{"everi", L_GEN},
	{"everybodi", L_GEN},
	{"everyon", L_GEN},
	{"everyth", L_GEN},
	{"everywher", L_GEN},
	{"never", L_GEN},
	{"nobodi", L_GEN},
	{"none", L_GEN},
	{"noth", L_GEN},
	{"nowher", L_GEN},
	{"whatev", L_GEN},
	{"whoever", L_GEN},
	{"whole", L_GEN},
	{"although", L_CONN},
	{"becaus", L_CONN},
	{"but", L_CONN},
	{"furthermor", L_CONN},
	{"henc", L_CONN},
	{"howev", L_CONN},
	{"if", L_CONN},
	{"instead", L_CONN},
	{"meanwhil", L_CONN},
	{"moreov", L_CONN},
	{"nevertheless", L_CONN},
	{"nonetheless", L_CONN},
	{"sinc", L_CONN},
	{"still", L_CONN},
	{"therefor", L_CONN},
	{"though", L_CONN},
	{"thus", L_CONN},
	{"unless", L_CONN},
	{"wherea", L_CONN},
	{"yet", L_CONN},
	{"ala", L_INTERJ},
	{"god", L_INTERJ},
	{"gosh", L_INTERJ},
	{"heck", L_INTERJ},
	{"hey", L_INTERJ},
	{"oh", L_INTERJ},
	{"ok", L_INTERJ},
	{"okay", L_INTERJ},
	{"wow", L_INTERJ},
	{"yeah", L_INTERJ},
	{"yes", L_INTERJ},
	{"agenda", L_IDEOL},
	{"communism", L_IDEOL},
	{"communist", L_IDEOL},
	{"conserv", L_IDEOL},
	{"elit", L_IDEOL},
	{"establish", L_IDEOL},
	{"extremist", L_IDEOL},
	{"fascism", L_IDEOL},
	{"fascist", L_IDEOL},
	{"freedom", L_IDEOL},
	{"globalist", L_IDEOL},
	{"ideolog", L_IDEOL},
	{"leftist", L_IDEOL},
	{"liber", L_IDEOL},
	{"liberti", L_IDEOL},
	{"mainstream", L_IDEOL},
	{"marxism", L_IDEOL},
	{"marxist", L_IDEOL},
	{"mob", L_IDEOL},
	{"narrat", L_IDEOL},
	{"patriot", L_IDEOL},
	{"progress", L_IDEOL},
	{"radic", L_IDEOL},
	{"regim", L_IDEOL},
	{"social", L_IDEOL},
	{"socialist", L_IDEOL},
	{"totalitarian", L_IDEOL},
	{"woke", L_IDEOL},
	{"i", L_FP1},
	{"me", L_FP1},
	{"mine", L_FP1},
	{"my", L_FP1},
	{"myself", L_FP1},
	{"our", L_FP2},
	{"ourselv", L_FP2},
	{"us", L_FP2},
	{"we", L_FP2},
	{"you", L_SECOND},
	{"your", L_SECOND},
	{"yourself", L_SECOND},
	{"yourselv", L_SECOND},
	{"he", L_THIRD},
	{"her", L_THIRD},
	{"him", L_THIRD},
	{"his", L_THIRD},
	{"she", L_THIRD},
	{"their", L_THIRD},
	{"them", L_THIRD},
	{"they", L_THIRD},
	{"am", L_PRES},
	{"are", L_PRES},
	{"aren't", L_PRES},
	{"do", L_PRES},
	{"doe", L_PRES},
	{"doesn't", L_PRES},
	{"don't", L_PRES},
	{"is", L_PRES},
	{"isn't", L_PRES},
	{"did", L_PAST},
	{"didn't", L_PAST},
	{"had", L_PAST},
	{"hadn't", L_PAST},
	{"was", L_PAST},
	{"wasn't", L_PAST},
	{"were", L_PAST},
	{"weren't", L_PAST},
	/* Adverbs in -ly that report rather than judge ("recently", "only"):
	 * listed so the -ly feature skips them. */
	{"alli", L_PLAIN},
	{"anomali", L_PLAIN},
	{"appli", L_PLAIN},
	{"approxim", L_PLAIN},
	{"assembl", L_PLAIN},
	{"briefli", L_PLAIN},
	{"compli", L_PLAIN},
	{"current", L_PLAIN},
	{"daili", L_PLAIN},
	{"direct", L_PLAIN},
	{"earli", L_PLAIN},
	{"famili", L_PLAIN},
	{"final", L_PLAIN},
	{"fli", L_PLAIN},
	{"former", L_PLAIN},
	{"holi", L_PLAIN},
	{"impli", L_PLAIN},
	{"initi", L_PLAIN},
	{"itali", L_PLAIN},
	{"joint", L_PLAIN},
	{"juli", L_PLAIN},
	{"larg", L_PLAIN},
	{"main", L_PLAIN},
	{"monopoli", L_PLAIN},
	{"multipli", L_PLAIN},
	{"near", L_PLAIN},
	{"offici", L_PLAIN},
	{"onli", L_PLAIN},
	{"part", L_PLAIN},
	{"previous", L_PLAIN},
	{"public", L_PLAIN},
	{"quick", L_PLAIN},
	{"ralli", L_PLAIN},
	{"recent", L_PLAIN},
	{"repli", L_PLAIN},
	{"respect", L_PLAIN},
	{"rough", L_PLAIN},
	{"secret", L_PLAIN},
	{"separ", L_PLAIN},
	{"slight", L_PLAIN},
	{"subsequ", L_PLAIN},
	{"suppli", L_PLAIN},
	{"wide", L_PLAIN},
};

#define N_LEXICON (sizeof LEXICON / sizeof *LEXICON)

/* Open-addressing hash of the lexicon, built once per process: slots hold
 * index + 1 into LEXICON.  A power of two at least twice the lexicon keeps
 * probe runs short (one lookup per word token). */
#define LEX_SLOTS 2048

static unsigned short lex_slots[LEX_SLOTS];
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void lex_build(void)
{
	for (size_t i = 0; i < N_LEXICON; i++) {
		uint32_t h = hash_str(LEXICON[i].stem) & (LEX_SLOTS - 1);
		while (lex_slots[h])
			h = (h + 1) & (LEX_SLOTS - 1);
		lex_slots[h] = (unsigned short)(i + 1);
	}
}

static int lex_class(const char *stem)
{
	uint32_t h = hash_str(stem) & (LEX_SLOTS - 1);
	for (unsigned short k; (k = lex_slots[h]) != 0;
	     h = (h + 1) & (LEX_SLOTS - 1))
		if (strcmp(LEXICON[k - 1].stem, stem) == 0)
			return LEXICON[k - 1].cls;
	return L_NONE;
}

/* Features: the lexicon classes L_NEG..L_PAST first (index cls - 1), then
 * the shape features. */
enum {
	F_QUESTION = L_PAST, /* '?' outside quotes */
	F_EXCLAIM,           /* '!' outside quotes */
	F_LY,                /* -ly adverbs outside the lexicon */
	F_ED,                /* -ed words outside the lexicon (past tense) */
	F_NEGATION,          /* not, no, nor, n't */
	F_CONTRACT,          /* it's, we're, don't... */
	F_PUNCT,             /* dashes, semicolons, ellipses, brackets */
	F_NUMBER,            /* number tokens */
	F_NAMES,             /* share of capitalised words past the first */
	F_LENGTH,            /* log(1 + words) */
	F_QUOTED,            /* share of words inside quotation marks */
	F_SCARE,             /* short quoted phrases in a sentence with no
				reporting verb */
	N_FEAT
};

_Static_assert(N_FEAT == PLX_REG_NFEAT, "PLX_REG_NFEAT out of step");

/* Counts are clipped here: the third "very" adds nothing. */
#define MAX_COUNT 3.0f

/* A quoted phrase of at most this many words can be a scare quote. */
#define SCARE_MAX_WORDS 3

/* Logit ceiling for a sentence with no words of the author's own: quoted
 * speech is reporting whatever it says. */
#define QUOTED_ONLY_LOGIT (-2.0f)

/* Share of the paragraph logit taken from its most opinionated sentence
 * (the rest is the word-weighted mean). */
#define PARA_MAX_SHARE 0.5f

/* Share of a body paragraph's logit taken from each body neighbour: an
 * author's opinion comes in runs, and a lone borderline paragraph in a news
 * report (or a dry one amid a column) follows its context. */
#define NEIGHBOUR_SHARE 0.2f

/* Fitted by bench/register_fit.py: C=0.03, cut at CV threshold -0.60. */
#define BIAS (-0.412f)
static const float WEIGHTS[N_FEAT] = {
	0.369f /* neg */,      0.284f /* pos */,      -0.077f /* emo */,
	0.303f /* int */,      0.294f /* hedge */,    0.105f /* cert */,
	0.218f /* deon */,     -0.379f /* rep */,     -0.287f /* quant */,
	0.207f /* gen */,      0.143f /* conn */,     0.014f /* interj */,
	0.223f /* ideol */,    0.137f /* fp1 */,      0.359f /* fp2 */,
	0.046f /* second */,   0.127f /* third */,    0.244f /* pres */,
	-0.057f /* past */,    0.052f /* question */, 0.045f /* exclaim */,
	0.100f /* ly */,       -0.089f /* ed */,      0.155f /* negation */,
	0.128f /* contract */, 0.037f /* punct */,    -0.341f /* number */,
	-0.094f /* names */,   0.034f /* length */,   -0.248f /* quoted */,
	0.002f /* scare */,
};

/* Marks the tokens inside quotation marks: the quote stage's spans, and runs
 * between double quotes in each paragraph (a quotation left open at the end
 * of a paragraph runs to its end, the news convention for quotes that go on
 * in the next one).  Curly single quotes count only when one opens. */
static void mark_quoted(const plx_article *art, unsigned char *q)
{
	for (size_t i = 0; i < art->n_quotes; i++) {
		const plx_quote *qt = &art->quotes[i];
		for (size_t t = plx_article_token_at(art, qt->start);
		     t < art->n_toks && art->toks[t].end <= qt->end; t++)
			q[t] = 1;
	}
	for (size_t p = 0; p < art->n_paras; p++) {
		const plx_paragraph *para = &art->paras[p];
		if (!para->n_sentences)
			continue;
		const plx_sentence *first = &art->sents[para->first_sentence];
		const plx_sentence *last = &art->sents[para->first_sentence +
						       para->n_sentences - 1];
		size_t t1 = last->first_token + last->n_tokens;
		int dbl = 0, sgl = 0;
		for (size_t t = first->first_token; t < t1; t++) {
			const plx_token *tk = &art->toks[t];
			if (!(tk->flags & PLX_TOK_QUOTE)) {
				if (dbl || sgl)
					q[t] = 1;
				continue;
			}
			size_t i = tk->start;
			int32_t c = plx_utf8_next(art->text, tk->end, &i);
			switch (c) {
			case '"':
			case 0x2033: dbl = !dbl; break;
			case 0x201C:
			case 0x201E:
			case 0x201F:
			case 0x00AB: dbl = 1; break;
			case 0x201D:
			case 0x00BB: dbl = 0; break;
			case 0x2018: sgl = 1; break;
			case 0x2019: sgl = 0; break;
			default: break;
			}
		}
	}
}

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* "it's", "we're", "don't": informal, spoken register.  A possessive "'s"
 * counts only after a pronoun. */
static int is_contraction(const char *w, size_t n)
{
	static const char *const suf[] = {"n't", "'re", "'ve",
					  "'ll", "'d",  "'m"};
	static const char *const pro[] = {"it",   "that", "there", "here",
					  "what", "he",   "she",   "who",
					  "let",  "where"};
	for (size_t i = 0; i < sizeof suf / sizeof *suf; i++)
		if (ends_with(w, n, suf[i]))
			return 1;
	if (!ends_with(w, n, "'s"))
		return 0;
	for (size_t i = 0; i < sizeof pro / sizeof *pro; i++)
		if (strlen(pro[i]) == n - 2 && memcmp(w, pro[i], n - 2) == 0)
			return 1;
	return 0;
}

static int32_t tok_char(const plx_article *art, const plx_token *t)
{
	size_t i = t->start;
	return plx_utf8_next(art->text, t->end, &i);
}

/* Features of tokens [t0, t1) given the quoted-token mask q. */
static void features(const plx_article *art, const unsigned char *q, size_t t0,
		     size_t t1, float *f)
{
	memset(f, 0, N_FEAT * sizeof *f);
	size_t words = 0, own = 0, quoted = 0, caps = 0;
	size_t run = 0, short_runs = 0; /* words in the current quoted run */
	int first = 1;
	for (size_t t = t0; t < t1; t++) {
		const plx_token *tk = &art->toks[t];
		int is_word = (tk->flags & PLX_TOK_WORD) != 0;
		if (q[t]) {
			if (is_word) {
				words++;
				quoted++;
				run++;
			}
			continue;
		}
		if (run && run <= SCARE_MAX_WORDS)
			short_runs++;
		run = 0;
		if (tk->flags & PLX_TOK_NUMBER) {
			f[F_NUMBER] += 1;
			first = 0;
			continue;
		}
		if (tk->flags & PLX_TOK_PUNCT) {
			int32_t c = tok_char(art, tk);
			if (c == '?')
				f[F_QUESTION] += 1;
			else if (c == '!')
				f[F_EXCLAIM] += 1;
			else if (c == 0x2014 || c == 0x2013 || c == ';' ||
				 c == 0x2026 || c == '(')
				f[F_PUNCT] += 1;
			continue;
		}
		if (!is_word)
			continue;
		words++;
		own++;
		const char *w = tk->norm;
		size_t n = strlen(w);
		if ((tk->flags & PLX_TOK_UPPER) && !first &&
		    !(n == 1 && w[0] == 'i'))
			caps++;
		int cls = lex_class(tk->stem);
		/* "US" in capitals is the country, not the pronoun. */
		if (cls == L_FP2 && n == 2 && w[0] == 'u' &&
		    art->text[tk->start + 1] == 'S')
			cls = L_NONE;
		if (cls >= L_NEG && cls <= L_PAST)
			f[cls - 1] += 1;
		else if (cls == L_NONE && n > 4 && ends_with(w, n, "ly"))
			f[F_LY] += 1;
		else if (cls == L_NONE && n > 4 && ends_with(w, n, "ed"))
			f[F_ED] += 1;
		int apos = memchr(w, '\'', n) != NULL;
		if ((n <= 6 &&
		     (strcmp(w, "not") == 0 || strcmp(w, "no") == 0 ||
		      strcmp(w, "nor") == 0 || strcmp(w, "cannot") == 0)) ||
		    (apos && ends_with(w, n, "n't")))
			f[F_NEGATION] += 1;
		if (apos && is_contraction(w, n))
			f[F_CONTRACT] += 1;
		first = 0;
	}
	if (run && run <= SCARE_MAX_WORDS)
		short_runs++;
	for (int i = 0; i < N_FEAT; i++)
		if (f[i] > MAX_COUNT)
			f[i] = MAX_COUNT;
	f[F_NAMES] = own ? (float)caps / (float)own : 0.0f;
	f[F_LENGTH] = logf(1.0f + (float)words);
	f[F_QUOTED] = words ? (float)quoted / (float)words : 0.0f;
	/* A short quoted phrase amid the author's words, unattributed. */
	if (own >= 3 && f[L_REP - 1] == 0)
		f[F_SCARE] =
			short_runs > MAX_COUNT ? MAX_COUNT : (float)short_runs;
	/* Marks the sentence with no words of the author's own. */
	if (!own)
		f[F_QUOTED] = 1.0f;
}

static float logit(const float *f)
{
	float z = BIAS;
	for (int i = 0; i < N_FEAT; i++)
		z += WEIGHTS[i] * f[i];
	return z;
}

static float sigmoid(float z)
{
	return 1.0f / (1.0f + expf(-z));
}

int plx_register_features(const plx_article *art, size_t t0, size_t t1,
			  float *out)
{
	if (!art || !out || t0 > t1 || t1 > art->n_toks)
		return PLX_EINVAL;
	pthread_once(&lex_once, lex_build);
	unsigned char *q = plx_calloc(art->n_toks + 1, 1);
	if (!q)
		return PLX_ENOMEM;
	mark_quoted(art, q);
	features(art, q, t0, t1, out);
	plx_free(q);
	return PLX_OK;
}

int plx_register_classify(plx_analyzer *an, plx_article *art)
{
	(void)an;
	if (!art->n_sents)
		return PLX_OK;
	pthread_once(&lex_once, lex_build);
	unsigned char *q = plx_calloc(art->n_toks, 1);
	float *pz = plx_malloc(art->n_paras * sizeof *pz);
	if (!q || !pz) {
		plx_free(q);
		plx_free(pz);
		return PLX_ENOMEM;
	}
	mark_quoted(art, q);
	float f[N_FEAT];
	for (size_t p = 0; p < art->n_paras; p++) {
		plx_paragraph *para = &art->paras[p];
		float zmax = -INFINITY, zsum = 0.0f, wsum = 0.0f;
		for (size_t k = 0; k < para->n_sentences; k++) {
			plx_sentence *s = &art->sents[para->first_sentence + k];
			size_t t0 = s->first_token, t1 = t0 + s->n_tokens;
			features(art, q, t0, t1, f);
			float z = logit(f);
			if (f[F_QUOTED] >= 1.0f && z > QUOTED_ONLY_LOGIT)
				z = QUOTED_ONLY_LOGIT;
			s->opinion = sigmoid(z);
			s->reg =
				z >= 0.0f ? PLX_REG_OPINION : PLX_REG_REPORTING;
			float w = (float)s->n_tokens + 1.0f;
			zsum += w * z;
			wsum += w;
			if (z > zmax)
				zmax = z;
		}
		pz[p] = para->n_sentences
				? PARA_MAX_SHARE * zmax +
					  (1.0f - PARA_MAX_SHARE) * zsum / wsum
				: QUOTED_ONLY_LOGIT;
	}
	/* Body paragraphs lean toward their body neighbours. */
	for (size_t p = 0; p < art->n_paras; p++) {
		plx_paragraph *para = &art->paras[p];
		float z = pz[p];
		if (para->kind == PLX_PARA_BODY && para->n_sentences) {
			float zl = z, zr = z;
			if (p > 0 && art->paras[p - 1].kind == PLX_PARA_BODY &&
			    art->paras[p - 1].n_sentences)
				zl = pz[p - 1];
			if (p + 1 < art->n_paras &&
			    art->paras[p + 1].kind == PLX_PARA_BODY &&
			    art->paras[p + 1].n_sentences)
				zr = pz[p + 1];
			z = (1.0f - 2 * NEIGHBOUR_SHARE) * z +
			    NEIGHBOUR_SHARE * (zl + zr);
		}
		para->opinion = sigmoid(z);
		para->reg = z >= 0.0f ? PLX_REG_OPINION : PLX_REG_REPORTING;
	}
	plx_free(pz);
	plx_free(q);
	return PLX_OK;
}
