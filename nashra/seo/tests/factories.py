"""The story the SEO tests' article pair tells, in both languages."""

from nashra.core.tests.factories import gallery

EN_PARAGRAPHS = [
    "The agreement was signed on Sunday by the two transport ministers in Baghdad, after "
    "months of talks between the chambers of commerce of both countries.",
    "Customs officers on both sides will keep the Mandali crossing open from dawn to midnight, "
    "and lorry drivers will no longer wait overnight in the queue at the border.",
]
AR_PARAGRAPHS = [
    "وقّع وزيرا النقل الاتفاق يوم الأحد في بغداد بحضور ممثلي غرف التجارة في البلدين، "
    "بعد أشهر من المفاوضات حول تنظيم حركة الشاحنات والمسافرين.",
    "سيبقى منفذ مندلي مفتوحًا من الفجر حتى منتصف الليل أمام الشاحنات والمسافرين، "
    "ولن يضطر السائقون بعد اليوم إلى المبيت في الطابور على الحدود.",
]


def story(paragraphs, images, quote, attribution, heading="Mandali"):
    """An article body: two paragraphs around a subheading and a pull quote, then a gallery."""
    return [
        ("paragraph", f"<p>{paragraphs[0]}</p>"),
        ("subheading", heading),
        ("quote", {"quote": quote, "attribution": attribution}),
        ("paragraph", f"<p>{paragraphs[1]}</p>"),
        gallery(images, title=heading),
    ]
