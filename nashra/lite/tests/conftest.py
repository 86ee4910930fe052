import pytest

from nashra.core.tests.factories import figure, gallery

# A long story of each edition: the heaviest lite page there is (10 paragraphs, a hero, an
# inline picture, a gallery of 8, a quote, a video, corrections).
STORIES = {
    "en": {
        "title": "Sanaa's tower houses restored before the rains",
        "lead": "Craftsmen finished work on 140 tower houses with UNESCO funding.",
        "paragraph": "Masons rebuilt the upper floors with the lime plaster their grandfathers "
        "used, and the authority says the work will go on until 2027. ",
        "caption": "A restored tower house in the old city",
        "credit": "Nashra / Huda Mansour",
    },
    "ar": {
        "title": "ترميم منازل صنعاء القديمة قبل موسم الأمطار",
        "lead": "أنجز الحرفيون ترميم 140 منزلًا برجيًا بتمويل من منظمة UNESCO.",
        "paragraph": "أعاد البناؤون بناء الطوابق العليا بالجص الذي استعمله أجدادهم، "
        "وتقول الهيئة إن العمل سيستمر حتى 2027. ",
        "caption": "منزل برجي مرمم في المدينة القديمة",
        "credit": "نشرة / هدى منصور",
    },
}
GALLERY_SIZE = 8
PARAGRAPHS = 10


@pytest.fixture
def long_article(two_editions, image_factory, article_factory):
    """Return a builder of the long story in an edition's Middle East: ``long_article("ar")``."""

    def build(language, **fields):
        edition = two_editions[language]
        story = STORIES[language]
        paragraph = ("paragraph", f"<p>{story['paragraph'] * 3}</p>")
        pictures = [
            image_factory(f"Gallery {language} {number}", caption=f"{story['caption']} {number}")
            for number in range(1, GALLERY_SIZE + 1)
        ]
        inline = image_factory(f"Inline {language}", caption=story["caption"])
        body = [
            *[paragraph] * 4,
            ("subheading", story["caption"]),
            ("image", figure(inline, credit=story["credit"])),
            *[paragraph] * 3,
            ("quote", {"quote": story["lead"], "attribution": story["credit"]}),
            *[paragraph] * 3,
            gallery(pictures, title=story["caption"]),
            ("video", {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "caption": ""}),
        ]
        fields.setdefault("hero_image", image_factory(f"Hero {language}", size=(1600, 900)))
        return article_factory(
            edition.middle_east,
            fields.pop("title", story["title"]),
            lead=story["lead"],
            hero_caption=story["caption"],
            hero_credit=story["credit"],
            body=body,
            topics=[edition.topic],
            authors=[edition.author],
            sources=[edition.source],
            **fields,
        )

    return build
