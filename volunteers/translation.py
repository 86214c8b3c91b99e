from modeltranslation.translator import TranslationOptions, register

from .models import Team


@register(Team)
class TeamTranslationOptions(TranslationOptions):
    # The contact (name, phone, email) is personal data: never translated.
    fields = ("name", "description", "briefing")
