from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Masar


@admin.register(Masar)
class MasarAdmin(TabbedTranslationAdmin):
    list_display = ["name", "season", "slug", "colour", "order"]
    list_filter = ["season"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name_en"]}
