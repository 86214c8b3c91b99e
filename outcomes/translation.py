from modeltranslation.translator import TranslationOptions, register

from .models import Initiative, Outcome, Recommendation


@register(Outcome)
class OutcomeTranslationOptions(TranslationOptions):
    fields = ("account",)
    required_languages = ()


@register(Recommendation)
class RecommendationTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ()


@register(Initiative)
class InitiativeTranslationOptions(TranslationOptions):
    fields = ("title", "description", "call_to_join")
    required_languages = ()
