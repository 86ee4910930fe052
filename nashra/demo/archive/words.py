"""Words of the generated archive: English and Arabic, drawn with Zipf-like frequencies.

The Arabic words come in the spellings real text mixes (hamza or none, ى/ي, ة/ه, tatweel, a
vowel mark, the prefixes و ب ل ف) so that search is measured on realistic term statistics.
"""

from collections import Counter

# English name, Arabic name: towns and countries, the commonest words of the region's news.
PLACES = [
    ("Yemen", "اليمن"), ("Hodeidah", "الحديدة"), ("Sanaa", "صنعاء"), ("Iraq", "العراق"),
    ("Iran", "إيران"), ("Aden", "عدن"), ("Taiz", "تعز"), ("Marib", "مأرب"),
    ("Mukalla", "المكلا"), ("Hadramawt", "حضرموت"), ("Saada", "صعدة"), ("Ibb", "إب"),
    ("Baghdad", "بغداد"), ("Basra", "البصرة"), ("Mosul", "الموصل"), ("Erbil", "أربيل"),
    ("Kirkuk", "كركوك"), ("Najaf", "النجف"), ("Tehran", "طهران"), ("Isfahan", "أصفهان"),
    ("Syria", "سوريا"), ("Damascus", "دمشق"), ("Aleppo", "حلب"), ("Lebanon", "لبنان"),
    ("Beirut", "بيروت"), ("Jordan", "الأردن"), ("Amman", "عمّان"), ("Egypt", "مصر"),
    ("Cairo", "القاهرة"), ("Alexandria", "الإسكندرية"), ("Saudi Arabia", "السعودية"),
    ("Riyadh", "الرياض"), ("Jeddah", "جدة"), ("Oman", "سلطنة عُمان"), ("Muscat", "مسقط"),
    ("Qatar", "قطر"), ("Doha", "الدوحة"), ("Kuwait", "الكويت"), ("Bahrain", "البحرين"),
    ("Emirates", "الإمارات"), ("Dubai", "دبي"), ("Abu Dhabi", "أبوظبي"), ("Gaza", "غزة"),
    ("Jerusalem", "القدس"), ("Sudan", "السودان"), ("Khartoum", "الخرطوم"), ("Libya", "ليبيا"),
    ("Tunisia", "تونس"), ("Algeria", "الجزائر"), ("Morocco", "المغرب"), ("Turkey", "تركيا"),
    ("Istanbul", "إسطنبول"), ("Somalia", "الصومال"), ("Djibouti", "جيبوتي"),
    ("Eritrea", "إريتريا"), ("Ethiopia", "إثيوبيا"), ("Red Sea", "البحر الأحمر"),
    ("Bab al-Mandab", "باب المندب"),
]  # fmt: skip

THEMES = [
    ("Elections", "الانتخابات"), ("Economy", "الاقتصاد"), ("Health", "الصحة"),
    ("Water", "المياه"), ("Humanitarian aid", "المساعدات الإنسانية"), ("Oil", "النفط"),
    ("Security", "الأمن"), ("Education", "التعليم"), ("Refugees", "اللاجئون"),
    ("Ceasefire", "وقف إطلاق النار"), ("Cholera", "الكوليرا"), ("Currency", "العملة"),
    ("Shipping", "الملاحة"), ("Football", "كرة القدم"), ("Heritage", "التراث"),
    ("Women's rights", "حقوق المرأة"), ("Climate", "المناخ"), ("Floods", "السيول"),
    ("Electricity", "الكهرباء"), ("Corruption", "الفساد"), ("Journalism", "الصحافة"),
    ("Prisoners", "الأسرى"), ("Agriculture", "الزراعة"), ("Fishing", "الصيد"),
    ("Protests", "الاحتجاجات"), ("Diplomacy", "الدبلوماسية"), ("Food prices", "أسعار الغذاء"),
    ("Reconstruction", "إعادة الإعمار"), ("Landmines", "الألغام"), ("Culture", "الثقافة"),
]  # fmt: skip

EN_FUNCTION = (
    "the of to and in a said on for that is with was by at from as has it its have be will "
    "are an were after who not which this but had been they their more than over about two "
    "also would other against some into up new last since while during under three he she"
)
EN_CONTENT = (
    "government officials forces ministry president minister people city year security talks "
    "war peace attack killed port aid humanitarian water health hospital children families "
    "prices fuel oil economy bank currency rial dollar markets trade ships shipping coalition "
    "rebels militia army military troops airstrike airstrikes strike drone drones missile "
    "border ceasefire truce negotiations envoy United Nations Security Council resolution "
    "sanctions parliament elections vote voters candidates campaign protest protesters police "
    "court judge law constitution reform budget salaries workers teachers schools students "
    "university electricity outages wells drought rain floods cholera outbreak vaccine "
    "vaccination doctors clinic patients famine hunger food wheat flour imports exports "
    "farmers agriculture fishermen coast province governorate district village villages "
    "residents displaced refugees camps shelter reconstruction roads bridge airport flights "
    "journalists media statement spokesman spokeswoman report according sources local "
    "international regional agency analysts experts diplomats delegation meeting summit "
    "agreement deal prisoners exchange release detained arrested investigation corruption "
    "funding donors billion million percent week month months days Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday morning evening night capital northern southern eastern "
    "western central tribal leaders commander authorities inflation poverty unemployment "
    "growth investment companies energy gas pipeline solar internet football match league "
    "team players coach championship season heritage museum festival music film poetry "
    "ancient mosque houses restoration women girls rights activists organisations charity "
    "volunteers announced confirmed warned called urged denied reported added told stressed "
    "Washington Russia China Europe European American Iranian Iraqi Yemeni Saudi Houthis"
)
# English spellings of one name that readers and wires use side by side.
EN_SPELLINGS = {
    "Hodeidah": {"Hudaydah": 0.15, "Hodeida": 0.15},
    "Sanaa": {"Sana'a": 0.2, "Sana": 0.05},
    "Houthis": {"Huthis": 0.15, "Houthi": 0.4},
    "Marib": {"Ma'rib": 0.2},
    "Saada": {"Sa'dah": 0.3},
    "Taiz": {"Ta'izz": 0.2},
    "Hadramawt": {"Hadramout": 0.4},
    "Jeddah": {"Jiddah": 0.15},
    "Erbil": {"Irbil": 0.2},
    "Basra": {"Basrah": 0.2},
}
EN_STEMS = "build port form struct mand spect duct press tract ject vis scrib plan stat"
EN_SYLLABLES = "ka ra mi sha da lu ha ba zi no qa ta wa fa ja sa ma na la ya"
EN_AFFIXES = ("re de pre inter over under counter post", "ing ed ion ment ive al er ers ity")

AR_FUNCTION = (
    "في من على إلى أن عن مع التي الذي هذا هذه قد كان كانت بين بعد قبل حيث كما أو ما لا لم إن "
    "أنه قال خلال منذ عند حتى ذلك تلك عام يوم أمس اليوم كل أكثر حول ضد عبر ضمن لدى نحو إلا "
    "بينما لكن أيضا"
)
AR_CONTENT = (
    "الحكومة وزارة وزير الوزير رئيس الرئيس الوزراء مسؤول مسؤولون المسؤولين قوات القوات الأمن "
    "الجيش العسكرية هجوم غارة غارات جوية طائرة مسيرة صاروخ صواريخ الحدود وقف إطلاق النار "
    "هدنة مفاوضات المبعوث الأمم المتحدة مجلس قرار عقوبات البرلمان انتخابات الانتخابات تصويت "
    "مرشحين حملة احتجاجات متظاهرين الشرطة محكمة القانون الدستور إصلاح الموازنة رواتب "
    "الموظفين المعلمين المدارس الطلاب جامعة الكهرباء انقطاع المياه آبار الجفاف الأمطار "
    "السيول فيضانات الكوليرا تفشي لقاح التطعيم الأطباء مستشفى المستشفى عيادة المرضى المجاعة "
    "الجوع الغذاء القمح الدقيق واردات صادرات المزارعين الزراعة الصيادين الساحل محافظة "
    "المحافظة مديرية قرية القرى السكان النازحين اللاجئين مخيمات مأوى الإعمار الطرق جسر مطار "
    "رحلات الصحفيين الإعلام بيان المتحدث تقرير تقارير وفقا مصادر محلية دولية إقليمية وكالة "
    "المحللين خبراء وفد اجتماع قمة اتفاق صفقة الأسرى تبادل الإفراج المعتقلين اعتقال تحقيق "
    "الفساد تمويل المانحين مليار مليون أسبوع الأسبوع شهر أشهر أيام الاثنين الثلاثاء الأربعاء "
    "الخميس الجمعة السبت الأحد صباح مساء العاصمة شمال جنوب شرق غرب القبائل قائد القادة "
    "السلطات البنك المركزي سعر الصرف التضخم الفقر البطالة النمو الاستثمار الشركات شركة "
    "الطاقة الغاز النفط الشمسية الإنترنت الاتصالات كرة القدم مباراة الدوري الفريق اللاعبين "
    "المدرب البطولة الموسم كأس الثقافة التراث متحف مهرجان الموسيقى فيلم كتاب الشعر القديمة "
    "المسجد منازل ترميم النساء الفتيات حقوق ناشطين منظمة منظمات الإغاثة متطوعين الإنسانية "
    "المساعدات الحوثيين الحوثي جماعة التحالف الشرعية ميناء موانئ السفن الملاحة أعلن أعلنت "
    "إعلان أكد أكدت أشار أشارت أضاف أضافت قالت أفاد أفادت ذكرت أوضح طالب دعا إيرانية عراقية "
    "يمنية الإيراني العراقي اليمني الأمريكية واشنطن روسيا الصين الأوروبي مستشفيات مستوى "
    "المنتدى المبنى الأعلى الأولى الكبرى الوسطى آلاف الآن آخر آثار إجراءات إنها أسعار"
)
AR_ROOTS = "كتب درس عمل حكم قتل سلم نصر فتح جمع علم رسل صنع زرع حرب سكن خرج دخل نقل بني وقع"
AR_PATTERNS = "1ا23 م12و3 ت12ي3 است12ا3 م1ا23ة 12ا3ة م12ّ3 ت1ا2ّ3 ا1ت2ا3 م1ت23"
AR_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
AR_NON_JOINING = set("اأإآدذرزوؤةىء")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
HAMZA_FREE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


def _arabic_forms(word, *, content):
    """Return the spellings of word met in real Arabic text, with their relative weights."""
    forms = Counter({word: 1.0})
    if word.translate(HAMZA_FREE) != word:
        forms[word.translate(HAMZA_FREE)] += 0.2
    if word.endswith("ى"):
        forms[word[:-1] + "ي"] += 0.12
    elif word.endswith("ي") and len(word) <= 3:
        forms[word[:-1] + "ى"] += 0.05
    if word.endswith("ة"):
        forms[word[:-1] + "ه"] += 0.08
    if len(word) >= 4 and word[2] not in AR_NON_JOINING:
        forms[word[:3] + "ـ" + word[3:]] += 0.02  # tatweel, stretching a headline word
    forms[word[0] + "َ" + word[1:]] += 0.02  # a vowel mark an author added
    if content:
        stem = word[2:] if word.startswith("ال") else None
        for prefix, weight in (("و", 0.25), ("ب", 0.07), ("ل", 0.05), ("ف", 0.03)):
            joined = "لل" + stem if prefix == "ل" and stem else prefix + word
            forms[joined] += weight
    else:
        forms["و" + word] += 0.12
    return forms


def _rare_words(language, rng, count):
    """Return count made-up but plausible words: the long tail of a real vocabulary."""
    words = set()
    if language == "ar":
        while len(words) < count:
            root = "".join(rng.choice(AR_LETTERS) for _ in range(3))
            if rng.random() < 0.6:
                root = rng.choice(AR_ROOTS.split())
                root = "".join(rng.choice((c, rng.choice(AR_LETTERS))) for c in root)
            pattern = rng.choice(AR_PATTERNS.split())
            word = pattern.replace("1", root[0]).replace("2", root[1]).replace("3", root[2])
            words.add("ال" + word if rng.random() < 0.4 else word)
    else:
        prefixes, suffixes = (part.split() for part in EN_AFFIXES)
        syllables = EN_SYLLABLES.split()
        while len(words) < count:
            if rng.random() < 0.5:
                word = rng.choice(prefixes) + rng.choice(EN_STEMS.split()) + rng.choice(suffixes)
            else:
                ending = rng.choice(("i", "an", "ani"))
                parts = [*rng.choices(syllables, k=rng.randint(2, 3)), ending]
                word = "".join(parts).capitalize()
            words.add(word)
    return sorted(words)


def _numbers(language, rng):
    values = [str(n) for n in range(2, 60)] + [str(y) for y in range(2015, 2027)]
    values += [f"{rng.randint(100, 9999)}" for _ in range(60)] + [f"{n}%" for n in range(5, 95, 5)]
    if language == "ar":
        values = [v.replace("%", "٪") for v in values]
        values += [v.translate(ARABIC_DIGITS) for v in values for _ in (0, 1)]
    return values


class Vocabulary:
    """Words of one language drawn with Zipf-like frequencies: a few very common, many rare."""

    def __init__(self, language, rng):
        self.language = language
        self.rng = rng
        places = [pair[0 if language == "en" else 1] for pair in PLACES]
        function = (EN_FUNCTION if language == "en" else AR_FUNCTION).split()
        numbers = _numbers(language, rng)
        rare = _rare_words(language, rng, 3000)
        content = (EN_CONTENT if language == "en" else AR_CONTENT).split() + places[5:] + numbers
        rng.shuffle(content)
        ranked = function[:20] + places[:5] + function[20:] + content + rare
        # (in text, in titles): numbers and made-up words are rarer than their rank says.
        damping = dict.fromkeys(function, (1, 0.2))
        damping.update(dict.fromkeys(numbers, (0.3, 0.05)))
        damping.update(dict.fromkeys(rare, (0.5, 0.2)))
        surface, text_weights, title_weights = [], [], []
        for rank, word in enumerate(ranked):
            in_text, in_title = damping.get(word, (1, 1))
            weight = in_text / (rank + 2.7) ** 1.07
            if language == "ar" and not word[0].isdigit():
                forms = _arabic_forms(word, content=word not in function)
            else:
                forms = Counter({word: 1.0, **EN_SPELLINGS.get(word, {})})
                if word in places:
                    forms[word + "'s"] += 0.1
            total = sum(forms.values())
            for form, share in forms.items():
                surface.append(form)
                text_weights.append(weight * share / total)
                title_weights.append(text_weights[-1] * in_title / in_text)
        self.surface = surface
        self.text_cum = self._cumulate(text_weights)
        self.title_cum = self._cumulate(title_weights)
        self.comma, self.stop = ("،", ".") if language == "ar" else (",", ".")

    @staticmethod
    def _cumulate(weights):
        total, cumulative = 0.0, []
        for weight in weights:
            total += weight
            cumulative.append(total)
        return cumulative

    def words(self, count, *, title=False):
        cum = self.title_cum if title else self.text_cum
        return self.rng.choices(self.surface, cum_weights=cum, k=count)

    def sentence(self, words):
        if len(words) > 9:
            words[len(words) // 2] += self.comma
        text = " ".join(words)
        if self.language == "en":
            text = text[0].upper() + text[1:]
        return text + self.stop

    def title(self):
        text = " ".join(self.words(self.rng.randint(6, 12), title=True))
        return text[0].upper() + text[1:] if self.language == "en" else text

    def lead(self):
        words = self.words(self.rng.randint(20, 40))
        cut = self.rng.randint(8, len(words) - 8)
        return " ".join((self.sentence(words[:cut]), self.sentence(words[cut:])))

    def paragraph(self):
        rng = self.rng
        lengths = [rng.randint(8, 22) for _ in range(rng.randint(2, 4))]
        words = self.words(sum(lengths))
        sentences, start = [], 0
        for length in lengths:
            sentences.append(self.sentence(words[start : start + length]))
            start += length
        return " ".join(sentences)
