from modeltranslation.translator import TranslationOptions, register

from .models import Activity, Masar


@register(Masar)
class MasarTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    # Text visitors read. Contact data is never translated.
    fields = ("title", "summary", "description", "organization", "co_organizers")
    required_languages = ()
