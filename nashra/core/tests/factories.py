"""Factories the other apps' factories build on: pages in the tree, translatable rows, images.

``PageFactory`` adds a page below ``parent`` with Wagtail's tree API and publishes a revision
(``publish=False``, or the ``draft`` trait, keeps it a draft); ``TranslatableFactory`` puts a
row in an edition (``language``) and, given ``translation_of``, makes it that row's
translation.
"""

import uuid
from io import BytesIO

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.models import Locale, Page

from nashra.core.models import NashraImage
from nashra.home.services import get_or_create_home


def locale_of(language):
    return Locale.objects.get_or_create(language_code=language)[0]


def english_home():
    """The English edition's home page (created if no test made it): where pages go by default."""
    return get_or_create_home("en", "Nashra Network")[0]


class PageFactory(factory.django.DjangoModelFactory):
    """A page added below ``parent`` with ``add_child``, then published unless asked not to.

    Many-to-many relations (an article's topics, sources, authors) are set before the
    revision is saved, so the published page has them. ``translation_of``: the page of the
    other edition this one translates (it takes its translation key).
    """

    class Meta:
        abstract = True

    class Params:
        draft = factory.Trait(publish=False)

    parent = factory.LazyFunction(english_home)
    publish = True
    translation_of = None
    live = False  # until the revision is published

    @classmethod
    def _build(cls, model_class, *args, parent=None, publish=True, translation_of=None, **kwargs):
        relations = cls._pop_relations(model_class, kwargs)
        page = model_class(*args, **kwargs)
        for name, values in relations.items():
            getattr(page, name).set(values)
        return page

    @classmethod
    def _create(cls, model_class, *args, parent, publish=True, translation_of=None, **kwargs):
        relations = cls._pop_relations(model_class, kwargs)
        if translation_of is not None:
            kwargs.setdefault("translation_key", translation_of.translation_key)
        page = model_class(*args, **kwargs)
        # Another instance of the parent may have had children added since this one was read;
        # the tree API places the new page after parent.numchild of them.
        parent.numchild = Page.objects.filter(pk=parent.pk).values_list("numchild", flat=True).get()
        parent.add_child(instance=page)
        for name, values in relations.items():
            getattr(page, name).set(values)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page

    @staticmethod
    def _pop_relations(model_class, kwargs):
        names = {field.name for field in model_class._meta.many_to_many}
        return {name: kwargs.pop(name) for name in names if name in kwargs}


class TranslatableFactory(factory.django.DjangoModelFactory):
    """A row of one edition (``language``); with ``translation_of``, that row's translation."""

    class Meta:
        abstract = True

    class Params:
        language = "en"
        translation_of = None

    locale = factory.LazyAttribute(lambda o: locale_of(o.language))
    translation_key = factory.LazyAttribute(
        lambda o: o.translation_of.translation_key if o.translation_of else uuid.uuid4()
    )


def jpeg(name, size=(640, 480), color=(180, 90, 40)):
    buffer = BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "JPEG")
    return ImageFile(buffer, name=name)


class NashraImageFactory(factory.django.DjangoModelFactory):
    """An uploaded JPEG of ``size`` in one ``color``, its file named after its title."""

    class Meta:
        model = NashraImage

    class Params:
        size = (640, 480)
        color = (180, 90, 40)

    title = factory.Sequence(lambda n: f"Photo {n}")
    caption = ""
    credit = ""
    file = factory.LazyAttribute(
        lambda o: jpeg(f"{o.title.lower().replace(' ', '-')}.jpg", o.size, o.color)
    )


def figure(image, caption="", credit=""):
    """An image block's value (empty caption and credit: the image's own are shown)."""
    return {"image": image, "caption": caption, "credit": credit}


def gallery(images=None, title=""):
    """A body's gallery block, ("gallery", value), of ``images`` in order (by default two new
    ones: a gallery needs at least two)."""
    if images is None:
        images = NashraImageFactory.create_batch(2)
    return ("gallery", {"title": title, "images": [figure(image) for image in images]})
