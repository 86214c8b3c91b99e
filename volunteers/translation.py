from modeltranslation.translator import TranslationOptions, register

from .models import Team


@register(Team)
class TeamTranslationOptions(TranslationOptions):
    fields = ("name", "description")
