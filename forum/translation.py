from modeltranslation.translator import TranslationOptions, register

from .models import Season, Space, Venue


@register(Season)
class SeasonTranslationOptions(TranslationOptions):
    fields = ("name", "slogan", "intro")


@register(Venue)
class VenueTranslationOptions(TranslationOptions):
    fields = ("name", "address")


@register(Space)
class SpaceTranslationOptions(TranslationOptions):
    fields = ("name",)
