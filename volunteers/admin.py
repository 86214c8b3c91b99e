from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Team


@admin.register(Team)
class TeamAdmin(TabbedTranslationAdmin):
    list_display = ["name", "season", "capacity", "order"]
    list_filter = ["season"]
